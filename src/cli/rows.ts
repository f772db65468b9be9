/** From the session's answers to the rows every output prints (src/cli/results.ts). */
import type { PageFile } from '../messages';
import { reason, type Reason, type Verdict } from '../verify/verdict';
import type { RunContext } from './main';
import type { FileRow, ReleaseRow } from './results';

export interface NamedFile extends PageFile {
  source?: { path: string; line?: number };
}

export interface ReleaseTarget {
  project: string;
  version: string;
  /** Files named by a lock file or the command line (with their sha256), or every file of the release. */
  files: NamedFile[] | 'all';
  /** Whose sha256 `pageSha256` is, for the mismatch sentence ("the local file", "the lock file"). */
  hashFrom?: string;
  /** Where the release was named (a lock file line): the source of rows without their own. */
  source?: NamedFile['source'];
}

function bareVerdict(filename: string, sha256: string, state: Verdict['state'], reasons: Reason[]): Verdict {
  return { state, filename, sha256, reasons, publisher: null, attestations: [], trustRootId: '', checkedAt: new Date().toISOString() };
}

/** A row whose verdict we make ourselves (no provenance was verified): index errors, unknown hashes. */
export function bareRow(project: string, version: string, filename: string, reasons: Reason[], source?: NamedFile['source']): FileRow {
  const verdict = bareVerdict(filename, '', 'error', reasons);
  return { project, version, filename, verdict, level: 'neutral', pin: { status: 'none' }, checkable: true, ...(source ? { source } : {}) };
}

/** A file the lock names from somewhere else than the index: reported, never skipped. */
export function notCheckableRow(project: string, version: string, what: string, why: string, source?: NamedFile['source']): FileRow {
  return { ...bareRow(project, version, what, [reason('NOT_CHECKABLE', { detail: why })], source), checkable: false };
}

/**
 * The worker's sentences speak of "the page" and of "pypi.org": say whose sha256 it was, and
 * name the index actually asked (--index).
 */
export function relabel(reasons: Reason[], hashFrom: string | undefined, indexName: string): Reason[] {
  return reasons.map((r) => {
    if (r.code === 'HASH_MISMATCH_PAGE_INDEX' && hashFrom) {
      return { ...r, message: `The sha256 of ${hashFrom} differs from the index's sha256 for this file.` };
    }
    if (indexName !== 'pypi.org' && r.code.startsWith('INDEX_') && r.message.startsWith('pypi.org ')) {
      return { ...r, message: indexName + r.message.slice('pypi.org'.length) };
    }
    return r;
  });
}

export async function rowsOf(
  ctx: RunContext,
  target: ReleaseTarget,
): Promise<{ files: FileRow[]; release: ReleaseRow; unknownRelease: boolean; unknownProject: boolean }> {
  const res = await ctx.session.checkRelease(target.project, target.version, target.files, {
    onFiles: (n) => ctx.progress.add(n),
    onFile: () => ctx.progress.tick(),
  });
  const release: ReleaseRow = { project: res.project, version: target.version, history: res.history };
  const sources = new Map(target.files === 'all' ? [] : target.files.map((f) => [f.filename, f.source] as const));
  if (res.indexError && target.files === 'all') {
    // No file names without the index: one row for the release says why.
    const row = bareRow(
      res.project,
      target.version,
      `${res.project}==${target.version}`,
      relabel([res.indexError], undefined, ctx.indexName),
      target.source,
    );
    return { files: [row], release, unknownRelease: false, unknownProject: res.indexError.detail === 'HTTP 404' };
  }
  const files: FileRow[] = res.files.map((m) => {
    const source = sources.get(m.filename) ?? target.source;
    return {
      project: res.project,
      version: target.version,
      filename: m.filename,
      verdict: { ...m.verdict, reasons: relabel(m.verdict.reasons, target.hashFrom, ctx.indexName) },
      level: m.pin.status === 'mismatch' ? 'danger' : m.level,
      pin: m.pin,
      checkable: true,
      ...(source ? { source } : {}),
    };
  });
  return { files, release, unknownRelease: target.files === 'all' && files.length === 0, unknownProject: false };
}
