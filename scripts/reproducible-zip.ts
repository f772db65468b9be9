/**
 * Byte-reproducible zip archives (used by scripts/package.mjs; see docs/reproducible-builds.md).
 *
 * The same files give the same zip bytes on any machine, in any folder, at any time, under any
 * TZ or umask:
 *  - entries sorted by the UTF-8 bytes of their path; no directory entries;
 *  - every entry's time is SOURCE_DATE_EPOCH (default: the commit time of HEAD), written as a DOS
 *    time in UTC (clamped to 1980-01-01, the earliest a zip can say); no extra fields, so no
 *    Unix/NTFS timestamps;
 *  - permissions fixed: 0644, or 0755 for a file git records as executable; "made by Unix";
 *  - DEFLATE level 9 by fflate, pure JavaScript pinned in package-lock.json: unlike zlib (Node
 *    ships Chromium's fork, whose output may change with the Node version and the CPU's SIMD
 *    features) its output depends only on the input and fflate's version.
 * Symlinks, sockets and other special files are refused rather than silently followed.
 */
import { spawnSync } from 'node:child_process';
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync, type ZipOptions } from 'fflate';

/** The earliest time a DOS date can carry: 1980-01-01T00:00:00Z. */
export const DOS_EPOCH_SECONDS = 315532800;
/** The latest (2107-12-31T23:59:58Z). */
const DOS_MAX_SECONDS = 4354819198;
const UNIX_FILE = 0o100000;
const MADE_BY_UNIX = 3;

/** Compare two paths by their UTF-8 bytes (not UTF-16 code units), so the order is the same everywhere. */
export function comparePaths(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/**
 * SOURCE_DATE_EPOCH (https://reproducible-builds.org/specs/source-date-epoch/): the environment
 * variable when set (a non-negative integer, else an error), otherwise the committer time of HEAD
 * in `repoDir`.
 */
export function sourceDateEpoch(
  repoDir: string,
  env: NodeJS.ProcessEnv = process.env,
): { epoch: number; from: 'SOURCE_DATE_EPOCH' | 'git' } {
  const raw = env.SOURCE_DATE_EPOCH;
  if (raw !== undefined && raw !== '') {
    if (!/^\d+$/.test(raw)) throw new Error(`SOURCE_DATE_EPOCH=${JSON.stringify(raw)} is not a non-negative integer (seconds since 1970)`);
    return { epoch: Number(raw), from: 'SOURCE_DATE_EPOCH' };
  }
  const r = spawnSync('git', ['log', '-1', '--format=%ct', 'HEAD'], { cwd: repoDir, encoding: 'utf8' });
  const out = (r.stdout ?? '').trim();
  if (r.status !== 0 || !/^\d+$/.test(out)) {
    throw new Error(`cannot read the commit time of HEAD in ${repoDir} (not a git checkout?); set SOURCE_DATE_EPOCH instead`);
  }
  return { epoch: Number(out), from: 'git' };
}

/**
 * fflate writes DOS times from a Date's *local* fields; give it a Date whose local fields are the
 * UTC fields of `epoch`, so the zip says the same under every TZ. Checked field by field: a local
 * time that does not exist (a daylight-saving gap) is an error, never a silently shifted time.
 */
function dosDate(epoch: number): Date {
  const clamped = Math.min(Math.max(epoch, DOS_EPOCH_SECONDS), DOS_MAX_SECONDS);
  const u = new Date(clamped * 1000);
  const local = new Date(u.getUTCFullYear(), u.getUTCMonth(), u.getUTCDate(), u.getUTCHours(), u.getUTCMinutes(), u.getUTCSeconds());
  const same =
    local.getFullYear() === u.getUTCFullYear() &&
    local.getMonth() === u.getUTCMonth() &&
    local.getDate() === u.getUTCDate() &&
    local.getHours() === u.getUTCHours() &&
    local.getMinutes() === u.getUTCMinutes() &&
    local.getSeconds() === u.getUTCSeconds();
  if (!same)
    throw new Error(`the time ${u.toISOString()} does not exist in the local time zone (TZ=${process.env.TZ ?? ''}); run with TZ=UTC`);
  return local;
}

export interface ZipEntry {
  path: string;
  data: Uint8Array;
  executable?: boolean;
}

/** The zip of `entries`, every entry dated `epoch` (seconds since 1970, UTC). */
export function reproducibleZip(entries: readonly ZipEntry[], { epoch }: { epoch: number }): Uint8Array {
  const mtime = dosDate(epoch);
  const sorted = [...entries].sort((a, b) => comparePaths(a.path, b.path));
  const files: Record<string, [Uint8Array, ZipOptions]> = {};
  for (let i = 0; i < sorted.length; i++) {
    const e = sorted[i]!;
    if (
      !e.path ||
      e.path.startsWith('/') ||
      e.path.endsWith('/') ||
      e.path.split('/').some((s) => s === '' || s === '.' || s === '..') ||
      e.path.includes('\\')
    ) {
      throw new Error(`zip entry path ${JSON.stringify(e.path)} is not a clean relative path`);
    }
    if (i > 0 && sorted[i - 1]!.path === e.path) throw new Error(`zip entry ${e.path} is listed twice`);
    // A JS object lists integer-like keys first, whatever the insertion order: keep them out.
    if (/^(0|[1-9]\d*)$/.test(e.path)) throw new Error(`zip entry path ${e.path} looks like an array index; rename it`);
    const mode = UNIX_FILE | (e.executable ? 0o755 : 0o644);
    files[e.path] = [e.data, { level: 9, mtime, os: MADE_BY_UNIX, attrs: (mode << 16) >>> 0 }];
  }
  return zipSync(files, { level: 9 });
}

/**
 * Every regular file under `dir`, as sorted POSIX-style relative paths. Symlinks and special
 * files are an error: a build folder holds plain files only, and we never follow links out of it.
 */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (abs: string, rel: string) => {
    for (const name of readdirSync(abs)) {
      const a = join(abs, name);
      const r = rel ? `${rel}/${name}` : name;
      const st = lstatSync(a);
      if (st.isDirectory()) walk(a, r);
      else if (st.isFile()) out.push(r);
      else throw new Error(`${r} in ${dir} is not a regular file or folder (symlink or special file)`);
    }
  };
  walk(dir, '');
  return out.sort(comparePaths);
}

/** The entries for a build folder: every file, non-executable (an extension has no executables). */
export function folderEntries(dir: string): ZipEntry[] {
  return listFiles(dir).map((path) => ({ path, data: readFileSync(join(dir, ...path.split('/'))) }));
}

/**
 * The entries for the files git tracks at `rev` (like `git archive`, but through our writer so
 * the three zips follow one set of rules), under `prefix`. Blobs come from one
 * `git cat-file --batch`; modes from the tree (100755 → executable). Symlinks and submodules are
 * refused: an archive of them would not rebuild the same tree. `prefix` e.g. 'pypi-provenance-0.1.0/'.
 */
export function gitTreeEntries(repoDir: string, rev: string, prefix: string): ZipEntry[] {
  const ls = spawnSync('git', ['ls-tree', '-r', '-z', '--full-tree', rev], { cwd: repoDir, maxBuffer: 64 << 20 });
  if (ls.status !== 0) throw new Error(`git ls-tree ${rev} failed: ${ls.stderr}`);
  const rows: { mode: string; oid: string; path: string }[] = [];
  for (const rec of ls.stdout.toString('utf8').split('\0')) {
    if (!rec) continue;
    const m = /^(\d{6}) (\w+) ([0-9a-f]{40,64})\t(.+)$/s.exec(rec);
    if (!m) throw new Error(`unexpected git ls-tree line ${JSON.stringify(rec)}`);
    const [, mode, type, oid, path] = m as unknown as [string, string, string, string, string];
    if (type !== 'blob' || (mode !== '100644' && mode !== '100755')) {
      throw new Error(`${path}: git mode ${mode} (${type}) cannot go into the source zip (only regular files)`);
    }
    rows.push({ mode, oid, path });
  }
  const cat = spawnSync('git', ['cat-file', '--batch'], {
    cwd: repoDir,
    input: rows.map((r) => r.oid).join('\n') + '\n',
    maxBuffer: 1 << 30,
  });
  if (cat.status !== 0) throw new Error(`git cat-file failed: ${cat.stderr}`);
  const buf = cat.stdout;
  let pos = 0;
  return rows.map((row) => {
    const nl = buf.indexOf(0x0a, pos);
    const header = buf.subarray(pos, nl).toString('utf8');
    const h = /^([0-9a-f]+) blob (\d+)$/.exec(header);
    if (!h || h[1] !== row.oid) throw new Error(`git cat-file: unexpected header ${JSON.stringify(header)} for ${row.path}`);
    const size = Number(h[2]);
    const data = buf.subarray(nl + 1, nl + 1 + size);
    pos = nl + 1 + size + 1; // the blob is followed by a newline
    return { path: prefix + row.path, data, executable: row.mode === '100755' };
  });
}
