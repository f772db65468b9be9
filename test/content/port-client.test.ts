import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { createCheckClient } from '../../src/content/port-client';
import { isCheckRequest } from '../../src/background/requests';
import type { FileVerdictMessage } from '../../src/messages';
import { WORKER_STOPPED_MESSAGE } from '../../src/content/file-view';
import { portFactory, verdictMessage } from './helpers';

const FILES = [
  { filename: 'sampleproject-4.0.0.tar.gz', pageSha256: '0ace7980f82c5815ede4cd7bf9f6693684cec2ae47b9b7ade9add533b8627c6b' },
  { filename: 'sampleproject-4.0.0-py3-none-any.whl', pageSha256: 'c23e447ea90d796d1e645c35c4b2de125040add12a845825546f91c93f391b6b' },
];
const [SDIST, WHEEL] = FILES.map((f) => f.filename) as [string, string];

function setup(opts: { maxReconnects?: number; idleTimeoutMs?: number } = {}) {
  const pf = portFactory();
  const verdicts: FileVerdictMessage[] = [];
  const errors: { filename: string; message: string }[] = [];
  const client = createCheckClient({
    index: 'pypi.org',
    project: 'sampleproject',
    version: '4.0.0',
    connect: pf.connect,
    onVerdict: (m) => verdicts.push(m),
    onFileError: (filename, message) => errors.push({ filename, message }),
    backoffMs: [100, 200, 400],
    ...opts,
  });
  return { pf, verdicts, errors, client };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('CheckClient', () => {
  test('posts one valid CheckRequest per check() and applies progressive verdicts', () => {
    const { pf, verdicts, client } = setup();
    client.check(FILES);
    expect(pf.ports).toHaveLength(1);
    const req = pf.current.last();
    expect(isCheckRequest(req)).toBe(true);
    expect(req).toMatchObject({ type: 'check', index: 'pypi.org', project: 'sampleproject', version: '4.0.0', files: FILES });
    expect(req.force).toBeUndefined();

    pf.current.emit(verdictMessage(req.requestId, SDIST, 'pending'));
    expect(verdicts.map((v) => v.verdict.state)).toEqual(['pending']);
    expect(client.pendingFilenames()).toEqual([SDIST, WHEEL]);
    pf.current.emit(verdictMessage(req.requestId, SDIST, 'verified'));
    expect(client.pendingFilenames()).toEqual([WHEEL]);
    pf.current.emit(verdictMessage(req.requestId, WHEEL, 'failed'));
    expect(verdicts.map((v) => `${v.filename}:${v.verdict.state}`)).toEqual([`${SDIST}:pending`, `${SDIST}:verified`, `${WHEEL}:failed`]);
    expect(client.pendingFilenames()).toEqual([]);
  });

  test('ignores malformed, stale and foreign messages', () => {
    const { pf, verdicts, errors, client } = setup();
    client.check(FILES);
    const id = pf.current.last().requestId;
    pf.current.emit(null);
    pf.current.emit('verdict');
    pf.current.emit({ type: 'verdict', requestId: id, filename: SDIST });
    pf.current.emit(verdictMessage('other-request', SDIST, 'verified'));
    pf.current.emit(verdictMessage(id, 'unknown-1.0.tar.gz', 'verified'));
    expect(verdicts).toHaveLength(0);
    expect(errors).toHaveLength(0);
    expect(client.pendingFilenames()).toEqual([SDIST, WHEEL]);
  });

  const inconsistent: [string, (m: FileVerdictMessage) => void][] = [
    ['verdict names another file', (m) => void (m.verdict.filename = WHEEL)],
    ['"ok" level for a failed state', (m) => void ((m.verdict.state = 'failed'), (m.level = 'ok'))],
    ['failed shown as neutral', (m) => void ((m.verdict.state = 'failed'), (m.level = 'neutral'))],
    ['unknown state', (m) => void ((m.verdict as { state: string }).state = 'trusted')],
    ['verified without attestations', (m) => void (m.verdict.attestations = [])],
    ['verified with a failed attestation', (m) => void (m.verdict.attestations[0]!.ok = false)],
    ['reasons not an array', (m) => void ((m.verdict as { reasons: unknown }).reasons = 'x')],
    ['unknown pin status', (m) => void ((m.pin as { status: string }).status = 'maybe')],
  ];
  for (const [label, mutate] of inconsistent) {
    test(`an inconsistent verdict for a current file becomes error, never shown: ${label}`, () => {
      const { pf, verdicts, errors, client } = setup();
      client.check(FILES);
      const m = verdictMessage(pf.current.last().requestId, SDIST, 'verified');
      mutate(m);
      pf.current.emit(m);
      expect(verdicts).toHaveLength(0);
      expect(errors.map((e) => e.filename)).toEqual([SDIST]);
      expect(client.pendingFilenames()).toEqual([WHEEL]);
    });
  }

  test('worker stops mid-check: reconnects with backoff and re-requests only pending files', () => {
    const { pf, verdicts, errors, client } = setup();
    client.check(FILES);
    const first = pf.current.last();
    pf.current.emit(verdictMessage(first.requestId, SDIST, 'verified'));
    pf.current.kill();
    expect(pf.ports).toHaveLength(1);
    vi.advanceTimersByTime(99);
    expect(pf.ports).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(pf.ports).toHaveLength(2);
    const again = pf.current.last();
    expect(again.files.map((f) => f.filename)).toEqual([WHEEL]);
    expect(again.requestId).not.toBe(first.requestId);
    // a late answer to the old request is ignored
    pf.current.emit(verdictMessage(first.requestId, WHEEL, 'verified'));
    expect(verdicts).toHaveLength(1);
    pf.current.emit(verdictMessage(again.requestId, WHEEL, 'absent'));
    expect(verdicts.map((v) => v.verdict.state)).toEqual(['verified', 'absent']);
    expect(errors).toEqual([]);
  });

  test('gives up after 3 reconnects: remaining files become error, never verified, never pending', () => {
    const { pf, verdicts, errors, client } = setup();
    client.check(FILES);
    pf.current.emit(verdictMessage(pf.current.last().requestId, SDIST, 'verified'));
    for (let i = 0; i < 3; i++) {
      pf.current.kill();
      vi.advanceTimersByTime(1000);
      expect(pf.current.last().files.map((f) => f.filename)).toEqual([WHEEL]);
    }
    expect(pf.ports).toHaveLength(4);
    pf.current.kill();
    vi.advanceTimersByTime(10_000);
    expect(pf.ports).toHaveLength(4);
    expect(errors).toEqual([{ filename: WHEEL, message: WORKER_STOPPED_MESSAGE }]);
    expect(verdicts.map((v) => v.filename)).toEqual([SDIST]);
    expect(client.pendingFilenames()).toEqual([]);
  });

  test('connect() throwing (extension reloaded) counts as a failed try', () => {
    const { pf, errors, client } = setup();
    pf.failNextConnects(10);
    client.check(FILES);
    vi.advanceTimersByTime(10_000);
    expect(pf.ports).toHaveLength(0);
    expect(errors.map((e) => e.filename).sort()).toEqual([SDIST, WHEEL].sort());
    expect(errors.every((e) => e.message === WORKER_STOPPED_MESSAGE)).toBe(true);
  });

  test('progress resets the retry budget', () => {
    const files = [...FILES, { filename: 'sampleproject-3.0.0.tar.gz', pageSha256: null }];
    const { pf, errors, client } = setup();
    client.check(files);
    for (const f of files) {
      pf.current.kill();
      pf.current.kill();
      vi.advanceTimersByTime(1000);
      // second kill on the same dead port is ignored; one reconnect per disconnect
      pf.current.emit(verdictMessage(pf.current.last().requestId, f.filename, 'absent'));
    }
    expect(errors).toEqual([]);
    expect(client.pendingFilenames()).toEqual([]);
  });

  test('check-failed: that request’s files become error with the worker’s message', () => {
    const { pf, errors, client } = setup();
    client.check(FILES);
    const id = pf.current.last().requestId;
    pf.current.emit(verdictMessage(id, SDIST, 'verified'));
    pf.current.emit({ type: 'check-failed', requestId: id, message: 'pypi.org did not answer' });
    expect(errors).toEqual([{ filename: WHEEL, message: 'Could not check — pypi.org did not answer' }]);
  });

  test('done with unanswered files: they become error', () => {
    const { pf, errors, client } = setup();
    client.check(FILES);
    const id = pf.current.last().requestId;
    pf.current.emit(verdictMessage(id, WHEEL, 'verified'));
    pf.current.emit({ type: 'done', requestId: id });
    expect(errors.map((e) => e.filename)).toEqual([SDIST]);
    expect(client.pendingFilenames()).toEqual([]);
  });

  test('a silent worker times out into error', () => {
    const { errors, client } = setup({ idleTimeoutMs: 5000 });
    client.check(FILES);
    vi.advanceTimersByTime(4999);
    expect(errors).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(errors).toHaveLength(2);
  });

  test('force survives a reconnect; a newer request for a file supersedes the older one', () => {
    const { pf, verdicts, client } = setup();
    client.check(FILES);
    const first = pf.current.last();
    client.check([FILES[0]!], { force: true });
    const forced = pf.current.last();
    expect(forced.force).toBe(true);
    expect(forced.files.map((f) => f.filename)).toEqual([SDIST]);
    pf.current.emit(verdictMessage(first.requestId, SDIST, 'verified')); // superseded
    expect(verdicts).toHaveLength(0);
    pf.current.kill();
    vi.advanceTimersByTime(100);
    const resent = pf.current.sent;
    expect(resent).toHaveLength(2);
    const byForce = Object.fromEntries(resent.map((r) => [String(r.force === true), r.files.map((f) => f.filename)]));
    expect(byForce).toEqual({ true: [SDIST], false: [WHEEL] });
  });

  test('close() stops reconnecting', () => {
    const { pf, errors, client } = setup();
    client.check(FILES);
    client.close();
    pf.current.kill();
    vi.advanceTimersByTime(10_000);
    expect(pf.ports).toHaveLength(1);
    expect(errors).toEqual([]);
  });
});
