/** Router: sender checks, message validation, progressive answers, tab state and badge. */
import { describe, expect, it } from 'vitest';
import { contentSender, handleMessage, handlePort, isExtensionPage, unsendableVerdict, type SenderLike } from '../../src/background/router';
import { TabStates } from '../../src/background/tab-state';
import { badgeFor } from '../../src/background/badge';
import type { TabStatusResponse } from '../../src/messages';
import { provenanceBytes, SAMPLE_OLD, SAMPLE_SDIST, SAMPLE_WHL, sha, EXT_ID, PAGE_SENDER } from './helpers';
import { EXTENSION_BASE, fakePort, makeRouterEnv, until } from './router-env';

const ID = EXT_ID;
const BASE = EXTENSION_BASE;
const PAGE: SenderLike = PAGE_SENDER;
const POPUP: SenderLike = { id: ID, url: `${BASE}src/popup/index.html` };

const makeEnv = () => makeRouterEnv({ now: new Date('2026-11-25T12:00:00Z') });

const check = (
  files = [
    { filename: SAMPLE_SDIST, pageSha256: sha(SAMPLE_SDIST) },
    { filename: SAMPLE_WHL, pageSha256: null },
    { filename: SAMPLE_OLD, pageSha256: null },
  ],
) => ({
  type: 'check',
  requestId: 'req-1',
  index: 'pypi.org',
  project: 'sampleproject',
  version: '4.0.0',
  files,
});

describe('sender checks', () => {
  it.each<[string, SenderLike | undefined]>([
    ['no sender', undefined],
    ['another extension', { ...PAGE, id: 'other' }],
    ['no tab', { ...PAGE, tab: undefined }],
    ['a sub-frame', { ...PAGE, frameId: 3 }],
    ['another site', { ...PAGE, url: 'https://evil.example/project/x/' }],
    ['plain http', { ...PAGE, url: 'http://pypi.org/project/x/' }],
    ['a look-alike host', { ...PAGE, url: 'https://pypi.org.evil.example/' }],
    ['a port', { ...PAGE, url: 'https://pypi.org:8443/' }],
  ])('refuses the port from %s', (_, sender) => {
    const { env } = makeEnv();
    const p = fakePort(sender);
    handlePort(p.port, env);
    expect(p.disconnected).toBe(true);
    expect(p.listeners()).toBe(0);
  });

  it('accepts our content script on pypi.org and test.pypi.org', () => {
    expect(contentSender(PAGE, ID)).toEqual({ tabId: 7, index: 'pypi.org' });
    expect(contentSender({ ...PAGE, url: 'https://test.pypi.org/project/x/' }, ID)).toEqual({ tabId: 7, index: 'test.pypi.org' });
    expect(isExtensionPage(POPUP, { runtimeId: ID, extensionBaseUrl: BASE })).toBe(true);
    expect(isExtensionPage(PAGE, { runtimeId: ID, extensionBaseUrl: BASE })).toBe(false);
  });

  it('ignores ports with another name', () => {
    const { env } = makeEnv();
    const p = fakePort(PAGE, 'something-else');
    handlePort(p.port, env);
    expect(p.disconnected).toBe(false);
    expect(p.listeners()).toBe(0);
  });
});

describe('check over the port', () => {
  it("a page without a file list of PyPI's own: the popup says so and lists the release from the index, checked", async () => {
    const { env, tabs } = makeEnv();
    const status = async () => (await handleMessage({ type: 'tab-status', tabId: 7 }, POPUP, env)) as TabStatusResponse;
    const msg = { type: 'page-without-list', index: 'pypi.org', project: 'sampleproject', version: '4.0.0' };
    expect(await handleMessage(msg, POPUP, env)).toEqual({ ok: false }); // only our content script on that index
    expect((await status()).files).toEqual([]);
    expect(await handleMessage(msg, PAGE, env)).toEqual({ ok: true });
    await tabs.flush();
    const s = await status();
    expect(s.pageList).toBe('missing');
    // in the index's order
    expect(s.files.map((f) => [f.filename, f.state, f.onPage])).toEqual([
      [SAMPLE_WHL, 'verified', false],
      [SAMPLE_SDIST, 'verified', false],
    ]);
    // a release the index lists no file for
    expect(await handleMessage({ ...msg, version: '1.0' }, PAGE, env)).toEqual({ ok: true });
    expect(await status()).toMatchObject({ pageList: 'none', version: '1.0', files: [] });
  });

  it('the popup lists the release as the index has it: a file the page did not show is added (onPage false) and checked, nothing posted to the page for it', async () => {
    const { env, tabs } = makeEnv();
    const p = fakePort(PAGE);
    handlePort(p.port, env);
    p.send(check([{ filename: SAMPLE_SDIST, pageSha256: sha(SAMPLE_SDIST) }]));
    await until(() => p.posted.some((m) => (m as { type: string }).type === 'done'));
    const status = async () => (await handleMessage({ type: 'tab-status', tabId: 7 }, POPUP, env)) as TabStatusResponse;
    for (let i = 0; i < 200 && (await status()).files.find((f) => f.filename === SAMPLE_WHL)?.state !== 'verified'; i++) {
      await new Promise((r) => setTimeout(r, 10));
    }
    const s = await status();
    expect(s.pageList).toBe('found');
    expect(s.files.map((f) => [f.filename, f.state, f.onPage ?? true])).toEqual([
      [SAMPLE_SDIST, 'verified', true],
      [SAMPLE_WHL, 'verified', false],
    ]);
    const whl = s.files[1]!;
    expect(whl.sha256).toBe(sha(SAMPLE_WHL));
    expect(whl.publisher).toBe('pypa/sampleproject · release.yml');
    // only the page's own file reached the page
    const posted = p.posted.filter((m) => (m as { type: string }).type === 'verdict') as { filename: string }[];
    expect(posted.map((m) => m.filename)).toEqual([SAMPLE_SDIST]);
    // and the state survives a worker restart with its details
    await tabs.flush();
  });

  it('posts one verdict per file, then done; keeps tab state and sets the badge', async () => {
    const { env, tabs, badges, session } = makeEnv();
    const p = fakePort(PAGE);
    handlePort(p.port, env);
    p.send(check());
    await until(() => p.posted.some((m) => (m as { type: string }).type === 'done'));
    const verdicts = p.posted.filter((m) => (m as { type: string }).type === 'verdict') as {
      filename: string;
      verdict: { state: string };
    }[];
    expect(verdicts).toHaveLength(3);
    expect((p.posted.at(-1) as { type: string }).type).toBe('done');
    const by = Object.fromEntries(verdicts.map((v) => [v.filename, v.verdict.state]));
    // SAMPLE_OLD is a 3.0.0 file on the 4.0.0 page: not of this release, could not check (#18.2)
    expect(by).toEqual({ [SAMPLE_SDIST]: 'verified', [SAMPLE_WHL]: 'verified', [SAMPLE_OLD]: 'error' });
    const status = (await handleMessage({ type: 'tab-status', tabId: 7 }, POPUP, env)) as TabStatusResponse;
    expect(status.project).toBe('sampleproject');
    expect(status.version).toBe('4.0.0');
    expect(status.files.map((f) => [f.filename, f.state, f.level])).toEqual([
      [SAMPLE_SDIST, 'verified', 'ok'],
      [SAMPLE_WHL, 'verified', 'ok'],
      [SAMPLE_OLD, 'error', 'neutral'],
    ]);
    // a file that could not be checked → "?"; pending earlier → "…"
    expect(badges[0]).toEqual({ tabId: 7, text: '…' });
    expect(badges.at(-1)).toEqual({ tabId: 7, text: '?' });
    await tabs.flush();
    // popup after the worker restarted: state read back from storage.session
    const again = new TabStates(session);
    expect((await again.get(7)).files).toHaveLength(3);
  });

  it("the page's verdicts do not wait for the tab's stored state; the popup gets them once it is read", async () => {
    const { env, session } = makeEnv();
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    const get = session.get.bind(session);
    session.get = async (keys) => {
      if (keys === 'tab:7') await held; // storage.session slow on the worker's first check of the tab
      return get(keys);
    };
    const p = fakePort(PAGE);
    handlePort(p.port, env);
    p.send(check());
    await until(() => p.posted.some((m) => (m as { type: string }).type === 'done'));
    expect(p.posted.filter((m) => (m as { type: string }).type === 'verdict')).toHaveLength(3);
    release();
    await new Promise((r) => setTimeout(r, 20));
    const status = (await handleMessage({ type: 'tab-status', tabId: 7 }, POPUP, env)) as TabStatusResponse;
    expect(status.files.map((f) => [f.filename, f.state])).toEqual([
      [SAMPLE_SDIST, 'verified'],
      [SAMPLE_WHL, 'verified'],
      [SAMPLE_OLD, 'error'],
    ]);
  });

  it("links that are not the index's URL (#17.5): re-checked against the worker's index, recorded for the popup, replaced by the next report", async () => {
    const { env, tabs, session } = makeEnv();
    const p = fakePort(PAGE);
    handlePort(p.port, env);
    p.send(check());
    await until(() => p.posted.some((m) => (m as { type: string }).type === 'done'));
    const listed = (p.posted as { type: string; filename?: string; downloadUrl?: string }[]).find(
      (m) => m.type === 'verdict' && m.filename === SAMPLE_SDIST,
    )!.downloadUrl!;
    expect(listed).toMatch(/^https:\/\/files\.pythonhosted\.org\/.+\/sampleproject-4\.0\.0\.tar\.gz$/);
    const status = async () => (await handleMessage({ type: 'tab-status', tabId: 7 }, POPUP, env)) as TabStatusResponse;
    const evil = `https://files.pythonhosted.org.evil.example/packages/${SAMPLE_SDIST}`;
    const report = (links: { filename: string; href: string }[], extra: object = {}) => ({
      type: 'link-mismatches',
      index: 'pypi.org',
      project: 'sampleproject',
      version: '4.0.0',
      links,
      ...extra,
    });
    // only our content script, on its own index
    expect(await handleMessage(report([{ filename: SAMPLE_SDIST, href: evil }]), POPUP, env)).toEqual({ ok: false });
    expect(await handleMessage(report([{ filename: SAMPLE_SDIST, href: evil }], { index: 'test.pypi.org' }), PAGE, env)).toEqual({
      ok: false,
    });
    expect((await status()).links).toBeUndefined();
    // the page's claim is checked again: the index's own URL (with #sha256=) is not recorded; another one is
    expect(
      await handleMessage(
        report([
          { filename: SAMPLE_SDIST, href: `${listed}#sha256=${sha(SAMPLE_SDIST)}` },
          { filename: SAMPLE_SDIST, href: evil },
        ]),
        PAGE,
        env,
      ),
    ).toEqual({ ok: true });
    expect((await status()).links).toEqual([{ filename: SAMPLE_SDIST, href: evil, indexUrl: listed }]);
    // kept across a re-check of the same page (settings changed), and in storage.session
    p.send({ ...check(), requestId: 'req-2' });
    await until(() => p.posted.filter((m) => (m as { type: string }).type === 'done').length === 2);
    expect((await status()).links).toHaveLength(1);
    await tabs.flush();
    expect((await new TabStates(session).get(7)).links).toHaveLength(1);
    // a file the tab does not have, or an over-long list, is not taken
    expect(await handleMessage(report([{ filename: 'other-1.0.tar.gz', href: evil }]), PAGE, env)).toEqual({ ok: true });
    expect((await status()).links).toBeUndefined();
    expect(
      await handleMessage(report(Array.from({ length: 21 }, (_, i) => ({ filename: SAMPLE_SDIST, href: `${evil}?${i}` }))), PAGE, env),
    ).toBeUndefined();
    // the next report replaces the list: an empty one clears it
    await handleMessage(report([{ filename: SAMPLE_SDIST, href: evil }]), PAGE, env);
    expect((await status()).links).toHaveLength(1);
    await handleMessage(report([]), PAGE, env);
    expect((await status()).links).toBeUndefined();
    // another page in the tab: links of the old one are gone
    await handleMessage(report([{ filename: SAMPLE_SDIST, href: evil }]), PAGE, env);
    p.send({ ...check([{ filename: SAMPLE_SDIST, pageSha256: null }]), requestId: 'req-3', version: '3.0.0' });
    await until(() => p.posted.filter((m) => (m as { type: string }).type === 'done').length === 3);
    expect((await status()).links).toBeUndefined();
  });

  it('a retry of one file keeps the other files of the same page', async () => {
    const { env } = makeEnv();
    const p = fakePort(PAGE);
    handlePort(p.port, env);
    p.send(check());
    await until(() => p.posted.filter((m) => (m as { type: string }).type === 'done').length === 1);
    p.send({ ...check([{ filename: SAMPLE_WHL, pageSha256: null }]), requestId: 'req-2', force: true });
    await until(() => p.posted.filter((m) => (m as { type: string }).type === 'done').length === 2);
    const status = (await handleMessage({ type: 'tab-status', tabId: 7 }, POPUP, env)) as TabStatusResponse;
    expect(status.files).toHaveLength(3);
  });

  it('invalid messages get check-failed (when they carry a request id) and no work', async () => {
    const { env, fetch } = makeEnv();
    const p = fakePort(PAGE);
    handlePort(p.port, env);
    p.send({ type: 'check', requestId: 'bad', index: 'evil.example', project: 'x', version: null, files: [] });
    p.send({ ...check(), project: '../../etc' });
    p.send('hello');
    p.send({ ...check(), index: 'test.pypi.org', requestId: 'other-index' });
    await new Promise((r) => setTimeout(r, 20));
    expect(p.posted).toEqual([
      { type: 'check-failed', requestId: 'bad', message: 'The request was not understood.' },
      { type: 'check-failed', requestId: 'req-1', message: 'The request was not understood.' },
      { type: 'check-failed', requestId: 'other-index', message: 'The request names another index than the page.' },
    ]);
    expect(fetch.calls).toHaveLength(0);
  });

  it('after a disconnect nothing more is posted, but the work completes into the cache', async () => {
    const { env, fetch } = makeEnv();
    const p = fakePort(PAGE);
    handlePort(p.port, env);
    p.send(check());
    p.closeFromOtherSide();
    await until(() => fetch.calls.length === 3);
    await new Promise((r) => setTimeout(r, 200));
    expect(p.posted).toHaveLength(0);
    const p2 = fakePort(PAGE);
    handlePort(p2.port, env);
    p2.send(check());
    await until(() => p2.posted.some((m) => (m as { type: string }).type === 'done'));
    expect(fetch.calls).toHaveLength(3); // everything came from the caches
  });
});

describe('one file that cannot be posted never affects the others (#17.2)', () => {
  /** A port that copies messages the way the browser does, and cannot serialise one file's verdict. */
  function clonePort(poisoned: string) {
    const p = fakePort(PAGE);
    const posted: unknown[] = [];
    p.port.postMessage = (m) => {
      const msg = m as { type: string; filename?: string; verdict?: { reasons: unknown[] } };
      if (msg.type === 'verdict' && msg.filename === poisoned && msg.verdict!.reasons.length === 0)
        throw new DOMException('The object could not be cloned.', 'DataCloneError');
      posted.push(structuredClone(m));
    };
    return { ...p, posted };
  }
  const verdictsOf = (posted: unknown[]) =>
    Object.fromEntries(
      (posted as { type: string; filename: string; verdict: { state: string; reasons: { code: string }[] } }[])
        .filter((m) => m.type === 'verdict')
        .map((m) => [m.filename, [m.verdict.state, ...m.verdict.reasons.map((r) => r.code)]]),
    );

  it('the other files verify, the bad one gets INTERNAL_ERROR, done arrives, the port stays usable', async () => {
    const { env } = makeEnv();
    const errors: unknown[] = [];
    env.onError = (e) => errors.push(e);
    const p = clonePort(SAMPLE_WHL);
    handlePort(p.port, env);
    p.send(check());
    await until(() => p.posted.some((m) => (m as { type: string }).type === 'done'));
    expect(verdictsOf(p.posted)).toEqual({
      [SAMPLE_SDIST]: ['verified'],
      [SAMPLE_WHL]: ['error', 'INTERNAL_ERROR'],
      [SAMPLE_OLD]: ['error', 'FILE_NOT_IN_RELEASE'],
    });
    expect(errors.some((e) => (e as Error).name === 'DataCloneError')).toBe(true);
    expect(p.disconnected).toBe(false);
    // the popup shows what the page shows
    const status = (await handleMessage({ type: 'tab-status', tabId: 7 }, POPUP, env)) as TabStatusResponse;
    expect(status.files.find((f) => f.filename === SAMPLE_WHL)?.state).toBe('error');
    // the same port answers the next request
    p.send({ ...check([{ filename: SAMPLE_SDIST, pageSha256: null }]), requestId: 'req-2' });
    await until(() => p.posted.filter((m) => (m as { type: string }).type === 'done').length === 2);
  });

  it('the stand-in keeps a failure red and a pin mismatch loud; anything else is "could not check"', () => {
    const base = {
      type: 'verdict' as const,
      requestId: 'r',
      filename: 'x-1.tar.gz',
      level: 'ok' as const,
      pin: { status: 'none' as const },
    };
    const v = (state: string) => ({ state, filename: 'x-1.tar.gz', sha256: 'a'.repeat(64), trustRootId: 't', checkedAt: 'now' }) as never;
    expect(unsendableVerdict({ ...base, verdict: v('failed') })).toMatchObject({ level: 'danger', verdict: { state: 'failed' } });
    expect(unsendableVerdict({ ...base, verdict: v('verified') })).toMatchObject({ level: 'neutral', verdict: { state: 'error' } });
    expect(unsendableVerdict({ ...base, verdict: v('verified'), pin: { status: 'mismatch' } })).toMatchObject({
      level: 'danger',
      pin: { status: 'mismatch' },
    });
    const stand = unsendableVerdict({ ...base, verdict: v('failed') });
    expect(stand.verdict.reasons.map((r) => r.code)).toEqual(['INTERNAL_ERROR']);
    expect(() => structuredClone(stand)).not.toThrow();
  });
});

describe('runtime messages', () => {
  it('get-provenance from the page returns the raw JSON; from another index or site it is refused', async () => {
    const { env } = makeEnv();
    const ok = (await handleMessage(
      { type: 'get-provenance', index: 'pypi.org', project: 'sampleproject', filename: SAMPLE_WHL },
      PAGE,
      env,
    )) as { ok: boolean; json?: string };
    expect(ok.ok).toBe(true);
    expect(ok.json).toBe(new TextDecoder().decode(provenanceBytes('sampleproject', '4.0.0', SAMPLE_WHL)));
    expect(
      await handleMessage({ type: 'get-provenance', index: 'test.pypi.org', project: 'sampleproject', filename: SAMPLE_WHL }, PAGE, env),
    ).toEqual({ ok: false, message: 'Not allowed.' });
    expect(
      await handleMessage(
        { type: 'get-provenance', index: 'pypi.org', project: 'sampleproject', filename: SAMPLE_WHL },
        { ...PAGE, url: 'https://evil.example/' },
        env,
      ),
    ).toEqual({
      ok: false,
      message: 'Not allowed.',
    });
    expect(await handleMessage({ type: 'get-provenance', index: 'pypi.org', project: '../x', filename: SAMPLE_WHL }, PAGE, env)).toEqual({
      ok: false,
      message: 'Not a project name.',
    });
  });

  it('clear-cache and tab-status only from extension pages', async () => {
    const { env } = makeEnv();
    expect(await handleMessage({ type: 'clear-cache' }, PAGE, env)).toEqual({ ok: false, message: 'Not allowed.' });
    expect(await handleMessage({ type: 'clear-cache' }, POPUP, env)).toEqual({ ok: true });
    expect(await handleMessage({ type: 'tab-status', tabId: 7 }, PAGE, env)).toEqual({
      project: null,
      version: null,
      index: null,
      files: [],
    });
    expect(await handleMessage({ type: 'tab-status', tabId: 99 }, POPUP, env)).toEqual({
      project: null,
      version: null,
      index: null,
      files: [],
    });
  });

  it('messages that are not ours are left unanswered', () => {
    const { env } = makeEnv();
    expect(handleMessage({ type: 'something' }, POPUP, env)).toBeUndefined();
    expect(handleMessage(null, POPUP, env)).toBeUndefined();
  });
});

describe('badge', () => {
  const f = (state: string, level: string) => ({ filename: 'x-1.tar.gz', state, level }) as Parameters<typeof badgeFor>[0][number];
  it('speaks only when it can say something the page cannot fake', () => {
    expect(badgeFor([]).text).toBe('');
    expect(badgeFor([f('verified', 'ok'), f('verified', 'ok')]).text).toBe('✓2');
    expect(badgeFor([f('verified', 'ok'), f('failed', 'danger')]).text).toBe('!');
    expect(badgeFor([f('verified', 'danger')]).text).toBe('!'); // pin mismatch
    expect(badgeFor([f('verified', 'ok'), f('error', 'neutral')]).text).toBe('?');
    expect(badgeFor([f('verified', 'ok'), f('pending', 'neutral')]).text).toBe('…');
    expect(badgeFor([f('verified', 'ok'), f('absent', 'neutral')]).text).toBe('');
    expect(badgeFor(Array.from({ length: 120 }, () => f('verified', 'ok'))).text).toBe('✓');
  });
});
