// @vitest-environment jsdom
/**
 * The release's publisher history on the page: message → summary host attribute and text, panel
 * section, strict-mode level raise (never above danger, never below the file's own level) and
 * download confirmation. Histories are computed with the real pure logic (src/history).
 */
import { afterEach, describe, expect, test, vi } from 'vitest';
import { startController, type PageController } from '../../src/content/controller';
import { detectPage } from '../../src/content/detect';
import { needsConfirmation, withVerdict } from '../../src/content/file-view';
import { historyQuestion, withHistory } from '../../src/content/release-history';
import { shadowOf } from '../../src/content/shadow';
import { computeHistory } from '../../src/history/compute';
import { groupReleases } from '../../src/history/releases';
import type { PublisherIdentity, ReleaseHistory } from '../../src/history/types';
import { DEFAULT_SETTINGS, type Settings } from '../../src/settings';
import { loadIntoGlobalDocument } from './fixtures';
import { portFactory, verdictMessage } from './helpers';

const URL_ = 'https://pypi.org/project/sampleproject/4.0.0/';
const SDIST = 'sampleproject-4.0.0.tar.gz';
const WHL = 'sampleproject-4.0.0-py3-none-any.whl';
const NOW_ID: PublisherIdentity = { kind: 'GitHub', repository: 'pypa/sampleproject', workflow: 'release.yml' };
const OLD_ID: PublisherIdentity = { kind: 'GitHub', repository: 'someone/sampleproject', workflow: 'release.yml' };

function hist(state: 'changed' | 'same' | 'lost'): ReleaseHistory {
  const file = (f: string, v: string, prov: boolean) => ({
    filename: f,
    sha256: 'a'.repeat(64),
    provenanceUrl: prov ? `https://pypi.org/integrity/sampleproject/${v}/${f}/provenance` : null,
    uploadTime: '2025-01-01T00:00:00Z',
  });
  const cur = state !== 'lost';
  const h = computeHistory({
    project: 'sampleproject',
    version: '4.0.0',
    releases: groupReleases([file('sampleproject-3.9.tar.gz', '3.9', true), file(SDIST, '4.0.0', cur), file(WHL, '4.0.0', cur)]),
    pageFiles: [SDIST, WHL].map((filename) => ({ filename, state: cur ? 'verified' : 'absent', identity: cur ? NOW_ID : null })),
    examined: [
      {
        version: '3.9',
        sameLine: false,
        filename: 'sampleproject-3.9.tar.gz',
        identity: state === 'same' ? NOW_ID : OLD_ID,
        outcome: 'verified',
      },
    ],
    earlierWithProvenance: 1,
  });
  expect(h.state).toBe(state);
  return h;
}

let controllers: PageController[] = [];
afterEach(() => {
  for (const c of controllers) c.destroy();
  controllers = [];
  document.body.innerHTML = '';
});

function start(settings: Settings = DEFAULT_SETTINGS) {
  loadIntoGlobalDocument('project/sampleproject/4.0.0/index.html');
  const page = detectPage(document, URL_)!;
  const pf = portFactory();
  const deps = {
    doc: document,
    settings,
    connect: pf.connect,
    sendMessage: vi.fn(async () => ({ ok: false })),
    confirm: vi.fn(() => false),
    alert: vi.fn(),
    extensionVersion: '9.9.9',
  };
  const c = startController(page, deps);
  controllers.push(c);
  return { c, pf, page };
}

const summary = () => document.querySelector<HTMLElement>('[data-provenance-summary]')!;
const badge = (f: string) => document.querySelector<HTMLElement>(`[data-provenance-filename="${f}"]`)!;

/** The history's code loads with the first history message (release-history.ts): wait for it. */
async function sendHistory(pf: ReturnType<typeof portFactory>, requestId: string, history: unknown) {
  pf.current.emit({ type: 'history', requestId, history });
  await vi.dynamicImportSettled();
}

function answer(pf: ReturnType<typeof portFactory>, state: 'verified' | 'absent', strict = false) {
  const id = pf.current.last().requestId;
  for (const f of [SDIST, WHL]) pf.current.emit(verdictMessage(id, f, state, { strict }));
  pf.current.emit({ type: 'done', requestId: id });
  return id;
}

describe('publisher history on the page', () => {
  test('changed: summary host says so, text is neutral with benign reasons; badges keep their own level (not strict)', async () => {
    const { c, pf } = start();
    const id = answer(pf, 'verified');
    expect(summary().hasAttribute('data-provenance-history')).toBe(false);
    await sendHistory(pf, id, hist('changed'));
    expect(summary().getAttribute('data-provenance-history')).toBe('changed');
    const text = shadowOf(summary())!.textContent!;
    expect(text).toContain('Published differently from 3.9');
    expect(text).toContain('repository: someone/sampleproject → pypa/sampleproject');
    expect(text).toContain('move to an organisation');
    expect(badge(SDIST).getAttribute('data-provenance-state')).toBe('verified');
    expect(badge(SDIST).getAttribute('data-provenance-level')).toBe('ok');
    expect(c.history()?.state).toBe('changed');
    // panel shows the history section
    await c.openPanel(SDIST);
    const panelText = shadowOf(document.querySelector('[data-provenance-panel]')!)!.textContent!;
    expect(panelText).toContain('Publisher history');
    expect(panelText).toContain('Compared with the nearest earlier release that has provenance');
  });

  test('strict: changed raises verified badges to warning and asks before download', async () => {
    const { c, pf } = start({ ...DEFAULT_SETTINGS, strict: true });
    const id = answer(pf, 'verified', true);
    await sendHistory(pf, id, hist('changed'));
    expect(badge(SDIST).getAttribute('data-provenance-level')).toBe('warning');
    expect(badge(SDIST).getAttribute('data-provenance-state')).toBe('verified');
    const q = needsConfirmation(c.view(SDIST)!, { strict: true, confirmFailedDownloads: true }, historyQuestion);
    expect(q).toContain('published differently from 3.9');
    expect(q).toContain('Download it anyway?');
    expect(needsConfirmation(c.view(SDIST)!, { strict: false, confirmFailedDownloads: true }, historyQuestion)).toBeNull();
  });

  test('same: no raise, no question; a history for an unknown request is ignored', async () => {
    const { c, pf } = start({ ...DEFAULT_SETTINGS, strict: true });
    const id = answer(pf, 'verified', true);
    await sendHistory(pf, 'not-mine', hist('changed'));
    expect(summary().hasAttribute('data-provenance-history')).toBe(false);
    await sendHistory(pf, id, hist('same'));
    expect(summary().getAttribute('data-provenance-history')).toBe('same');
    expect(badge(SDIST).getAttribute('data-provenance-level')).toBe('ok');
    expect(needsConfirmation(c.view(SDIST)!, { strict: true, confirmFailedDownloads: true }, historyQuestion)).toBeNull();
  });

  test('lost: the strict question names the earlier release; a malformed history is dropped', async () => {
    const { c, pf } = start({ ...DEFAULT_SETTINGS, strict: true });
    const id = answer(pf, 'absent', true);
    await sendHistory(pf, id, { ...hist('lost'), compared: null });
    expect(summary().hasAttribute('data-provenance-history')).toBe(false);
    expect(c.history()).toBeNull();
    await sendHistory(pf, id, hist('lost'));
    expect(summary().getAttribute('data-provenance-history')).toBe('lost');
    expect(badge(WHL).getAttribute('data-provenance-level')).toBe('warning');
    expect(needsConfirmation(c.view(WHL)!, { strict: true, confirmFailedDownloads: true }, historyQuestion)).toContain(
      'but 3.9 had verified provenance',
    );
  });

  test('level raise: never above danger, never below the own level', () => {
    const { c, pf } = start({ ...DEFAULT_SETTINGS, strict: true });
    answer(pf, 'verified', true);
    const v = c.view(SDIST)!;
    const failed = withVerdict({ ...v, history: null }, verdictMessage('x', SDIST, 'failed', { strict: true }));
    expect(withHistory(failed, hist('changed')).level).toBe('danger');
    const pinned = withVerdict(
      v,
      verdictMessage('x', SDIST, 'verified', { strict: true, pin: { status: 'mismatch', differences: ['x'] } }),
    );
    expect(withHistory(pinned, hist('changed')).level).toBe('danger');
    const raised = withHistory(v, hist('changed'));
    expect(raised.level).toBe('warning');
    expect(withHistory(raised, null).level).toBe('ok'); // history withdrawn → own level again
    expect(withHistory({ ...v, strict: false }, hist('changed')).level).toBe('ok');
  });
});
