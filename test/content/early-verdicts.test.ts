// @vitest-environment jsdom
/**
 * Early verdicts (#16 warm): the worker's answer to `release-verdicts` is shown on badges still
 * waiting, when it is about this page's release and the page's hash agrees; the page's own check
 * still runs and replaces it.
 */
import { afterEach, describe, expect, test, vi } from 'vitest';
import { detectPage } from '../../src/content/detect';
import { startController, type PageController } from '../../src/content/controller';
import { askEarlyVerdicts, earlyVerdictsOf } from '../../src/content/early-verdicts';
import { DEFAULT_SETTINGS } from '../../src/settings';
import type { FileVerdictMessage } from '../../src/messages';
import { loadIntoGlobalDocument } from './fixtures';
import { portFactory, verdictMessage } from './helpers';

const URL_ = 'https://pypi.org/project/FastHash_Lib/1.2.0/';
const PAGE = { index: 'pypi.org' as const, project: 'fasthash-lib', version: '1.2.0' };
const WIN311 = 'fasthash_lib-1.2.0-cp311-cp311-win_amd64.whl';

const answer = (verdicts: FileVerdictMessage[], over: Record<string, unknown> = {}) => ({ ok: true, ...PAGE, verdicts, ...over });

let controllers: PageController[] = [];
afterEach(() => {
  for (const c of controllers) c.destroy();
  controllers = [];
});

/** A page whose early answer is `reply` (a value, or a promise the test resolves later). */
function startWith(reply: unknown) {
  loadIntoGlobalDocument('project/FastHash_Lib/1.2.0/index.html');
  const page = detectPage(document, URL_)!;
  const send = vi.fn(() => (reply instanceof Promise ? reply : Promise.resolve(reply)));
  const early = askEarlyVerdicts(send);
  const pf = portFactory();
  return {
    page,
    pf,
    send,
    start() {
      const c = startController(page, {
        doc: document,
        settings: DEFAULT_SETTINGS,
        connect: pf.connect,
        sendMessage: vi.fn(async () => ({ ok: false })),
        confirm: vi.fn(() => false),
        alert: vi.fn(),
        early,
      });
      controllers.push(c);
      return c;
    },
  };
}

const stateOf = (c: PageController, f: string) => c.badgeHost(f)!.getAttribute('data-provenance-state');
const flush = () => new Promise((r) => setTimeout(r, 0));

describe('earlyVerdictsOf', () => {
  const v = verdictMessage('release-verdicts', WIN311, 'verified', { verdict: { sha256: 'b'.repeat(64) } });

  test('usable final verdicts of this release, by filename', () => {
    expect([...earlyVerdictsOf(answer([v]), PAGE).keys()]).toEqual([WIN311]);
  });

  test('nothing when the answer is about another release, project or index, or is no answer', () => {
    for (const over of [{ version: '1.2.1' }, { project: 'fasthash' }, { index: 'test.pypi.org' }, { ok: false }])
      expect(earlyVerdictsOf(answer([v], over), PAGE).size, JSON.stringify(over)).toBe(0);
    expect(earlyVerdictsOf(answer([v]), { ...PAGE, version: null }).size).toBe(0);
    for (const a of [null, undefined, 'x', [], { ok: true, ...PAGE, verdicts: 'no' }]) expect(earlyVerdictsOf(a, PAGE).size).toBe(0);
  });

  test('a message that would not be shown from the port is not shown early either; pending is not a verdict', () => {
    const lying: FileVerdictMessage = { ...v, level: 'danger' }; // the level does not follow from the state
    const verifiedWithoutAttestation = verdictMessage('r', 'a-1.0.tar.gz', 'verified', { verdict: { attestations: [] } });
    const pending = verdictMessage('r', 'b-1.0.tar.gz', 'pending');
    const wrongFile = { ...verdictMessage('r', 'c-1.0.tar.gz', 'absent'), filename: 'd-1.0.tar.gz' };
    expect(earlyVerdictsOf(answer([lying, verifiedWithoutAttestation, pending, wrongFile]), PAGE).size).toBe(0);
  });
});

describe('the controller with early verdicts', () => {
  test('an answer that is in when the badges go up: those badges are final at mount, before any port message', () => {
    const t = startWith(null);
    const files = t.page.files.map((f) => f.filename);
    const early = t.page.files.map((f) =>
      verdictMessage('release-verdicts', f.filename, 'absent', { verdict: { sha256: f.pageSha256 ?? 'c'.repeat(64) } }),
    );
    const t2 = startWith(answer(early));
    return flush().then(() => {
      const c = t2.start();
      for (const f of files) expect(stateOf(c, f), f).toBe('absent');
      // the page's own check is still asked for every file, and its answer replaces the early one
      const req = t2.pf.current.last();
      expect(req.files.map((f) => f.filename).sort()).toEqual([...files].sort());
      t2.pf.current.emit(verdictMessage(req.requestId, WIN311, 'failed'));
      expect(stateOf(c, WIN311)).toBe('failed');
      expect(t.send).toHaveBeenCalledWith({ type: 'release-verdicts' });
    });
  });

  test('a file whose page hash is not the verdict’s waits for its own check', async () => {
    const t = startWith(null);
    const target = t.page.files.find((f) => f.pageSha256 !== null)!;
    const t2 = startWith(
      answer([verdictMessage('release-verdicts', target.filename, 'verified', { verdict: { sha256: 'e'.repeat(64) } })]),
    );
    await flush();
    const c = t2.start();
    expect(stateOf(c, target.filename)).toBe('pending');
  });

  test('an answer that comes after the mount fills badges still pending, never one the check answered', async () => {
    let resolve!: (v: unknown) => void;
    const t = startWith(new Promise((r) => (resolve = r)));
    const c = t.start();
    const [a, b] = t.page.files.filter((f) => f.filename !== WIN311);
    const req = t.pf.current.last();
    t.pf.current.emit(verdictMessage(req.requestId, a!.filename, 'failed'));
    resolve(
      answer(
        [a!, b!].map((f) =>
          verdictMessage('release-verdicts', f.filename, 'absent', { verdict: { sha256: f.pageSha256 ?? '0'.repeat(64) } }),
        ),
      ),
    );
    await flush();
    expect(stateOf(c, a!.filename)).toBe('failed');
    expect(stateOf(c, b!.filename)).toBe('absent');
  });

  test('no answer (the worker is gone): the page works as without early verdicts', async () => {
    const t = startWith(Promise.reject(new Error('Extension context invalidated.')));
    await flush();
    const c = t.start();
    expect(t.page.files.every((f) => stateOf(c, f.filename) === 'pending')).toBe(true);
    expect(t.pf.current.last().files.length).toBe(t.page.files.length);
  });
});
