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
 * The zips are reproducible (scripts/reproducible-zip.ts, docs/reproducible-builds.md): the same
 * commit gives byte-identical zips in any folder, at any time: sorted entries, every time set to
 * SOURCE_DATE_EPOCH (default: the commit time of HEAD), fixed permissions, deterministic DEFLATE.
 * The source zip holds the files git tracks at HEAD (node_modules/, dist*, artifacts/ and
 * uncommitted work are not in it — commit first; a dirty tree is reported).
 * Before zipping, every built file is checked for the build folder's absolute path, and each
 * extension build must carry THIRD_PARTY_LICENSES.txt (written by scripts/licenses/).
 * Prints each zip's sha256 and writes them to artifacts/SHA256SUMS (`sha256sum -c` format).
 *
 * Options: --no-build (zip the existing dist/ and dist-firefox/), --strict (fail on a dirty tree),
 * --out DIR (write the zips there instead of artifacts/).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { folderEntries, gitTreeEntries, reproducibleZip, sourceDateEpoch } from './reproducible-zip.ts';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const argv = process.argv.slice(2);
const args = new Set(argv);
const outIndex = argv.indexOf('--out');
const ARTIFACTS = outIndex >= 0 && argv[outIndex + 1] ? resolve(argv[outIndex + 1]) : join(ROOT, 'artifacts');
const LICENSE_FILE = 'THIRD_PARTY_LICENSES.txt';
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

/**
 * Nothing built may name the folder it was built in (source maps, crxjs output, bundler comments):
 * such a file differs between two checkouts and leaks the builder's paths.
 */
function checkNoBuildPaths(dir, entries) {
  const needles = [...new Set([ROOT, realpathSync(ROOT)])].map((p) => Buffer.from(p, 'utf8'));
  const bad = entries.filter((e) => needles.some((n) => Buffer.from(e.data.buffer, e.data.byteOffset, e.data.byteLength).includes(n)));
  if (bad.length) fail(`${dir}: these files contain the build folder's absolute path (${ROOT}):\n  ${bad.map((e) => e.path).join('\n  ')}`);
}

/** Zip a build folder reproducibly; returns the zip's path. */
function zipBuild(dir, outName, epoch) {
  const entries = folderEntries(join(ROOT, dir));
  if (!entries.some((e) => e.path === LICENSE_FILE)) fail(`${dir}/${LICENSE_FILE} is missing (the licence step of the build did not run)`);
  checkNoBuildPaths(dir, entries);
  return writeZip(outName, entries, epoch);
}

function writeZip(outName, entries, epoch) {
  const out = join(ARTIFACTS, outName);
  rmSync(out, { force: true });
  writeFileSync(out, reproducibleZip(entries, { epoch }));
  return out;
}

const sha256 = (file) => createHash('sha256').update(readFileSync(file)).digest('hex');

function main() {
  if (!/^\d+(\.\d+){0,3}$/.test(String(version))) fail(`package.json version ${version} is not a valid extension version`);
  if (!args.has('--no-build')) {
    // NODE_ENV changes what bundlers emit (Preact's JSX dev transform writes source paths): a
    // shell's NODE_ENV=development or a test runner's NODE_ENV=test must not reach a release build.
    const env = { NODE_ENV: 'production' };
    run('npm', ['run', 'build'], { env });
    run('npm', ['run', 'build:firefox'], { env });
  }
  checkManifests();
  mkdirSync(ARTIFACTS, { recursive: true });
  const { epoch, from } = sourceDateEpoch(ROOT);

  const outputs = [];
  outputs.push(zipBuild('dist', `${NAME}-chrome-${version}.zip`, epoch));
  outputs.push(zipBuild('dist-firefox', `${NAME}-firefox-${version}.zip`, epoch));

  const dirty = run('git', ['status', '--porcelain', '--untracked-files=no'], { capture: true }).trimEnd();
  if (dirty) {
    const msg = `tracked files have uncommitted changes; the source archive is HEAD and may not match the build:\n${dirty}`;
    if (args.has('--strict')) fail(msg);
    console.warn(`package: warning: ${msg}`);
  }
  outputs.push(writeZip(`${NAME}-source-${version}.zip`, gitTreeEntries(ROOT, 'HEAD', `${NAME}-${version}/`), epoch));

  const sums = outputs.map((f) => ({ name: f.slice(ARTIFACTS.length + 1), hash: sha256(f), size: readFileSync(f).length }));
  writeFileSync(join(ARTIFACTS, 'SHA256SUMS'), sums.map((s) => `${s.hash}  ${s.name}\n`).join(''));
  const commit = run('git', ['rev-parse', 'HEAD'], { capture: true }).trim();
  const when = new Date(Math.max(epoch, 315532800) * 1000).toISOString();
  console.log(
    `\npackage: ${NAME} ${version} from commit ${commit}; zip times ${when} (${from === 'git' ? 'commit time' : 'SOURCE_DATE_EPOCH'})`,
  );
  console.log(`package: sha256 (also in ${join(ARTIFACTS, 'SHA256SUMS')}):`);
  for (const s of sums) console.log(`${s.hash}  ${s.name}  (${(s.size / 1024).toFixed(1)} kB)`);
}

try {
  main();
} catch (e) {
  fail(e instanceof Error ? e.message : String(e));
}
