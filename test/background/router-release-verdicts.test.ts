/**
 * `release-verdicts` (#16 warm): what the worker can tell a page of a release at once, before the
 * page is parsed: only what a fresh cached index and fresh cached verdicts answer. No request, no
 * verification; the same verdicts the page's own check gives (real verifier, bundled trust root).
 */
import { describe, expect, it } from 'vitest';
import { handleMessage, prefetch, type SenderLike } from '../../src/background/router';
import { FRESH_MS } from '../../src/background/cache';
import type { FileVerdictMessage, ReleaseVerdictsResponse } from '../../src/messages';
import { EXT_ID, PAGE_SENDER, SAMPLE_SDIST, SAMPLE_WHL, sha } from './helpers';
import { makeRouterEnv } from './router-env';

const RELEASE_URL = 'https://pypi.org/project/sampleproject/4.0.0/';
const at = (url: string): SenderLike => ({ ...PAGE_SENDER, url, tab: { id: 7, url } });

function makeEnv() {
  const clock = new Date('2026-11-25T12:00:00Z');
  const { env, fetch } = makeRouterEnv({ now: clock });
  return { env, clock, fetched: () => fetch.calls.length };
}

async function ask(env: ReturnType<typeof makeEnv>['env'], sender: SenderLike): Promise<ReleaseVerdictsResponse> {
  return (await handleMessage({ type: 'release-verdicts' }, sender, env)) as ReleaseVerdictsResponse;
}

const byFile = (r: ReleaseVerdictsResponse) => (r.ok ? Object.fromEntries(r.verdicts.map((m: FileVerdictMessage) => [m.filename, m])) : {});

describe('release-verdicts', () => {
  it('a page seen before: every file of the release with its cached verdict, nothing fetched or verified for it', async () => {
    const { env, fetched } = makeEnv();
    await prefetch(RELEASE_URL, env);
    const before = fetched();
    const r = await ask(env, at(RELEASE_URL));
    expect(fetched()).toBe(before);
    expect(r.ok && { index: r.index, project: r.project, version: r.version }).toEqual({
      index: 'pypi.org',
      project: 'sampleproject',
      version: '4.0.0',
    });
    const v = byFile(r);
    expect(Object.keys(v).sort()).toEqual([SAMPLE_WHL, SAMPLE_SDIST].sort());
    for (const f of [SAMPLE_SDIST, SAMPLE_WHL]) {
      expect(v[f]?.verdict.state).toBe('verified');
      expect(v[f]?.verdict.sha256).toBe(sha(f)); // the index's: the page compares its own before it shows it
      expect(v[f]?.level).toBe('ok');
      expect(v[f]?.downloadUrl).toMatch(/^https:\/\/files\.pythonhosted\.org\//);
    }
  });

  it('a page not seen before gets nothing, and asking fetches nothing', async () => {
    const { env, fetched } = makeEnv();
    const r = await ask(env, at(RELEASE_URL));
    expect(r).toEqual({ ok: true, index: 'pypi.org', project: 'sampleproject', version: '4.0.0', verdicts: [] });
    await new Promise((res) => setTimeout(res, 20));
    expect(fetched()).toBe(0);
  });

  it('only what is still fresh: an index or verdict past its freshness is left to the check, which revalidates', async () => {
    const { env, clock } = makeEnv();
    await prefetch(RELEASE_URL, env);
    clock.setTime(clock.getTime() + FRESH_MS + 1);
    expect(byFile(await ask(env, at(RELEASE_URL)))).toEqual({});
  });

  it('the same verdict messages as the page check would post, for files of that release only', async () => {
    const { env } = makeEnv();
    await prefetch(RELEASE_URL, env);
    const checked = await env.checker.check(
      {
        type: 'check',
        requestId: 'release-verdicts',
        index: 'pypi.org',
        project: 'sampleproject',
        version: '4.0.0',
        files: [SAMPLE_SDIST, SAMPLE_WHL].map((filename) => ({ filename, pageSha256: null })),
      },
      () => undefined,
    );
    const early = byFile(await ask(env, at(RELEASE_URL)));
    for (const m of checked) expect(early[m.filename]).toEqual(m);
    // sampleproject-3.0.0.tar.gz is in the index too, not in 4.0.0
    expect(Object.keys(early).every((f) => f.includes('4.0.0'))).toBe(true);
  });

  it('no version in the URL, a URL that is no project, or anyone but our content script: no verdicts', async () => {
    const { env } = makeEnv();
    await prefetch(RELEASE_URL, env);
    for (const url of [
      'https://pypi.org/project/sampleproject/',
      'https://pypi.org/simple/sampleproject/',
      'https://pypi.org/search/?q=sampleproject',
    ])
      expect(await ask(env, at(url)), url).toEqual({ ok: false });
    for (const s of [
      { id: EXT_ID, url: `chrome-extension://${EXT_ID}/src/popup/index.html` },
      { ...at(RELEASE_URL), id: 'another-extension' },
      { ...at(RELEASE_URL), frameId: 3 },
      at('https://pypi.org.evil.example/project/sampleproject/4.0.0/'),
    ])
      expect(await ask(env, s), JSON.stringify(s)).toEqual({ ok: false });
  });

  it('reads the release from the sender, not the message', async () => {
    const { env } = makeEnv();
    await prefetch(RELEASE_URL, env);
    const r = (await handleMessage(
      { type: 'release-verdicts', project: 'other', version: '9' },
      at(RELEASE_URL),
      env,
    )) as ReleaseVerdictsResponse;
    expect(r.ok && [r.project, r.version, r.verdicts.length]).toEqual(['sampleproject', '4.0.0', 2]);
  });
});
