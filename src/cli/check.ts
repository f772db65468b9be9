/**
 * `pypi-provenance check TARGET…`: a release (NAME==VERSION, a project or release URL, or NAME =
 * the latest release) — every file the index lists for it — or local distribution files, hashed
 * here and verified against that hash (a different sha256 on the index is a failure).
 */
import { indexFiles } from '../background/history';
import { groupReleases } from '../history/releases';
import { compareVersions } from '../history/versions';
import { normalizeProjectName } from '../settings';
import { parseDistFilename } from '../verify/filename';
import { canonicalizeVersion } from '../verify/version';
import { UsageError } from './args';
import type { IndexChoice } from './index-url';
import type { RunContext } from './main';
import { bareRow, relabel, rowsOf, type ReleaseTarget } from './rows';
import type { FileRow, ReleaseRow, RunResult } from './results';

export type CheckTarget = { kind: 'release'; project: string; version: string | null } | { kind: 'file'; path: string };

const PROJECT_NAME_RE = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$/;
const DIST_EXT_RE = /\.(whl|tar\.gz|zip)$/i;

/** What one command-line argument names. */
export function parseCheckTarget(arg: string): CheckTarget {
  if (/^https?:\/\//i.test(arg)) {
    let u: URL;
    try {
      u = new URL(arg);
    } catch {
      throw new UsageError(`${JSON.stringify(arg)} is not a URL`);
    }
    const m = /^\/project\/([^/]+)\/(?:([^/]+)\/?)?$/.exec(u.pathname);
    if (!m) throw new UsageError(`${arg}: expected a project page URL such as https://pypi.org/project/NAME/ or …/project/NAME/VERSION/`);
    const project = decodeURIComponent(m[1]!);
    if (!PROJECT_NAME_RE.test(project)) throw new UsageError(`${arg}: not a valid project name`);
    return { kind: 'release', project, version: m[2] ? decodeURIComponent(m[2]) : null };
  }
  const eq = arg.indexOf('==');
  if (eq > 0) {
    const project = arg.slice(0, eq).trim();
    const version = arg.slice(eq + 2).trim();
    if (!PROJECT_NAME_RE.test(project)) throw new UsageError(`${JSON.stringify(project)} is not a valid project name`);
    if (canonicalizeVersion(version) === null) throw new UsageError(`${JSON.stringify(version)} is not a valid version (PEP 440)`);
    return { kind: 'release', project, version };
  }
  if (/[/\\]/.test(arg) || DIST_EXT_RE.test(arg)) return { kind: 'file', path: arg };
  if (PROJECT_NAME_RE.test(arg)) return { kind: 'release', project: arg, version: null };
  throw new UsageError(`${JSON.stringify(arg)} is neither NAME==VERSION, a project URL nor a distribution file`);
}

function basename(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

/**
 * The newest final release with files (else the newest release), from the index. An index that
 * does not know the project is bad input (as for NAME==VERSION); one that cannot be read
 * (network, error, garbage) is "could not check": the row that says why, never a usage error.
 */
async function latestVersion(ctx: RunContext, project: string): Promise<{ version: string } | { row: FileRow }> {
  const idx = await ctx.session.simpleIndex(project);
  if (!idx.ok) {
    if (idx.reason.detail === 'HTTP 404') throw new UsageError(`${project}: the index does not know this project (HTTP 404)`);
    return { row: bareRow(project, '', project, relabel([idx.reason], undefined, ctx.indexName)) };
  }
  const versions = groupReleases(indexFiles(idx.index)).map((r) => r.version);
  const finals = versions.filter((v) => /^(?:\d+!)?\d+(?:\.\d+)*(?:\.post\d+)?$/.test(v));
  const pick = (finals.length > 0 ? finals : versions).sort(compareVersions).at(-1);
  if (!pick) throw new UsageError(`${project}: the index lists no files`);
  return { version: pick };
}

export async function runCheck(ctx: RunContext, index: IndexChoice): Promise<RunResult> {
  const targets = ctx.args.positionals.map(parseCheckTarget);
  const releases: ReleaseTarget[] = [];
  const files: FileRow[] = [];
  for (const t of targets) {
    if (t.kind === 'release') {
      const project = normalizeProjectName(t.project);
      const latest = t.version === null ? await latestVersion(ctx, project) : { version: t.version };
      if ('row' in latest) files.push(latest.row);
      else releases.push({ project, version: latest.version, files: 'all' });
      continue;
    }
    const filename = basename(t.path);
    const parsed = parseDistFilename(filename);
    if (!parsed) throw new UsageError(`${t.path}: ${JSON.stringify(filename)} is not a wheel or sdist file name`);
    let hash;
    try {
      hash = await ctx.host.hashFile(t.path);
    } catch (e) {
      throw new UsageError(`cannot read ${t.path}: ${(e as Error)?.message ?? e}`);
    }
    const same = releases.find((r) => r.project === parsed.name && r.version === parsed.version && r.files !== 'all');
    const file = { filename, pageSha256: hash.sha256, source: { path: t.path } };
    if (same && same.files !== 'all') same.files.push(file);
    else releases.push({ project: parsed.name, version: parsed.version, files: [file], hashFrom: 'the local file' });
  }
  const releaseRows: ReleaseRow[] = [];
  for (const r of releases) {
    const out = await rowsOf(ctx, r);
    if (out.unknownRelease) throw new UsageError(`${r.project}==${r.version}: the index lists no files for this release`);
    if (out.unknownProject && r.files === 'all') throw new UsageError(`${r.project}: the index does not know this project (HTTP 404)`);
    files.push(...out.files);
    releaseRows.push(out.release);
  }
  return { files, releases: releaseRows, strict: ctx.args.flags.has('strict'), index: index.origin };
}
