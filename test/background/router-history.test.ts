/** Router + history: the history message comes after `done`, never for forced single-file retries. */
import { describe, expect, it } from 'vitest';
import { handlePort, type SenderLike } from '../../src/background/router';
import { isBackgroundToContent } from '../../src/messages';
import { SAMPLE_OLD, SAMPLE_SDIST, SAMPLE_WHL, PAGE_SENDER } from './helpers';
import { fakePort, makeRouterEnv, until } from './router-env';

const PAGE: SenderLike = PAGE_SENDER;

function setup() {
  const { env } = makeRouterEnv({ history: true });
  const { port, posted, send } = fakePort(PAGE);
  handlePort(port, env);
  return { posted, send };
}

const types = (posted: unknown[]) => posted.map((m) => (m as { type: string }).type);

describe('router: history after done', () => {
  it('sampleproject 4.0.0 (real index): verdicts, done, then history "new" (no earlier release has provenance)', async () => {
    const s = setup();
    s.send({
      type: 'check',
      requestId: 'r1',
      index: 'pypi.org',
      project: 'sampleproject',
      version: '4.0.0',
      files: [
        { filename: SAMPLE_SDIST, pageSha256: null },
        { filename: SAMPLE_WHL, pageSha256: null },
      ],
    });
    await until(() => types(s.posted).includes('history'));
    expect(types(s.posted)).toEqual(['verdict', 'verdict', 'done', 'history']);
    const h = s.posted[3] as { requestId: string; history: { state: string; checks: unknown; absence: unknown } };
    expect(isBackgroundToContent(h)).toBe(true);
    expect(h.requestId).toBe('r1');
    expect(h.history.state).toBe('new');
    expect(h.history.checks).toMatchObject({ total: 2, attested: 2, coverage: 'all' });
  });

  it('3.0.0 (no provenance, uploaded 2022): "not-yet", the file predates attestations', async () => {
    const s = setup();
    s.send({
      type: 'check',
      requestId: 'r2',
      index: 'pypi.org',
      project: 'sampleproject',
      version: '3.0.0',
      files: [{ filename: SAMPLE_OLD, pageSha256: null }],
    });
    await until(() => types(s.posted).includes('history'));
    const h = (s.posted.at(-1) as { history: { state: string; absence: Record<string, string> } }).history;
    expect(h.state).toBe('not-yet');
    expect(h.absence).toEqual({ [SAMPLE_OLD]: 'predates-attestations' });
  });

  it('a forced retry of one file gets no history', async () => {
    const s = setup();
    s.send({
      type: 'check',
      requestId: 'r3',
      index: 'pypi.org',
      project: 'sampleproject',
      version: '4.0.0',
      force: true,
      files: [{ filename: SAMPLE_SDIST, pageSha256: null }],
    });
    await until(() => types(s.posted).includes('done'));
    await new Promise((r) => setTimeout(r, 50));
    expect(types(s.posted)).toEqual(['verdict', 'done']);
  });
});
