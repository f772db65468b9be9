/**
 * The docs screenshots (README, docs/screenshots/), taken by Debian Chromium with the built
 * extension against the local pypi.org copy, each with assertions about what it shows — a
 * screenshot of the wrong state fails the test, not only a reviewer's eye:
 *
 *   badge, verified, certificate, narrow (400 px), dark (OS dark theme: the in-page UI stays
 *   light on pypi.org's white page), failed, absent, strict, error, options, popup.
 *
 * They go to test-results/screenshots/ on every run; `UPDATE_SCREENSHOTS=1 npx playwright test
 * e2e/screenshots.spec.ts` refreshes the committed docs/screenshots/ (they carry the check time,
 * so they change on every run). The store listing's 1280×800 captures are
 * scripts/store-screenshots.mjs (docs/store/screenshots/).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { luminance } from './lib/colour';
import { errorRelease, failedRelease, openPanel, panelFacts, strictAbsentRelease } from './lib/panel';
import {
  test,
  expect,
  URLS,
  SAMPLE_WHEEL,
  FASTHASH_UNATTESTED,
  REPO_ROOT,
  badgeSelector,
  showFilesTab,
  visitAndSettle,
  openOptions,
  openPopupFor,
} from './harness';

const SHOTS = process.env.UPDATE_SCREENSHOTS ? join(REPO_ROOT, 'docs', 'screenshots') : join(REPO_ROOT, 'test-results', 'screenshots');

async function snap(target: Locator, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await target.screenshot({ path: join(SHOTS, name), animations: 'disabled' });
}

/**
 * Screenshot of an element inside a host's (exposed) shadow root: the panel itself rather than its
 * full-width host, or the certificate alone. Clipped from a full-page capture, a few px of margin.
 */
async function snapInside(page: Page, host: Locator, selector: string, name: string): Promise<void> {
  const r = await host.evaluate((h, sel) => {
    const el = h.shadowRoot!.querySelector(sel);
    if (!el) throw new Error(`no ${sel} in the panel`);
    const b = el.getBoundingClientRect();
    return { x: b.left + scrollX, y: b.top + scrollY, width: b.width, height: b.height };
  }, selector);
  const m = 4;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({
    path: join(SHOTS, name),
    fullPage: true,
    animations: 'disabled',
    clip: { x: Math.max(0, r.x - m), y: Math.max(0, r.y - m), width: r.width + 2 * m, height: r.height + 2 * m },
  });
}

/** The file's card on the page (filename, badge, PyPI's size and meta line, and the panel once open). */
const cardOf = (page: Page, filename: string) =>
  page.locator(badgeSelector(filename)).locator('xpath=ancestor::div[contains(concat(" ", @class, " "), " file__card ")][1]');

test('screenshots: badge, verified, certificate, narrow (400 px), dark OS theme', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const badges = await visitAndSettle(page, URLS.sampleproject, 2);
  expect(badges.get(SAMPLE_WHEEL)).toMatchObject({ state: 'verified', level: 'ok' });
  await showFilesTab(page);
  const card = cardOf(page, SAMPLE_WHEEL);
  await expect(card).toHaveCount(1);
  await snap(card, 'badge.png');

  // verified: what it proves, what it does not, and PyPI's own view linked
  const host = await openPanel(page, SAMPLE_WHEEL);
  let f = await panelFacts(host);
  expect(f.state).toBe('verified');
  expect(f.heading).toContain('Provenance verified');
  expect(f.text).toContain('What this proves');
  expect(f.text).toContain('What this does not prove');
  expect(f.pypiLink).toBe(`https://pypi.org/project/sampleproject/4.0.0/#${SAMPLE_WHEEL}`);
  await snapInside(page, host, 'section.panel', 'verified.png');

  // certificate: expanded; "who signed" first, in its fixed order; the legacy extensions folded
  await host.evaluate((h) => h.shadowRoot!.querySelector<HTMLElement>('details.cert > summary')!.click());
  const cert = await host.evaluate((h) => {
    const root = h.shadowRoot!;
    const names = (g: string) => [...root.querySelectorAll(`[data-group="${g}"] .ext__name`)].map((n) => n.textContent);
    return {
      open: root.querySelector<HTMLDetailsElement>('details.cert')!.open,
      who: names('who-signed'),
      technical: names('technical').length,
      legacyOpen: root.querySelector<HTMLDetailsElement>('details[data-group="legacy"]')?.open ?? null,
      hex: [...root.querySelectorAll('[data-hex]')].map((e) => e.getAttribute('data-hex')!.length),
    };
  });
  expect(cert.open).toBe(true);
  expect(cert.who).toEqual([
    'Build Config URI',
    'Source Repository URI',
    'Source Repository Digest',
    'Source Repository Ref',
    'Source Repository Visibility At Signing',
    'Runner Environment',
  ]);
  expect(cert.technical).toBeGreaterThan(5);
  expect(cert.legacyOpen).toBe(false);
  expect(cert.hex).toContain(64); // the SHA-256 fingerprint, with its copy button
  await snapInside(page, host, 'details.cert', 'certificate.png');
  await host.evaluate((h) => h.shadowRoot!.querySelector<HTMLElement>('details.cert > summary')!.click());

  // narrow: 400 px wide, the panel fits (no horizontal overflow, nothing past the viewport)
  await page.setViewportSize({ width: 400, height: 900 });
  f = await panelFacts(host);
  expect(f.right).toBeLessThanOrEqual(400);
  expect(f.overflowX).toBeLessThanOrEqual(0);
  expect(f.width).toBeGreaterThan(300);
  await snap(card, 'narrow.png');

  // dark OS theme: the in-page UI follows pypi.org's white page, not the OS (#13.4)
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(true);
  f = await panelFacts(host);
  const pageBg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(luminance(pageBg), `page ${pageBg}`).toBeGreaterThan(0.8);
  expect(luminance(f.background), `panel ${f.background}`).toBeGreaterThan(0.8);
  expect(luminance(f.color), `panel text ${f.color}`).toBeLessThan(0.1);
  await snap(card, 'dark.png');
});

test('screenshots: failed and absent', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const { badges, failed } = await failedRelease(page);
  let host = await openPanel(page, failed);
  let f = await panelFacts(host);
  expect(f.state).toBe('failed');
  expect(f.heading).toContain('FAILED');
  expect(f.text).toContain("Don't install this file");
  // one link to PyPI's details of the file, in the advice (no second "details on PyPI" line)
  expect(f.pypiLinks).toHaveLength(1);
  expect(f.pypiLinks[0]).toMatch(/^https:\/\/pypi\.org\/project\/[^/]+\/1\.2\.0\/#/);
  expect(f.pypiLinks[0]!.endsWith(`#${failed}`), f.pypiLinks[0]).toBe(true);
  expect(f.pypiLink).toBeNull();
  await snapInside(page, host, 'section.panel', 'failed.png');

  expect(badges.get(FASTHASH_UNATTESTED)).toMatchObject({ state: 'absent', level: 'neutral' });
  host = await openPanel(page, FASTHASH_UNATTESTED);
  f = await panelFacts(host);
  expect(f.state).toBe('absent');
  expect(f.heading).toContain('No provenance');
  expect(f.text).not.toContain('Strict mode is on');
  await snapInside(page, host, 'section.panel', 'absent.png');
});

test('screenshots: strict mode (a file without provenance)', async ({ ext, page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await strictAbsentRelease(ext, page);
  const host = await openPanel(page, FASTHASH_UNATTESTED);
  const f = await panelFacts(host);
  expect(f.text).toContain('Strict mode is on');
  await snapInside(page, host, 'section.panel', 'strict.png');
});

test('screenshots: error (could not check)', async ({ page, pypi }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await errorRelease(page, pypi);
  const host = await openPanel(page, SAMPLE_WHEEL);
  const f = await panelFacts(host);
  expect(f.state).toBe('error');
  expect(f.heading).toContain('Could not check');
  expect(f.text).not.toContain('What this proves');
  await snapInside(page, host, 'section.panel', 'error.png');
});

test('screenshots: options page and popup', async ({ ext, page }) => {
  const options = await openOptions(ext);
  await options.setViewportSize({ width: 1000, height: 900 });
  await expect(options.locator('h1')).toBeVisible();
  await expect(options.locator('label[for="strict-mode"]')).toBeVisible();
  await expect(options.locator('#pin-project')).toBeVisible();
  await snap(options.locator('body'), 'options.png');
  await options.close();

  await visitAndSettle(page, URLS.sampleproject, 2);
  const popup = await openPopupFor(ext, 'https://pypi.org/project/sampleproject/*');
  await popup.setViewportSize({ width: 420, height: 600 });
  await expect(popup.getByRole('status')).toContainText('2 of 2 files');
  const rows = popup.getByRole('list', { name: 'Files on this page and their provenance' }).getByRole('listitem');
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toHaveAttribute('data-state', 'verified');
  await snap(popup.locator('body'), 'popup.png');
});
