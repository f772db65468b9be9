/**
 * The document_start prefetch (#16.3): the worker starts a page's index and provenance fetches
 * from the sender's URL; the page's own check then finds them in flight or cached, so the same
 * requests are made once, and what is checked does not change.
 */
import { describe, expect, it } from 'vitest';
import { handleMessage, handlePort, prefetch, type RouterEnv, type SenderLike } from '../../src/background/router';
import { parseSettings } from '../../src/settings';
import { EXT_ID, PAGE_SENDER, SAMPLE_SDIST, SAMPLE_WHL, sha } from './helpers';
import { fakePort, makeRouterEnv } from './router-env';

const RELEASE_URL = 'https://pypi.org/project/sampleproject/4.0.0/';
const at = (url: string): SenderLike => ({ ...PAGE_SENDER, url, tab: { id: 7, url } });
const INDEX = 'https://pypi.org/simple/sampleproject/';
const provenance = (f: string) => `https://pypi.org/integrity/sampleproject/4.0.0/${f}/provenance`;

function makeEnv() {
  const { env, fetch } = makeRouterEnv({ now: new Date('2026-11-25T12:00:00Z') });
  return { env, fetched: () => fetch.calls.map((c) => c.url) };
}

/** The page's own check over the port; resolves with its verdict states once `done` arrives. */
async function pageCheck(env: RouterEnv, sender: SenderLike, files: { filename: string; pageSha256: string | null }[]) {
  const p = fakePort(sender);
  const posted = p.posted as { type: string; filename?: string; verdict?: { state: string; reasons: { code: string }[] } }[];
  handlePort(p.port, env);
  p.send({ type: 'check', requestId: 'r1', index: 'pypi.org', project: 'sampleproject', version: '4.0.0', files });
  for (let i = 0; i < 2000 && !posted.some((m) => m.type === 'done'); i++) await new Promise((r) => setTimeout(r, 5));
  return Object.fromEntries(posted.filter((m) => m.type === 'verdict').map((m) => [m.filename, m.verdict!]));
}

const PAGE_FILES = [
  { filename: SAMPLE_SDIST, pageSha256: sha(SAMPLE_SDIST) },
  { filename: SAMPLE_WHL, pageSha256: sha(SAMPLE_WHL) },
];

describe('prefetch at document_start', () => {
  it('a release page: index and the release provenance fetched before the page asks; its check fetches nothing more', async () => {
    const { env, fetched } = makeEnv();
    await prefetch(RELEASE_URL, env);
    expect(fetched().sort()).toEqual([INDEX, provenance(SAMPLE_WHL), provenance(SAMPLE_SDIST)].sort());
    const v = await pageCheck(env, at(RELEASE_URL), PAGE_FILES);
    expect(v[SAMPLE_SDIST]?.state).toBe('verified');
    expect(v[SAMPLE_WHL]?.state).toBe('verified');
    expect(fetched()).toHaveLength(3);
  });

  it('a check that arrives while the prefetch is still running shares its requests', async () => {
    const { env, fetched } = makeEnv();
    expect(await handleMessage({ type: 'prefetch' }, at(RELEASE_URL), env)).toEqual({ ok: true });
    const v = await pageCheck(env, at(RELEASE_URL), PAGE_FILES);
    expect([v[SAMPLE_SDIST]?.state, v[SAMPLE_WHL]?.state]).toEqual(['verified', 'verified']);
    expect(fetched().sort()).toEqual([INDEX, provenance(SAMPLE_WHL), provenance(SAMPLE_SDIST)].sort());
  });

  it('what is checked does not change: the page hash is still compared with the index when the page asks', async () => {
    const { env } = makeEnv();
    await prefetch(RELEASE_URL, env);
    const v = await pageCheck(env, at(RELEASE_URL), [{ filename: SAMPLE_SDIST, pageSha256: 'ab'.repeat(32) }]);
    expect(v[SAMPLE_SDIST]?.state).toBe('failed');
    expect(v[SAMPLE_SDIST]?.reasons[0]?.code).toBe('HASH_MISMATCH_PAGE_INDEX');
  });

  it('a project page (no version in the URL) and a simple page: the index only', async () => {
    for (const url of ['https://pypi.org/project/sampleproject/', 'https://pypi.org/simple/sampleproject/']) {
      const { env, fetched } = makeEnv();
      await prefetch(url, env);
      expect(fetched(), url).toEqual([INDEX]);
    }
  });

  it('costs nothing on a URL that names no project, or from anyone but our content script on that index', async () => {
    for (const url of [
      'https://pypi.org/simple/',
      'https://pypi.org/project/sampleproject/submit-malware-report/',
      'https://pypi.org/search/?q=sampleproject',
      'https://pypi.org/project/sample%2Fproject/4.0.0/',
    ]) {
      const { env, fetched } = makeEnv();
      expect(await handleMessage({ type: 'prefetch' }, at(url), env)).toEqual({ ok: true });
      await new Promise((r) => setTimeout(r, 20));
      expect(fetched(), url).toEqual([]);
    }
    const senders: SenderLike[] = [
      { id: EXT_ID, url: `chrome-extension://${EXT_ID}/src/popup/index.html` },
      { ...at(RELEASE_URL), id: 'another-extension' },
      { ...at(RELEASE_URL), frameId: 3 },
      at('https://pypi.org.evil.example/project/sampleproject/4.0.0/'),
      at('http://pypi.org/project/sampleproject/4.0.0/'),
    ];
    for (const s of senders) {
      const { env, fetched } = makeEnv();
      expect(await handleMessage({ type: 'prefetch' }, s, env)).toEqual({ ok: false });
      await new Promise((r) => setTimeout(r, 20));
      expect(fetched(), JSON.stringify(s)).toEqual([]);
    }
  });

  it('reads the page from the sender, not the message', async () => {
    const { env, fetched } = makeEnv();
    const msg = { type: 'prefetch', index: 'pypi.org', project: 'other', version: '9' };
    expect(await handleMessage(msg, at(RELEASE_URL), env)).toEqual({ ok: true });
    for (let i = 0; i < 400 && fetched().length < 3; i++) await new Promise((r) => setTimeout(r, 5));
    expect(fetched().every((u) => u.includes('/sampleproject/'))).toBe(true);
  });
});

describe('page-settings', () => {
  const stored = parseSettings({
    strict: true,
    showSummary: false,
    pins: [{ project: 'sampleproject', kind: 'GitHub', repository: 'pypa/sampleproject' }],
  });

  it('our content script gets the three settings a page uses, resolved by the worker; not the pins', async () => {
    const { env } = makeEnv();
    env.settings = async () => stored;
    expect(await handleMessage({ type: 'page-settings' }, at(RELEASE_URL), env)).toEqual({
      ok: true,
      settings: { strict: true, showSummary: false, confirmFailedDownloads: true },
    });
  });

  it('nobody else, and no answer when the settings cannot be read', async () => {
    const { env } = makeEnv();
    env.settings = async () => stored;
    for (const s of [
      { id: EXT_ID, url: `chrome-extension://${EXT_ID}/src/popup/index.html` },
      { ...at(RELEASE_URL), id: 'other' },
    ])
      expect(await handleMessage({ type: 'page-settings' }, s, env)).toEqual({ ok: false });
    const errors: unknown[] = [];
    env.onError = (e) => errors.push(e);
    env.settings = () => Promise.reject(new Error('storage gone'));
    expect(await handleMessage({ type: 'page-settings' }, at(RELEASE_URL), env)).toEqual({ ok: false });
    expect(errors).toHaveLength(1);
    delete env.settings;
    expect(await handleMessage({ type: 'page-settings' }, at(RELEASE_URL), env)).toEqual({ ok: false });
  });
});
