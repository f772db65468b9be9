/**
 * Download confirmation for a failed file, and Content-Security-Policy hygiene: pypi.org's
 * production CSP is sent with every page (see the fixtures README) and our UI must not trip it.
 */
import {
  test,
  expect,
  URLS,
  SAMPLE_WHEEL,
  SAMPLE_WHEEL_INTEGRITY,
  visitAndSettle,
  badgeSelector,
  panelSelector,
  showFilesTab,
  openOptions,
  setStrictMode,
} from './harness';
import { chromium } from 'playwright-core';
import { chromiumPath } from '../scripts/e2e-lib/launch';
import { PypiFixture } from '../scripts/e2e-lib/pypi-fixture';
import { flipSignatureByte, type Provenance } from './lib/provenance-tamper';

const downloadLink = (filename: string) => `#files a[href^="https://files.pythonhosted.org/"][href$="/${filename}"]`;

test('download of a failed file asks for confirmation; dismissing it cancels the download', async ({ page, pypi }) => {
  pypi.overrideJson(SAMPLE_WHEEL_INTEGRITY, (p: Provenance) => flipSignatureByte(p));
  const badges = await visitAndSettle(page, URLS.sampleproject, 2);
  expect(badges.get(SAMPLE_WHEEL)?.state).toBe('failed');

  const dialogs: { type: string; message: string }[] = [];
  page.on('dialog', (d) => {
    dialogs.push({ type: d.type(), message: d.message() });
    void d.dismiss();
  });
  let downloaded = false;
  page.on('download', () => (downloaded = true));
  const before = pypi.requests.filter((r) => r.url.startsWith('https://files.pythonhosted.org/')).length;

  await showFilesTab(page);
  await page.locator(downloadLink(SAMPLE_WHEEL)).first().click();
  await expect.poll(() => dialogs.length).toBeGreaterThan(0);
  expect(dialogs[0]!.type).toBe('confirm');
  expect(dialogs[0]!.message).toContain(SAMPLE_WHEEL);
  await page.waitForTimeout(1000);
  expect(downloaded).toBe(false);
  expect(pypi.requests.filter((r) => r.url.startsWith('https://files.pythonhosted.org/')).length).toBe(before);
});

test('download of a failed file proceeds when the user confirms', async ({ page, pypi }) => {
  pypi.overrideJson(SAMPLE_WHEEL_INTEGRITY, (p: Provenance) => flipSignatureByte(p));
  await visitAndSettle(page, URLS.sampleproject, 2);
  page.on('dialog', (d) => void d.accept());
  const download = page.waitForEvent('download', { timeout: 10_000 });
  await showFilesTab(page);
  await page.locator(downloadLink(SAMPLE_WHEEL)).first().click();
  expect((await download).suggestedFilename()).toBe(SAMPLE_WHEEL);
});

test('download of a verified file does not ask', async ({ page }) => {
  await visitAndSettle(page, URLS.sampleproject, 2);
  let asked = false;
  page.on('dialog', (d) => {
    asked = true;
    void d.dismiss();
  });
  const download = page.waitForEvent('download', { timeout: 10_000 });
  await showFilesTab(page);
  await page.locator(downloadLink(SAMPLE_WHEEL)).first().click();
  await download;
  expect(asked).toBe(false);
});

test('strict mode: downloading a file without provenance asks for confirmation', async ({ page, ext }) => {
  const options = await openOptions(ext);
  await setStrictMode(options, true);
  await options.close();
  const badges = await visitAndSettle(page, URLS.pycrypto, 1);
  expect(badges.get('pycrypto-2.6.1.tar.gz')).toMatchObject({ state: 'absent', level: 'warning' });
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.type());
    void d.dismiss();
  });
  await showFilesTab(page);
  await page.locator(downloadLink('pycrypto-2.6.1.tar.gz')).first().click();
  await expect.poll(() => dialogs.length).toBeGreaterThan(0);
  expect(dialogs[0]).toBe('confirm');
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

test("strict mode: a verified file's link that is not PyPI's download URL asks first", async ({ page, ext }) => {
  const options = await openOptions(ext);
  await setStrictMode(options, true);
  await options.close();
  const badges = await visitAndSettle(page, URLS.sampleproject, 2);
  expect(badges.get(SAMPLE_WHEEL)).toMatchObject({ state: 'verified' });
  await showFilesTab(page);
  const link = page.locator(downloadLink(SAMPLE_WHEEL)).first();
  // what a compromised page would do: same file host and filename, another path
  await link.evaluate((a, f) => a.setAttribute('href', `https://files.pythonhosted.org/packages/00/00/evil/${f}`), SAMPLE_WHEEL);
  const messages: string[] = [];
  page.on('dialog', (d) => {
    messages.push(d.message());
    void d.dismiss();
  });
  await link.click();
  await expect.poll(() => messages.length).toBeGreaterThan(0);
  expect(messages[0]).toContain("not PyPI's download URL");
});
