#!/usr/bin/env node
/**
 * The installed `pypi-provenance` command (npm package built by scripts/build-cli-package.mjs).
 * Plain Node: it provides files and output (cli-host.mjs) to the bundled CLI (../pypi-provenance.mjs,
 * built like the extension's service worker) and sets the exit code.
 */
import { readFileSync } from 'node:fs';
import { createNodeHost } from './cli-host.mjs';
import { satisfiesEngines } from './node-version.mjs';

const { engines } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
if (!satisfiesEngines(process.version, engines.node)) {
  process.stderr.write(`pypi-provenance needs Node.js ${engines.node} (this is ${process.version}).\n`);
  process.exit(2);
}
// Run like the worker: no Node `Buffer` global; the bundle installs the `buffer` polyfill.
delete globalThis.Buffer;
const { main } = await import('../pypi-provenance.mjs');
try {
  process.exitCode = await main(process.argv.slice(2), createNodeHost());
} catch (e) {
  process.stderr.write(`pypi-provenance: internal error: ${e?.stack ?? e}\n`);
  process.exitCode = 4; // could not check: never "verified"
}
