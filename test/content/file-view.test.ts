import { describe, expect, test } from 'vitest';
import {
  asPending,
  isUsableVerdictMessage,
  needsConfirmation,
  pendingView,
  stateOf,
  withLocalError,
  withVerdict,
} from '../../src/content/file-view';
import { leafCertificateFingerprint } from '../../src/content/panel-slot';
import { DEFAULT_SETTINGS } from '../../src/settings';
import type { FileView } from '../../src/ui/types';
import type { AttestationResult } from '../../src/verify/verdict';
import { verdictMessage } from './helpers';

const FILE = 'fasthash_lib-1.2.0-cp311-cp311-win_amd64.whl';
const base = pendingView({ index: 'pypi.org', project: 'fasthash-lib', version: '1.2.0' }, { filename: FILE, pageSha256: null }, false);
const withState = (state: Parameters<typeof verdictMessage>[2], opts: Parameters<typeof verdictMessage>[3] = {}): FileView =>
  withVerdict(base, verdictMessage('r', FILE, state, opts));

const NORMAL = DEFAULT_SETTINGS;
const STRICT = { ...DEFAULT_SETTINGS, strict: true };
const NO_CONFIRM = { ...DEFAULT_SETTINGS, confirmFailedDownloads: false };
/** No history on these views (the history's questions: test/content/history.test.ts). */
const NO_HISTORY = () => null;

describe('needsConfirmation', () => {
  test('failed: asks by default, naming the file and the problem', () => {
    const q = needsConfirmation(withState('failed'), NORMAL, NO_HISTORY);
    expect(q).toContain(FILE);
    expect(q).toContain('FAILED');
    expect(q).toContain('The signature does not match the signed statement.');
    expect(q).toMatch(/Download it anyway\?$/);
  });
  test('failed: not asked when confirmFailedDownloads is off, asked again in strict mode', () => {
    expect(needsConfirmation(withState('failed'), NO_CONFIRM, NO_HISTORY)).toBeNull();
    expect(needsConfirmation(withState('failed'), { ...NO_CONFIRM, strict: true }, NO_HISTORY)).not.toBeNull();
  });
  test('absent: only in strict mode', () => {
    expect(needsConfirmation(withState('absent'), NORMAL, NO_HISTORY)).toBeNull();
    expect(needsConfirmation(withState('absent', { strict: true }), STRICT, NO_HISTORY)).toContain('no published provenance');
  });
  test('pin mismatch: only in strict mode, with the differences', () => {
    const v = withState('verified', { pin: { status: 'mismatch', differences: ['repository: pypa/sampleproject → evil/fork'] } });
    expect(v.level).toBe('danger');
    expect(needsConfirmation(v, NORMAL, NO_HISTORY)).toBeNull();
    const q = needsConfirmation(v, STRICT, NO_HISTORY)!;
    expect(q).toContain('pinned for fasthash-lib');
    expect(q).toContain('evil/fork');
  });
  test('never for verified, error or pending', () => {
    for (const s of [NORMAL, STRICT]) {
      expect(needsConfirmation(withState('verified'), s, NO_HISTORY)).toBeNull();
      expect(needsConfirmation(withState('verified', { pin: { status: 'match' } }), s, NO_HISTORY)).toBeNull();
      expect(needsConfirmation(withState('error'), s, NO_HISTORY)).toBeNull();
      expect(needsConfirmation(base, s, NO_HISTORY)).toBeNull();
    }
  });
});

describe('view transitions', () => {
  test('pending → verdict → local error → pending', () => {
    expect(stateOf(base)).toBe('pending');
    const v = withState('verified');
    expect(stateOf(v)).toBe('verified');
    expect(v.level).toBe('ok');
    const e = withLocalError(v, 'Could not check — test.');
    expect(stateOf(e)).toBe('error');
    expect(e.level).toBe('neutral');
    expect(e.verdict!.reasons[0]).toEqual({ code: 'INTERNAL_ERROR', message: 'Could not check — test.' });
    expect(e.verdict!.publisher).toBeNull();
    expect(stateOf(asPending(e))).toBe('pending');
  });
  test("the worker's publisher labels: kept on the view, dropped by a local error, a retry or a verdict without them", () => {
    const m = { ...verdictMessage('r', FILE, 'verified'), publishers: ['pypa/sampleproject · release.yml', 'other/fork · ci.yml'] };
    expect(isUsableVerdictMessage(m)).toBe(true);
    const v = withVerdict(base, m);
    expect(v.publishers).toEqual(['pypa/sampleproject · release.yml', 'other/fork · ci.yml']);
    expect(withLocalError(v, 'x').publishers).toEqual([]);
    expect(asPending(v).publishers).toEqual([]);
    expect(withVerdict(v, verdictMessage('r', FILE, 'verified')).publishers).toEqual([]);
  });
  test('a verdict message whose publisher labels are not strings is not usable (never shown)', () => {
    const m = verdictMessage('r', FILE, 'verified');
    for (const bad of ['pypa/sampleproject', [1], [null], [{}], {}])
      expect(isUsableVerdictMessage({ ...m, publishers: bad as never })).toBe(false);
    expect(isUsableVerdictMessage({ ...m, publishers: [] })).toBe(true);
  });
  test('leaf certificate fingerprint from the first attestation that has one', () => {
    const cert = { fingerprintSha256: 'AB'.repeat(32) } as AttestationResult['certificate'];
    const v = withState('verified', {
      verdict: { attestations: [{ certificate: null } as AttestationResult, { certificate: cert } as AttestationResult] },
    });
    expect(leafCertificateFingerprint(v)).toBe('ab'.repeat(32));
    expect(leafCertificateFingerprint(withState('absent'))).toBeNull();
  });
});
