#!/usr/bin/env node
/**
 * `npx pypi-provenance …` inside a clone of this repository (the root package.json's bin): runs
 * the pypi-provenance bundle through scripts/cli.mjs (built first when missing or stale), exactly
 * as the installed package's bin does.
 */
import { run } from './cli.mjs';

run('pypi-provenance', process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`pypi-provenance: internal error: ${e?.stack ?? e}\n`);
    process.exitCode = 4; // could not check: never "verified"
  },
);
