#!/usr/bin/env node
/**
 * Node host for the CLI bundles: `node scripts/cli.mjs <verify|conformance> ...args`.
 *
 * The CLIs are browser-platform bundles (dist-cli/*.mjs, built by vite.cli.config.ts with the
 * worker's shims) exporting `main(argv, host)`. This file is plain Node: it (re)builds the bundles
 * when missing or older than src/, package-lock.json or the build config — build output goes to
 * STDERR, stdout is reserved for the result — then provides file reading and output.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildCliPackage } from './build-cli-package.mjs';
import { createNodeHost } from './cli-host.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const CLIS = ['verify', 'conformance', 'pypi-provenance'];
const defaultOutDir = join(root, 'dist-cli');
// Tests point this at bundles they built themselves (then no freshness check / rebuild happens).
const prebuiltDir = process.env.PYPI_PROVENANCE_CLI_DIR;

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const e of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, e)));
  return newest;
}

/** True when every bundle exists and is newer than every input. */
export function bundlesFresh() {
  const inputs = Math.max(
    newestMtime(join(root, 'src')),
    newestMtime(join(root, 'public', 'trust')),
    newestMtime(join(root, 'package-lock.json')),
    newestMtime(join(root, 'vite.cli.config.ts')),
    newestMtime(join(root, 'scripts', 'build-config.ts')),
  );
  return CLIS.every((c) => {
    const f = join(defaultOutDir, `${c}.mjs`);
    return existsSync(f) && statSync(f).mtimeMs >= inputs;
  });
}

export function buildBundles() {
  process.stderr.write('cli: building dist-cli/ (missing or older than its sources)\n');
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const r = spawnSync(process.execPath, [vite, 'build', '-c', 'vite.cli.config.ts', '--logLevel', 'warn'], {
    cwd: root,
    stdio: ['ignore', process.stderr, process.stderr], // never pollute stdout
    env: { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
  });
  if (r.status !== 0) throw new Error(`building the CLI bundles failed (exit ${r.status})`);
  buildCliPackage(defaultOutDir); // dist-cli/ stays the npm package (package.json, bin/)
}

const host = createNodeHost();

/** Build if needed, then import a CLI bundle and return its `main(argv, host)`. */
export async function loadMain(cli) {
  if (!CLIS.includes(cli)) throw new Error(`unknown CLI ${cli}`);
  if (!prebuiltDir && !bundlesFresh()) buildBundles();
  // Run like the worker: no Node `Buffer` global. The bundle's first import (src/shim/buffer-global)
  // installs the `buffer` polyfill, which is then what @sigstore/* uses, exactly as in the browser.
  // (Node's own modules use their internal Buffer, not the global.)
  if (process.env.PYPI_PROVENANCE_NODE_BUFFER !== '1') delete globalThis.Buffer;
  const mod = await import(pathToFileURL(join(prebuiltDir ?? defaultOutDir, `${cli}.mjs`)).href);
  return mod.main;
}

export async function run(cli, argv) {
  if (!CLIS.includes(cli)) {
    process.stderr.write(`usage: node scripts/cli.mjs <${CLIS.join('|')}> ...args\n`);
    return 2;
  }
  const main = await loadMain(cli);
  return main(argv, host);
}

/**
 * `npm run verify|conformance|cli -- …` runs this script in the repository folder, whatever folder
 * npm was started in: the paths on the command line are the user's, relative to that folder
 * (npm's INIT_CWD), so that is where they are read from.
 */
const NPM_SCRIPTS = new Set(['verify', 'conformance', 'cli']);
export function userCwd(env = process.env) {
  return NPM_SCRIPTS.has(env.npm_lifecycle_event ?? '') && env.INIT_CWD ? env.INIT_CWD : null;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const cwd = userCwd();
  if (cwd) process.chdir(cwd);
  const [cli = '', ...argv] = process.argv.slice(2);
  run(cli, argv).then(
    (code) => {
      // Let stdout drain before exiting (large JSON into a pipe).
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`${e?.stack ?? e}\n`);
      process.exitCode = 1; // an internal error is never "verified"
    },
  );
}
