/**
 * Firefox end-to-end tests: stock Firefox ESR (/usr/bin/firefox-esr or $FIREFOX_PATH), headless,
 * driven by puppeteer-core over WebDriver BiDi, with the BUILT Firefox extension (dist-firefox/)
 * installed as a temporary add-on, against a local pypi.org served over TLS (./pypi-server.ts).
 *
 *   npm run test:firefox              # builds dist-firefox/ first
 *   npx tsx e2e-firefox/run.ts [-g <substring of a test name>]
 *
 * One fresh browser (fresh profile) per test, like the Chromium harness. Prints
 * `N passed, N failed` last and exits 1 if anything failed.
 *
 * Extension pages (moz-extension://) cannot be navigated over BiDi, so every test drives a web page.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { BADGE_SELECTOR, badgeSelector, panelSelector } from '../scripts/e2e-lib/badges';
import { shippedTufRootProblems } from '../scripts/e2e-lib/shipped-tuf-root';
import { flipSignatureByte } from '../e2e/lib/provenance-tamper';
import { hostileReadmes } from '../test/content/hostile-readme';
import { formatUtc, rootWithoutRekorV1, trustScenario, TUF_STATE_KEY, type TrustScenario } from '../e2e/lib/trust-repo';
import { FILES_HOST, LOCAL_HOSTS, LocalPypi, makeCertificate, TUF_HOST } from './pypi-server';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const DIST = process.env.DIST_FIREFOX ? resolve(process.env.DIST_FIREFOX) : join(ROOT, 'dist-firefox');
const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const TEST_TIMEOUT_MS = 90_000;

const URLS = {
  sampleproject: 'https://pypi.org/project/sampleproject/',
  pycrypto: 'https://pypi.org/project/pycrypto/',
  simpleSampleproject: 'https://pypi.org/simple/sampleproject/',
  fasthashNonCanonical: 'https://pypi.org/project/fasthash-lib/1.2.0/',
};
const SAMPLE_SDIST = 'sampleproject-4.0.0.tar.gz';
const SAMPLE_WHEEL = 'sampleproject-4.0.0-py3-none-any.whl';
const SAMPLE_WHEEL_INTEGRITY = '/integrity/sampleproject/4.0.0/sampleproject-4.0.0-py3-none-any.whl/provenance';
const PYCRYPTO_SDIST = 'pycrypto-2.6.1.tar.gz';

// ---------------------------------------------------------------- tiny assertion + test runner

class AssertionError extends Error {}
function check(cond: unknown, message: string): asserts cond {
  if (!cond) throw new AssertionError(message);
}
function equal<T>(actual: T, expected: T, what: string): void {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new AssertionError(`${what}: expected ${e}, got ${a}`);
}

interface Ctx {
  browser: Browser;
  page: Page;
  pypi: LocalPypi;
  extensionId: string;
  console: { type: string; text: string }[];
}
interface TestCase {
  name: string;
  /** Set up the local pypi.org before the browser starts (tampering, faults, a TUF repository). */
  setup?: (pypi: LocalPypi) => void;
  run: (ctx: Ctx) => Promise<void>;
  /** Let WebDriver BiDi navigate to the extension's own pages (Firefox's --remote-allow-system-access). */
  extensionPages?: boolean;
}
const tests: TestCase[] = [];
const test = (name: string, run: TestCase['run'], setup?: TestCase['setup'], more: Pick<TestCase, 'extensionPages'> = {}) =>
  tests.push({ name, run, ...(setup ? { setup } : {}), ...more });

// ---------------------------------------------------------------- browser + page helpers

const TLS = makeCertificate([...LOCAL_HOSTS, TUF_HOST]);
const GECKO_ID = 'pypi-provenance@example.org'; // scripts/firefox-manifest.ts
/** The extension's moz-extension:// host in the test profile (fixed by the pref below; random otherwise). */
const EXTENSION_UUID = '5f1e3c2a-9b7d-4e6f-8a1b-2c3d4e5f6a7b';
const OPTIONS_URL = `moz-extension://${EXTENSION_UUID}/src/options/index.html`;

async function launch(opts: { tuf: boolean; extensionPages: boolean }): Promise<{ browser: Browser; profile: string }> {
  const profile = mkdtempSync(join(tmpdir(), 'pp-firefox-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    acceptInsecureCerts: true,
    userDataDir: profile,
    // Without it, BiDi refuses to navigate to moz-extension:// pages ("not allowed in this context").
    args: opts.extensionPages ? ['--remote-allow-system-access'] : [],
    extraPrefsFirefox: {
      // pypi.org & co. (and the TUF repository, when the test has one) → the local server (127.0.0.1 / ::1).
      'network.dns.localDomains': [...LOCAL_HOSTS, ...(opts.tuf ? [TUF_HOST] : [])].join(','),
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }),
      // A closed network: no DNS-over-HTTPS, no proxy discovery, no background services.
      'network.trr.mode': 5,
      'network.proxy.type': 0,
      'network.connectivity-service.enabled': false,
      'network.captive-portal-service.enabled': false,
      'browser.safebrowsing.malware.enabled': false,
      'browser.safebrowsing.phishing.enabled': false,
      'extensions.update.enabled': false,
      'app.update.enabled': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'toolkit.telemetry.enabled': false,
    },
  });
  return { browser, profile };
}

/** Record CSP violations the page sees (incl. those caused by content-script-inserted nodes). */
async function watchCsp(page: Page): Promise<void> {
  await page.evaluateOnNewDocument(() => {
    const w = window as unknown as { __cspViolations?: string[] };
    w.__cspViolations = [];
    document.addEventListener(
      'securitypolicyviolation',
      (e) => w.__cspViolations!.push(`${e.violatedDirective} blocked=${e.blockedURI} source=${e.sourceFile}:${e.lineNumber}`),
      true,
    );
  });
}

async function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? ['(watcher missing)']);
}

interface Badge {
  filename: string;
  state: string;
  level: string;
}

async function readBadges(page: Page): Promise<Badge[]> {
  return page.evaluate((sel: string) => {
    return Array.from(document.querySelectorAll(sel)).map((el) => ({
      filename: el.getAttribute('data-provenance-filename') ?? '',
      state: el.getAttribute('data-provenance-state') ?? '',
      level: el.getAttribute('data-provenance-level') ?? '',
    }));
  }, BADGE_SELECTOR);
}

/** Wait until at least `count` badges exist and none is pending; map filename → badge. */
async function settled(page: Page, count: number, timeout = 45_000): Promise<Map<string, Badge>> {
  const deadline = Date.now() + timeout;
  let last: Badge[] = [];
  while (Date.now() < deadline) {
    last = await readBadges(page).catch(() => last);
    if (last.length >= count && last.every((b) => b.state !== 'pending')) {
      const m = new Map<string, Badge>();
      for (const b of last) {
        check(!m.has(b.filename), `more than one badge for ${b.filename}`);
        m.set(b.filename, b);
      }
      return m;
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new AssertionError(
    `badges did not settle within ${timeout} ms (expected ${count}); now: ${last.length ? last.map((b) => `${b.filename}=${b.state}/${b.level}`).join(', ') : 'no badges'}`,
  );
}

async function visit(page: Page, url: string, count: number): Promise<Map<string, Badge>> {
  const res = await page.goto(url, { waitUntil: 'load' });
  check(res, `no response for ${url}`);
  return settled(page, count);
}

/** Computed style of a light-DOM element (a shadow host: `:host` rules of the adopted sheet show here). */
async function hostStyle(page: Page, selector: string): Promise<{ display: string; marginLeft: string; marginTop: string } | null> {
  return page.evaluate((sel: string) => {
    const el = document.querySelector(sel);
    if (!el) return null;
    const cs = getComputedStyle(el);
    return { display: cs.display, marginLeft: cs.marginLeft, marginTop: cs.marginTop };
  }, selector);
}

async function showFilesTab(page: Page): Promise<void> {
  await page.evaluate(() => {
    if (location.hash !== '#files') location.hash = 'files';
  });
  await page.waitForSelector('#files', { visible: true, timeout: 10_000 });
}

// ---------------------------------------------------------------- the tests

test('extension installs and its background answers (sampleproject: sdist and wheel verified)', async ({ page, pypi }) => {
  const badges = await visit(page, URLS.sampleproject, 2);
  equal(badges.size, 2, 'one badge per file');
  for (const f of [SAMPLE_SDIST, SAMPLE_WHEEL]) {
    const b = badges.get(f);
    check(b, `badge for ${f}`);
    equal([b.state, b.level], ['verified', 'ok'], `${f} state/level`);
  }
  // Real verification needs the provenance: the background fetched both integrity objects.
  const integ = pypi.pypiRequests('/integrity/sampleproject/4.0.0/').map((r) => new URL(r.url).pathname);
  for (const f of [SAMPLE_SDIST, SAMPLE_WHEEL])
    check(
      integ.some((p) => p.includes(`/${f}/`)),
      `integrity request for ${f} (got ${integ.join(', ') || 'none'})`,
    );
});

test('badges are styled under the page CSP (adoptedStyleSheets) and cause no CSP violation', async ({ page, console: log }) => {
  await watchCsp(page);
  await visit(page, URLS.sampleproject, 2);
  await showFilesTab(page);
  // A bare <span> is display:inline with no margin: these values come only from the badge's :host rule.
  const style = await hostStyle(page, badgeSelector(SAMPLE_WHEEL));
  check(style, 'badge host exists');
  equal([style.display, style.marginLeft], ['inline-block', '6px'], 'badge :host style (display, margin-left)');
  // Open a panel too (more styled UI), then look for violations.
  await page.click(badgeSelector(SAMPLE_WHEEL));
  await page.waitForSelector(panelSelector(SAMPLE_WHEEL), { timeout: 10_000 });
  await new Promise((r) => setTimeout(r, 500));
  equal(await cspViolations(page), [], 'CSP violations with badges and panel');
  const consoleCsp = log.filter((m) => /Content[- ]Security[- ]Policy|CSP/i.test(m.text));
  equal(consoleCsp, [], 'CSP messages on the console');
  // The watcher can fail: an inline <style> added now must be reported.
  await page.evaluate(() => {
    const s = document.createElement('style');
    s.textContent = 'body { outline: 0 }';
    document.head.append(s);
  });
  await new Promise((r) => setTimeout(r, 300));
  const after = await cspViolations(page);
  check(
    after.some((v) => /^style-src/.test(v)),
    `the CSP watcher sees an inline <style> (saw ${JSON.stringify(after)})`,
  );
});

test('pycrypto (no attestations): absent/neutral, no integrity request', async ({ page, pypi }) => {
  const badges = await visit(page, URLS.pycrypto, 1);
  equal(badges.size, 1, 'one badge');
  const b = badges.get(PYCRYPTO_SDIST);
  check(b, `badge for ${PYCRYPTO_SDIST}`);
  equal([b.state, b.level], ['absent', 'neutral'], 'pycrypto state/level');
  equal(pypi.pypiRequests('/integrity/').length, 0, 'integrity requests');
});

test('clicking a badge opens its panel ([data-provenance-panel] host, styled)', async ({ page }) => {
  await visit(page, URLS.sampleproject, 2);
  await showFilesTab(page);
  equal(await page.$(panelSelector(SAMPLE_WHEEL)), null, 'no panel before the click');
  await page.click(badgeSelector(SAMPLE_WHEEL));
  const panel = await page.waitForSelector(panelSelector(SAMPLE_WHEEL), { timeout: 10_000 });
  check(panel, 'panel host appears');
  const attrs = await panel.evaluate((el) => ({
    state: el.getAttribute('data-provenance-state'),
    panel: el.getAttribute('data-provenance-panel'),
  }));
  equal(attrs, { state: 'verified', panel: SAMPLE_WHEEL }, 'panel host attributes');
  const style = await hostStyle(page, panelSelector(SAMPLE_WHEEL));
  check(style, 'panel host style');
  // A bare host is margin 0: the 8px comes only from the panel's :host rule (adopted stylesheet).
  equal([style.display, style.marginTop], ['block', '8px'], 'panel :host style (display, margin-top)');
  // Clicking again closes it (toggle).
  await page.click(badgeSelector(SAMPLE_WHEEL));
  await page.waitForSelector(panelSelector(SAMPLE_WHEEL), { hidden: true, timeout: 10_000 });
});

test(
  'tampered provenance (one signature bit flipped) → failed/danger; the other file stays verified',
  async ({ page, pypi }) => {
    const badges = await visit(page, URLS.sampleproject, 2);
    const wheel = badges.get(SAMPLE_WHEEL);
    const sdist = badges.get(SAMPLE_SDIST);
    check(wheel && sdist, 'both badges');
    equal([wheel.state, wheel.level], ['failed', 'danger'], 'tampered wheel');
    equal([sdist.state, sdist.level], ['verified', 'ok'], 'untouched sdist');
    check(pypi.pypiRequests(SAMPLE_WHEEL_INTEGRITY).length > 0, 'the tampered provenance was served');
  },
  (pypi) => pypi.transformJson(SAMPLE_WHEEL_INTEGRITY, (p) => flipSignatureByte(p)),
);

test(
  "download of a failed file (#13.5): our in-page dialog, not the browser's confirm; Escape cancels and the focus returns, Download anyway (keyboard) proceeds",
  async ({ page, pypi }) => {
    const badges = await visit(page, URLS.sampleproject, 2);
    equal(badges.get(SAMPLE_WHEEL)?.state, 'failed', 'tampered wheel');
    await showFilesTab(page);
    const browserDialogs: string[] = [];
    page.on('dialog', (d) => {
      browserDialogs.push(d.type());
      void d.dismiss();
    });
    const fileRequests = () => pypi.requests.filter((r) => r.host === FILES_HOST && r.url.endsWith(`/${SAMPLE_WHEEL}`)).length;
    const link = `#files a[href^="https://files.pythonhosted.org/"][href$="/${SAMPLE_WHEEL}"]`;
    await page.focus(link);
    await page.keyboard.press('Enter');
    const host = await page.waitForSelector('[data-provenance-dialog]', { timeout: 10_000 });
    check(host, 'the dialog host appears');
    // the focus is inside our dialog (its host, from the page's side: the root is closed)
    equal(await page.evaluate(() => document.activeElement?.hasAttribute('data-provenance-dialog') ?? false), true, 'focus in the dialog');
    equal(await host.evaluate((el) => el.shadowRoot), null, 'closed shadow root');
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.querySelector('[data-provenance-dialog]'), { timeout: 10_000 });
    equal(await page.evaluate(() => document.activeElement?.textContent?.trim() ?? null), SAMPLE_WHEEL, 'focus back on the link');
    await new Promise((r) => setTimeout(r, 500));
    equal(fileRequests(), 0, 'no download after Escape');
    // again: Tab to "Download anyway" (focus starts on Cancel), Enter
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-provenance-dialog]', { timeout: 10_000 });
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => !document.querySelector('[data-provenance-dialog]'), { timeout: 10_000 });
    for (let i = 0; i < 50 && fileRequests() === 0; i++) await new Promise((r) => setTimeout(r, 100));
    equal(fileRequests(), 1, 'the download went ahead after "Download anyway"');
    equal(browserDialogs, [], "the browser's own confirm() never opened");
  },
  (pypi) => pypi.transformJson(SAMPLE_WHEEL_INTEGRITY, (p) => flipSignatureByte(p)),
);

/** Drop the `Content-Security-Policy` header of matching responses. */
const withoutCsp = (prefix: string) => (pypi: LocalPypi) =>
  pypi.transform(prefix, (r) => {
    const headers = { ...r.headers };
    delete headers['content-security-policy'];
    return { ...r, headers };
  });

test(
  'simple index without its sandbox CSP: 13 anchors, 2 verified + 11 absent',
  async ({ page }) => {
    const badges = await visit(page, URLS.simpleSampleproject, 13);
    equal(badges.size, 13, 'badges on the simple index');
    const count = (s: string) => [...badges.values()].filter((b) => b.state === s).length;
    equal([count('verified'), count('absent')], [2, 11], '[verified, absent]');
    equal(badges.get(SAMPLE_WHEEL)?.state, 'verified', 'wheel on the simple index');
  },
  withoutCsp('/simple/'),
);

// pypi.org serves /simple/ pages with `Content-Security-Policy: default-src 'none'; sandbox
// allow-top-navigation`. Firefox (and Safari) do not inject content scripts into CSP-sandboxed
// documents (w3c/webextensions#285; Chrome does), so Firefox users get no badges there. This test is a
// canary: when it fails, Firefox started injecting — update the README and expect 13 badges here.
test('simple index with the production sandbox CSP: Firefox injects no content script (known, w3c/webextensions#285)', async ({
  page,
  pypi,
}) => {
  await page.goto(URLS.simpleSampleproject, { waitUntil: 'load' });
  const anchors = await page.evaluate(() => document.querySelectorAll('a[href^="https://files.pythonhosted.org/"]').length);
  equal(anchors, 13, 'the page itself loaded (13 file anchors)');
  const csp = pypi.pypiRequests('/simple/sampleproject/').length;
  check(csp > 0, 'the simple page was served by the local pypi.org');
  await new Promise((r) => setTimeout(r, 4000));
  equal((await readBadges(page)).length, 0, 'badges in a CSP-sandboxed document');
  equal(pypi.pypiRequests('/integrity/').length, 0, 'integrity requests');
});

test('non-canonical project URL follows a real 301; FastHash_Lib 1.2.0 → 6 failed + 1 absent', async ({ page, pypi }) => {
  const badges = await visit(page, URLS.fasthashNonCanonical, 7);
  equal(new URL(page.url()).pathname, '/project/FastHash_Lib/1.2.0/', 'redirected path');
  check(
    pypi.requests.some((r) => r.status === 301),
    'a 301 was served',
  );
  const states = [...badges.values()].map((b) => `${b.state}/${b.level}`).sort();
  equal(states, [...Array(6).fill('failed/danger'), 'absent/neutral'].sort(), 'FastHash states');
});

test('README with every injection readme_renderer allows (#18.4): one verified badge per real file, none in the README', async ({
  page,
  pypi,
}) => {
  const html = hostileReadmes([SAMPLE_SDIST, SAMPLE_WHEEL])['everything at once']!;
  pypi.transform('/project/sampleproject/4.0.0/', (r) => ({
    ...r,
    body: Buffer.from(
      r.body.toString('utf8').replace('<div class="project-description__content">', `<div class="project-description__content">${html}`),
    ),
  }));
  const badges = await visit(page, 'https://pypi.org/project/sampleproject/4.0.0/', 2);
  equal([...badges.keys()].sort(), [SAMPLE_WHEEL, SAMPLE_SDIST].sort(), 'badged files');
  for (const b of badges.values()) equal([b.state, b.level], ['verified', 'ok'], `${b.filename} state/level`);
  equal(await page.$$eval(`.project-description ${BADGE_SELECTOR}`, (els) => els.length), 0, 'badges in the README');
  equal(await page.$$eval(BADGE_SELECTOR, (els) => els.length), 2, 'badges on the page');
});

test(
  'files-tab redesign (#12.4, table.table--files rows): both files verified, badge in the filename cell, panel in a full-width row below the file',
  async ({ page }) => {
    const badges = await visit(page, 'https://pypi.org/project/sampleproject/4.0.0/', 2);
    equal(await page.$$eval('table.table--files', (els) => els.length), 2, 'really the redesign markup (file tables)');
    equal(await page.$$eval('.file__card', (els) => els.length), 0, 'no file cards');
    equal([...badges.keys()].sort(), [SAMPLE_WHEEL, SAMPLE_SDIST].sort(), 'badged files');
    for (const b of badges.values()) equal([b.state, b.level], ['verified', 'ok'], `${b.filename} state/level`);
    equal(
      await page.$$eval(`table.table--files span.file-info__name > ${BADGE_SELECTOR}`, (els) => els.length),
      2,
      'badges inside the filename cells',
    );
    await showFilesTab(page);
    await page.click(badgeSelector(SAMPLE_WHEEL));
    const host = await page.waitForSelector(panelSelector(SAMPLE_WHEEL), { timeout: 10_000 });
    check(host, 'panel host appears');
    const where = await host.evaluate((el) => {
      const cell = el.parentElement as HTMLTableCellElement;
      const row = cell.parentElement as HTMLTableRowElement;
      const fileRow = row.previousElementSibling as HTMLTableRowElement;
      return {
        cell: cell.tagName,
        spansRow: cell.colSpan === fileRow.cells.length,
        fileRowLink: fileRow.querySelector('span.file-info__name a')?.textContent?.trim() ?? null,
        wide: el.getBoundingClientRect().width > (row.closest('table') as HTMLTableElement).getBoundingClientRect().width * 0.8,
      };
    });
    equal(where, { cell: 'TD', spansRow: true, fileRowLink: SAMPLE_WHEEL, wide: true }, 'panel placement');
    await page.click(badgeSelector(SAMPLE_WHEEL));
    await page.waitForSelector(panelSelector(SAMPLE_WHEEL), { hidden: true, timeout: 10_000 });
    equal(await page.$$eval('[data-provenance-panel-row]', (els) => els.length), 0, 'the panel row goes with the panel');
  },
  (pypi) => pypi.fixture.setLayout('files-tab'),
);

// ---------------------------------------------------------------- the trust root (options page)

/**
 * Open the options page in `page`. The navigation moves the tab into the extension process and
 * puppeteer never sees it finish (it reports "Frame detached" later), so wait for the page itself.
 */
async function openOptions(page: Page): Promise<void> {
  void page.goto(OPTIONS_URL).catch(() => undefined);
  await until('the options page shows the trust root', () => page.evaluate(() => document.querySelector('#trust-in-use') !== null));
}

/** Reload the options page (a new document: the marker set before is gone). */
async function reloadOptions(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { __before?: boolean }).__before = true;
    location.reload();
  });
  await until('the options page reloaded', () =>
    page.evaluate(() => !(window as unknown as { __before?: boolean }).__before && document.querySelector('#trust-in-use') !== null),
  );
}

async function text(page: Page, selector: string): Promise<string> {
  return page.$eval(selector, (el) => (el.textContent ?? '').trim());
}
async function attr(page: Page, selector: string, name: string): Promise<string | null> {
  return page.$eval(selector, (el, n) => el.getAttribute(n), name);
}

async function until(what: string, cond: () => Promise<boolean>, timeout = 30_000): Promise<void> {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    if (await cond().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new AssertionError(`${what}: not within ${timeout} ms`);
}

type Local = { get(k: string): Promise<Record<string, { lastAttempt?: unknown } | undefined>>; set(v: object): Promise<void> };
declare const browser: { storage: { local: Local } };

/** Write the background's TUF state from the options page once its own first refresh (at install) is over (e2e/lib/trust-repo.ts). */
async function seedTufState(page: Page, state: object): Promise<void> {
  await until('the background recorded its first refresh attempt', () =>
    page.evaluate(async (k: string) => Boolean((await browser.storage.local.get(k))[k]?.lastAttempt), TUF_STATE_KEY),
  );
  await page.evaluate((k: string, v: object) => browser.storage.local.set({ [k]: v }), TUF_STATE_KEY, state);
}

async function checkNow(page: Page): Promise<void> {
  // A new attempt, not the seeded one (which may say ok already): its line (time + result) changes.
  const before = await text(page, '#trust-last-attempt');
  await page.click('#trust-check-now');
  await until(
    'the refresh succeeded',
    async () => (await text(page, '#trust-last-attempt')) !== before && (await attr(page, '#trust-last-attempt', 'data-status')) === 'ok',
  );
  equal(await attr(page, '#trust-last-attempt', 'data-ok'), 'true', 'last attempt ok');
}

let trust: TrustScenario | null = null;
const withTufRepo = (pypi: LocalPypi) => {
  trust = trustScenario();
  pypi.tuf = trust.repo;
};

test(
  'options page: "Check now" refreshes from the TUF repository (local, rotated root v16 → v17) and shows the refreshed root',
  async ({ page, pypi }) => {
    const { seed, expected } = trust!;
    await openOptions(page);
    await seedTufState(page, seed);
    await reloadOptions(page);
    equal(await attr(page, '#trust-in-use', 'data-source'), 'bundled', 'root in use before');
    equal(await text(page, '#trust-tuf-version'), '16', 'TUF root version before');
    check((await text(page, '#trust-in-use-sha256')) !== expected.trustedRootSha256, 'not the refreshed trusted root before');
    const before = Math.floor(Date.now() / 1000) * 1000;
    await checkNow(page);
    const facts = async (when: string) => {
      equal(await attr(page, '#trust-in-use', 'data-source'), 'refreshed', `root in use ${when}`);
      equal(await text(page, '#trust-tuf-version'), String(expected.tufRootVersion), `TUF root version ${when}`);
      equal(await text(page, '#trust-tuf-expires'), formatUtc(expected.tufRootExpires), `TUF root expiry ${when}`);
      equal(await text(page, '#trust-next-expiry'), formatUtc(expected.timestampExpires), `next expiry ${when}`);
      equal(await text(page, '#trust-in-use-sha256'), expected.trustedRootSha256, `trusted root sha256 ${when}`);
      const at = Date.parse((await text(page, '#trust-refreshed-at')).replace(' ', 'T').replace(' UTC', 'Z'));
      check(at >= before && at <= Date.now(), `refreshed at (${at}) is this refresh (${before}..now) ${when}`);
      check((await text(page, '#trust-last-attempt')).includes('The trust root was updated from Sigstore.'), `last attempt text ${when}`);
    };
    await facts('after "Check now"');
    await reloadOptions(page);
    await facts('after a reload');
    const tuf = pypi.requests.filter((r) => r.host === TUF_HOST).map((r) => new URL(r.url).pathname);
    for (const p of [
      '/17.root.json',
      '/timestamp.json',
      '/7.snapshot.json',
      '/7.targets.json',
      `/targets/${expected.trustedRootSha256}.trusted_root.json`,
    ])
      check(tuf.includes(p), `the background fetched ${p} (got ${tuf.join(', ')})`);
  },
  withTufRepo,
  { extensionPages: true },
);

test(
  'a provenance signed with a Rekor key the root in use lacks: could not check before the refresh, verified after',
  async ({ browser: b, page }) => {
    const { seed } = trust!;
    await openOptions(page);
    // The last refresh (long before sampleproject 4.0.0 was signed) gave a root without the Rekor v1
    // key: the state a user is in the day after Sigstore adds a log key. The background reads it
    // when it starts: reload the extension (storage.local stays; its pages close).
    await seedTufState(page, {
      ...seed,
      trustedRoot: rootWithoutRekorV1(),
      refreshedAt: '2024-01-01T00:00:00Z',
      // an hour ago: recent enough that the restarted background does not refresh by itself
      lastAttempt: { at: new Date(Date.now() - 3_600_000).toISOString(), ok: true, status: 'ok' },
    });
    // The tab for PyPI is opened before the reload: opening one while the reload closes the
    // extension's pages failed now and then ("BrowsingContext does no longer exist").
    const tab = await b.newPage();
    await page
      .evaluate(() => (globalThis as unknown as { browser: { runtime: { reload(): void } } }).browser.runtime.reload())
      .catch(() => undefined); // the page may close before it answers
    for (let i = 0; i < 100 && !page.isClosed(); i++) await new Promise((r) => setTimeout(r, 100));
    const states = async () => {
      const badges = await visit(tab, URLS.sampleproject, 2);
      return [SAMPLE_SDIST, SAMPLE_WHEEL].map((f) => badges.get(f)?.state ?? 'none');
    };
    equal(await states(), ['error', 'error'], 'sdist, wheel under the root without the key');
    const options = await b.newPage();
    await openOptions(options);
    equal(await attr(options, '#trust-in-use', 'data-source'), 'refreshed', 'root in use before');
    equal(await text(options, '#trust-tuf-version'), '16', 'TUF root version before');
    await checkNow(options);
    equal(await text(options, '#trust-tuf-version'), '17', 'TUF root version after');
    equal(await states(), ['verified', 'verified'], 'sdist, wheel after the refresh');
  },
  withTufRepo,
  { extensionPages: true },
);

// ---------------------------------------------------------------- main

async function runOne(t: TestCase): Promise<void> {
  const pypi = new LocalPypi();
  t.setup?.(pypi);
  await pypi.listen(443, TLS);
  let browser: Browser | null = null;
  let profile: string | null = null;
  try {
    ({ browser, profile } = await launch({ tuf: pypi.tuf !== null, extensionPages: t.extensionPages === true }));
    const extensionId = await browser.installExtension(DIST);
    const page = (await browser.pages())[0] ?? (await browser.newPage());
    const log: { type: string; text: string }[] = [];
    page.on('console', (m) => log.push({ type: m.type(), text: m.text() }));
    page.on('pageerror', (e) => log.push({ type: 'pageerror', text: String(e) }));
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      t.run({ browser, page, pypi, extensionId, console: log }),
      new Promise((_r, reject) => {
        timer = setTimeout(() => reject(new AssertionError(`timed out after ${TEST_TIMEOUT_MS} ms`)), TEST_TIMEOUT_MS);
      }),
    ]).finally(() => clearTimeout(timer));
  } finally {
    await browser?.close().catch(() => {});
    await pypi.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  if (!existsSync(join(DIST, 'manifest.json'))) {
    console.error(`${DIST}/manifest.json is missing: run "npm run build:firefox" first`);
    return 2;
  }
  if (!existsSync(FIREFOX)) {
    console.error(`Firefox not found at ${FIREFOX} (apt-get install -y firefox-esr, or set FIREFOX_PATH)`);
    return 2;
  }
  const g = process.argv.indexOf('-g');
  const filter = g >= 0 ? (process.argv[g + 1] ?? '') : '';
  const selected = tests.filter((t) => t.name.includes(filter));
  let passed = 0;
  let failed = 0;
  // No browser needed: the build under test starts TUF refreshes from Sigstore's root only.
  const rootProblems = shippedTufRootProblems(DIST, readFileSync(join(ROOT, 'public', 'trust', 'tuf_root.json'), 'utf8'));
  if (rootProblems.length === 0) {
    passed++;
    console.log(`  ✓ ${DIST} carries only the bundled TUF root, inlined in the background`);
  } else {
    failed++;
    console.log(`  ✘ ${DIST} carries only the bundled TUF root\n      ${rootProblems.join('\n      ')}`);
  }
  for (const t of selected) {
    const start = Date.now();
    try {
      await runOne(t);
      passed++;
      console.log(`  ✓ ${t.name} (${Date.now() - start} ms)`);
    } catch (e) {
      failed++;
      console.log(
        `  ✘ ${t.name} (${Date.now() - start} ms)\n      ${e instanceof AssertionError ? e.message : ((e as Error).stack ?? String(e))}`,
      );
    }
  }
  console.log(`\n${passed} passed, ${failed} failed`);
  return failed === 0 && passed > 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
