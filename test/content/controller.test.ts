// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { detectPage } from '../../src/content/detect';
import { startController, type ControllerDeps, type PageController } from '../../src/content/controller';
import { BADGE_CLASS } from '../../src/content/badges';
import { shadowOf } from '../../src/content/shadow';
import { WORKER_STOPPED_MESSAGE } from '../../src/content/file-view';
import { DEFAULT_SETTINGS, type Settings } from '../../src/settings';
import { loadIntoGlobalDocument } from './fixtures';
import { portFactory, verdictMessage } from './helpers';

const FASTHASH_URL = 'https://pypi.org/project/FastHash_Lib/1.2.0/';
const FASTHASH = 'project/FastHash_Lib/1.2.0/index.html';
const WIN311 = 'fasthash_lib-1.2.0-cp311-cp311-win_amd64.whl';

let controllers: PageController[] = [];

function start(rel = FASTHASH, url = FASTHASH_URL, settings: Settings = DEFAULT_SETTINGS, extra: Partial<ControllerDeps> = {}) {
  loadIntoGlobalDocument(rel);
  return attach(url, settings, extra);
}

function attach(url: string, settings: Settings = DEFAULT_SETTINGS, extra: Partial<ControllerDeps> = {}) {
  const page = detectPage(document, url);
  if (!page) throw new Error('page not detected');
  const pf = portFactory();
  const deps = {
    doc: document,
    settings,
    connect: pf.connect,
    sendMessage: vi.fn(async () => ({ ok: false, message: 'not in test' })),
    confirm: vi.fn(() => false),
    alert: vi.fn(),
    clientOptions: { backoffMs: [10, 10, 10] },
    ...extra,
  };
  const c = startController(page, deps);
  controllers.push(c);
  return { c, pf, deps, page };
}

const badgeHosts = () => [...document.querySelectorAll<HTMLElement>(`.${BADGE_CLASS}`)];
const button = (host: Element) => shadowOf(host)!.querySelector('button')!;

beforeEach(() => {
  controllers = [];
});
afterEach(() => {
  for (const c of controllers) c.destroy();
  vi.useRealTimers();
});

describe('badges on a release page (FastHash_Lib 1.2.0, 7 files)', () => {
  test('exactly one badge per file, inside #files .file__card right after the download link', () => {
    const { page } = start();
    const hosts = badgeHosts();
    expect(hosts).toHaveLength(7);
    const files = document.getElementById('files')!;
    for (const f of page.files) {
      const mine = hosts.filter((h) => h.getAttribute('data-provenance-filename') === f.filename);
      expect(mine).toHaveLength(1);
      const host = mine[0]!;
      expect(files.contains(host)).toBe(true);
      expect(host.parentElement).toBe(f.mountPoint);
      expect(host.parentElement!.classList.contains('file__card')).toBe(true);
      expect(host.previousSibling).toBe(f.anchor);
      expect(host.parentElement!.classList.contains('file')).toBe(false);
      expect(host.getAttribute('data-provenance-state')).toBe('pending');
      expect(host.getAttribute('data-provenance-level')).toBe('neutral');
      expect(host.hasAttribute('data-project-tabs-target')).toBe(false);
      expect(host.hasAttribute('data-action')).toBe(false);
      expect(host.hasAttribute('style')).toBe(false);
      expect(host.shadowRoot).toBeNull(); // closed
      expect(button(host).getAttribute('type')).toBe('button');
    }
    // No badge in the details panels' provenance cards.
    for (const card of document.querySelectorAll('.file__card')) {
      if (!files.contains(card)) expect(card.querySelector(`.${BADGE_CLASS}`)).toBeNull();
    }
    // No new children of div.file and nothing between .file siblings.
    for (const div of files.querySelectorAll('div.file')) {
      for (const child of div.children)
        expect(child.classList.contains('file__graphic') || child.classList.contains('file__card')).toBe(true);
    }
  });

  test('idempotent: ensureMounted again, and a second content-script instance, do not duplicate', () => {
    const { c } = start();
    c.ensureMounted();
    c.ensureMounted();
    expect(badgeHosts()).toHaveLength(7);
    // Simulate re-injection (extension reloaded): a new instance replaces the old hosts.
    attach(FASTHASH_URL);
    expect(badgeHosts()).toHaveLength(7);
    expect(document.querySelectorAll('[data-provenance-summary]')).toHaveLength(1);
  });

  test('badges removed by the page are put back by ensureMounted (hashchange path)', () => {
    const { c } = start();
    badgeHosts()[0]!.remove();
    expect(badgeHosts()).toHaveLength(6);
    c.ensureMounted();
    expect(badgeHosts()).toHaveLength(7);
  });

  test('verdicts update the host attributes progressively; the summary follows', () => {
    const { c, pf } = start();
    const req = pf.current.last();
    expect(req.files).toHaveLength(7);
    expect(req.project).toBe('fasthash-lib');
    expect(req.version).toBe('1.2.0');
    const host = c.badgeHost(WIN311)!;
    pf.current.emit(verdictMessage(req.requestId, WIN311, 'absent'));
    expect(host.getAttribute('data-provenance-state')).toBe('absent');
    expect(host.getAttribute('data-provenance-level')).toBe('neutral');
    const other = req.files.find((f) => f.filename !== WIN311)!.filename;
    pf.current.emit(verdictMessage(req.requestId, other, 'failed'));
    expect(c.badgeHost(other)!.getAttribute('data-provenance-state')).toBe('failed');
    expect(c.badgeHost(other)!.getAttribute('data-provenance-level')).toBe('danger');
    expect(badgeHosts().filter((h) => h.getAttribute('data-provenance-state') === 'pending')).toHaveLength(5);
    const summary = document.querySelector('[data-provenance-summary]')!;
    expect(summary.previousElementSibling!.matches('#files > h2.page-title')).toBe(true);
    expect(summary.shadowRoot).toBeNull();
    expect(shadowOf(summary)!.textContent).toContain('7');
  });

  test('worker gone for good: pending files end as error, never verified', () => {
    vi.useFakeTimers();
    const { c, pf } = start();
    const req = pf.current.last();
    const verifiedName = req.files[0]!.filename;
    pf.current.emit(verdictMessage(req.requestId, verifiedName, 'verified'));
    for (let i = 0; i < 4; i++) {
      pf.current.kill();
      vi.advanceTimersByTime(100);
    }
    const states = c.views().map((v) => v.verdict?.state);
    expect(states.filter((s) => s === 'verified')).toHaveLength(1);
    expect(states.filter((s) => s === 'error')).toHaveLength(6);
    const errView = c.views().find((v) => v.verdict?.state === 'error')!;
    expect(errView.verdict!.reasons[0]!.message).toBe(WORKER_STOPPED_MESSAGE);
    expect(badgeHosts().filter((h) => h.getAttribute('data-provenance-state') === 'error')).toHaveLength(6);
  });

  test('badge clicks do not reach the page; clicking toggles the panel (its code loads on first open)', async () => {
    const { c } = start();
    const onDoc = vi.fn();
    document.addEventListener('click', onDoc);
    const host = c.badgeHost(WIN311)!;
    button(host).click();
    expect(onDoc).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(c.openFilename()).toBe(WIN311), { timeout: 10_000 });
    expect(button(host).getAttribute('aria-expanded')).toBe('true');
    button(host).click();
    expect(c.openFilename()).toBeNull();
    expect(document.querySelector('[data-provenance-panel]')).toBeNull();
    document.removeEventListener('click', onDoc);
  });
});

describe('panel', () => {
  test('opens as a block inside the same card after p.file__meta, mirrors state, one at a time', async () => {
    const { c, pf, page } = start();
    const req = pf.current.last();
    const name = page.files[0]!.filename;
    pf.current.emit(verdictMessage(req.requestId, name, 'absent'));
    await c.openPanel(name);
    let panels = document.querySelectorAll<HTMLElement>('[data-provenance-panel]');
    expect(panels).toHaveLength(1);
    const p = panels[0]!;
    expect(p.tagName).toBe('DIV');
    expect(p.getAttribute('data-provenance-panel')).toBe(name);
    expect(p.getAttribute('data-provenance-state')).toBe('absent');
    expect(p.getAttribute('data-provenance-level')).toBe('neutral');
    expect(p.hasAttribute('data-provenance-certificate')).toBe(false);
    expect(p.parentElement).toBe(page.files[0]!.mountPoint);
    expect(p.previousElementSibling!.matches('p.file__meta')).toBe(true);
    expect(p.shadowRoot).toBeNull();
    expect(shadowOf(p)!.textContent).toContain(name);

    await c.openPanel(page.files[1]!.filename);
    panels = document.querySelectorAll<HTMLElement>('[data-provenance-panel]');
    expect(panels).toHaveLength(1);
    expect(panels[0]!.getAttribute('data-provenance-panel')).toBe(page.files[1]!.filename);
    expect(panels[0]!.hasAttribute('data-provenance-certificate')).toBe(false);
  });

  test('while its code loads, a close or a later open wins over the open that started the load', async () => {
    const { c, page } = start();
    const [a, b] = [page.files[0]!.filename, page.files[1]!.filename];
    const panels = () => [...document.querySelectorAll('[data-provenance-panel]')].map((p) => p.getAttribute('data-provenance-panel'));
    const opening = c.openPanel(a);
    c.closePanel();
    await opening;
    expect(panels()).toEqual([]);
    const first = c.openPanel(a);
    const second = c.openPanel(b);
    await Promise.all([first, second]);
    expect(panels()).toEqual([b]);
    expect(c.openFilename()).toBe(b);
  });

  test('state changes while open are mirrored on the panel host', async () => {
    const { c, pf } = start();
    await c.openPanel(WIN311);
    const p = document.querySelector('[data-provenance-panel]')!;
    expect(p.getAttribute('data-provenance-state')).toBe('pending');
    pf.current.emit(verdictMessage(pf.current.last().requestId, WIN311, 'absent', { strict: true }));
    expect(p.getAttribute('data-provenance-state')).toBe('absent');
    expect(p.getAttribute('data-provenance-level')).toBe('warning');
  });

  test('Escape and the close button close it and return focus to the badge', async () => {
    const { c } = start();
    const host = c.badgeHost(WIN311)!;
    await c.openPanel(WIN311);
    const p = document.querySelector('[data-provenance-panel]')!;
    p.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    expect(document.querySelector('[data-provenance-panel]')).toBeNull();
    expect(shadowOf(host)!.activeElement).toBe(button(host));

    await c.openPanel(WIN311);
    const panelRoot = shadowOf(document.querySelector('[data-provenance-panel]')!)!;
    const close = [...panelRoot.querySelectorAll('button')].find((b) =>
      /close/i.test(b.getAttribute('aria-label') ?? b.textContent ?? ''),
    )!;
    close.click();
    expect(document.querySelector('[data-provenance-panel]')).toBeNull();
    expect(shadowOf(host)!.activeElement).toBe(button(host));
  });

  test('retry re-requests that file with force', async () => {
    const { c, pf } = start();
    const req = pf.current.last();
    pf.current.emit(verdictMessage(req.requestId, WIN311, 'error'));
    await c.openPanel(WIN311);
    const panelRoot = shadowOf(document.querySelector('[data-provenance-panel]')!)!;
    const retry = [...panelRoot.querySelectorAll('button')].find((b) => /retry|try again/i.test(b.textContent ?? ''))!;
    expect(retry).toBeTruthy();
    retry.click();
    const again = pf.current.last();
    expect(again.force).toBe(true);
    expect(again.files.map((f) => f.filename)).toEqual([WIN311]);
    expect(c.badgeHost(WIN311)!.getAttribute('data-provenance-state')).toBe('pending');
  });
});

describe('settings', () => {
  test('showSummary false hides the summary; changing settings re-sends the check and updates strict', () => {
    const { c, pf } = start(FASTHASH, FASTHASH_URL, { ...DEFAULT_SETTINGS, showSummary: false });
    expect(document.querySelector('[data-provenance-summary]')).toBeNull();
    expect(pf.current.sent).toHaveLength(1);
    c.applySettings({ ...DEFAULT_SETTINGS, showSummary: true, strict: true });
    expect(document.querySelectorAll('[data-provenance-summary]')).toHaveLength(1);
    expect(pf.current.sent).toHaveLength(2);
    expect(pf.current.last().force).toBeUndefined();
    expect(c.views().every((v) => v.strict)).toBe(true);
    // the worker answers the new request with the strict level
    pf.current.emit(verdictMessage(pf.current.last().requestId, WIN311, 'absent', { strict: true }));
    expect(c.badgeHost(WIN311)!.getAttribute('data-provenance-level')).toBe('warning');
    c.applySettings({ ...DEFAULT_SETTINGS, showSummary: false });
    expect(document.querySelector('[data-provenance-summary]')).toBeNull();
  });
});

describe('download confirmation (in-page dialog)', () => {
  const click = (a: Element) => {
    const ev = new MouseEvent('click', { bubbles: true, cancelable: true, button: 0 });
    a.dispatchEvent(ev);
    return ev.defaultPrevented;
  };
  const dialogHost = () => document.querySelector('[data-provenance-dialog]');
  async function answer(which: 'Cancel' | 'Download anyway'): Promise<string> {
    await vi.waitFor(() => expect(dialogHost()).not.toBeNull(), { timeout: 10_000 }); // first use loads the dialog's module
    const root = shadowOf(dialogHost()!)!;
    const text = root.textContent ?? '';
    [...root.querySelectorAll('button')].find((b) => b.textContent === which)!.click();
    return text;
  }

  test('failed file: the dialog asks; Cancel blocks the download (list and details-panel links); confirm() is not used', async () => {
    const confirm = vi.fn((_m: string) => true);
    const { pf, page } = start(FASTHASH, FASTHASH_URL, DEFAULT_SETTINGS, { confirm });
    // A page-level listener: it must not even see the cancelled click (and stops jsdom navigating otherwise).
    const seen: boolean[] = [];
    const probe = (e: Event) => {
      seen.push(e.defaultPrevented);
      e.preventDefault();
    };
    window.addEventListener('click', probe);
    try {
      const f = page.files[0]!;
      pf.current.emit(verdictMessage(pf.current.last().requestId, f.filename, 'failed'));
      expect(click(f.anchor)).toBe(true);
      expect(await answer('Cancel')).toContain(f.filename);
      await vi.waitFor(() => expect(dialogHost()).toBeNull());
      await new Promise((r) => setTimeout(r, 0)); // the guard takes the next question once this one is settled
      expect(seen).toEqual([]);
      const detailsLink = document.getElementById(f.filename)!.querySelector('a[href^="https://files.pythonhosted.org/"]')!;
      expect(click(detailsLink)).toBe(true);
      await answer('Cancel');
      await new Promise((r) => setTimeout(r, 0));
      expect(seen).toEqual([]);
      // An unaffected file passes straight through.
      click(page.files[1]!.anchor);
      expect(seen).toEqual([false]);
      expect(dialogHost()).toBeNull();
      expect(confirm).not.toHaveBeenCalled();
    } finally {
      window.removeEventListener('click', probe);
    }
  });

  test('"Download anyway" lets the click through (replayed on the link); verified and absent (non-strict) do not ask', async () => {
    const { pf, page } = start(FASTHASH, FASTHASH_URL, DEFAULT_SETTINGS);
    const [a, b, d] = page.files as [(typeof page.files)[0], (typeof page.files)[0], (typeof page.files)[0]];
    const id = pf.current.last().requestId;
    pf.current.emit(verdictMessage(id, a!.filename, 'failed'));
    pf.current.emit(verdictMessage(id, b!.filename, 'verified'));
    pf.current.emit(verdictMessage(id, d!.filename, 'absent'));
    const through: string[] = [];
    const probe = (e: Event) => {
      if (!e.defaultPrevented) through.push((e.target as HTMLAnchorElement).textContent!.trim());
      e.preventDefault();
    };
    window.addEventListener('click', probe);
    try {
      click(a!.anchor);
      expect(through).toEqual([]);
      await answer('Download anyway');
      await vi.waitFor(() => expect(through).toEqual([a!.filename]));
      click(b!.anchor);
      click(d!.anchor);
      expect(through).toEqual([a!.filename, b!.filename, d!.filename]);
      expect(dialogHost()).toBeNull();
    } finally {
      window.removeEventListener('click', probe);
    }
  });
});

describe('links that are not the index URL are reported to the worker (#17.5)', () => {
  test('after the verdicts, one report with the mismatching links; only again when the list changes', async () => {
    const reportLinks = vi.fn(async (_m: unknown) => ({ ok: true }));
    const { pf, page } = start(FASTHASH, FASTHASH_URL, DEFAULT_SETTINGS, { reportLinks });
    const id = pf.current.last().requestId;
    const [a, b] = page.files as [(typeof page.files)[0], (typeof page.files)[0]];
    // The index lists a URL for a that the page's link does not match; b's link is the index's own.
    pf.current.emit({
      ...verdictMessage(id, a.filename, 'verified'),
      downloadUrl: `https://files.pythonhosted.org/packages/00/${a.filename}`,
    });
    pf.current.emit({ ...verdictMessage(id, b.filename, 'verified'), downloadUrl: b.anchor.href });
    await vi.waitFor(() => expect(reportLinks).toHaveBeenCalledTimes(1));
    const msg = reportLinks.mock.calls[0]![0] as {
      type: string;
      project: string;
      version: string;
      links: { filename: string; href: string }[];
    };
    expect(msg).toMatchObject({ type: 'link-mismatches', index: 'pypi.org', project: 'fasthash-lib', version: '1.2.0' });
    // the list link and the details panel's "Download URL" link of file a, not b's
    expect(new Set(msg.links.map((l) => l.filename))).toEqual(new Set([a.filename]));
    expect(msg.links.map((l) => l.href)).toContain(a.anchor.href);
    // nothing changed: no second report
    controllers[0]!.ensureMounted();
    await new Promise((r) => setTimeout(r, 400));
    expect(reportLinks).toHaveBeenCalledTimes(1);
    // the page points b's link elsewhere: reported again, with b
    b.anchor.setAttribute('href', `https://evil.example/${b.filename}`);
    controllers[0]!.ensureMounted();
    await vi.waitFor(() => expect(reportLinks).toHaveBeenCalledTimes(2));
    const second = reportLinks.mock.calls[1]![0] as { links: { filename: string; href: string }[] };
    expect(second.links).toContainEqual({ filename: b.filename, href: `https://evil.example/${b.filename}` });
  });
});

describe('odd filenames', () => {
  test('a file whose name the worker protocol rejects still gets one badge, in the error state, and is not sent', () => {
    loadIntoGlobalDocument(FASTHASH);
    const a = document.querySelector<HTMLAnchorElement>('#files a[href^="https://files.pythonhosted.org/packages/"]')!;
    const odd = 'fasthash_lib-1.2.0.weird-extension';
    a.setAttribute('href', a.getAttribute('href')!.replace(/[^/]+$/, odd));
    a.textContent = odd;
    const { c, pf } = attach(FASTHASH_URL);
    expect(badgeHosts()).toHaveLength(7);
    expect(c.badgeHost(odd)!.getAttribute('data-provenance-state')).toBe('error');
    expect(pf.current.last().files.map((f) => f.filename)).not.toContain(odd);
    expect(pf.current.last().files).toHaveLength(6);
  });
});

describe('other layouts', () => {
  test('legacy layout: badges in the file cards', () => {
    start('legacy-2025/project/sampleproject/index.html', 'https://pypi.org/project/sampleproject/');
    const hosts = badgeHosts();
    expect(hosts.map((h) => h.getAttribute('data-provenance-filename'))).toEqual([
      'sampleproject-4.0.0.tar.gz',
      'sampleproject-4.0.0-py3-none-any.whl',
    ]);
    for (const h of hosts) {
      expect(h.parentElement!.matches('#files .file__card')).toBe(true);
      expect(h.previousElementSibling!.tagName).toBe('A');
    }
  });

  test('simple index (real iniconfig capture): badge after each anchor, panel after its <br>', async () => {
    const { c, page } = start('simple/iniconfig/index.html', 'https://pypi.org/simple/iniconfig/');
    const hosts = badgeHosts();
    expect(hosts).toHaveLength(16);
    for (const f of page.files) {
      const host = c.badgeHost(f.filename)!;
      expect(host.previousSibling).toBe(f.anchor);
      expect(host.nextElementSibling!.tagName).toBe('BR');
    }
    const f = page.files[3]!;
    await c.openPanel(f.filename);
    const p = document.querySelector('[data-provenance-panel]')!;
    expect(p.previousElementSibling!.tagName).toBe('BR');
    expect(p.previousElementSibling!.previousElementSibling).toBe(c.badgeHost(f.filename));
    expect(p.nextElementSibling).toBe(page.files[4]!.anchor);
    const summary = document.querySelector('[data-provenance-summary]')!;
    expect(summary.previousElementSibling!.tagName).toBe('H1');
  });

  test('simple index: no download confirmation (sandboxed page: confirm() cannot ask)', () => {
    const confirm = vi.fn((_m: string) => false);
    const { pf, page } = start('simple/iniconfig/index.html', 'https://pypi.org/simple/iniconfig/', DEFAULT_SETTINGS, { confirm });
    const f = page.files[0]!;
    pf.current.emit(verdictMessage(pf.current.last().requestId, f.filename, 'failed'));
    const stop = (e: Event) => e.preventDefault();
    window.addEventListener('click', stop);
    f.anchor.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
    window.removeEventListener('click', stop);
    expect(confirm).not.toHaveBeenCalled();
  });
});

describe('save provenance', () => {
  test('asks the worker and downloads through a Blob URL', async () => {
    const json = '{"version":1,"attestation_bundles":[]}';
    const sendMessage = vi.fn(async () => ({ ok: true, json }));
    const { c, pf } = start(FASTHASH, FASTHASH_URL, DEFAULT_SETTINGS, { sendMessage });
    pf.current.emit(verdictMessage(pf.current.last().requestId, WIN311, 'verified'));
    const created: Blob[] = [];
    const origCreate = URL.createObjectURL;
    URL.createObjectURL = ((b: Blob) => {
      created.push(b);
      return 'blob:https://pypi.org/x';
    }) as typeof URL.createObjectURL;
    const clicks: HTMLAnchorElement[] = [];
    const spy = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicks.push(this);
    });
    try {
      await c.openPanel(WIN311);
      const panelRoot = shadowOf(document.querySelector('[data-provenance-panel]')!)!;
      const save = [...panelRoot.querySelectorAll('button')].find((b) => /save/i.test(b.textContent ?? ''));
      expect(save).toBeTruthy();
      save!.click();
      await vi.waitFor(() => expect(clicks).toHaveLength(1));
      expect(sendMessage).toHaveBeenCalledWith({ type: 'get-provenance', index: 'pypi.org', project: 'fasthash-lib', filename: WIN311 });
      expect(clicks[0]!.download).toBe(`${WIN311}.provenance.json`);
      expect(clicks[0]!.getAttribute('href')).toBe('blob:https://pypi.org/x');
      expect(clicks[0]!.isConnected).toBe(false);
      expect(await created[0]!.text()).toBe(json);
    } finally {
      spy.mockRestore();
      URL.createObjectURL = origCreate;
    }
  });
});
