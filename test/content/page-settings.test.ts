/** The page's settings: the same defaults as the extension's, and only a well-formed worker answer is used. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_PAGE_SETTINGS, pageSettingsFrom, samePageSettings } from '../../src/content/page-settings';
import { DEFAULT_SETTINGS } from '../../src/settings';

describe('page settings', () => {
  it('defaults are DEFAULT_SETTINGS for the three fields a page uses', () => {
    const { strict, showSummary, confirmFailedDownloads } = DEFAULT_SETTINGS;
    expect(DEFAULT_PAGE_SETTINGS).toEqual({ strict, showSummary, confirmFailedDownloads });
  });

  it('reads a worker answer; anything malformed is null (the page keeps what it has)', () => {
    const settings = { strict: true, showSummary: false, confirmFailedDownloads: true };
    expect(pageSettingsFrom({ ok: true, settings })).toEqual(settings);
    expect(pageSettingsFrom({ ok: true, settings: { ...settings, pins: [{ project: 'x' }] } })).toEqual(settings); // only the three
    for (const bad of [
      undefined,
      null,
      'x',
      { ok: false },
      { ok: false, settings },
      { ok: true },
      { ok: true, settings: null },
      { ok: true, settings: { ...settings, strict: 'true' } },
      { ok: true, settings: { strict: true, showSummary: false } },
      { ok: 1, settings },
    ])
      expect(pageSettingsFrom(bad), JSON.stringify(bad)).toBeNull();
  });

  it('samePageSettings compares the three fields', () => {
    expect(samePageSettings(DEFAULT_PAGE_SETTINGS, { ...DEFAULT_PAGE_SETTINGS })).toBe(true);
    for (const k of ['strict', 'showSummary', 'confirmFailedDownloads'] as const)
      expect(samePageSettings(DEFAULT_PAGE_SETTINGS, { ...DEFAULT_PAGE_SETTINGS, [k]: !DEFAULT_PAGE_SETTINGS[k] })).toBe(false);
  });
});
