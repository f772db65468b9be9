/**
 * Isolation from the page (issue #5 items 3 and 4): the page's own scripts cannot read our UI,
 * cannot reach the worker, cannot fake the toolbar status, and hostile provenance fields are
 * never turned into links.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page, Worker } from '@playwright/test';
import {
  test,
  expect,
  URLS,
  SAMPLE_SDIST,
  SAMPLE_WHEEL,
  SAMPLE_WHEEL_INTEGRITY,
  FASTHASH_FILES,
  BADGE_SELECTOR,
  visitAndSettle,
  showFilesTab,
  badgeSelector,
  panelSelector,
  readShadow,
  openOptions,
  openPopupFor,
  popupFileStates,
  REPO_ROOT,
  type ExtensionSession,
} from './harness';
import { changePublisherRepository, type Provenance } from './lib/provenance-tamper';
import { readBadges } from '../scripts/e2e-lib/badges';

/** The English messages (what the popup shows under the test's locale). */
const ENGLISH: Record<string, { message: string }> = JSON.parse(readFileSync(join(REPO_ROOT, 'public/_locales/en/messages.json'), 'utf8'));

const PYCRYPTO_SDIST = 'pycrypto-2.6.1.tar.gz';
const UI_HOSTS = '[data-provenance-filename], [data-provenance-panel], [data-provenance-summary]';
const LINK_HOSTS = ['github.com', 'gitlab.com', 'search.sigstore.dev', 'pypi.org', 'test.pypi.org'];

type Chrome = {
  tabs: { query(q: object): Promise<{ id?: number; url?: string }[]>; update(id: number, p: object): Promise<unknown> };
  action: { getBadgeText(d: { tabId: number }): Promise<string> };
};

/** The toolbar badge text the browser shows for the (only) tab whose URL matches `pattern`. */
async function toolbarText(worker: Worker, pattern: string): Promise<string> {
  return worker.evaluate(async (p) => {
    const c = (globalThis as unknown as { chrome: Chrome }).chrome;
    const [tab] = await c.tabs.query({ url: p });
    if (!tab?.id) throw new Error(`no tab for ${p}`);
    return c.action.getBadgeText({ tabId: tab.id });
  }, pattern);
}

/** The popup (as a tab) for the tab matching `pattern`: its files list as { filename: state }. */
async function popupFiles(ext: ExtensionSession, pattern: string): Promise<Record<string, string>> {
  const popup = await openPopupFor(ext, pattern);
  await expect(popup.locator('ul.files li').first()).toBeAttached();
  const files = await popupFileStates(popup);
  await popup.close();
  return files;
}

async function openPanel(page: Page, filename: string) {
  await showFilesTab(page);
  await page.locator(badgeSelector(filename)).click();
  await expect(page.locator(panelSelector(filename))).toHaveCount(1);
}

test.describe('page scripts cannot read our UI', () => {
  test('every badge, summary and panel host: shadowRoot null from the page, empty light DOM, no shadow root captured', async ({ page }) => {
    // A page script that runs before everything else and hooks attachShadow in the MAIN world.
    await page.addInitScript(() => {
      const w = window as unknown as { __captured: string[] };
      w.__captured = [];
      const orig = Element.prototype.attachShadow;
      Element.prototype.attachShadow = function (this: Element, init: ShadowRootInit) {
        w.__captured.push(`${this.tagName}:${init.mode}`);
        return orig.call(this, init);
      };
    });
    await visitAndSettle(page, URLS.sampleproject, 2);
    await openPanel(page, SAMPLE_WHEEL);
    // The UI is really there (read through DevTools, which can pierce closed roots) …
    const panel = await readShadow(page, panelSelector(SAMPLE_WHEEL));
    expect(panel?.text).toContain('pypa/sampleproject');
    const badge = await readShadow(page, badgeSelector(SAMPLE_WHEEL));
    expect(badge?.text.length).toBeGreaterThan(0);
    // … but the page sees nothing of it.
    const seen = await page.evaluate((sel) => {
      return Array.from(document.querySelectorAll(sel)).map((el) => ({
        tag: el.tagName,
        kind: el.hasAttribute('data-provenance-panel') ? 'panel' : el.hasAttribute('data-provenance-summary') ? 'summary' : 'badge',
        shadowRoot: el.shadowRoot === null ? null : 'OPEN',
        childNodes: el.childNodes.length,
        text: el.textContent,
        captured: (window as unknown as { __captured: string[] }).__captured,
      }));
    }, UI_HOSTS);
    expect(seen.filter((s) => s.kind === 'badge').length).toBeGreaterThanOrEqual(2);
    expect(seen.filter((s) => s.kind === 'panel')).toHaveLength(1);
    for (const s of seen) expect(s, `${s.kind} host`).toMatchObject({ shadowRoot: null, childNodes: 0, text: '' });
    // The page's own attachShadow hook never saw our shadow roots (the content script runs in its own world) …
    expect(seen[0]!.captured).toEqual([]);
    // … although it works for the page's own (canary).
    const canary = await page.evaluate(() => {
      document.createElement('div').attachShadow({ mode: 'closed' });
      return (window as unknown as { __captured: string[] }).__captured;
    });
    expect(canary).toEqual(['DIV:closed']);
    // Nor can the page get at them some other way.
    const other = await page.evaluate((sel) => {
      const host = document.querySelector(sel)!;
      const g = globalThis as unknown as { chrome?: { dom?: { openOrClosedShadowRoot?: (e: Element) => unknown } } };
      return {
        chromeDom: typeof g.chrome?.dom?.openOrClosedShadowRoot,
        composedText: (host as HTMLElement).innerText ?? '',
      };
    }, panelSelector(SAMPLE_WHEEL));
    expect(other.chromeDom).toBe('undefined');
    expect(other.composedText).not.toContain('pypa/sampleproject');
    // Loading the panel's code (a dynamic import) added nothing to the page's document: no
    // <link rel="modulepreload"> naming our files (Vite's preload helper did that; build-config.ts).
    const ours = await page.evaluate(() =>
      Array.from(document.querySelectorAll('link, script'), (e) => e.getAttribute('href') ?? e.getAttribute('src') ?? '').filter((u) =>
        /^(chrome|moz)-extension:/.test(u),
      ),
    );
    expect(ours).toEqual([]);
  });
});

test.describe('page scripts cannot reach the worker', () => {
  test('chrome.runtime from the page: absent, or sendMessage/connect to our id fail (no externally_connectable)', async ({
    ext,
    page,
    pypi,
  }) => {
    await visitAndSettle(page, URLS.sampleproject, 2);
    const before = pypi.workerRequests('/').length;
    const result = await page.evaluate(async (id) => {
      const r = (globalThis as unknown as { chrome?: { runtime?: Record<string, unknown> } }).chrome?.runtime;
      const out: Record<string, string> = { runtime: r === undefined ? 'undefined' : 'present' };
      const send = r?.['sendMessage'] as ((id: string, m: unknown) => Promise<unknown>) | undefined;
      const connect = r?.['connect'] as ((id: string, i: object) => { onDisconnect: unknown }) | undefined;
      if (typeof send === 'function') {
        try {
          out.send = `answered ${JSON.stringify(await send(id, { type: 'clear-cache' }))}`;
        } catch (e) {
          out.send = `threw ${String(e)}`;
        }
      } else out.send = 'no sendMessage';
      if (typeof connect === 'function') {
        try {
          connect(id, { name: 'pypi-provenance/check' });
          out.connect = 'connected';
        } catch (e) {
          out.connect = `threw ${String(e)}`;
        }
      } else out.connect = 'no connect';
      return out;
    }, ext.extensionId);
    test.info().annotations.push({ type: 'page world chrome.runtime', description: JSON.stringify(result) });
    expect(result.send).not.toMatch(/^answered/);
    // Why: the manifest the browser loaded opens no door to web pages.
    const manifest = await (
      await ext.currentWorker()
    ).evaluate(() =>
      (globalThis as unknown as { chrome: { runtime: { getManifest(): Record<string, unknown> } } }).chrome.runtime.getManifest(),
    );
    expect(manifest['externally_connectable']).toBeUndefined();
    expect(result.connect).not.toBe('connected');
    // The cache was not cleared: a reload is answered from it (no new integrity request).
    const badges = await visitAndSettle(page, URLS.sampleproject, 2);
    for (const b of badges.values()) expect(b.state).toBe('verified');
    expect(pypi.workerRequests('/integrity/')).toHaveLength(2);
    expect(pypi.workerRequests('/').length).toBeGreaterThanOrEqual(before);

    // Control: the SAME message from our own options page does clear it (so the check above can fail).
    const options = await openOptions(ext);
    const answer = await options.evaluate(() =>
      (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({
        type: 'clear-cache',
      }),
    );
    expect(answer).toEqual({ ok: true });
    await options.close();
    await visitAndSettle(page, URLS.sampleproject, 2);
    expect(pypi.workerRequests('/integrity/')).toHaveLength(4);
  });

  test('window.postMessage / CustomEvents imitating our messages change nothing', async ({ ext, page, pypi }) => {
    const badges = await visitAndSettle(page, URLS.sampleproject, 2);
    const sw = await ext.currentWorker();
    const toolbar = await toolbarText(sw, 'https://pypi.org/project/sampleproject/*');
    expect(toolbar).toBe('✓2');
    const requests = pypi.workerRequests('/').length;
    await page.evaluate(
      ({ wheel, sdist }) => {
        const fake = (filename: string) => ({
          type: 'verdict',
          requestId: 'x',
          filename,
          level: 'danger',
          pin: null,
          verdict: { state: 'failed', filename, sha256: '', reasons: [{ code: 'SIGNATURE_INVALID', message: 'fake' }], attestations: [] },
        });
        const msgs = [
          fake(wheel),
          fake(sdist),
          { type: 'check', requestId: 'y', index: 'pypi.org', project: 'sampleproject', version: null, files: [], force: true },
          { type: 'clear-cache' },
          { type: 'done', requestId: 'x' },
          { type: 'check-failed', requestId: 'x', message: 'fake' },
        ];
        for (const m of msgs) {
          window.postMessage(m, '*');
          window.postMessage(JSON.stringify(m), '*');
          for (const name of ['message', 'pypi-provenance', 'pypi-provenance/check', 'provenance-verdict', 'verdict']) {
            document.dispatchEvent(new CustomEvent(name, { detail: m, bubbles: true }));
            window.dispatchEvent(new CustomEvent(name, { detail: m }));
          }
          document.querySelectorAll('[data-provenance-filename]').forEach((el) => {
            el.dispatchEvent(new CustomEvent('pypi-provenance', { detail: m, bubbles: true }));
            el.dispatchEvent(new MessageEvent('message', { data: m }));
          });
        }
      },
      { wheel: SAMPLE_WHEEL, sdist: SAMPLE_SDIST },
    );
    await page.waitForTimeout(1500);
    const after = new Map((await readBadges(page)).map((b) => [b.filename, b]));
    for (const [f, b] of badges) expect(after.get(f), f).toEqual(b);
    expect(pypi.workerRequests('/').length).toBe(requests);
    expect(await toolbarText(sw, 'https://pypi.org/project/sampleproject/*')).toBe('✓2');
  });
});

test.describe('a badge in the README cannot reach the toolbar status', () => {
  const fakeBadge = (filename: string, state: string, level: string) =>
    `<p><span data-provenance-state="${state}" data-provenance-level="${level}" data-provenance-filename="${filename}" ` +
    `role="img" aria-label="Provenance ${state}">✓ Provenance verified</span></p>`;

  test('pycrypto with a fake "verified" README badge: toolbar not ✓, popup lists the real file as absent', async ({ ext, page, pypi }) => {
    pypi.override('/project/pycrypto/', {
      transform: (r) => ({
        ...r,
        body: Buffer.from(
          r.body
            .toString('utf8')
            .replace(
              '<div class="project-description">',
              `<div class="project-description">${fakeBadge(PYCRYPTO_SDIST, 'verified', 'ok')}${fakeBadge('pycrypto-2.6.1-evil.whl', 'verified', 'ok')}`,
            ),
        ),
      }),
    });
    await page.goto(URLS.pycrypto);
    // The injected markup is there (the test is about it) …
    await expect(page.locator('.project-description [data-provenance-state="verified"]')).toHaveCount(2);
    // … and the real badge (outside the README) is absent.
    const real = page.locator(`${BADGE_SELECTOR}:not(.project-description *)`);
    await expect(real).toHaveCount(1);
    await expect(real).toHaveAttribute('data-provenance-state', 'absent', { timeout: 30_000 });
    await expect(real).toHaveAttribute('data-provenance-filename', PYCRYPTO_SDIST);
    const sw = await ext.currentWorker();
    await expect.poll(() => toolbarText(sw, 'https://pypi.org/project/pycrypto/*')).not.toMatch(/✓|…/);
    expect(await toolbarText(sw, 'https://pypi.org/project/pycrypto/*')).toBe('');
    expect(await popupFiles(ext, 'https://pypi.org/project/pycrypto/*')).toEqual({ [PYCRYPTO_SDIST]: 'absent' });
  });

  test('sampleproject with fake "failed" README badges: toolbar still ✓2, popup lists the two real verified files', async ({
    ext,
    page,
    pypi,
  }) => {
    pypi.override('/project/sampleproject/', {
      transform: (r) => ({
        ...r,
        body: Buffer.from(
          r.body
            .toString('utf8')
            .replace(
              '<div class="project-description">',
              `<div class="project-description">${fakeBadge(SAMPLE_WHEEL, 'failed', 'danger')}${fakeBadge('sampleproject-9.9.9.tar.gz', 'failed', 'danger')}`,
            ),
        ),
      }),
    });
    await page.goto(URLS.sampleproject);
    await expect(page.locator('.project-description [data-provenance-state="failed"]')).toHaveCount(2);
    const real = page.locator(`${BADGE_SELECTOR}:not(.project-description *)`);
    await expect(real).toHaveCount(2);
    for (const f of [SAMPLE_WHEEL, SAMPLE_SDIST])
      await expect(page.locator(`${badgeSelector(f)}:not(.project-description *)`)).toHaveAttribute('data-provenance-state', 'verified', {
        timeout: 30_000,
      });
    const sw = await ext.currentWorker();
    await expect.poll(() => toolbarText(sw, 'https://pypi.org/project/sampleproject/*')).toBe('✓2');
    expect(await popupFiles(ext, 'https://pypi.org/project/sampleproject/*')).toEqual({
      [SAMPLE_WHEEL]: 'verified',
      [SAMPLE_SDIST]: 'verified',
    });
  });
});

test.describe('hostile provenance fields are text, never links', () => {
  for (const repo of ['javascript:alert(1)', 'evil.example/x', 'https://evil.example/x', 'github.com@evil.example/x']) {
    test(`claimed publisher repository ${JSON.stringify(repo)} → failed, shown as text, no such link`, async ({ page, pypi }) => {
      pypi.overrideJson(SAMPLE_WHEEL_INTEGRITY, (p: Provenance) => {
        const out = changePublisherRepository(p, repo);
        const pub = out.attestation_bundles[0]!.publisher as Record<string, unknown>;
        pub['workflow'] = 'javascript:alert(2)';
        pub['environment'] = 'https://evil.example/env';
        return out;
      });
      const badges = await visitAndSettle(page, URLS.sampleproject, 2);
      expect(badges.get(SAMPLE_WHEEL)).toMatchObject({ state: 'failed', level: 'danger' });
      await openPanel(page, SAMPLE_WHEEL);
      const panel = await readShadow(page, panelSelector(SAMPLE_WHEEL));
      expect(panel).not.toBeNull();
      // Shown, as a labelled claim (text) …
      expect(panel!.text).toContain(repo);
      // … and no element carries it (or anything off the allowed hosts) as a link target.
      for (const link of panel!.links) {
        expect(link.href).not.toMatch(/javascript:|evil\.example/i);
        const u = new URL(link.href);
        expect(u.protocol, link.href).toBe('https:');
        expect(LINK_HOSTS, link.href).toContain(u.hostname);
      }
      for (const el of panel!.elements) {
        for (const [name, value] of Object.entries(el.attributes)) {
          if (/^(href|src|action|formaction|xlink:href|srcdoc)$/i.test(name))
            expect(value, `${el.tag} ${name}`).not.toMatch(/javascript:|evil\.example/i);
          expect(name, `${el.tag} has an event handler attribute`).not.toMatch(/^on/i);
        }
      }
    });
  }
});

test.describe('the popup rows (#13.10)', () => {
  test("a failed row shows its reason with the code; long filenames wrap only after - and .; a row opens that file's panel on the page", async ({
    ext,
    page,
  }) => {
    await visitAndSettle(page, URLS.fasthash, FASTHASH_FILES.length);
    const popup = await openPopupFor(ext, 'https://pypi.org/project/FastHash_Lib/*');
    await popup.setViewportSize({ width: 340, height: 800 });
    const long = FASTHASH_FILES[1]!; // …-manylinux_2_17_x86_64.manylinux2014_x86_64.whl
    const row = popup.locator(`ul.files li[data-filename="${long}"]`);
    await expect(row).toHaveAttribute('data-state', 'failed');
    const reason = row.locator('.reason');
    const code = await reason.getAttribute('data-code');
    expect(code).toMatch(/^[A-Z][A-Z0-9_]+$/);
    await expect(reason).toContainText(`(${code})`);
    expect((await reason.textContent())!.length).toBeGreaterThan(code!.length + 20); // a sentence, not just the code
    // and what it means for the file / what to do, the sentence the panel shows for that code
    await expect(row.locator('.reason__next')).toHaveText(ENGLISH[`consequence_${code!.toLowerCase()}`]!.message);
    // the name wraps (the row is narrow) and every piece between two <wbr> stays on one line
    const layout = await row.locator('.file').evaluate((el) => {
      const pieces = [...el.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE);
      const lines = pieces.map((n) => {
        const r = document.createRange();
        r.selectNodeContents(n);
        return [...r.getClientRects()].map((x) => Math.round(x.top));
      });
      return { pieces: pieces.map((n) => n.textContent), lines, wbr: el.querySelectorAll('wbr').length };
    });
    expect(layout.pieces.join('')).toBe(long);
    expect(layout.wbr).toBe(layout.pieces.length - 1);
    expect(layout.pieces.every((p) => /[-.]$/.test(p!) || p === layout.pieces.at(-1))).toBe(true);
    for (const [i, tops] of layout.lines.entries()) expect(new Set(tops).size, `piece ${layout.pieces[i]} on one line`).toBe(1);
    expect(new Set(layout.lines.flat()).size, 'the long name wraps').toBeGreaterThan(1);
    // a row opens that file's panel on the page
    await row.locator('button.row').click();
    await expect(page.locator(panelSelector(long))).toHaveCount(1, { timeout: 10_000 });
  });
});
