/**
 * Accessibility, checked with axe-core (node_modules/axe-core/axe.min.js) in the real browser:
 * the options page (light and dark), the popup (with a checked page behind it) and, on pypi.org,
 * the badges and the details panel. Any violation of impact "serious" or "critical" fails.
 *
 * axe is injected with `page.evaluate(source)`: that is DevTools evaluation, which the extension
 * pages' CSP (`script-src 'self'`) and pypi.org's CSP do not apply to.
 *
 * The panel and badges live in CLOSED shadow roots, which axe (like any page script) cannot enter.
 * To check the real markup as the content script rendered it on the page (with its adopted
 * stylesheet, so colour contrast is real too), the test resolves each of our closed shadow roots
 * through DevTools (`DOM.resolveNode` pierces closed roots) and gives its host a `shadowRoot`
 * getter in the page's main world. axe then walks into it exactly as into an open root. Nothing
 * is re-rendered or copied: it is the panel the user sees.
 */
import type { Page } from '@playwright/test';
import { expectNoSerious, runAxe } from './lib/axe';
import { exposeClosedRoots } from './lib/closed-roots';
import {
  test,
  expect,
  URLS,
  SAMPLE_WHEEL,
  FASTHASH_FILES,
  badgeSelector,
  panelSelector,
  showFilesTab,
  visitAndSettle,
  openOptions,
  openPopupFor,
} from './harness';

/** The background colour of <body> as computed. */
async function bodyBackground(page: Page): Promise<string> {
  return page.evaluate(() => getComputedStyle(document.body).backgroundColor);
}

/** Relative luminance (0 dark … 1 light) of an `rgb(a)` CSS colour. */
function luminance(rgb: string): number {
  const m = /rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(rgb);
  if (!m) throw new Error(`not an rgb colour: ${rgb}`);
  const [r, g, b] = [m[1], m[2], m[3]].map((x) => {
    const c = Number(x) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

test('options page: no serious/critical axe violations (light and dark)', async ({ ext }) => {
  const options = await openOptions(ext);
  await options.emulateMedia({ colorScheme: 'light' });
  const lightViolations = await runAxe(options);
  if (process.env.A11Y_VERBOSE) console.log(JSON.stringify(lightViolations, null, 1));
  expectNoSerious(lightViolations, 'options (light)');
  await options.emulateMedia({ colorScheme: 'dark' });
  expectNoSerious(await runAxe(options), 'options (dark)');
  // every form control has an accessible name (axe checks it; this is the human-readable half)
  for (const id of [
    'strict-mode',
    'confirm-failed',
    'show-summary',
    'pin-project',
    'pin-kind',
    'pin-repository',
    'pin-workflow',
    'pin-email',
  ]) {
    await expect(options.locator(`label[for="${id}"]`), id).toHaveCount(1);
  }
});

test('options page follows the browser light/dark theme (prefers-color-scheme)', async ({ ext }) => {
  const options = await openOptions(ext);
  await options.emulateMedia({ colorScheme: 'light' });
  const light = await bodyBackground(options);
  const lightText = await options.evaluate(() => getComputedStyle(document.body).color);
  await options.emulateMedia({ colorScheme: 'dark' });
  const dark = await bodyBackground(options);
  const darkText = await options.evaluate(() => getComputedStyle(document.body).color);
  expect(dark).not.toBe(light);
  expect(luminance(light)).toBeGreaterThan(0.8);
  expect(luminance(dark)).toBeLessThan(0.1);
  expect(luminance(darkText)).toBeGreaterThan(luminance(lightText));
  // form controls follow too (color-scheme: light dark)
  expect(await options.evaluate(() => getComputedStyle(document.documentElement).colorScheme)).toContain('dark');
});

test('popup: screen-reader summary in a role=status region, no serious/critical axe violations (light and dark)', async ({ ext, page }) => {
  await visitAndSettle(page, URLS.sampleproject, 2);
  const popup = await openPopupFor(ext, 'https://pypi.org/project/sampleproject/*');
  const status = popup.getByRole('status');
  await expect(status).toHaveText('2 of 2 files have verified provenance.');
  await expect(popup.getByRole('list', { name: 'Files on this page and their provenance' }).getByRole('listitem')).toHaveCount(2);
  // focus order: each file row (it opens that file's panel on the page), then the settings button
  for (const _ of [1, 2]) {
    await popup.keyboard.press('Tab');
    expect(await popup.evaluate(() => document.activeElement?.closest('li')?.getAttribute('data-filename') ?? null)).toMatch(
      /^sampleproject-/,
    );
  }
  await popup.keyboard.press('Tab');
  expect(await popup.evaluate(() => document.activeElement?.id)).toBe('open-options');
  for (const scheme of ['light', 'dark'] as const) {
    await popup.emulateMedia({ colorScheme: scheme });
    expectNoSerious(await runAxe(popup), `popup (${scheme})`);
  }
  const [light, dark] = [
    await (popup.emulateMedia({ colorScheme: 'light' }), bodyBackground(popup)),
    await (popup.emulateMedia({ colorScheme: 'dark' }), bodyBackground(popup)),
  ];
  expect(luminance(light)).toBeGreaterThan(luminance(dark));
});

test('popup with a failed release names the failures in its status', async ({ ext, page }) => {
  await visitAndSettle(page, URLS.fasthash, FASTHASH_FILES.length);
  const popup = await openPopupFor(ext, 'https://pypi.org/project/FastHash_Lib/*');
  await expect(popup.getByRole('status')).toHaveText(
    '6 files FAILED the provenance check; 0 of 7 files have verified provenance; 1 without provenance.',
  );
  expectNoSerious(await runAxe(popup), 'popup (failed release)');
});

test('pypi.org: badges, summary and the verified panel (real markup in closed shadow roots) have no serious/critical axe violations', async ({
  page,
}) => {
  await visitAndSettle(page, URLS.sampleproject, 2);
  await showFilesTab(page);
  await page.locator(badgeSelector(SAMPLE_WHEEL)).click();
  await expect(page.locator(panelSelector(SAMPLE_WHEEL))).toHaveCount(1);
  const exposed = await exposeClosedRoots(page);
  expect(exposed, 'closed roots: 2 badges + panel (+ summary)').toBeGreaterThanOrEqual(3);
  // axe now sees inside: the panel is a labelled dialog with a heading
  const seen = await page.evaluate((sel) => {
    const host = document.querySelector(sel)!;
    const dialog = host.shadowRoot?.querySelector('[role="dialog"]');
    return { label: dialog?.getAttribute('aria-label') ?? null, heading: dialog?.querySelector('h2')?.textContent ?? null };
  }, panelSelector(SAMPLE_WHEEL));
  expect(seen.label).toBe(`Provenance of ${SAMPLE_WHEEL}`);
  expect(seen.heading).toContain('Provenance verified');
  expectNoSerious(
    await runAxe(page, ['[data-provenance-state]', '[data-provenance-panel]', '[data-provenance-summary]']),
    'badges + verified panel',
  );

  // The check can fail: an unnamed button put INSIDE the panel's closed root is reported.
  await page.evaluate((sel) => {
    document
      .querySelector(sel)!
      .shadowRoot!.querySelector('[role="dialog"]')!
      .append(Object.assign(document.createElement('button'), { id: 'axe-canary' }));
  }, panelSelector(SAMPLE_WHEEL));
  const withCanary = await runAxe(page, [panelSelector(SAMPLE_WHEEL)]);
  expect(withCanary.find((v) => v.id === 'button-name')?.nodes.join(' ')).toContain('axe-canary');
});

test('pypi.org: badges and the failed panel, light and dark, have no serious/critical axe violations', async ({ page }) => {
  await visitAndSettle(page, URLS.fasthash, FASTHASH_FILES.length);
  await showFilesTab(page);
  await page.locator(badgeSelector(FASTHASH_FILES[0]!)).click();
  await expect(page.locator(panelSelector(FASTHASH_FILES[0]!))).toHaveCount(1);
  await exposeClosedRoots(page);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const vs = await runAxe(page, ['[data-provenance-state]', '[data-provenance-panel]', '[data-provenance-summary]']);
    if (process.env.A11Y_VERBOSE) console.log(scheme, JSON.stringify(vs, null, 1));
    expectNoSerious(vs, `badges + failed panel (${scheme})`);
  }
});

test('panel focus: opening moves focus into the panel, Escape closes it and returns focus to the badge', async ({ page }) => {
  await visitAndSettle(page, URLS.sampleproject, 2);
  await showFilesTab(page);
  const badge = page.locator(badgeSelector(SAMPLE_WHEEL));
  await badge.focus();
  await page.keyboard.press('Enter');
  const host = page.locator(panelSelector(SAMPLE_WHEEL));
  await expect(host).toHaveCount(1);
  // focus is inside the panel host (the closed root hides which element: the host is the active element)
  await expect
    .poll(() => page.evaluate((sel) => document.activeElement === document.querySelector(sel), panelSelector(SAMPLE_WHEEL)))
    .toBe(true);
  await page.keyboard.press('Escape');
  await expect(host).toHaveCount(0);
  await expect
    .poll(() => page.evaluate((sel) => document.activeElement === document.querySelector(sel), badgeSelector(SAMPLE_WHEEL)))
    .toBe(true);
});
