/**
 * Per-tab page state for the popup and the toolbar badge, kept in `browser.storage.session`
 * (key `tab:<id>`) so it survives the worker being stopped, mirrored in memory.
 * Writes are coalesced per tab: at most one in flight, the latest state wins.
 */
import { INDEX_HOSTS, isValidFilename, type CheckRequest, type IndexHost, type TabStatusFile, type TabStatusResponse } from '../messages';
import type { VerdictLevel, VerdictState } from '../verify/verdict';
import type { StorageAreaLike } from './bounded-store';

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
    files.push({ filename: r.filename, state: r.state as VerdictState, level: r.level as VerdictLevel });
  }
  return { project: o.project, version: typeof o.version === 'string' ? o.version : null, index: o.index as IndexHost, files };
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
    this.set(tabId, { project: req.project, version: req.version, index: req.index, files });
  }

  update(tabId: number, filename: string, state: VerdictState, level: VerdictLevel): void {
    const cur = this.memory.get(tabId);
    if (!cur) return;
    const files = cur.files.map((f) => (f.filename === filename ? { filename, state, level } : f));
    this.set(tabId, { ...cur, files });
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
