/** Ask the background for the current tab's files; validate the answer defensively. */
import browser from 'webextension-polyfill';
import { INDEX_HOSTS, MAX_LINK_MISMATCHES, parseLinkMismatch, type IndexHost, type TabLinkMismatch } from '../messages';
import type { VerdictLevel, VerdictState } from '../verify/verdict';

export interface TabFile {
  filename: string;
  state: VerdictState;
  level: VerdictLevel;
  /** sha256 from PyPI's index, when known. */
  sha256?: string;
  /** Verified publisher label. */
  publisher?: string;
  /** Why it failed / could not be checked. */
  reason?: { code: string; message: string };
  /** False: a file of the release that the page's file list did not show. */
  onPage?: boolean;
}
export interface TabStatus {
  project: string | null;
  version: string | null;
  /** The index the page belongs to (pypi.org or test.pypi.org), if known. */
  index?: IndexHost | null;
  files: TabFile[];
  /** 'missing': a project/release page where PyPI's own file list was not found. */
  pageList?: 'found' | 'missing' | 'none';
  /** The tab the status is about (to open a file's panel there). */
  tabId?: number;
  /** Links of the page that are not PyPI's download URL for their file (checked by the worker). */
  links?: TabLink[];
}

/** A link of the page that is not PyPI's download URL for its file. */
export type TabLink = TabLinkMismatch;

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
      files.push({ filename, state, level, ...fileDetails(r) });
    }
  }
  const index = INDEX_HOSTS.includes(o.index as IndexHost) ? (o.index as IndexHost) : null;
  const status: TabStatus = { project: shortStr(o.project, 200), version: shortStr(o.version, 100), index, files };
  if (o.pageList === 'missing' || o.pageList === 'found' || o.pageList === 'none') status.pageList = o.pageList;
  const links = Array.isArray(o.links)
    ? o.links
        .slice(0, MAX_LINK_MISMATCHES)
        .map(parseLinkMismatch)
        .filter((l): l is TabLink => l !== null)
    : [];
  if (links.length > 0) status.links = links;
  return status;
}

/**
 * The host a URL points to, as plain text: the URL parser's ASCII form (an internationalised name
 * appears as its xn-- punycode, so a look-alike host cannot pass for files.pythonhosted.org).
 */
export function hostOf(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.host : null;
  } catch {
    return null;
  }
}

/** A long URL shortened for display (start and end kept: the end is the filename). */
export function clipUrl(url: string, max = 160): string {
  return url.length <= max ? url : `${url.slice(0, max - 60)}…${url.slice(-59)}`;
}

function fileDetails(r: Record<string, unknown>): Partial<TabFile> {
  const d: Partial<TabFile> = {};
  if (typeof r.sha256 === 'string' && /^[0-9a-f]{64}$/.test(r.sha256)) d.sha256 = r.sha256;
  const publisher = shortStr(r.publisher, 200);
  if (publisher) d.publisher = publisher;
  const reason = typeof r.reason === 'object' && r.reason !== null ? (r.reason as Record<string, unknown>) : null;
  const code = shortStr(reason?.code, 64);
  const message = shortStr(reason?.message, 500);
  if (code && message) d.reason = { code, message };
  if (r.onPage === false) d.onPage = false;
  return d;
}

/** A filename in pieces that end after each `-` and `.`: the only places it may wrap. */
export function filenameBreaks(filename: string): string[] {
  return filename.split(/(?<=[-.])/);
}

/** Ask the tab's content script to open (and scroll to) that file's panel. */
export async function openPanelOnPage(tabId: number, filename: string): Promise<void> {
  await browser.tabs.sendMessage(tabId, { type: 'open-panel', filename });
}

export async function fetchTabStatus(): Promise<TabStatus | null> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (!tab || typeof tab.id !== 'number') return null;
  const status = parseTabStatus(await browser.runtime.sendMessage({ type: 'tab-status', tabId: tab.id }));
  return status ? { ...status, tabId: tab.id } : null;
}
