/**
 * Typed messages between the content script and the background service worker. One file, both sides.
 *
 * Flow: the content script opens a Port named PORT_NAME, posts one CheckRequest per page; the worker
 * answers with one FileVerdictMessage per file as soon as it is known (progressive), then CheckDone.
 * If the port disconnects (worker stopped), the content script reconnects and asks again for files
 * still pending; cached verdicts make that cheap.
 *
 * Every message received is validated with the `is*` guards below (a history's shape by
 * isReleaseHistory, src/history/parse.ts): never trust the other side's shape.
 */
import type { Verdict, VerdictLevel } from './verify/verdict';
import type { IdentityPin } from './settings';
import type { ReleaseHistory } from './history/types';

export const PORT_NAME = 'pypi-provenance/check';

export type IndexHost = 'pypi.org' | 'test.pypi.org';
export const INDEX_HOSTS: readonly IndexHost[] = ['pypi.org', 'test.pypi.org'];

/**
 * Where the worker's index code (src/background: client, caches, checker) sends requests: an
 * IndexHost means https://{host} (the extension); the CLI's `--index` gives an origin.
 */
export type IndexLocation = IndexHost | `https://${string}` | `http://${string}`;

/** The origin (scheme://host[:port]) of an index location. */
export function indexOrigin(index: IndexLocation): string {
  return index.includes('://') ? index : `https://${index}`;
}

export interface PageFile {
  filename: string;
  /** sha256 shown on the page (details panel), lowercase hex, or null if the page shows none. */
  pageSha256: string | null;
}

/** content -> background (over the port). */
export interface CheckRequest {
  type: 'check';
  requestId: string;
  index: IndexHost;
  /** PEP 503 normalised project name. */
  project: string;
  /** Release version as shown on the page; null on simple-index pages (all versions). */
  version: string | null;
  files: PageFile[];
  /** Bypass cached verdicts (user pressed "check again"). */
  force?: boolean;
}

export interface PinCheck {
  status: 'none' | 'match' | 'mismatch';
  pin?: IdentityPin;
  /** Human-readable differences, e.g. "repository: pypa/sampleproject → evil/fork". */
  differences?: string[];
}

/** background -> content (over the port): one per file, possibly several times (pending, then final). */
export interface FileVerdictMessage {
  type: 'verdict';
  requestId: string;
  filename: string;
  verdict: Verdict;
  level: VerdictLevel;
  pin: PinCheck;
  /** The index's download URL for the file (checked in simple-index.ts), for the download guard. */
  downloadUrl?: string;
  /** The verified signatures' distinct publisher labels (`publisherLabels`), for the page's summary line; only when there are any. */
  publishers?: string[];
}

/** background -> content: all files of the request have a final verdict. */
export interface CheckDone {
  type: 'done';
  requestId: string;
}

/** background -> content: the request itself could not be served (bad request, index down...). */
export interface CheckFailed {
  type: 'check-failed';
  requestId: string;
  message: string;
}

/**
 * background -> content: the release's publisher history (after `done`; optional, may never come).
 * About the whole page, not one file: file badges keep their own state/level (see docs/history.md).
 */
export interface HistoryMessage {
  type: 'history';
  requestId: string;
  history: ReleaseHistory;
}

export type ContentToBackground = CheckRequest;
export type BackgroundToContent = FileVerdictMessage | CheckDone | CheckFailed | HistoryMessage;

/** One-shot runtime.sendMessage requests (content/popup/options -> background). */
export interface GetProvenanceRequest {
  type: 'get-provenance';
  index: IndexHost;
  project: string;
  filename: string;
}
export interface GetProvenanceResponse {
  ok: boolean;
  /** The raw provenance JSON text as served by the index (for "save raw provenance"). */
  json?: string;
  message?: string;
}
export interface ClearCacheRequest {
  type: 'clear-cache';
}
export interface TabStatusRequest {
  type: 'tab-status';
  tabId: number;
}

/** Options page: the trust root in use and the last update attempt; `refresh` = "Check now" first. */
export interface TrustStatusRequest {
  type: 'trust-status';
  refresh?: boolean;
}
export type TrustStatusResponse =
  { ok: true; status: import('./background/trust-updates').TrustRootStatus } | { ok: false; message: string };

/**
 * content -> background: a project/release page on which no file list of PyPI's own was found
 * (docs/dom.md), so the popup can say so and list the release from the index instead.
 */
export interface PageWithoutListRequest {
  type: 'page-without-list';
  index: IndexHost;
  /** PEP 503 normalised project name (from the URL). */
  project: string;
  /** The release's version (URL, or the page header), or null when unknown. */
  version: string | null;
}

/**
 * content -> background: the page's links to a checked file that are not the index's download URL
 * for it (#17.5), the whole current list (it replaces the last one). The worker re-checks every
 * link against its own copy of the index before the popup names it.
 */
export interface LinkMismatchRequest {
  type: 'link-mismatches';
  index: IndexHost;
  project: string;
  version: string | null;
  links: { filename: string; href: string }[];
}
export const MAX_LINK_MISMATCHES = 20;
export const MAX_LINK_URL = 2048;

/**
 * content -> background, sent at document_start: start fetching what this page's check will need
 * (the simple index; on a release page also the release's provenance, verified as it arrives).
 * No fields: the worker reads the project and version from the sender's URL, which the browser
 * supplies. Nothing is answered to the page; the later `check` finds the work in flight or cached.
 */
export interface PrefetchRequest {
  type: 'prefetch';
}

/**
 * content -> background, sent when the content script starts (before the page is parsed): the
 * verdicts the worker can give at once for this page's release, without a request or a
 * verification (a fresh cached index and fresh cached verdicts: a page seen again). No fields: the
 * worker reads project and version from the sender's URL; a page without a version in its URL gets
 * none. The page shows one on a file whose badge is still pending when the page's hash for the
 * file is the verdict's (or the page shows none); the page's own `check` follows and replaces it.
 */
export interface ReleaseVerdictsRequest {
  type: 'release-verdicts';
}
export type ReleaseVerdictsResponse =
  { ok: true; index: IndexHost; project: string; version: string; verdicts: FileVerdictMessage[] } | { ok: false };

/**
 * content -> background: the settings a page acts on, as the worker resolves them (the user's,
 * with the organisation's policy applied). Answered with PageSettingsResponse.
 */
export interface PageSettingsRequest {
  type: 'page-settings';
}
/** What a page of pypi.org needs of the settings (levels and pins are the worker's). */
export interface PageSettings {
  strict: boolean;
  showSummary: boolean;
  confirmFailedDownloads: boolean;
}
export type PageSettingsResponse = { ok: true; settings: PageSettings } | { ok: false };

export type RuntimeRequest =
  | GetProvenanceRequest
  | ClearCacheRequest
  | TabStatusRequest
  | TrustStatusRequest
  | PageWithoutListRequest
  | LinkMismatchRequest
  | PrefetchRequest
  | ReleaseVerdictsRequest
  | PageSettingsRequest;

/** Answer to ClearCacheRequest. */
export interface ClearCacheResponse {
  ok: boolean;
  message?: string;
}

/** One file of a tab's page, as the worker last judged it (popup). */
export interface TabStatusFile {
  filename: string;
  state: import('./verify/verdict').VerdictState;
  level: VerdictLevel;
  /** The sha256 PyPI's index lists for the file (lowercase hex), once known. */
  sha256?: string;
  /** Short label of the verified publisher (only when the provenance verified). */
  publisher?: string;
  /** Why the file failed or could not be checked (first reason), for the popup. */
  reason?: { code: string; message: string };
  /** False for a file of the release (PyPI's index) that the page's file list did not show. */
  onPage?: boolean;
}

/** A link on the tab's page for a checked file that is not the index's download URL for it (popup). */
export interface TabLinkMismatch {
  filename: string;
  /** The link's URL, as the page has it (absolute). */
  href: string;
  /** The index's download URL for the file. */
  indexUrl: string;
}

/** An absolute http(s) URL of at most MAX_LINK_URL characters, in the URL parser's form (ASCII host), or null. */
function httpUrl(v: unknown): string | null {
  if (typeof v !== 'string' || v.length > MAX_LINK_URL) return null;
  try {
    const u = new URL(v);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch {
    return null;
  }
}

/** One well-formed link mismatch (stored by the worker, answered to the popup: hostile until checked), or null. */
export function parseLinkMismatch(v: unknown): TabLinkMismatch | null {
  if (typeof v !== 'object' || v === null) return null;
  const r = v as Record<string, unknown>;
  const href = httpUrl(r.href);
  const indexUrl = httpUrl(r.indexUrl);
  return isValidFilename(r.filename) && href !== null && indexUrl !== null ? { filename: r.filename, href, indexUrl } : null;
}

/**
 * Answer to TabStatusRequest: what the worker knows about the tab's page (kept in
 * storage.session by tab id). project/version/index are null and files empty when it knows nothing.
 */
export interface TabStatusResponse {
  project: string | null;
  version: string | null;
  index: IndexHost | null;
  files: TabStatusFile[];
  /**
   * 'missing': a project/release page on which PyPI's own file list was not found (the files
   * listed are the release's, from the index); 'none': nor does the index list any file for it.
   */
  pageList?: 'found' | 'missing' | 'none';
  /** Links of the page that are not the index's download URL for their (checked) file. */
  links?: TabLinkMismatch[];
}

const FILENAME_RE = /^[A-Za-z0-9][A-Za-z0-9._+!-]*\.(?:whl|tar\.gz|zip|tar\.bz2|tgz|egg|exe|msi|rpm|dmg|tar\.xz|tar)$/;

export function isValidFilename(s: unknown): s is string {
  return typeof s === 'string' && s.length <= 255 && FILENAME_RE.test(s);
}

/** A plain object (not null, not an array): the first step of every shape check of a message. */
export function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export const MAX_FILES_PER_REQUEST = 2000;

/**
 * A worker message as the content script receives it: a history message's `history` is an object
 * whose shape is checked where it is used (isReleaseHistory, src/history/parse.ts, loaded with the
 * history on the page), so the script every page loads does not carry that check.
 */
export type BackgroundToContentReceived =
  Exclude<BackgroundToContent, HistoryMessage> | (Omit<HistoryMessage, 'history'> & { history: Record<string, unknown> });

export function isBackgroundToContent(v: unknown): v is BackgroundToContentReceived {
  if (!isObj(v) || typeof v.requestId !== 'string') return false;
  if (v.type === 'done') return true;
  if (v.type === 'check-failed') return typeof v.message === 'string';
  if (v.type === 'verdict') return typeof v.filename === 'string' && isObj(v.verdict) && typeof v.level === 'string' && isObj(v.pin);
  if (v.type === 'history') return isObj(v.history);
  return false;
}
