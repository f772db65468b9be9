/**
 * Parse the PEP 691 JSON simple index (`/simple/<project>/`, application/vnd.pypi.simple.v1+json)
 * into what the worker needs per file. The input is hostile: every field is checked, and a file
 * whose entry is malformed is kept as `{ bad }` so the page shows "could not check" for it rather
 * than "not in the index".
 */
import { indexOrigin, isValidFilename, type IndexLocation } from '../messages';
import { normalizeProjectName } from '../settings';

export interface SimpleFile {
  filename: string;
  /** lowercase hex, from hashes.sha256 */
  sha256: string;
  /** Integrity API URL on the same index, or null = the index says there is no provenance. */
  provenanceUrl: string | null;
  uploadTime: string | null;
  /** false, or true / the reason string (PEP 592). */
  yanked: boolean | string;
  /**
   * The index's download URL for the file (absolute, no fragment), when it gave one we accept:
   * https on files.pythonhosted.org / test-files.pythonhosted.org, or the index's own origin, with
   * the filename as last path segment. Absent when missing or unacceptable (the guard then cannot
   * compare and says nothing).
   */
  downloadUrl?: string;
}

export interface BadSimpleFile {
  filename: string;
  bad: string;
}

export type SimpleEntry = SimpleFile | BadSimpleFile;

export interface SimpleIndex {
  project: string;
  apiVersion: string;
  lastSerial: number | null;
  files: Map<string, SimpleEntry>;
}

export interface SimpleParseOptions {
  /**
   * Origins whose `/integrity/…` URLs are accepted and rebased onto the index's own origin (the
   * CLI with a mirror at --index). Empty for the extension: a URL on another host is malformed.
   */
  foreignIntegrityOrigins?: readonly string[];
}

export type SimpleParseResult = { ok: true; index: SimpleIndex } | { ok: false; detail: string };

export const MAX_SIMPLE_FILES = 100_000;
const SHA256_RE = /^[0-9a-f]{64}$/;
const MAX_URL_LENGTH = 2048;

export function isBad(e: SimpleEntry): e is BadSimpleFile {
  return 'bad' in e;
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function decodeSegment(s: string): string | null {
  try {
    const d = decodeURIComponent(s);
    return d.includes('/') ? null : d;
  } catch {
    return null;
  }
}

/**
 * A provenance URL must be `{index origin}/integrity/{project}/{version}/{filename}/provenance`
 * for THIS project and THIS file: no other host, port, credentials, query or fragment.
 * Returns the normalised URL or null.
 */
export function checkProvenanceUrl(
  raw: string,
  index: IndexLocation,
  project: string,
  filename: string,
  opts: SimpleParseOptions = {},
): string | null {
  const origin = indexOrigin(index);
  // A local mirror serving pypi.org's JSON as is (the CLI's --index): its integrity URLs name
  // pypi.org; we rebase them onto the mirror, so nothing is ever fetched from anywhere else.
  const foreign = opts.foreignIntegrityOrigins?.find((o) => o !== origin && raw.startsWith(`${o}/integrity/`));
  if (foreign !== undefined) raw = origin + raw.slice(foreign.length);
  if (raw.length > MAX_URL_LENGTH || !raw.startsWith(`${origin}/integrity/`)) return null;
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return null;
  }
  if ((u.protocol !== 'https:' && u.protocol !== 'http:') || u.origin !== origin || u.username !== '' || u.password !== '') return null;
  if (u.search !== '' || u.hash !== '' || raw.includes('?') || raw.includes('#')) return null;
  const segs = u.pathname.split('/');
  if (segs.length !== 6 || segs[0] !== '' || segs[1] !== 'integrity' || segs[5] !== 'provenance') return null;
  const p = decodeSegment(segs[2]!);
  const v = decodeSegment(segs[3]!);
  const f = decodeSegment(segs[4]!);
  if (p === null || v === null || f === null || v === '' || v === '.' || v === '..') return null;
  if (normalizeProjectName(p) !== project || f !== filename) return null;
  return u.href;
}

export const DOWNLOAD_HOSTS: readonly string[] = ['files.pythonhosted.org', 'test-files.pythonhosted.org'];

/**
 * The file's `url` from the simple index, checked: resolved against the project's simple page
 * (PEP 691 allows relative URLs), https on a PyPI file host or the index's own origin, no
 * credentials or query, a fragment only of the `sha256=` form (dropped), the last path segment
 * the filename. Returns the absolute URL without fragment, or null.
 */
export function checkDownloadUrl(raw: unknown, index: IndexLocation, project: string, filename: string): string | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_URL_LENGTH) return null;
  const origin = indexOrigin(index);
  let u: URL;
  try {
    u = new URL(raw, `${origin}/simple/${encodeURIComponent(project)}/`);
  } catch {
    return null;
  }
  const onFileHost = u.protocol === 'https:' && DOWNLOAD_HOSTS.includes(u.hostname) && u.port === '';
  if (!onFileHost && u.origin !== origin) return null;
  if (u.username !== '' || u.password !== '' || u.search !== '') return null;
  if (u.hash !== '' && !/^#sha256=[0-9a-f]{64}$/.test(u.hash)) return null;
  const last = u.pathname.split('/').pop() ?? '';
  if (decodeSegment(last) !== filename) return null;
  u.hash = '';
  return u.href;
}

function parseFile(
  v: Record<string, unknown>,
  filename: string,
  index: IndexLocation,
  project: string,
  opts: SimpleParseOptions,
): SimpleEntry {
  const hashes = v.hashes;
  if (!isObj(hashes) || typeof hashes.sha256 !== 'string' || !SHA256_RE.test(hashes.sha256)) {
    return { filename, bad: 'hashes.sha256 is missing or not 64 lowercase hex digits' };
  }
  if (!('provenance' in v)) return { filename, bad: 'no "provenance" key (index too old to tell)' };
  let provenanceUrl: string | null = null;
  if (v.provenance !== null) {
    if (typeof v.provenance !== 'string') return { filename, bad: '"provenance" is neither null nor a URL' };
    provenanceUrl = checkProvenanceUrl(v.provenance, index, project, filename, opts);
    if (provenanceUrl === null) return { filename, bad: '"provenance" is not an Integrity API URL on the same index for this file' };
  }
  let uploadTime: string | null = null;
  if (v['upload-time'] !== undefined && v['upload-time'] !== null) {
    if (typeof v['upload-time'] !== 'string' || v['upload-time'].length > 64) return { filename, bad: '"upload-time" is not a string' };
    uploadTime = v['upload-time'];
  }
  let yanked: boolean | string = false;
  if (v.yanked !== undefined) {
    if (typeof v.yanked === 'boolean') yanked = v.yanked;
    else if (typeof v.yanked === 'string') yanked = v.yanked.length > 0 ? v.yanked.slice(0, 1000) : true;
    else return { filename, bad: '"yanked" is neither a boolean nor a string' };
  }
  const downloadUrl = checkDownloadUrl(v.url, index, project, filename);
  const out: SimpleFile = { filename, sha256: hashes.sha256, provenanceUrl, uploadTime, yanked };
  if (downloadUrl !== null) out.downloadUrl = downloadUrl;
  return out;
}

export function parseSimpleIndex(json: unknown, index: IndexLocation, project: string, opts: SimpleParseOptions = {}): SimpleParseResult {
  if (!isObj(json)) return { ok: false, detail: 'not a JSON object' };
  const meta = json.meta;
  if (!isObj(meta) || typeof meta['api-version'] !== 'string' || !/^1\.\d{1,4}$/.test(meta['api-version'])) {
    return { ok: false, detail: 'meta.api-version is missing or not 1.x' };
  }
  const serial = meta['_last-serial'];
  const lastSerial = typeof serial === 'number' && Number.isSafeInteger(serial) && serial >= 0 ? serial : null;
  if (typeof json.name !== 'string' || normalizeProjectName(json.name) !== project) {
    return {
      ok: false,
      detail: `the index describes a different project (${typeof json.name === 'string' ? json.name.slice(0, 100) : 'no name'})`,
    };
  }
  if (!Array.isArray(json.files)) return { ok: false, detail: '"files" is not a list' };
  if (json.files.length > MAX_SIMPLE_FILES) return { ok: false, detail: 'too many files' };
  const files = new Map<string, SimpleEntry>();
  for (const f of json.files as unknown[]) {
    // An entry we cannot attribute to a filename is skipped: a page file it might have been
    // becomes FILE_NOT_IN_INDEX, which is "could not check" as well.
    if (!isObj(f) || !isValidFilename(f.filename)) continue;
    const filename = f.filename;
    if (files.has(filename)) {
      files.set(filename, { filename, bad: 'the file is listed twice' });
      continue;
    }
    files.set(filename, parseFile(f, filename, index, project, opts));
  }
  return { ok: true, index: { project, apiVersion: meta['api-version'], lastSerial, files } };
}

/** JSON-safe form for storage. */
export interface StoredSimpleIndex {
  project: string;
  apiVersion: string;
  lastSerial: number | null;
  files: SimpleEntry[];
}

export function toStored(idx: SimpleIndex): StoredSimpleIndex {
  return { project: idx.project, apiVersion: idx.apiVersion, lastSerial: idx.lastSerial, files: [...idx.files.values()] };
}

/** Re-validate what storage gives back (it can hold anything); null if unusable. */
export function fromStored(v: unknown, index: IndexLocation, project: string): SimpleIndex | null {
  if (!isObj(v) || v.project !== project || typeof v.apiVersion !== 'string' || !Array.isArray(v.files)) return null;
  const files = new Map<string, SimpleEntry>();
  for (const f of v.files as unknown[]) {
    if (!isObj(f) || !isValidFilename(f.filename)) return null;
    if (typeof f.bad === 'string') {
      files.set(f.filename, { filename: f.filename, bad: f.bad });
      continue;
    }
    if (typeof f.sha256 !== 'string' || !SHA256_RE.test(f.sha256)) return null;
    let url: string | null = null;
    if (f.provenanceUrl !== null) {
      if (typeof f.provenanceUrl !== 'string') return null;
      url = checkProvenanceUrl(f.provenanceUrl, index, project, f.filename);
      if (url === null) return null;
    }
    const yanked = typeof f.yanked === 'boolean' || typeof f.yanked === 'string' ? f.yanked : false;
    const entry: SimpleFile = {
      filename: f.filename,
      sha256: f.sha256,
      provenanceUrl: url,
      uploadTime: typeof f.uploadTime === 'string' ? f.uploadTime : null,
      yanked,
    };
    const downloadUrl = f.downloadUrl === undefined ? null : checkDownloadUrl(f.downloadUrl, index, project, f.filename);
    if (downloadUrl !== null) entry.downloadUrl = downloadUrl;
    files.set(f.filename, entry);
  }
  const lastSerial = typeof v.lastSerial === 'number' ? v.lastSerial : null;
  return { project, apiVersion: v.apiVersion, lastSerial, files };
}
