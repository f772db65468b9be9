/**
 * The settings a page acts on (PageSettings, src/messages.ts): the worker resolves them from
 * storage.sync and the policy and answers `page-settings`; until it has, and whenever its answer
 * is unusable, the page keeps what it has (the defaults at first). Pure: no browser API.
 */
import type { PageSettings } from '../messages';

/** Same values as DEFAULT_SETTINGS (src/settings.ts; test/content/page-settings.test.ts checks it). */
export const DEFAULT_PAGE_SETTINGS: Readonly<PageSettings> = { strict: false, showSummary: true, confirmFailedDownloads: true };

/** The settings in a `page-settings` answer, or null if it is not a usable one. */
export function pageSettingsFrom(answer: unknown): PageSettings | null {
  if (typeof answer !== 'object' || answer === null) return null;
  const { ok, settings: s } = answer as { ok?: unknown; settings?: Record<string, unknown> };
  if (ok !== true || typeof s !== 'object' || s === null) return null;
  const { strict, showSummary, confirmFailedDownloads } = s;
  if (typeof strict !== 'boolean' || typeof showSummary !== 'boolean' || typeof confirmFailedDownloads !== 'boolean') return null;
  return { strict, showSummary, confirmFailedDownloads };
}

export function samePageSettings(a: PageSettings, b: PageSettings): boolean {
  return a.strict === b.strict && a.showSummary === b.showSummary && a.confirmFailedDownloads === b.confirmFailedDownloads;
}
