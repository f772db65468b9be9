/**
 * "Could not check" (src/shim/could-not-check.ts): when the signature runner cannot know every
 * answer (an algorithm WebCrypto lacks, no WebCrypto, no convergence: src/shim/native-verify.ts),
 * the verdict is `error` with SIGNATURE_UNCHECKED only — never `verified`, never `failed` — on
 * whichever of the runner's calls it happens. A TUF refresh keeps the current root ('unchecked').
 */
import { describe, expect, it } from 'vitest';
import { CouldNotCheckError, isCouldNotCheck } from '../../src/shim/could-not-check';
import { STATUS_MESSAGES, statusFor } from '../../src/trust/refresh';
import { verifyProvenance } from '../../src/verify/index';
import { clone, flipByte, PROD_FIXTURES, prodTrust, readJSON, readText } from './helpers';

const f = PROD_FIXTURES[0]!;
const dist = { filename: f.filename, sha256: f.sha256 };

describe('verifyProvenance with a runner that could not check', () => {
  it('the fixture verifies with a runner that answers', async () => {
    const v = await verifyProvenance(readText(f.file), dist, prodTrust(), { runSigstore: async (fn) => fn() });
    expect(v.state).toBe('verified');
  });

  for (const nth of [1, 2]) {
    it(`could not check at the runner's call #${nth}: error, SIGNATURE_UNCHECKED only, no attestation ok`, async () => {
      let calls = 0;
      const v = await verifyProvenance(readText(f.file), dist, prodTrust(), {
        runSigstore: async (fn) => {
          if (++calls === nth) throw new CouldNotCheckError('no WebCrypto check for this signature (ECDSA secp521r1 with sha224)');
          return fn();
        },
      });
      expect(v.state).toBe('error');
      expect(v.reasons.map((r) => r.code)).toEqual(['SIGNATURE_UNCHECKED']);
      expect(v.reasons[0]!.detail).toMatch(/sha224/);
      expect(v.attestations.every((a) => !a.ok)).toBe(true);
    });
  }

  it('a failed attestation beside one that could not be checked: failed, both reasons (a failure is never dropped)', async () => {
    // Two bundles: the first's statement tampered (its signature fails), the second intact. The
    // runner cannot check anything once the first attestation's calls are done.
    const p = readJSON(f.file);
    const tampered = clone(p.attestation_bundles[0]);
    tampered.attestations[0].envelope.statement = flipByte(tampered.attestations[0].envelope.statement, 40);
    const firstCalls = await (async () => {
      let n = 0;
      await verifyProvenance(JSON.stringify({ ...p, attestation_bundles: [tampered] }), dist, prodTrust(), {
        runSigstore: async (fn) => (n++, fn()),
      });
      return n;
    })();
    for (const order of ['failed first', 'unchecked first'] as const) {
      let calls = 0;
      const bundles = order === 'failed first' ? [tampered, p.attestation_bundles[0]] : [p.attestation_bundles[0], tampered];
      const v = await verifyProvenance(JSON.stringify({ ...p, attestation_bundles: bundles }), dist, prodTrust(), {
        runSigstore: async (fn) => {
          const nth = ++calls;
          const couldNot = order === 'failed first' ? nth > firstCalls : nth === 1;
          if (couldNot) throw new CouldNotCheckError('no WebCrypto check for this signature (ECDSA secp521r1 with sha224)');
          return fn();
        },
      });
      expect(v.state, order).toBe('failed');
      expect(
        v.reasons.map((r) => r.code),
        order,
      ).toContain('SIGNATURE_UNCHECKED');
      expect(
        v.reasons.some((r) => r.code !== 'SIGNATURE_UNCHECKED'),
        order,
      ).toBe(true);
      expect(
        v.attestations.map((a) => a.ok),
        order,
      ).toEqual([false, false]);
    }
  });

  it('another exception from the runner is still an internal error (failed), not "could not check"', async () => {
    const v = await verifyProvenance(readText(f.file), dist, prodTrust(), {
      runSigstore: async () => {
        throw new Error('boom');
      },
    });
    expect(v.state).toBe('failed');
    expect(v.reasons.map((r) => r.code)).toContain('INTERNAL_ERROR');
  });
});

describe('isCouldNotCheck / TUF status', () => {
  it('recognises the error, also from another bundle copy (by name), and nothing else', () => {
    const copy = Object.assign(new Error('x'), { name: 'CouldNotCheckError' });
    expect(isCouldNotCheck(new CouldNotCheckError('x'))).toBe(true);
    expect(isCouldNotCheck(copy)).toBe(true);
    expect(isCouldNotCheck(new Error('CouldNotCheckError'))).toBe(false);
    expect(isCouldNotCheck('CouldNotCheckError')).toBe(false);
  });

  it("a refresh that could not be checked is 'unchecked' (the last good root stays in use)", () => {
    expect(statusFor(new CouldNotCheckError('x'))).toBe('unchecked');
    expect(STATUS_MESSAGES.unchecked).toMatch(/could not be checked; the last good trust root stays in use/);
  });
});
