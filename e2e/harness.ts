/**
 * Playwright fixtures for the extension's end-to-end tests.
 *
 * Every test gets its own Debian Chromium with the built extension (dist/) in a fresh profile,
 * and a local pypi.org (`pypi`, see scripts/e2e-lib/pypi-fixture.ts) installed BEFORE the first
 * page opens. `page` is a tab of that browser.
 *
 *   test('x', async ({ page, pypi, ext }) => { ... })
 *
 * Configure the local pypi.org per file with `test.use({ pypiOptions: { layout: 'legacy' } })`.
 */
import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import { launchWithExtension, stopServiceWorker, type ExtensionSession } from '../scripts/e2e-lib/launch';
import { PypiFixture, type PypiFixtureOptions } from '../scripts/e2e-lib/pypi-fixture';
import {
  waitForSettled,
  type BadgeInfo,
  byFilename,
  badgeSelector,
  panelSelector,
  BADGE_SELECTOR,
  SUMMARY_SELECTOR,
} from '../scripts/e2e-lib/badges';
import { readShadow, clickInShadow, control } from '../scripts/e2e-lib/shadow';

export {
  expect,
  waitForSettled,
  byFilename,
  badgeSelector,
  panelSelector,
  BADGE_SELECTOR,
  SUMMARY_SELECTOR,
  readShadow,
  clickInShadow,
  control,
  stopServiceWorker,
};
export type { BadgeInfo, ExtensionSession };
export { fixtureSha256, integrityPath, PAGES_DIR, EXTRA_DIR, REPO_ROOT } from '../scripts/e2e-lib/pypi-fixture';

export const URLS = {
  sampleproject: 'https://pypi.org/project/sampleproject/',
  sampleprojectRelease: 'https://pypi.org/project/sampleproject/4.0.0/',
  fasthash: 'https://pypi.org/project/FastHash_Lib/1.2.0/',
  pycrypto: 'https://pypi.org/project/pycrypto/',
  simpleSampleproject: 'https://pypi.org/simple/sampleproject/',
} as const;

export const SAMPLE_SDIST = 'sampleproject-4.0.0.tar.gz';
export const SAMPLE_WHEEL = 'sampleproject-4.0.0-py3-none-any.whl';
export const SAMPLE_SDIST_INTEGRITY = '/integrity/sampleproject/4.0.0/sampleproject-4.0.0.tar.gz/provenance';
export const SAMPLE_WHEEL_INTEGRITY = '/integrity/sampleproject/4.0.0/sampleproject-4.0.0-py3-none-any.whl/provenance';
/** The FastHash_Lib 1.2.0 file uploaded without Trusted Publishing (no provenance). */
export const FASTHASH_UNATTESTED = 'fasthash_lib-1.2.0-cp311-cp311-win_amd64.whl';
export const FASTHASH_FILES = [
  'fasthash_lib-1.2.0.tar.gz',
  'fasthash_lib-1.2.0-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl',
  'fasthash_lib-1.2.0-cp311-cp311-macosx_11_0_arm64.whl',
  'fasthash_lib-1.2.0-cp311-cp311-win_amd64.whl',
  'fasthash_lib-1.2.0-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl',
  'fasthash_lib-1.2.0-cp312-cp312-macosx_11_0_arm64.whl',
  'fasthash_lib-1.2.0-cp312-cp312-win_amd64.whl',
];

/** Messages from the browser console that look like Content-Security-Policy violations. */
export interface ConsoleLog {
  all: { type: string; text: string; url: string }[];
  cspViolations(): { type: string; text: string; url: string }[];
}

interface Fixtures {
  pypiOptions: PypiFixtureOptions;
  /** The build to load; default: the dist/ snapshot (e2e/global-setup.ts). */
  extDist: string | undefined;
  pypi: PypiFixture;
  ext: ExtensionSession;
  context: BrowserContext;
  page: Page;
  consoleLog: ConsoleLog;
}

export const test = base.extend<Fixtures>({
  pypiOptions: [{}, { option: true }],
  extDist: [undefined, { option: true }],
  pypi: async ({ pypiOptions }, use) => {
    await use(new PypiFixture(pypiOptions));
  },
  ext: async ({ pypi, extDist }, use) => {
    const session = await launchWithExtension({ ...(extDist ? { dist: extDist } : {}), beforeFirstPage: (c) => pypi.install(c) });
    try {
      await use(session);
    } finally {
      await pypi.releaseHanging();
      await session.close();
    }
  },
  context: async ({ ext }, use) => {
    await use(ext.context);
  },
  consoleLog: async ({ ext }, use) => {
    const log: ConsoleLog = {
      all: [],
      cspViolations() {
        return this.all.filter((m) => /Content Security Policy|Refused to (apply|load|execute|connect|frame)/i.test(m.text));
      },
    };
    const watch = (p: Page) => p.on('console', (m) => log.all.push({ type: m.type(), text: m.text(), url: p.url() }));
    ext.context.pages().forEach(watch);
    ext.context.on('page', watch);
    await use(log);
  },
  page: async ({ ext, consoleLog: _c }, use) => {
    const page = ext.context.pages()[0] ?? (await ext.context.newPage());
    await use(page);
  },
});

/** Open the extension's options page in a new tab. */
export async function openOptions(ext: ExtensionSession): Promise<Page> {
  const p = await ext.context.newPage();
  await p.goto(ext.optionsUrl);
  await p.locator('#strict-mode').waitFor({ state: 'attached', timeout: 10_000 });
  return p;
}

/** Set strict mode through the options page UI (clicks #strict-mode only if it must change). */
export async function setStrictMode(options: Page, on: boolean): Promise<void> {
  const box = options.locator('#strict-mode');
  const checked = await box.evaluate((el) => {
    if (el instanceof HTMLInputElement) return el.checked;
    return el.getAttribute('aria-checked') === 'true' || el.getAttribute('aria-pressed') === 'true';
  });
  if (checked !== on) await box.click();
  await expect
    .poll(() =>
      box.evaluate((el) =>
        el instanceof HTMLInputElement
          ? el.checked
          : el.getAttribute('aria-checked') === 'true' || el.getAttribute('aria-pressed') === 'true',
      ),
    )
    .toBe(on);
}

/** Add an identity pin through the options page pin editor. */
export async function addPin(
  options: Page,
  pin: { project: string; kind?: 'GitHub' | 'GitLab' | 'Google'; repository: string; workflow?: string },
): Promise<void> {
  await options.locator('#pin-project').fill(pin.project);
  const kind = options.locator('#pin-kind');
  if ((await kind.evaluate((el) => el.tagName)) === 'SELECT') await kind.selectOption(pin.kind ?? 'GitHub');
  else await kind.fill(pin.kind ?? 'GitHub');
  await options.locator('#pin-repository').fill(pin.repository);
  if (pin.workflow !== undefined) await options.locator('#pin-workflow').fill(pin.workflow);
  await options.locator('#pin-add').click();
}

/** Open the popup page as a tab, showing the status of the tab `pageUrlPattern` (made active). */
export async function openPopupFor(ext: ExtensionSession, pageUrlPattern: string): Promise<Page> {
  const popup = await ext.context.newPage();
  await popup.goto(`chrome-extension://${ext.extensionId}/src/popup/index.html`);
  // The popup asks for the ACTIVE tab of its window: make the pypi.org tab active again, then reload.
  const worker = await ext.currentWorker();
  await worker.evaluate(async (pattern) => {
    const c = (
      globalThis as unknown as {
        chrome: { tabs: { query(q: object): Promise<{ id?: number }[]>; update(id: number, p: object): Promise<unknown> } };
      }
    ).chrome;
    const [tab] = await c.tabs.query({ url: pattern });
    if (!tab?.id) throw new Error(`no tab for ${pattern}`);
    await c.tabs.update(tab.id, { active: true });
  }, pageUrlPattern);
  await popup.reload();
  return popup;
}

/** The popup's files list as { filename: state }. */
export async function popupFileStates(popup: Page): Promise<Record<string, string>> {
  return popup
    .locator('ul.files li')
    .evaluateAll((lis) =>
      Object.fromEntries(lis.map((li) => [li.getAttribute('data-filename') ?? '', li.getAttribute('data-state') ?? ''])),
    );
}

/** Go to a URL and wait for the badges to settle; returns them by filename. */
export async function visitAndSettle(page: Page, url: string, count: number, timeout = 30_000): Promise<Map<string, BadgeInfo>> {
  await page.goto(url);
  return byFilename(await waitForSettled(page, { count, timeout }));
}

/** Show the "Download files" tab (the warehouse.js stub hides the other panels), so badges there are clickable. */
export async function showFilesTab(page: Page): Promise<void> {
  await page.evaluate(() => {
    if (location.hash !== '#files') location.hash = 'files';
  });
  await expect(page.locator('#files')).toBeVisible();
}

/** Filenames listed in PyPI's file list on a project/release page (from the page itself, not the extension). */
export async function filesOnPage(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const names = new Set<string>();
    // PyPI's own list (never a README's `id="files"`, docs/dom.md): cards, or the files-tab redesign's rows.
    const list = '[id="files"][data-project-tabs-target="content"]';
    document.querySelectorAll(`${list} :is(.file__card, tr) a[href^="https://files.pythonhosted.org/"]`).forEach((a) => {
      const t = (a.textContent ?? '').trim();
      if (t) names.add(t);
    });
    return [...names];
  });
}

/** The download guard's in-page dialog (a closed shadow root of ours). */
export const DIALOG_SELECTOR = '[data-provenance-dialog]';

/** Wait for the download dialog and return its text (read through DevTools: the root is closed). */
export async function downloadDialogText(page: Page, timeout = 10_000): Promise<string> {
  await page.locator(DIALOG_SELECTOR).waitFor({ state: 'attached', timeout });
  return (await readShadow(page, DIALOG_SELECTOR))?.text ?? '';
}

/** Answer the download dialog with a real mouse click on one of its buttons; it goes away. */
export async function answerDownloadDialog(page: Page, answer: 'Cancel' | 'Download anyway'): Promise<void> {
  await page.locator(DIALOG_SELECTOR).waitFor({ state: 'attached', timeout: 10_000 });
  await clickInShadow(page, DIALOG_SELECTOR, (el) => el.tag === 'button' && el.text === answer);
  await expect(page.locator(DIALOG_SELECTOR)).toHaveCount(0);
}

/** Fail the test if the browser's own window.confirm/alert ever opens (the guard must use its in-page dialog). */
export function noBrowserDialogs(page: Page): { opened: string[] } {
  const seen = { opened: [] as string[] };
  page.on('dialog', (d) => {
    seen.opened.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  return seen;
}
