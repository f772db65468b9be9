/**
 * Download confirmation for a failed file (our in-page dialog, never the browser's "pypi.org says"
 * confirm), and Content-Security-Policy hygiene: pypi.org's production CSP is sent with every page
 * (see the fixtures README) and our UI must not trip it.
 */
import {
  test,
  expect,
  URLS,
  SAMPLE_WHEEL,
  SAMPLE_SDIST,
  SAMPLE_WHEEL_INTEGRITY,
  visitAndSettle,
  badgeSelector,
  panelSelector,
  showFilesTab,
  openOptions,
  setStrictMode,
  openPopupFor,
  DIALOG_SELECTOR,
  downloadDialogText,
  answerDownloadDialog,
  noBrowserDialogs,
} from './harness';
import type { Page } from '@playwright/test';
import { runAxe } from './lib/axe';
import { exposeClosedRoots } from './lib/closed-roots';
import { chromium } from 'playwright-core';
import { chromiumPath } from '../scripts/e2e-lib/launch';
import { PypiFixture } from '../scripts/e2e-lib/pypi-fixture';
import { flipSignatureByte, type Provenance } from './lib/provenance-tamper';

const downloadLink = (filename: string) => `#files a[href^="https://files.pythonhosted.org/"][href$="/${filename}"]`;

const fileRequests = (pypi: { requests: { url: string }[] }) =>
  pypi.requests.filter((r) => r.url.startsWith('https://files.pythonhosted.org/'));

/** Which element of the dialog has the focus: the button's text ('' if focus is not in the dialog). */
async function dialogFocus(page: Page): Promise<string> {
  return page.evaluate((sel) => {
    const host = document.querySelector(sel);
    if (!host || document.activeElement !== host) return '';
    return host.shadowRoot?.activeElement?.textContent ?? '?'; // shadowRoot: exposed by exposeClosedRoots
  }, DIALOG_SELECTOR);
}

async function strict(ext: Parameters<typeof openOptions>[0]): Promise<void> {
  const options = await openOptions(ext);
  await setStrictMode(options, true);
  await options.close();
}

test('download of a failed file: the in-page dialog names the extension and the failure; Cancel blocks the download', async ({
  page,
  pypi,
}) => {
  pypi.overrideJson(SAMPLE_WHEEL_INTEGRITY, (p: Provenance) => flipSignatureByte(p));
  const badges = await visitAndSettle(page, URLS.sampleproject, 2);
  expect(badges.get(SAMPLE_WHEEL)?.state).toBe('failed');
  const browserDialogs = noBrowserDialogs(page);
  let downloaded = false;
  page.on('download', () => (downloaded = true));
  const before = fileRequests(pypi).length;

  await showFilesTab(page);
  await page.locator(downloadLink(SAMPLE_WHEEL)).first().click();
  const text = await downloadDialogText(page);
  expect(text).toContain('Asked by the pypi-provenance browser extension, not by PyPI');
  expect(text).toContain('Check before you download');
  expect(text).toContain(`The provenance check FAILED for ${SAMPLE_WHEEL}`);
  await answerDownloadDialog(page, 'Cancel');
  await page.waitForTimeout(1000);
  expect(downloaded).toBe(false);
  expect(fileRequests(pypi).length).toBe(before);
  expect(browserDialogs.opened).toEqual([]);
});

test('download of a failed file proceeds with "Download anyway"', async ({ page, pypi }) => {
  pypi.overrideJson(SAMPLE_WHEEL_INTEGRITY, (p: Provenance) => flipSignatureByte(p));
  await visitAndSettle(page, URLS.sampleproject, 2);
  const browserDialogs = noBrowserDialogs(page);
  const download = page.waitForEvent('download', { timeout: 10_000 });
  await showFilesTab(page);
  await page.locator(downloadLink(SAMPLE_WHEEL)).first().click();
  await answerDownloadDialog(page, 'Download anyway');
  expect((await download).suggestedFilename()).toBe(SAMPLE_WHEEL);
  expect(browserDialogs.opened).toEqual([]);
});

test('download of a verified file does not ask', async ({ page }) => {
  await visitAndSettle(page, URLS.sampleproject, 2);
  const browserDialogs = noBrowserDialogs(page);
  const download = page.waitForEvent('download', { timeout: 10_000 });
  await showFilesTab(page);
  await page.locator(downloadLink(SAMPLE_WHEEL)).first().click();
  await download;
  expect(await page.locator(DIALOG_SELECTOR).count()).toBe(0);
  expect(browserDialogs.opened).toEqual([]);
});

test('strict mode, a file without provenance: the dialog takes the focus, keeps it, Escape cancels and the focus returns; axe finds nothing, in light and dark OS theme', async ({
  page,
  ext,
  pypi,
  consoleLog,
}) => {
  await strict(ext);
  const badges = await visitAndSettle(page, URLS.pycrypto, 1);
  expect(badges.get('pycrypto-2.6.1.tar.gz')).toMatchObject({ state: 'absent', level: 'warning' });
  const browserDialogs = noBrowserDialogs(page);
  const before = fileRequests(pypi).length;
  await showFilesTab(page);
  const link = page.locator(downloadLink('pycrypto-2.6.1.tar.gz')).first();
  await link.focus();
  await page.keyboard.press('Enter');
  expect(await downloadDialogText(page)).toContain('pycrypto-2.6.1.tar.gz has no published provenance');
  expect(await exposeClosedRoots(page)).toBeGreaterThanOrEqual(1);
  // an alertdialog named by its heading and described by the question, opened modal
  const a11y = await page.evaluate((sel) => {
    const root = document.querySelector(sel)!.shadowRoot!;
    const d = root.querySelector('dialog')!;
    return {
      role: d.getAttribute('role'),
      modal: d.matches(':modal'),
      name: root.getElementById(d.getAttribute('aria-labelledby')!)?.textContent,
      description: root.getElementById(d.getAttribute('aria-describedby')!)?.textContent,
    };
  }, DIALOG_SELECTOR);
  expect(a11y).toMatchObject({ role: 'alertdialog', modal: true, name: 'Check before you download' });
  expect(a11y.description).toContain('strict mode asks you to confirm');
  // focus: on Cancel first, Tab goes to "Download anyway" and wraps back, Shift+Tab too
  expect(await dialogFocus(page)).toBe('Cancel');
  await page.keyboard.press('Tab');
  expect(await dialogFocus(page)).toBe('Download anyway');
  await page.keyboard.press('Tab');
  expect(await dialogFocus(page)).toBe('Cancel');
  await page.keyboard.press('Shift+Tab');
  expect(await dialogFocus(page)).toBe('Download anyway');
  // axe: no violation at all on the open dialog; its colours are the page's (light), whatever the OS theme
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    expect(await runAxe(page, [DIALOG_SELECTOR]), `axe on the open dialog (${scheme} OS theme)`).toEqual([]);
    const bg = await page.evaluate(
      (sel) => getComputedStyle(document.querySelector(sel)!.shadowRoot!.querySelector('dialog')!).backgroundColor,
      DIALOG_SELECTOR,
    );
    expect(bg, `dialog background (${scheme} OS theme)`).toBe('rgb(255, 255, 255)');
  }
  expect(consoleLog.cspViolations()).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(page.locator(DIALOG_SELECTOR)).toHaveCount(0);
  expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('pycrypto-2.6.1.tar.gz');
  await page.waitForTimeout(500);
  expect(fileRequests(pypi).length).toBe(before);
  // asked again, "Download anyway" (keyboard) proceeds
  const download = page.waitForEvent('download', { timeout: 10_000 });
  await page.keyboard.press('Enter');
  await downloadDialogText(page);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  expect((await download).suggestedFilename()).toBe('pycrypto-2.6.1.tar.gz');
  expect(browserDialogs.opened).toEqual([]);

  // The axe check can fail: an unnamed button put INSIDE the dialog's closed root is reported.
  await page.keyboard.press('Enter');
  await downloadDialogText(page);
  await exposeClosedRoots(page);
  await page.evaluate((sel) => {
    document
      .querySelector(sel)!
      .shadowRoot!.querySelector('dialog')!
      .append(Object.assign(document.createElement('button'), { id: 'axe-canary' }));
  }, DIALOG_SELECTOR);
  expect((await runAxe(page, [DIALOG_SELECTOR])).find((v) => v.id === 'button-name')?.nodes.join(' ')).toContain('axe-canary');
});

test('no CSP violations on pypi.org pages with badges, panel and certificate view open', async ({ page, consoleLog }) => {
  // Catch violations the page itself observes too (they are not always logged to the console).
  await page.addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[] };
    w.__cspViolations = [];
    document.addEventListener(
      'securitypolicyviolation',
      (e) => w.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`),
      true,
    );
  });
  for (const [url, n] of [
    [URLS.sampleproject, 2],
    [URLS.fasthash, 7],
    [URLS.pycrypto, 1],
    [URLS.simpleSampleproject, 13],
  ] as const) {
    const badges = await visitAndSettle(page, url, n);
    const first = [...badges.keys()][0]!;
    if (url.includes('/project/')) await showFilesTab(page);
    await page.locator(badgeSelector(first)).click();
    await expect(page.locator(panelSelector(first))).toHaveCount(1);
    await page.waitForTimeout(300);
    const seen = await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);
    expect(seen, `CSP violations on ${url}`).toEqual([]);
  }
  expect(consoleLog.cspViolations()).toEqual([]);
});

test('baseline: the fixture pages alone (no extension) raise no CSP violation', async () => {
  // So that the test above measures our code, not the fixtures.
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox', '--disable-background-networking'] });
  try {
    const context = await browser.newContext();
    await new PypiFixture().install(context);
    const page = await context.newPage();
    const messages: string[] = [];
    page.on('console', (m) => messages.push(m.text()));
    for (const url of [URLS.sampleproject, URLS.fasthash, URLS.pycrypto]) {
      await page.goto(url);
      await page.waitForLoadState('load');
    }
    expect(messages.filter((t) => /Content Security Policy/i.test(t))).toEqual([]);
  } finally {
    await browser.close();
  }
});

test("strict mode: a verified file's link that is not PyPI's download URL asks first; Cancel blocks, Download anyway follows it; the popup names it", async ({
  page,
  ext,
  pypi,
}) => {
  await strict(ext);
  const badges = await visitAndSettle(page, URLS.sampleproject, 2);
  expect(badges.get(SAMPLE_WHEEL)).toMatchObject({ state: 'verified' });
  await showFilesTab(page);
  const link = page.locator(downloadLink(SAMPLE_WHEEL)).first();
  const listed = await link.evaluate((a) => (a as HTMLAnchorElement).href);
  // what a compromised page would do: same file host and filename, another path
  const evil = `https://files.pythonhosted.org/packages/00/00/evil/${SAMPLE_WHEEL}`;
  await link.evaluate((a, href) => a.setAttribute('href', href), evil);
  const browserDialogs = noBrowserDialogs(page);
  await link.click();
  expect(await downloadDialogText(page)).toContain(`The page's link for ${SAMPLE_WHEEL} is not PyPI's download URL`);
  await answerDownloadDialog(page, 'Cancel');
  await page.waitForTimeout(500);
  expect(pypi.requests.filter((r) => r.url === evil)).toEqual([]);
  await link.click();
  await answerDownloadDialog(page, 'Download anyway');
  await expect.poll(() => pypi.requests.filter((r) => r.url === evil).length).toBe(1);
  expect(browserDialogs.opened).toEqual([]);

  // the popup, which the page cannot draw, names the link: file, host as text, both URLs
  const popup = await openPopupFor(ext, 'https://pypi.org/project/sampleproject/*');
  const row = popup.locator(`.links li[data-filename="${SAMPLE_WHEEL}"]`);
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(`Link for ${SAMPLE_WHEEL} points to files.pythonhosted.org`);
  await expect(row).toContainText(`Link: ${evil}`);
  await expect(row).toContainText(`PyPI's URL: ${listed}`);
  await expect(popup.locator('.links a')).toHaveCount(0);
  await expect(popup.locator('.links h2')).toHaveText("Links on this page that are not PyPI's download URL");
});

test('a link to another host carrying a checked filename is named in the popup without any click (page scan)', async ({ page, ext }) => {
  await visitAndSettle(page, URLS.sampleproject, 2);
  // a compromised page (or README) adds a look-alike download link after the check
  await page.evaluate((f) => {
    const a = document.createElement('a');
    a.href = `https://files.pythonhosted.xn--rg-eka.example/packages/${f}`;
    a.textContent = 'Download';
    document.querySelector('#description, main, body')!.append(a);
    location.hash = 'history'; // any hash change makes the content script look at the page again
  }, SAMPLE_SDIST);
  const popup = await openPopupFor(ext, 'https://pypi.org/project/sampleproject/*');
  const row = popup.locator(`.links li[data-filename="${SAMPLE_SDIST}"]`);
  await expect(row).toHaveCount(1, { timeout: 10_000 });
  await expect(row).toHaveAttribute('data-host', 'files.pythonhosted.xn--rg-eka.example');
  // the genuine links are not listed
  await expect(popup.locator('.links li')).toHaveCount(1);
});
