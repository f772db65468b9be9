/**
 * The reproducible-build contract (docs/reproducible-builds.md): `npm run package` in two copies
 * of the same commit, in different folders, at different times, with different file mtimes, TZ,
 * locale, umask and NODE_ENV, writes byte-identical Chrome, Firefox and source zips.
 *
 * Each copy is the working tree's files (tracked and new, not ignored) committed once into a fresh
 * git repository with HEAD's commit time, so both copies hold the same commit and the test checks
 * what is on disk now. node_modules is hard-linked (cp -al: same bytes, another path); builds only
 * add files there, never rewrite one.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { unzipSync } from 'fflate';

const ROOT = resolve(__dirname, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'pp-repro-'));
// Removing two hard-linked node_modules trees takes a while on a busy machine.
afterAll(() => rmSync(work, { recursive: true, force: true }), 180_000);

function sh(cmd: string, args: string[], opts: SpawnSyncOptions = {}): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 256 << 20, ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}\n${r.stdout}\n${r.stderr}`);
  return String(r.stdout);
}

const commitTime = sh('git', ['log', '-1', '--format=%ct', 'HEAD'], { cwd: ROOT }).trim();
const files = sh('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT })
  .split('\0')
  .filter((f) => f && existsSync(join(ROOT, f)));

/** A copy of the tree at `dir`, every file's mtime set to `mtime`, committed at HEAD's time. */
function checkout(dir: string, mtime: Date): void {
  mkdirSync(dir, { recursive: true });
  for (const f of files) {
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    copyFileSync(join(ROOT, f), join(dir, f));
    utimesSync(join(dir, f), mtime, mtime);
  }
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: 'repro',
    GIT_AUTHOR_EMAIL: 'repro@example.invalid',
    GIT_COMMITTER_NAME: 'repro',
    GIT_COMMITTER_EMAIL: 'repro@example.invalid',
    GIT_AUTHOR_DATE: `@${commitTime} +0000`,
    GIT_COMMITTER_DATE: `@${commitTime} +0000`,
  };
  sh('git', ['init', '-q'], { cwd: dir });
  sh('git', ['add', '-A'], { cwd: dir, env });
  sh('git', ['-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'reproducibility check'], { cwd: dir, env });
  // Same bytes at another path. A hard-link copy where the filesystem allows it (fast, no space).
  const linked = spawnSync('cp', ['-al', join(ROOT, 'node_modules'), join(dir, 'node_modules')]);
  if (linked.status !== 0) {
    rmSync(join(dir, 'node_modules'), { recursive: true, force: true });
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  } else {
    for (const cache of ['.vite', '.vite-temp', '.cache']) rmSync(join(dir, 'node_modules', cache), { recursive: true, force: true });
  }
}

function packageIn(dir: string, env: Record<string, string>, umask: string): string {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  delete childEnv.SOURCE_DATE_EPOCH; // the default: HEAD's commit time
  return sh('sh', ['-c', `umask ${umask} && exec node scripts/package.mjs --strict`], { cwd: dir, env: childEnv });
}

function zipsOf(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const sums = readFileSync(join(dir, 'artifacts', 'SHA256SUMS'), 'utf8')
    .trim()
    .split('\n');
  for (const line of sums) {
    const name = line.split(/\s+/)[1]!;
    out.set(name, readFileSync(join(dir, 'artifacts', name)));
  }
  return out;
}

/** For a failure message: which entries differ between two zips. */
function entryDiff(a: Buffer, b: Buffer): string {
  const ea = unzipSync(a);
  const eb = unzipSync(b);
  const names = [...new Set([...Object.keys(ea), ...Object.keys(eb)])].sort();
  const differing = names.filter((n) => !ea[n] || !eb[n] || Buffer.compare(Buffer.from(ea[n]), Buffer.from(eb[n])) !== 0);
  return differing.length ? `entries that differ: ${differing.join(', ')}` : 'same entries and contents: the zip metadata differs';
}

describe('npm run package is reproducible', () => {
  it('gives byte-identical zips from two copies in different folders, times, TZ, locale and umask', { timeout: 600_000 }, () => {
    const a = join(work, 'a', 'pypi-provenance');
    const b = join(work, 'b', 'some', 'much', 'deeper', 'folder', 'checkout');
    checkout(a, new Date('2001-09-09T01:46:40Z'));
    checkout(b, new Date(Date.now() + 3 * 86400_000));

    // NODE_ENV too: vitest's "test" in one, a developer shell's "development" in the other.
    const outA = packageIn(a, { TZ: 'UTC', LANG: 'C', LC_ALL: 'C', NODE_ENV: 'test' }, '022');
    const outB = packageIn(b, { TZ: 'Pacific/Chatham', LANG: 'fr_FR.UTF-8', LC_ALL: '', NODE_ENV: 'development' }, '077');

    const zipsA = zipsOf(a);
    const zipsB = zipsOf(b);
    const v = pkgVersion();
    expect([...zipsA.keys()]).toEqual([
      `pypi-provenance-chrome-${v}.zip`,
      `pypi-provenance-firefox-${v}.zip`,
      `pypi-provenance-source-${v}.zip`,
    ]);
    for (const [name, bytes] of zipsA) {
      const other = zipsB.get(name)!;
      expect(Buffer.compare(bytes, other), `${name}: ${Buffer.compare(bytes, other) ? entryDiff(bytes, other) : ''}`).toBe(0);
    }
    // Each printed its sha256s, and they agree with SHA256SUMS.
    const sums = readFileSync(join(a, 'artifacts', 'SHA256SUMS'), 'utf8');
    for (const line of sums.trim().split('\n')) {
      const [hash, name] = line.split(/\s+/);
      expect(outA).toContain(`${hash}  ${name}`);
      expect(outB).toContain(`${hash}  ${name}`);
    }
    // The extension zips carry the licence list; the source zip is the committed tree.
    for (const name of [...zipsA.keys()].filter((n) => !n.includes('-source-'))) {
      const entries = unzipSync(zipsA.get(name)!);
      const licences = Buffer.from(entries['THIRD_PARTY_LICENSES.txt']!).toString('utf8');
      expect(licences).toContain('@sigstore/verify');
      expect(licences).toContain('preact');
    }
    const source = unzipSync(zipsA.get([...zipsA.keys()].find((n) => n.includes('-source-'))!)!);
    expect(Object.keys(source).length).toBe(files.length);
  });
});

function pkgVersion(): string {
  return (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}
