/**
 * `pypi-provenance audit LOCKFILE`: every pinned file of a requirements.txt, pylock.toml or uv.lock
 * (src/cli/lockfiles/), verified against the index; the lock's sha256 must equal the index's
 * (a different one is FAILED). Files from elsewhere are rows marked "not checkable", never
 * dropped. Packages are checked a few at a time (the client limits Integrity requests itself).
 */
import { createLimiter } from '../background/limiter';
import { normalizeProjectName } from '../settings';
import { reason } from '../verify/verdict';
import { canonicalizeVersion } from '../verify/version';
import { fileVersion } from '../history/releases';
import { UsageError } from './args';
import { servesIndex, type IndexChoice } from './index-url';
import { parseRequirements } from './lockfiles/requirements';
import { parsePylock, parseUvLock } from './lockfiles/toml-locks';
import { LockFileError, type LockEntry } from './lockfiles/types';
import type { RunContext } from './main';
import { notCheckableRow, rowsOf, bareRow } from './rows';
import type { FileRow, ReleaseRow, RunResult } from './results';

const MAX_LOCK_BYTES = 16 * 1024 * 1024;
const PACKAGES_AT_ONCE = 4;

function dirnameOf(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return i < 0 ? '.' : path.slice(0, i) || '/';
}

async function readText(ctx: RunContext, path: string): Promise<string> {
  let read;
  try {
    read = await ctx.host.readFileCapped(path, MAX_LOCK_BYTES);
  } catch (e) {
    throw new LockFileError(path, null, `cannot read it: ${(e as Error)?.message ?? e}`);
  }
  if (read.tooLarge) throw new LockFileError(path, null, `larger than ${MAX_LOCK_BYTES / 1024 / 1024} MB`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(read.bytes);
  } catch {
    throw new LockFileError(path, null, 'not UTF-8 text');
  }
}

export type LockFormat = 'requirements' | 'pylock' | 'uv';

export function lockFormatOf(path: string): LockFormat {
  const base = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  if (base === 'uv.lock') return 'uv';
  if (/^pylock(\.[^.]+)?\.toml$/.test(base)) return 'pylock';
  return 'requirements';
}

export async function readLockFile(ctx: RunContext, path: string, index: IndexChoice): Promise<LockEntry[]> {
  const format = lockFormatOf(path);
  const checkable = (url: string) => servesIndex(index, url);
  if (format === 'uv') return parseUvLock(path, await readText(ctx, path), checkable);
  if (format === 'pylock') return parsePylock(path, await readText(ctx, path), checkable);
  const { entries, indexUrl } = await parseRequirements(path, {
    read: (p) => readText(ctx, p),
    resolve: (from, ref) => ctx.host.resolvePath(dirnameOf(from), ref),
  });
  if (indexUrl === null || checkable(indexUrl)) return entries;
  // Everything comes from another index (--index-url): nothing here is the index's file.
  return entries.map((e) =>
    e.kind === 'not-checkable'
      ? e
      : {
          kind: 'not-checkable',
          name: e.name,
          version: e.version,
          what: e.name,
          why: `comes from another index (${indexUrl})`,
          source: e.source,
        },
  );
}

/** requirements.txt hashes → the release's files on the index with those hashes; unknown hashes become rows. */
async function hashedFiles(ctx: RunContext, e: Extract<LockEntry, { kind: 'hashes' }>): Promise<{ files: FileRow[]; release: ReleaseRow }> {
  const project = normalizeProjectName(e.name);
  if (e.hashes.length === 0) {
    const out = await rowsOf(ctx, { project, version: e.version, files: 'all', source: e.source });
    if (!out.unknownRelease) return out;
    const row = bareRow(
      project,
      e.version,
      `${project}==${e.version}`,
      [reason('FILE_NOT_IN_INDEX', { detail: `the index lists no files for ${project} ${e.version}` })],
      e.source,
    );
    return { files: [row], release: out.release };
  }
  const idx = await ctx.session.simpleIndex(project);
  if (!idx.ok) {
    const row = bareRow(project, e.version, `${project}==${e.version}`, [idx.reason], e.source);
    return { files: [row], release: { project, version: e.version, history: null } };
  }
  const canonical = canonicalizeVersion(e.version) ?? e.version;
  const byHash = new Map<string, string>();
  for (const f of idx.index.files.values()) {
    if ('bad' in f || fileVersion({ filename: f.filename, provenanceUrl: f.provenanceUrl }) !== canonical) continue;
    byHash.set(f.sha256, f.filename);
  }
  const named = e.hashes.filter((h) => byHash.has(h)).map((h) => ({ filename: byHash.get(h)!, pageSha256: h, source: e.source }));
  const orphans = e.hashes.filter((h) => !byHash.has(h));
  const out =
    named.length > 0
      ? await rowsOf(ctx, { project, version: e.version, files: named })
      : { files: [], release: { project, version: e.version, history: null } };
  const orphanRows = orphans.map((h) =>
    bareRow(
      project,
      e.version,
      `sha256:${h.slice(0, 16)}…`,
      [
        reason('FILE_NOT_IN_INDEX', {
          message: `No file of ${project} ${e.version} on the index has the sha256 ${h} that the lock file lists.`,
          detail: `sha256:${h}`,
        }),
      ],
      e.source,
    ),
  );
  return { files: [...out.files, ...orphanRows], release: out.release };
}

async function entryRows(ctx: RunContext, e: LockEntry): Promise<{ files: FileRow[]; release: ReleaseRow | null }> {
  if (e.kind === 'not-checkable') {
    const label = e.version ? `${e.name}==${e.version}` : e.name;
    const why = e.what && e.what !== e.name ? `${e.why}: ${e.what}` : e.why;
    return { files: [notCheckableRow(normalizeProjectName(e.name), e.version ?? '', label, why, e.source)], release: null };
  }
  if (e.kind === 'hashes') return hashedFiles(ctx, e);
  const project = normalizeProjectName(e.name);
  const files = e.files.map((f) => ({ filename: f.filename, pageSha256: f.sha256, source: e.source }));
  const out = await rowsOf(ctx, { project, version: e.version, files, hashFrom: 'the lock file' });
  return { files: out.files, release: out.release };
}

export async function runAudit(ctx: RunContext, index: IndexChoice): Promise<RunResult> {
  if (ctx.args.positionals.length !== 1) throw new UsageError('audit takes exactly one lock file');
  let entries: LockEntry[];
  try {
    entries = await readLockFile(ctx, ctx.args.positionals[0]!, index);
  } catch (e) {
    if (e instanceof LockFileError) throw new UsageError(e.message);
    throw e;
  }
  const limiter = createLimiter(PACKAGES_AT_ONCE);
  const results = await Promise.all(entries.map((e) => limiter.run(() => entryRows(ctx, e))));
  return {
    files: results.flatMap((r) => r.files),
    releases: results.map((r) => r.release).filter((r): r is ReleaseRow => r !== null),
    strict: ctx.args.flags.has('strict'),
    index: index.origin,
  };
}
