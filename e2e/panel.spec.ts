/**
 * The details panel, opened by mouse and by keyboard, read through CDP (its UI lives in a closed
 * shadow root), and the certificate view. The docs screenshots are e2e/screenshots.spec.ts.
 */
import type { Page } from '@playwright/test';
import {
  test,
  expect,
  URLS,
  SAMPLE_WHEEL,
  SAMPLE_SDIST,
  showFilesTab,
  badgeSelector,
  panelSelector,
  readShadow,
  clickInShadow,
  control,
  visitAndSettle,
} from './harness';
import { certificateCommit, certificateFingerprint, loadProvenance } from './lib/provenance-tamper';

const wheelProv = loadProvenance('sampleproject', '4.0.0', SAMPLE_WHEEL);

async function expectPanelContent(page: Page, filename: string) {
  const panel = await readShadow(page, panelSelector(filename));
  expect(panel, 'panel host').not.toBeNull();
  const text = panel!.text;
  expect(text).toContain('release.yml');
  expect(text).toContain('pypa/sampleproject');
  expect(text).toContain('What this does not prove');
  // Immutable link to the workflow file at the signing commit (derived from the certificate).
  const commit = certificateCommit(wheelProv);
  const expected = `https://github.com/pypa/sampleproject/blob/${commit}/.github/workflows/release.yml`;
  expect(panel!.links.map((l) => l.href)).toContain(expected);
  // Links only to https URLs (house rule: never javascript:, data:, http:).
  for (const l of panel!.links) expect(l.href, l.text).toMatch(/^https:\/\/[a-z0-9.-]+\//);
  return panel!;
}

test('panel opened by mouse shows publisher, workflow, limits and an immutable workflow link', async ({ page }) => {
  const badges = await visitAndSettle(page, URLS.sampleproject, 2);
  await showFilesTab(page);
  expect(badges.get(SAMPLE_WHEEL)?.state).toBe('verified');
  const badge = page.locator(badgeSelector(SAMPLE_WHEEL));
  await badge.scrollIntoViewIfNeeded();
  await badge.click();
  const host = page.locator(panelSelector(SAMPLE_WHEEL));
  await expect(host).toHaveCount(1);
  await expectPanelContent(page, SAMPLE_WHEEL);
});

test('panel opened by keyboard (focus + Enter)', async ({ page }) => {
  await visitAndSettle(page, URLS.sampleproject, 2);
  await showFilesTab(page);
  const badge = page.locator(badgeSelector(SAMPLE_WHEEL));
  await badge.focus();
  await page.keyboard.press('Enter');
  await expect(page.locator(panelSelector(SAMPLE_WHEEL))).toHaveCount(1);
  await expectPanelContent(page, SAMPLE_WHEEL);
});

test('panel reachable with Tab from the page', async ({ page }) => {
  await visitAndSettle(page, URLS.sampleproject, 2);
  await showFilesTab(page);
  // Tab through the page until a badge host (or something inside its shadow root) has focus.
  let reached: string | null = null;
  for (let i = 0; i < 300 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => {
      const el = document.activeElement;
      return el?.getAttribute('data-provenance-state') && !el.hasAttribute('data-provenance-panel')
        ? el.getAttribute('data-provenance-filename')
        : null;
    });
  }
  expect(reached, 'a badge is reachable with Tab').not.toBeNull();
  await page.keyboard.press('Enter');
  await expect(page.locator(panelSelector(reached!))).toHaveCount(1);
});

test('certificate view: fingerprint on the host and the certificate details inside', async ({ page }) => {
  await visitAndSettle(page, URLS.sampleproject, 2);
  await showFilesTab(page);
  await page.locator(badgeSelector(SAMPLE_WHEEL)).click();
  const host = page.locator(panelSelector(SAMPLE_WHEEL));
  await expect(host).toHaveCount(1);
  const fingerprint = certificateFingerprint(wheelProv);
  await expect(host).toHaveAttribute('data-provenance-certificate', fingerprint);

  const hexOnly = (s: string) => s.toLowerCase().replace(/[^0-9a-f]/g, '');
  const sel = panelSelector(SAMPLE_WHEEL);
  // Open the certificate view: a collapsed <details> whose summary says "Certificate", or a button.
  let panel = await readShadow(page, sel);
  const certDetails = (c: NonNullable<typeof panel>) => {
    const summary = c.elements.find((e) => e.tag === 'summary' && /^certificate\b/i.test(e.text));
    const parent = summary ? c.elements[summary.parent] : undefined;
    return parent?.tag === 'details' ? parent : undefined;
  };
  const details = certDetails(panel!);
  if (details && !('open' in details.attributes)) {
    await clickInShadow(page, sel, (e) => e.tag === 'summary' && /^certificate\b/i.test(e.text));
    await expect.poll(async () => 'open' in (certDetails((await readShadow(page, sel))!)?.attributes ?? {})).toBe(true);
  } else if (!details && !hexOnly(panel!.text).includes(fingerprint)) {
    await clickInShadow(page, sel, control('certificate'));
  }
  await expect.poll(async () => hexOnly((await readShadow(page, sel))!.text).includes(fingerprint)).toBe(true);
  panel = await readShadow(page, sel);
  expect(panel!.text).toContain('https://github.com/pypa/sampleproject/.github/workflows/release.yml@refs/heads/main');
  expect(panel!.text).toContain('sigstore');
});

test('the sdist panel carries the sdist certificate fingerprint', async ({ page }) => {
  await visitAndSettle(page, URLS.sampleproject, 2);
  await showFilesTab(page);
  await page.locator(badgeSelector(SAMPLE_SDIST)).click();
  const host = page.locator(panelSelector(SAMPLE_SDIST));
  await expect(host).toHaveCount(1);
  const fp = certificateFingerprint(loadProvenance('sampleproject', '4.0.0', SAMPLE_SDIST));
  // (sampleproject's release job signed both files with the same short-lived certificate.)
  await expect(host).toHaveAttribute('data-provenance-certificate', fp);
});

test('a failed file panel says it failed and shows no certificate claims as facts', async ({ page }) => {
  const badges = await visitAndSettle(page, URLS.fasthash, 7);
  await showFilesTab(page);
  const failed = [...badges.values()].find((b) => b.state === 'failed');
  expect(failed).toBeDefined();
  await page.locator(badgeSelector(failed!.filename)).click();
  await expect(page.locator(panelSelector(failed!.filename))).toHaveCount(1);
  const panel = await readShadow(page, panelSelector(failed!.filename));
  expect(panel!.text.toLowerCase()).toMatch(/fail/);
  // REASON_MESSAGES.STATEMENT_SUBJECT_NAME_MISMATCH or STATEMENT_DIGEST_MISMATCH
  expect(panel!.text).toMatch(/names a different file|sha256 does not match this file/);
});
