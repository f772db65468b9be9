/**
 * The peer verifier for the bench: @freedomofpress/sigstore-browser 0.1.14, installed on demand
 * into .cache/bench/peer from scripts/bench/peer/package.json (its own package scope: the product's
 * package.json and lock file never name it). Its dependency @freedomofpress/tuf-browser ^0.1.11 is
 * not on the registry here, so that package.json overrides it to 0.1.8; the TUF path is never
 * called (the bench loads the trust root directly).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const PEER_NAME = '@freedomofpress/sigstore-browser';

/** { entry, hook, version } when installed (installing if needed), else { error }. */
export function ensurePeer(root, { install = true } = {}) {
  const dir = join(root, '.cache', 'bench', 'peer');
  const spec = join(root, 'scripts', 'bench', 'peer', 'package.json');
  const pkgDir = join(dir, 'node_modules', ...PEER_NAME.split('/'));
  const want = JSON.parse(readFileSync(spec, 'utf8')).dependencies[PEER_NAME];
  const have = () =>
    existsSync(join(pkgDir, 'package.json')) ? JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')).version : null;
  if (have() !== want && install) {
    mkdirSync(dir, { recursive: true });
    copyFileSync(spec, join(dir, 'package.json'));
    const r = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--no-package-lock'], {
      cwd: dir,
      encoding: 'utf8',
    });
    if (r.status !== 0)
      return { error: `npm install of ${PEER_NAME}@${want} failed: ${(r.stderr || r.stdout).trim().split('\n').slice(-3).join(' ')}` };
  }
  const version = have();
  if (version !== want) return { error: `${PEER_NAME}@${want} is not installed in .cache/bench/peer` };
  const tuf = join(dir, 'node_modules', '@freedomofpress', 'tuf-browser', 'package.json');
  return {
    entry: join(pkgDir, 'dist', 'index.js'),
    hook: join(root, 'scripts', 'bench', 'peer', 'peer-hook.mjs'),
    version,
    tufBrowser: existsSync(tuf) ? JSON.parse(readFileSync(tuf, 'utf8')).version : null,
  };
}
