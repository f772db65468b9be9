/** Router + history: the history message comes after `done`, never for forced single-file retries. */
import { describe, expect, it } from 'vitest';
import { RawProvenanceCache, SimpleIndexCache, VerdictCache } from '../../src/background/cache';
import { createChecker } from '../../src/background/checker';
import { createHistoryService, HistoryStore } from '../../src/background/history';
import { createPypiClient } from '../../src/background/pypi-client';
import { handlePort, type PortLike, type RouterEnv, type SenderLike } from '../../src/background/router';
import { TabStates } from '../../src/background/tab-state';
import { bundledTrust } from '../../src/background/trust-root';
import { isBackgroundToContent, PORT_NAME } from '../../src/messages';
import { parseSettings } from '../../src/settings';
import { verifyProvenance } from '../../src/verify/index';
import { FakeStorage, SAMPLE_OLD, SAMPLE_SDIST, SAMPLE_WHL, EXT_ID, PAGE_SENDER, sampleprojectFetch } from './helpers';

const ID = EXT_ID;
const PAGE: SenderLike = PAGE_SENDER;

function setup() {
  const fetch = sampleprojectFetch();
  const client = createPypiClient({ fetch });
  const session = new FakeStorage();
  const checker = createChecker({
    client,
    verdicts: new VerdictCache(new FakeStorage()),
    simple: new SimpleIndexCache(session),
    raw: new RawProvenanceCache(),
    verify: verifyProvenance,
    trust: bundledTrust,
    settings: async () => parseSettings({}),
  });
  const history = createHistoryService({
    client,
    verify: verifyProvenance,
    trust: bundledTrust,
    store: new HistoryStore(new FakeStorage()),
  });
  const env: RouterEnv = {
    runtimeId: ID,
    extensionBaseUrl: `chrome-extension://${ID}/`,
    checker,
    tabs: new TabStates(session, () => {}),
    history,
  };
  const posted: unknown[] = [];
  const listeners: ((m: unknown) => void)[] = [];
  const port: PortLike = {
    name: PORT_NAME,
    sender: PAGE,
    postMessage: (m) => void posted.push(m),
    disconnect: () => {},
    onMessage: { addListener: (cb) => void listeners.push(cb) },
    onDisconnect: { addListener: () => {} },
  };
  handlePort(port, env);
  return { posted, send: (m: unknown) => listeners.forEach((cb) => cb(m)) };
}

async function until(cond: () => boolean, ms = 10_000) {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error('timeout');
    await new Promise((r) => setTimeout(r, 5));
  }
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
