/**
 * The panel set-up e2e/a11y.spec.ts and e2e/screenshots.spec.ts share: open a file's panel with
 * our closed shadow roots exposed (e2e/lib/closed-roots.ts), read what it shows, and bring a page
 * into the states both check (failed, strict-mode absent, could not check).
 */
import type { Locator, Page } from '@playwright/test';
import type { PypiFixture } from '../../scripts/e2e-lib/pypi-fixture';
import {
  expect,
  badgeSelector,
  panelSelector,
  showFilesTab,
  visitAndSettle,
  openOptions,
  setStrictMode,
  URLS,
  FASTHASH_FILES,
  FASTHASH_UNATTESTED,
  SAMPLE_WHEEL,
  SAMPLE_WHEEL_INTEGRITY,
  type BadgeInfo,
  type ExtensionSession,
} from '../harness';
import { exposeClosedRoots } from './closed-roots';

/** Click `filename`'s badge (Files tab shown): its one panel host, with the badges' and the panel's closed roots exposed. */
export async function openPanel(page: Page, filename: string): Promise<Locator> {
  await showFilesTab(page);
  await page.locator(badgeSelector(filename)).click();
  const host = page.locator(panelSelector(filename));
  await expect(host).toHaveCount(1);
  expect(await exposeClosedRoots(page), 'closed roots: badges + panel').toBeGreaterThanOrEqual(2);
  return host;
}

/** What the open panel shows (read in its exposed shadow root). */
export async function panelFacts(host: Locator) {
  return host.evaluate((h) => {
    const root = h.shadowRoot!;
    const panel = root.querySelector<HTMLElement>('section.panel')!;
    const cs = getComputedStyle(panel);
    return {
      state: panel.getAttribute('data-state'),
      label: panel.getAttribute('aria-label'),
      heading: panel.querySelector('h2')?.textContent ?? '',
      text: panel.textContent ?? '',
      background: cs.backgroundColor,
      color: cs.color,
      width: panel.getBoundingClientRect().width,
      right: panel.getBoundingClientRect().right,
      overflowX: panel.scrollWidth - panel.clientWidth,
      /** The "PyPI's own details of this file" line's link (verified, could not check). */
      pypiLink: root.querySelector<HTMLAnchorElement>('[data-section="pypi-view"] a')?.href ?? null,
      /** Every link to one of PyPI's project pages, wherever it is in the panel. */
      pypiLinks: [...root.querySelectorAll<HTMLAnchorElement>('a')]
        .map((a) => a.href)
        .filter((u) => /^https:\/\/pypi\.org\/project\//.test(u)),
    };
  });
}

/** FastHash_Lib 1.2.0 (six failed files, one absent): its badges and the first failed file. */
export async function failedRelease(page: Page): Promise<{ badges: Map<string, BadgeInfo>; failed: string }> {
  const badges = await visitAndSettle(page, URLS.fasthash, FASTHASH_FILES.length);
  const failed = [...badges.values()].find((b) => b.state === 'failed')!.filename;
  return { badges, failed };
}

/** Strict mode on, then FastHash_Lib: its file without provenance is a warning. */
export async function strictAbsentRelease(ext: ExtensionSession, page: Page): Promise<void> {
  const options = await openOptions(ext);
  await setStrictMode(options, true);
  await options.close();
  const badges = await visitAndSettle(page, URLS.fasthash, FASTHASH_FILES.length);
  expect(badges.get(FASTHASH_UNATTESTED)).toMatchObject({ state: 'absent', level: 'warning' });
}

/** sampleproject with its wheel's provenance answered by a 500: that file could not be checked. */
export async function errorRelease(page: Page, pypi: PypiFixture): Promise<void> {
  pypi.override(SAMPLE_WHEEL_INTEGRITY, { status: 500, body: 'Internal Server Error', headers: { 'content-type': 'text/plain' } });
  const badges = await visitAndSettle(page, URLS.sampleproject, 2);
  expect(badges.get(SAMPLE_WHEEL)).toMatchObject({ state: 'error', level: 'neutral' });
}
