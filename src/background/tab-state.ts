/**
 * Per-tab page state for the popup and the toolbar badge, kept in `browser.storage.session`
 * (key `tab:<id>`) so it survives the worker being stopped, mirrored in memory.
 * Writes are coalesced per tab: at most one in flight, the latest state wins.
 */
import {
  INDEX_HOSTS,
  isValidFilename,
  MAX_LINK_MISMATCHES,
  parseLinkMismatch,
  type CheckRequest,
  type IndexHost,
  type TabLinkMismatch,
  type TabStatusFile,
  type TabStatusResponse,
} from '../messages';
import type { VerdictLevel, VerdictState } from '../verify/verdict';
import type { StorageAreaLike } from './bounded-store';
import type { FileVerdictMessage } from '../messages';
import { identityLabel, verifiedIdentity } from '../ui/identity';

const STATES: readonly VerdictState[] = ['verified', 'failed', 'absent', 'error', 'pending'];
const LEVELS: readonly VerdictLevel[] = ['ok', 'neutral', 'warning', 'danger'];
const MAX_FILES = 2000;

export const EMPTY_TAB_STATUS: TabStatusResponse = { project: null, version: null, index: null, files: [] };

export function parseTabStatus(v: unknown): TabStatusResponse | null {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return null;
  const o = v as Record<string, unknown>;
  if (typeof o.project !== 'string' || !INDEX_HOSTS.includes(o.index as IndexHost) || !Array.isArray(o.files)) return null;
  const files: TabStatusFile[] = [];
  for (const f of o.files.slice(0, MAX_FILES)) {
    if (typeof f !== 'object' || f === null) continue;
    const r = f as Record<string, unknown>;
    if (!isValidFilename(r.filename) || !STATES.includes(r.state as VerdictState) || !LEVELS.includes(r.level as VerdictLevel)) continue;
    files.push(fileDetails({ filename: r.filename, state: r.state as VerdictState, level: r.level as VerdictLevel }, r));
  }
  const status: TabStatusResponse = {
    project: o.project,
    version: typeof o.version === 'string' ? o.version : null,
    index: o.index as IndexHost,
    files,
  };
  if (o.pageList === 'found' || o.pageList === 'missing' || o.pageList === 'none') status.pageList = o.pageList;
  const links = parseLinks(o.links, new Set(files.map((f) => f.filename)));
  if (links.length > 0) status.links = links;
  return status;
}

/** Well-formed link mismatches about files of the tab's list, bounded. */
export function parseLinks(v: unknown, filenames: ReadonlySet<string>): TabLinkMismatch[] {
  if (!Array.isArray(v)) return [];
  return v
    .slice(0, MAX_LINK_MISMATCHES)
    .map(parseLinkMismatch)
    .filter((l): l is TabLinkMismatch => l !== null && filenames.has(l.filename));
}

const text = (v: unknown, max: number): string | undefined => (typeof v === 'string' && v.length > 0 ? v.slice(0, max) : undefined);

/** The optional, bounded details of a file (sha256, publisher, reason, onPage), copied only when well formed. */
function fileDetails(base: TabStatusFile, r: Record<string, unknown>): TabStatusFile {
  const f: TabStatusFile = { ...base };
  if (typeof r.sha256 === 'string' && SHA256_RE.test(r.sha256)) f.sha256 = r.sha256;
  const publisher = text(r.publisher, 200);
  if (publisher) f.publisher = publisher;
  const reason = r.reason as Record<string, unknown> | null | undefined;
  if (typeof reason === 'object' && reason !== null) {
    const code = text(reason.code, 64);
    const message = text(reason.message, 500);
    if (code && message) f.reason = { code, message };
  }
  if (r.onPage === false) f.onPage = false;
  return f;
}

const SHA256_RE = /^[0-9a-f]{64}$/;

/** What the popup keeps of a verdict: state, level, index sha256, verified publisher, first reason (or the several-publishers note). */
export function tabFileFromVerdict(m: FileVerdictMessage): TabStatusFile {
  const v = m.verdict;
  const file: TabStatusFile = { filename: m.filename, state: v.state, level: m.level };
  if (typeof v.sha256 === 'string' && SHA256_RE.test(v.sha256)) file.sha256 = v.sha256;
  const id = verifiedIdentity(v);
  if (id) file.publisher = identityLabel(id);
  const first = v.state === 'failed' || v.state === 'error' ? v.reasons[0] : undefined;
  // A verified file whose bundles name different identities says so, with every name (#17.4).
  const multiple = v.state === 'verified' ? v.reasons.find((r) => r.code === 'MULTIPLE_PUBLISHERS') : undefined;
  if (m.pin.status === 'mismatch') file.reason = { code: 'PIN_MISMATCH', message: m.pin.differences?.[0] ?? 'PIN_MISMATCH' };
  else if (first) file.reason = { code: first.code, message: first.message };
  else if (multiple) file.reason = { code: multiple.code, message: multiple.message };
  return fileDetails(file, file as unknown as Record<string, unknown>);
}

export class TabStates {
  private readonly memory = new Map<number, TabStatusResponse>();
  private readonly writing = new Map<number, Promise<void>>();
  private readonly dirty = new Set<number>();

  constructor(
    private readonly storage: StorageAreaLike,
    /** Called after every change (e.g. to update the badge). */
    private readonly onChange: (tabId: number, status: TabStatusResponse) => void = () => {},
    private readonly onError: (e: unknown) => void = () => {},
  ) {}

  private key(tabId: number): string {
    return `tab:${tabId}`;
  }

  async get(tabId: number): Promise<TabStatusResponse> {
    const m = this.memory.get(tabId);
    if (m) return m;
    try {
      const got = await this.storage.get(this.key(tabId));
      const parsed = parseTabStatus(got[this.key(tabId)]);
      if (parsed) {
        this.memory.set(tabId, parsed);
        return parsed;
      }
    } catch (e) {
      this.onError(e);
    }
    return EMPTY_TAB_STATUS;
  }

  /**
   * A check request from the tab: the same page (index, project, version) keeps the files it had
   * and marks the requested ones pending; another page replaces the state.
   */
  async begin(tabId: number, req: CheckRequest): Promise<void> {
    const cur = await this.get(tabId);
    const same = cur.index === req.index && cur.project === req.project && cur.version === req.version;
    const files = same ? [...cur.files] : [];
    for (const f of req.files) {
      const i = files.findIndex((x) => x.filename === f.filename);
      const pending: TabStatusFile = { filename: f.filename, state: 'pending', level: 'neutral' };
      if (i >= 0) files[i] = pending;
      else if (files.length < MAX_FILES) files.push(pending);
    }
    const links = same && cur.links ? { links: cur.links } : {};
    this.set(tabId, { project: req.project, version: req.version, index: req.index, files, pageList: 'found', ...links });
  }

  /**
   * The page's links that are not the index's URL for their file (already checked against the
   * index by the caller), replacing the last list, for the page (index, project, version) the tab
   * shows now.
   */
  async setLinks(
    tabId: number,
    page: Pick<CheckRequest, 'index' | 'project' | 'version'>,
    links: readonly TabLinkMismatch[],
  ): Promise<void> {
    const cur = await this.get(tabId);
    if (cur.index !== page.index || cur.project !== page.project || cur.version !== page.version) return;
    const next = parseLinks(links, new Set(cur.files.map((f) => f.filename)));
    const { links: _old, ...rest } = cur;
    this.set(tabId, next.length > 0 ? { ...rest, links: next } : rest);
  }

  /** A file's new state; whether it is on the page is kept. */
  update(tabId: number, file: TabStatusFile): void {
    const cur = this.memory.get(tabId);
    if (!cur) return;
    const files = cur.files.map((f) => (f.filename === file.filename ? fileDetails(file, { ...file, onPage: f.onPage }) : f));
    this.set(tabId, { ...cur, files });
  }

  /**
   * Files of the release that PyPI's index lists and the page did not show (pending, `onPage:
   * false`), for the page (index, project, version) the tab shows now.
   */
  addFromIndex(tabId: number, page: Pick<CheckRequest, 'index' | 'project' | 'version'>, filenames: readonly string[]): void {
    const cur = this.memory.get(tabId);
    if (!cur || cur.index !== page.index || cur.project !== page.project || cur.version !== page.version) return;
    const have = new Set(cur.files.map((f) => f.filename));
    const added = filenames
      .filter((n) => isValidFilename(n) && !have.has(n))
      .slice(0, Math.max(0, MAX_FILES - cur.files.length))
      .map((filename): TabStatusFile => ({ filename, state: 'pending', level: 'neutral', onPage: false }));
    if (added.length > 0) this.set(tabId, { ...cur, files: [...cur.files, ...added] });
  }

  /** A project/release page on which PyPI's own file list was not found ('none': the index lists no file either). */
  listMissing(tabId: number, page: Pick<CheckRequest, 'index' | 'project' | 'version'>, pageList: 'missing' | 'none' = 'missing'): void {
    this.set(tabId, { project: page.project, version: page.version, index: page.index, files: [], pageList });
  }

  remove(tabId: number): void {
    this.memory.delete(tabId);
    this.dirty.delete(tabId);
    this.storage.remove(this.key(tabId)).catch(this.onError);
  }

  private set(tabId: number, status: TabStatusResponse): void {
    this.memory.set(tabId, status);
    this.onChange(tabId, status);
    this.dirty.add(tabId);
    if (!this.writing.has(tabId)) this.writing.set(tabId, this.writeLoop(tabId));
  }

  private async writeLoop(tabId: number): Promise<void> {
    try {
      while (this.dirty.has(tabId)) {
        this.dirty.delete(tabId);
        const status = this.memory.get(tabId);
        if (!status) break;
        try {
          await this.storage.set({ [this.key(tabId)]: status });
        } catch (e) {
          this.onError(e);
        }
      }
    } finally {
      this.writing.delete(tabId);
    }
  }

  /** Resolves when pending writes are done (tests). */
  async flush(): Promise<void> {
    await Promise.all([...this.writing.values()]);
  }
}
