/** Ask the background for the current tab's files; validate the answer defensively. */
import browser from 'webextension-polyfill';
import { INDEX_HOSTS, type IndexHost } from '../messages';
import type { VerdictLevel, VerdictState } from '../verify/verdict';

export interface TabFile {
  filename: string;
  state: VerdictState;
  level: VerdictLevel;
}
export interface TabStatus {
  project: string | null;
  version: string | null;
  /** The index the page belongs to (pypi.org or test.pypi.org), if known. */
  index?: IndexHost | null;
  files: TabFile[];
}

const STATES: readonly VerdictState[] = ['verified', 'failed', 'absent', 'error', 'pending'];
const LEVELS: readonly VerdictLevel[] = ['ok', 'neutral', 'warning', 'danger'];
const MAX_FILES = 2000;

const shortStr = (v: unknown, max: number): string | null => (typeof v === 'string' && v.length > 0 ? v.slice(0, max) : null);

export function parseTabStatus(v: unknown): TabStatus | null {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return null;
  const o = v as Record<string, unknown>;
  const files: TabFile[] = [];
  if (Array.isArray(o.files)) {
    for (const f of o.files.slice(0, MAX_FILES)) {
      if (typeof f !== 'object' || f === null) continue;
      const r = f as Record<string, unknown>;
      const filename = shortStr(r.filename, 255);
      if (!filename) continue;
      const state = STATES.includes(r.state as VerdictState) ? (r.state as VerdictState) : 'pending';
      const level = LEVELS.includes(r.level as VerdictLevel) ? (r.level as VerdictLevel) : state === 'failed' ? 'danger' : 'neutral';
      files.push({ filename, state, level });
    }
  }
  const index = INDEX_HOSTS.includes(o.index as IndexHost) ? (o.index as IndexHost) : null;
  return { project: shortStr(o.project, 200), version: shortStr(o.version, 100), index, files };
}

export async function fetchTabStatus(): Promise<TabStatus | null> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (!tab || typeof tab.id !== 'number') return null;
  return parseTabStatus(await browser.runtime.sendMessage({ type: 'tab-status', tabId: tab.id }));
}
