#!/usr/bin/env node
/**
 * npm run package — store-ready archives in artifacts/:
 *
 *   artifacts/pypi-provenance-chrome-<version>.zip    dist/ (Chrome Web Store upload)
 *   artifacts/pypi-provenance-firefox-<version>.zip   dist-firefox/ (AMO upload)
 *   artifacts/pypi-provenance-source-<version>.zip    git-tracked files at HEAD (AMO "source code")
 *
 * <version> is package.json's; both built manifests must carry the same one (vite.config.ts takes it
 * from package.json) — checked here, with the per-browser manifest keys, before anything is zipped.
 * Zips are written by `web-ext build` (a plain zip of a directory; no `zip` CLI needed) and the source
 * by `git archive` (tracked files only: node_modules/, dist*, artifacts/ and uncommitted work are not
 * in it — commit first; a dirty tree is reported).
 *
 * Options: --no-build (zip the existing dist/ and dist-firefox/), --strict (fail on a dirty tree).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const ARTIFACTS = join(ROOT, 'artifacts');
const args = new Set(process.argv.slice(2));
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const version = pkg.version;
const NAME = 'pypi-provenance';

function run(cmd, argv, opts = {}) {
  const r = spawnSync(cmd, argv, {
    cwd: ROOT,
    stdio: opts.capture ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    encoding: 'utf8',
    env: { ...process.env, ...opts.env },
  });
  if (r.error) throw new Error(`${cmd} ${argv.join(' ')}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} exited ${r.status}${opts.capture ? `\n${r.stdout}\n${r.stderr}` : ''}`);
  return r.stdout ?? '';
}

function fail(msg) {
  console.error(`package: ${msg}`);
  process.exit(1);
}

function readManifest(dir) {
  const f = join(ROOT, dir, 'manifest.json');
  if (!existsSync(f)) fail(`${dir}/manifest.json is missing (build failed, or --no-build without a build)`);
  return JSON.parse(readFileSync(f, 'utf8'));
}

/** The built manifests: same version as package.json, and each browser's own keys. */
function checkManifests() {
  const chrome = readManifest('dist');
  const firefox = readManifest('dist-firefox');
  const problems = [];
  for (const [name, m] of [
    ['dist', chrome],
    ['dist-firefox', firefox],
  ]) {
    if (m.version !== version) problems.push(`${name}/manifest.json version ${m.version} ≠ package.json ${version}`);
    if (m.manifest_version !== 3) problems.push(`${name}/manifest.json is not MV3`);
  }
  if (!chrome.background?.service_worker) problems.push('dist: background.service_worker missing');
  if (!chrome.minimum_chrome_version) problems.push('dist: minimum_chrome_version missing');
  if (chrome.browser_specific_settings) problems.push('dist: has browser_specific_settings (Firefox-only)');
  if (!Array.isArray(firefox.background?.scripts) || firefox.background?.service_worker)
    problems.push('dist-firefox: background must be {scripts}, not service_worker');
  if (firefox.minimum_chrome_version) problems.push('dist-firefox: has minimum_chrome_version');
  if (!firefox.browser_specific_settings?.gecko?.id) problems.push('dist-firefox: browser_specific_settings.gecko.id missing');
  if (problems.length) fail(`manifest check failed:\n  ${problems.join('\n  ')}`);
}

/** Zip a directory with web-ext build (it only zips; it does not lint). */
function zipDir(dir, outName) {
  const tmp = join(ARTIFACTS, `.tmp-${outName}`);
  rmSync(tmp, { recursive: true, force: true });
  const webExt = join(ROOT, 'node_modules', '.bin', 'web-ext');
  run(webExt, ['build', '--source-dir', dir, '--artifacts-dir', tmp, '--filename', outName, '--overwrite-dest', '--no-config-discovery'], {
    capture: true,
  });
  const out = join(ARTIFACTS, outName);
  rmSync(out, { force: true });
  renameSync(join(tmp, outName), out);
  rmSync(tmp, { recursive: true, force: true });
  return out;
}

function main() {
  if (!/^\d+(\.\d+){0,3}$/.test(String(version))) fail(`package.json version ${version} is not a valid extension version`);
  if (!args.has('--no-build')) {
    run('npm', ['run', 'build']);
    run('npm', ['run', 'build:firefox']);
  }
  checkManifests();
  mkdirSync(ARTIFACTS, { recursive: true });

  const outputs = [];
  outputs.push(zipDir(join(ROOT, 'dist'), `${NAME}-chrome-${version}.zip`));
  outputs.push(zipDir(join(ROOT, 'dist-firefox'), `${NAME}-firefox-${version}.zip`));

  const dirty = run('git', ['status', '--porcelain', '--untracked-files=no'], { capture: true }).trimEnd();
  if (dirty) {
    const msg = `tracked files have uncommitted changes; the source archive is HEAD and may not match the build:\n${dirty}`;
    if (args.has('--strict')) fail(msg);
    console.warn(`package: warning: ${msg}`);
  }
  const source = join(ARTIFACTS, `${NAME}-source-${version}.zip`);
  run('git', ['archive', '--format=zip', `--prefix=${NAME}-${version}/`, '-o', source, 'HEAD']);
  outputs.push(source);

  const commit = run('git', ['rev-parse', '--short', 'HEAD'], { capture: true }).trim();
  console.log(`\npackage: ${NAME} ${version} (source at ${commit})`);
  for (const f of outputs) console.log(`  ${f.slice(ROOT.length + 1)}  ${(statSync(f).size / 1024).toFixed(1)} kB`);
}

try {
  main();
} catch (e) {
  fail(e instanceof Error ? e.message : String(e));
}
