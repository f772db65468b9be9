/**
 * Accessibility, checked with axe-core (node_modules/axe-core/axe.min.js) in the real browser:
 * the options page (light and dark), the popup (with a checked page behind it) and, on pypi.org,
 * the badges, the summary line and the details panel in every state (verified, failed, absent,
 * strict, error) with every section expanded (certificate, legacy extensions, history). On the
 * extension pages a violation of impact "serious" or "critical" fails; on pypi.org any violation.
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
import { expandAll, expectNone, expectNoSerious, runAxe } from './lib/axe';
import { errorRelease, failedRelease, openPanel, panelFacts, strictAbsentRelease } from './lib/panel';
import { exposeClosedRoots } from './lib/closed-roots';
import { luminance } from './lib/colour';
import {
  test,
  expect,
  URLS,
  SAMPLE_WHEEL,
  FASTHASH_FILES,
  FASTHASH_UNATTESTED,
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

/** Our hosts on pypi.org (badges, summary line, panel): the axe context for the in-page UI. */
const OURS = ['[data-provenance-state]', '[data-provenance-panel]', '[data-provenance-summary]'];

/**
 * Open `filename`'s panel, let axe into the closed roots, expand every <details> (certificate,
 * legacy extensions, history…) and check badges + summary + panel: 0 violations of ANY impact.
 * Returns the panel's facts the callers assert on.
 */
async function axePanel(page: Page, filename: string, what: string) {
  const host = await openPanel(page, filename);
  const sel = panelSelector(filename);
  const opened = await expandAll(page, sel);
  const shown = await panelFacts(host);
  const facts = await host.evaluate((h) => {
    const root = h.shadowRoot!;
    const region = root.querySelector('section.panel');
    const h2 = region?.querySelector('h2') ?? null;
    const close = region?.querySelector('.btn--close') ?? null;
    const pem = [...root.querySelectorAll('pre.pem')].map((p) => ({
      scrolls: p.scrollHeight > p.clientHeight,
      tabindex: p.getAttribute('tabindex'),
      label: p.getAttribute('aria-label'),
    }));
    return {
      hostRole: h.getAttribute('role'),
      hostLabel: h.getAttribute('aria-label'),
      dialogs: root.querySelectorAll('[role="dialog"], [role="alertdialog"], [aria-modal]').length,
      closeAfterHeading: !!(h2 && close && h2.compareDocumentPosition(close) & Node.DOCUMENT_POSITION_FOLLOWING),
      details: [...root.querySelectorAll('details')].map((d) => ({ open: d.open, summary: d.querySelector('summary')?.textContent ?? '' })),
      pem,
    };
  });
  // a disclosure region (the badge is its aria-expanded button), named once: not a dialog inside a region
  expect(facts.hostRole, `${what}: host role`).toBeNull();
  expect(facts.hostLabel, `${what}: host label`).toBeNull();
  expect(facts.dialogs, `${what}: dialogs`).toBe(0);
  expect(shown.label).toBe(`Provenance of ${filename}`);
  expect(facts.closeAfterHeading, `${what}: Close after the heading`).toBe(true);
  expect(
    facts.details.every((d) => d.open),
    `${what}: every section expanded`,
  ).toBe(true);
  expect(
    await page.locator(badgeSelector(filename)).evaluate((h) => h.shadowRoot!.querySelector('button')!.getAttribute('aria-expanded')),
    `${what}: the badge is the region's disclosure button`,
  ).toBe('true');
  const vs = await runAxe(page, OURS);
  if (process.env.A11Y_VERBOSE) console.log(what, JSON.stringify(vs, null, 1));
  expectNone(vs, what);
  return { ...shown, ...facts, opened, sel };
}

test('pypi.org: the verified panel, every section expanded (certificate, legacy extensions), light and dark OS theme: 0 axe violations', async ({
  page,
}) => {
  await visitAndSettle(page, URLS.sampleproject, 2);
  const p = await axePanel(page, SAMPLE_WHEEL, 'verified panel');
  expect(p.state).toBe('verified');
  expect(p.heading).toContain('Provenance verified');
  expect(p.details.map((d) => d.summary)).toEqual(expect.arrayContaining(['Certificate', expect.stringMatching(/^Legacy extensions/)]));
  // The PEM block really scrolls (so axe's scrollable-region-focusable applies), and is focusable and named.
  expect(p.pem).toEqual([{ scrolls: true, tabindex: '0', label: 'Certificate of attestation 1, PEM' }]);
  await page.emulateMedia({ colorScheme: 'dark' });
  expectNone(await runAxe(page, OURS), 'verified panel (dark OS theme)');

  // The check can fail: without its tabindex the scrolling PEM block is reported again…
  await page.evaluate((sel) => document.querySelector(sel)!.shadowRoot!.querySelector('pre.pem')!.removeAttribute('tabindex'), p.sel);
  expect((await runAxe(page, [p.sel])).map((v) => v.id)).toContain('scrollable-region-focusable');
  // …and an unnamed button put INSIDE the panel's closed root is reported.
  await page.evaluate((sel) => {
    document
      .querySelector(sel)!
      .shadowRoot!.querySelector('section.panel')!
      .append(Object.assign(document.createElement('button'), { id: 'axe-canary' }));
  }, p.sel);
  const withCanary = await runAxe(page, [p.sel]);
  expect(withCanary.find((v) => v.id === 'button-name')?.nodes.join(' ')).toContain('axe-canary');
});

test('pypi.org: the failed and the absent panels (every section expanded, history included): 0 axe violations', async ({ page }) => {
  const { badges, failed } = await failedRelease(page);
  const f = await axePanel(page, failed, 'failed panel');
  expect(f.state).toBe('failed');
  expect(f.text).toContain("Don't install this file");
  expect(f.pypiLinks, 'one link to PyPI (the advice), not two').toHaveLength(1);
  expect(f.opened, 'certificate + history sections opened').toBeGreaterThanOrEqual(2);
  expect(badges.get(FASTHASH_UNATTESTED)?.state).toBe('absent');
  const a = await axePanel(page, FASTHASH_UNATTESTED, 'absent panel');
  expect(a.state).toBe('absent');
  expect(a.text).toContain('No provenance');
  expect(a.details.length, 'the history section is there (and was expanded)').toBeGreaterThanOrEqual(1);
});

test('pypi.org: the strict-mode panel (absent, strict): 0 axe violations', async ({ ext, page }) => {
  await strictAbsentRelease(ext, page);
  const s = await axePanel(page, FASTHASH_UNATTESTED, 'strict panel');
  expect(s.text).toContain('Strict mode is on');
});

test('pypi.org: the error panel (could not check): 0 axe violations', async ({ page, pypi }) => {
  await errorRelease(page, pypi);
  const e = await axePanel(page, SAMPLE_WHEEL, 'error panel');
  expect(e.state).toBe('error');
  expect(e.text).toContain('Retry');
});

test('keyboard: the scrolling PEM block is reached with Tab from the certificate summary', async ({ page }) => {
  await visitAndSettle(page, URLS.sampleproject, 2);
  await showFilesTab(page);
  const sel = panelSelector(SAMPLE_WHEEL);
  await page.locator(badgeSelector(SAMPLE_WHEEL)).focus();
  await page.keyboard.press('Enter');
  await expect(page.locator(sel)).toHaveCount(1);
  await exposeClosedRoots(page);
  const active = () =>
    page.evaluate((s) => {
      const el = document.querySelector(s)!.shadowRoot!.activeElement;
      return el
        ? `${el.tagName.toLowerCase()}${el.className ? '.' + el.className.split(' ')[0] : ''}:${el.textContent?.slice(0, 30)}`
        : null;
    }, sel);
  // Tab to the certificate's summary, open it with Enter, then Tab on to the PEM block.
  const seen: (string | null)[] = [];
  for (let i = 0; i < 40 && !(seen.at(-1) ?? '').startsWith('summary:Certificate'); i++) {
    await page.keyboard.press('Tab');
    seen.push(await active());
  }
  expect(seen.at(-1), seen.join(' → ')).toMatch(/^summary:Certificate/);
  await page.keyboard.press('Enter');
  for (let i = 0; i < 60 && !(seen.at(-1) ?? '').startsWith('pre.pem'); i++) {
    await page.keyboard.press('Tab');
    seen.push(await active());
  }
  expect(seen.at(-1), seen.join(' → ')).toMatch(/^pre\.pem:-----BEGIN CERTIFICATE/);
  // …and the keyboard scrolls it
  const scrollTop = () => page.evaluate((s) => document.querySelector(s)!.shadowRoot!.querySelector('pre.pem')!.scrollTop, sel);
  expect(await scrollTop()).toBe(0);
  await page.keyboard.press('PageDown');
  await expect.poll(scrollTop).toBeGreaterThan(0);
});

test("focus ring: the badge's ring does not cover PyPI's file size text after it", async ({ page }) => {
  await visitAndSettle(page, URLS.sampleproject, 2);
  await showFilesTab(page);
  await exposeClosedRoots(page);
  const badge = page.locator(badgeSelector(SAMPLE_WHEEL));
  await badge.focus();
  const geo = await badge.evaluate((host) => {
    const button = host.shadowRoot!.querySelector('button')!;
    const cs = getComputedStyle(button);
    const r = button.getBoundingClientRect();
    const ring = parseFloat(cs.outlineWidth) + parseFloat(cs.outlineOffset);
    // PyPI's text right after the badge: "(5.8 kB …"
    const text = host.nextSibling!;
    const at = (text.textContent ?? '').indexOf('(');
    const range = document.createRange();
    range.setStart(text, at);
    range.setEnd(text, at + 1);
    return {
      focusVisible: button.matches(':focus-visible'),
      outline: cs.outlineStyle,
      ring,
      ringRight: r.right + ring,
      text: (text.textContent ?? '').trim().slice(0, 8),
      textLeft: range.getBoundingClientRect().left,
    };
  });
  expect(geo.text).toMatch(/^\(\d/);
  expect(geo.focusVisible).toBe(true);
  expect(geo.outline).toBe('solid');
  expect(geo.ring).toBeGreaterThan(0);
  expect(geo.ringRight, JSON.stringify(geo)).toBeLessThanOrEqual(geo.textLeft);
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
