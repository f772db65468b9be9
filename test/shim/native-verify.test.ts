/**
 * Soundness of the optimistic-replay runner (src/shim/native-verify.ts): whatever the inputs,
 * `runWithNativeSignatures(() => shim.verify(...))` gives node:crypto's answer (ECDSA P-256/384/521,
 * Ed25519, RSA PKCS#1 v1.5), a function making several checks returns/throws exactly what a run
 * with the pure-JS reference verifier (src/shim/crypto-noble.ts) returns/throws, and what WebCrypto
 * cannot answer ends as CouldNotCheckError, never as an answer.
 * Node has globalThis.crypto.subtle, so the WebCrypto path really runs here.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import * as nodeCrypto from 'node:crypto';
import fc from 'fast-check';
import { p256, p384, p521 } from '@noble/curves/nist.js';
import { ed25519 } from '@noble/curves/ed25519.js';
import { CouldNotCheckError } from '../../src/shim/could-not-check';
import { createHash, createPublicKey, NoVerifierError, setVerifyOracle, verify } from '../../src/shim/crypto';
import { runWithNoble } from '../../src/shim/crypto-noble';
import {
  clearMemo,
  derToRaw,
  MAX_ROUNDS,
  MEMO_MAX,
  memoSize,
  nativeStats,
  requestId,
  requestIdNative,
  runWithNativeSignatures,
} from '../../src/shim/native-verify';

const msg = Buffer.from('the quick brown fox jumps over the lazy dog');
const spki = (k: nodeCrypto.KeyObject) => k.export({ format: 'der', type: 'spki' });

function nodeAnswer(alg: string | null | undefined, data: Uint8Array, der: Buffer, sig: Uint8Array): boolean | 'throw' {
  try {
    return nodeCrypto.verify(alg, data, nodeCrypto.createPublicKey({ key: der, format: 'der', type: 'spki' }), sig);
  } catch {
    return 'throw';
  }
}

async function nativeAnswer(alg: string | null | undefined, data: Uint8Array, der: Buffer, sig: Uint8Array): Promise<boolean | 'throw'> {
  const key = createPublicKey({ key: der, format: 'der', type: 'spki' });
  try {
    return await runWithNativeSignatures(() => verify(alg, data, key, sig));
  } catch {
    return 'throw';
  }
}

function flip(sig: Uint8Array, byte: number, bit: number): Buffer {
  const b = Buffer.from(sig);
  b[byte % b.length]! ^= 1 << bit;
  return b;
}

beforeEach(() => {
  clearMemo();
});

describe('runWithNativeSignatures: one ECDSA check equals node:crypto', () => {
  const curves = [
    { name: 'P-256', noble: p256 },
    { name: 'P-384', noble: p384 },
    { name: 'P-521', noble: p521 },
  ] as const;
  for (const { name, noble } of curves) {
    const { publicKey, privateKey } = nodeCrypto.generateKeyPairSync('ec', { namedCurve: name });
    const der = spki(publicKey);
    const otherDer = spki(nodeCrypto.generateKeyPairSync('ec', { namedCurve: name }).publicKey);

    for (const alg of ['sha256', 'sha384', 'sha512', 'SHA-256', undefined, null] as const) {
      it(`${name} ${String(alg)}: valid, wrong key, wrong data, high-S, truncated, trailing byte, raw r||s, garbage`, async () => {
        const sig = nodeCrypto.sign(alg, msg, privateKey);
        const parsed = noble.Signature.fromBytes(sig, 'der');
        const high = new noble.Signature(parsed.r, noble.Point.CURVE().n - parsed.s).toBytes('der');
        const cases: [Uint8Array, Buffer, Uint8Array][] = [
          [msg, der, sig],
          [msg, otherDer, sig],
          [Buffer.from('other'), der, sig],
          [msg, der, high],
          [msg, der, sig.subarray(0, sig.length - 1)],
          [msg, der, Buffer.concat([sig, Buffer.from([0])])],
          [msg, der, parsed.toBytes('compact')],
          [msg, der, Buffer.from('30440220garbage', 'utf8')],
          [msg, der, new Uint8Array(0)],
        ];
        const before = nativeStats.recorded;
        for (const [data, key, s] of cases) {
          clearMemo();
          expect(await nativeAnswer(alg, data, key, s)).toBe(nodeAnswer(alg, data, key, s));
        }
        // The native path was really taken (not a silent @noble fallback).
        expect(nativeStats.recorded - before).toBe(cases.length);
      });
    }

    it(`${name}: every single-bit flip of a valid signature agrees with node (property)`, async () => {
      const sig = nodeCrypto.sign('sha256', msg, privateKey);
      await fc.assert(
        fc.asyncProperty(fc.nat(), fc.integer({ min: 0, max: 7 }), async (byte, bit) => {
          const bad = flip(sig, byte, bit);
          expect(await nativeAnswer('sha256', msg, der, bad)).toBe(nodeAnswer('sha256', msg, der, bad));
        }),
        { numRuns: 60 },
      );
    });

    it(`${name}: random signature bytes agree with node (property)`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.uint8Array({ minLength: 0, maxLength: 120 }), async (bytes) => {
          expect(await nativeAnswer('sha384', msg, der, bytes)).toBe(nodeAnswer('sha384', msg, der, bytes));
        }),
        { numRuns: 60 },
      );
    });
  }

  it('an unknown hash throws like node (before any oracle is asked)', async () => {
    const { publicKey, privateKey } = nodeCrypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const sig = nodeCrypto.sign('sha256', msg, privateKey);
    expect(await nativeAnswer('md-nope', msg, spki(publicKey), sig)).toBe('throw');
    expect(nodeAnswer('md-nope', msg, spki(publicKey), sig)).toBe('throw');
  });

  it('derToRaw: strict like the shim (non-minimal / out-of-range DER is null)', () => {
    const { privateKey } = nodeCrypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const sig = nodeCrypto.sign('sha256', msg, privateKey);
    expect(derToRaw('prime256v1', sig)?.length).toBe(64);
    expect(derToRaw('prime256v1', Buffer.concat([sig, Buffer.from([0])]))).toBeNull();
    // r = 0
    expect(derToRaw('prime256v1', Buffer.from('3006020100020101', 'hex'))).toBeNull();
    // non-minimal INTEGER (leading zero before a byte < 0x80)
    expect(derToRaw('prime256v1', Buffer.from('300702020001020101', 'hex'))).toBeNull();
  });
});

describe('runWithNativeSignatures: Ed25519 equals node:crypto', () => {
  const ed = nodeCrypto.generateKeyPairSync('ed25519');
  const der = spki(ed.publicKey);
  const sig = nodeCrypto.sign(null, msg, ed.privateKey);
  /** SPKI of a raw 32-byte Ed25519 key (RFC 8410). */
  const edSpki = (raw: Uint8Array) => Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), raw]);
  const L = 2n ** 252n + 27742317777372353535851937790883648493n;
  const le = (n: bigint) => Buffer.from(n.toString(16).padStart(64, '0'), 'hex').reverse();

  it('valid, wrong key, wrong data, S + L, truncated, trailing byte, zeros: recorded and answered like node', async () => {
    const otherDer = spki(nodeCrypto.generateKeyPairSync('ed25519').publicKey);
    const s = BigInt('0x' + Buffer.from(sig.subarray(32)).reverse().toString('hex'));
    const sPlusL = Buffer.concat([sig.subarray(0, 32), le(s + L)]);
    const cases: [Uint8Array, Buffer, Uint8Array][] = [
      [msg, der, sig],
      [msg, otherDer, sig],
      [Buffer.from('other'), der, sig],
      [msg, der, sPlusL],
      [msg, der, sig.subarray(0, 63)],
      [msg, der, Buffer.concat([sig, Buffer.from([0])])],
      [msg, der, new Uint8Array(64)],
    ];
    const before = nativeStats.recorded;
    for (const [data, key, sg] of cases) {
      clearMemo();
      expect(await nativeAnswer(null, data, key, sg)).toBe(nodeAnswer(null, data, key, sg));
    }
    expect(nativeStats.recorded - before).toBe(cases.length);
  });

  it('every single-bit flip of the signature or the key agrees with node (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.integer({ min: 0, max: 7 }), fc.boolean(), async (byte, bit, inKey) => {
        const raw = der.subarray(12);
        const k = inKey ? edSpki(flip(raw, byte, bit)) : der;
        const sg = inKey ? sig : flip(sig, byte, bit);
        const node = nodeAnswer(null, msg, k, sg);
        const native = await nativeAnswer(null, msg, k, sg);
        // The one deliberate difference: a small-order key never verifies here (node may say true).
        if (native !== node) expect(ed25519.Point.fromBytes(k.subarray(12)).isSmallOrder()).toBe(true);
        else expect(native).toBe(node);
      }),
      { numRuns: 80 },
    );
  });

  it('a digest with Ed25519 throws like node', async () => {
    expect(await nativeAnswer('sha256', msg, der, sig)).toBe('throw');
    expect(nodeAnswer('sha256', msg, der, sig)).toBe('throw');
  });

  it('small-order and non-canonical keys never verify (stricter than node, as with @noble)', async () => {
    // The identity point (y = 1): under it S = 0, R = identity satisfies the verification equation
    // for EVERY message (a library without R/A checks accepts it).
    const identity = le(1n);
    const forged = Buffer.concat([identity, new Uint8Array(32)]);
    expect(await nativeAnswer(null, msg, edSpki(identity), forged)).toBe(false);
    expect(runWithNoble(() => verify(null, msg, createPublicKey({ key: edSpki(identity), format: 'der', type: 'spki' }), forged))).toBe(
      false,
    );
    // y = p + 1: the same point, not canonically encoded.
    const nonCanonical = le(2n ** 255n - 19n + 1n);
    expect(await nativeAnswer(null, msg, edSpki(nonCanonical), forged)).toBe(false);
  });
});

describe('runWithNativeSignatures: RSA PKCS#1 v1.5 equals node:crypto', () => {
  for (const bits of [2048, 3072]) {
    const rsa = nodeCrypto.generateKeyPairSync('rsa', { modulusLength: bits });
    const der = spki(rsa.publicKey);
    for (const alg of ['sha256', 'sha384', 'sha512', undefined] as const) {
      it(`${bits} bits, ${String(alg)}: valid, wrong data, wrong key, flips, truncated, zero, s = n`, async () => {
        const sig = nodeCrypto.sign(alg ?? 'sha256', msg, rsa.privateKey);
        const otherDer = spki(nodeCrypto.generateKeyPairSync('rsa', { modulusLength: bits }).publicKey);
        const n = Buffer.from(rsa.publicKey.export({ format: 'jwk' }).n!, 'base64url');
        const cases: [Uint8Array, Buffer, Uint8Array][] = [
          [msg, der, sig],
          [Buffer.from('other'), der, sig],
          [msg, otherDer, sig],
          [msg, der, flip(sig, 0, 7)],
          [msg, der, flip(sig, 100, 1)],
          [msg, der, sig.subarray(1)],
          [msg, der, Buffer.concat([Buffer.from([0]), sig])],
          [msg, der, new Uint8Array(sig.length)],
          [msg, der, n],
        ];
        const before = nativeStats.recorded;
        for (const [data, key, sg] of cases) {
          clearMemo();
          expect(await nativeAnswer(alg, data, key, sg)).toBe(nodeAnswer(alg, data, key, sg));
        }
        expect(nativeStats.recorded - before).toBe(cases.length);
      });
    }
  }

  it('a PKCS#1 RSAPublicKey (the staging CT log key form) verifies like its SPKI form', async () => {
    const rsa = nodeCrypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pkcs1 = rsa.publicKey.export({ format: 'der', type: 'pkcs1' });
    const sig = nodeCrypto.sign('sha256', msg, rsa.privateKey);
    const key = createPublicKey({ key: pkcs1, format: 'der', type: 'pkcs1' });
    expect(await runWithNativeSignatures(() => verify('sha256', msg, key, sig))).toBe(true);
    expect(await runWithNativeSignatures(() => verify('sha256', msg, key, flip(sig, 3, 3)))).toBe(false);
  });
});

describe('runWithNativeSignatures: what WebCrypto cannot answer could not be checked', () => {
  const { publicKey, privateKey } = nodeCrypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const key = createPublicKey({ key: spki(publicKey), format: 'der', type: 'spki' });
  const sig224 = nodeCrypto.sign('sha224', msg, privateKey);
  const sig256 = nodeCrypto.sign('sha256', msg, privateKey);

  it('sha224 (no WebCrypto hash): CouldNotCheckError, valid or not, never an answer', async () => {
    for (const s of [sig224, flip(sig224, 10, 2)]) {
      clearMemo();
      const err = await runWithNativeSignatures(() => verify('sha224', msg, key, s)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CouldNotCheckError);
      expect((err as Error).message).toMatch(/prime256v1 with sha224/);
    }
  });

  it('sha3-256 with RSA: CouldNotCheckError (not "false", which would read as a failed signature)', async () => {
    const rsa = nodeCrypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    const k = createPublicKey({ key: spki(rsa.publicKey), format: 'der', type: 'spki' });
    const s = nodeCrypto.sign('sha3-256', msg, rsa.privateKey);
    await expect(runWithNativeSignatures(() => verify('sha3-256', msg, k, s))).rejects.toBeInstanceOf(CouldNotCheckError);
  });

  it('a SHA-3 hash (not computed in this build): CouldNotCheckError, even when the function catches the error', async () => {
    const hashing = () => {
      try {
        return createHash('sha3-256').update(msg).digest('hex');
      } catch {
        return 'swallowed';
      }
    };
    expect(hashing()).toBe('swallowed'); // outside a run: an error like an unknown digest
    clearMemo();
    await expect(runWithNativeSignatures(hashing)).rejects.toBeInstanceOf(CouldNotCheckError);
    await expect(runWithNativeSignatures(hashing)).rejects.toThrow(/no sha3-256 in this build/);
    // … also beside a real (valid) signature check, recorded in the same run.
    clearMemo();
    await expect(runWithNativeSignatures(() => [verify('sha256', msg, key, sig256), hashing()])).rejects.toBeInstanceOf(CouldNotCheckError);
    // The hook is uninstalled after the run: no state leaks into the next one.
    expect(await runWithNativeSignatures(() => verify('sha256', msg, key, sig256))).toBe(true);
  });

  it('ECDSA with a SHA-3 hash name: accepted as a name (Node knows it), could not check', async () => {
    clearMemo();
    await expect(runWithNativeSignatures(() => verify('sha3-384', msg, key, sig256))).rejects.toBeInstanceOf(CouldNotCheckError);
  });

  it('the function cannot swallow it: a run that catches everything still ends as CouldNotCheckError', async () => {
    const swallow = () => {
      try {
        return verify('sha224', msg, key, sig224);
      } catch {
        return 'swallowed';
      }
    };
    await expect(runWithNativeSignatures(swallow)).rejects.toBeInstanceOf(CouldNotCheckError);
  });

  it('an unanswerable check after a false one: replayed first (the false answer may avoid it)', async () => {
    clearMemo();
    const fn = () => verify('sha256', msg, key, flip(sig256, 4, 4)) && verify('sha224', msg, key, sig224);
    expect(await runWithNativeSignatures(fn)).toBe(false);
    expect(runWithNoble(fn)).toBe(false);
  });

  it('no WebCrypto: CouldNotCheckError', async () => {
    const subtle = Object.getOwnPropertyDescriptor(globalThis, 'crypto')!;
    Object.defineProperty(globalThis, 'crypto', { value: {}, configurable: true });
    try {
      clearMemo();
      await expect(runWithNativeSignatures(() => verify('sha256', msg, key, sig256))).rejects.toBeInstanceOf(CouldNotCheckError);
    } finally {
      Object.defineProperty(globalThis, 'crypto', subtle);
    }
    expect(await runWithNativeSignatures(() => verify('sha256', msg, key, sig256))).toBe(true);
  });

  it('WebCrypto failing for a key: CouldNotCheckError', async () => {
    clearMemo();
    const real = crypto.subtle.importKey.bind(crypto.subtle);
    const spy = (crypto.subtle as { importKey: unknown }).importKey;
    (crypto.subtle as { importKey: unknown }).importKey = () => Promise.reject(new DOMException('nope', 'NotSupportedError'));
    try {
      await expect(runWithNativeSignatures(() => verify('sha256', msg, key, sig256))).rejects.toBeInstanceOf(CouldNotCheckError);
    } finally {
      (crypto.subtle as { importKey: unknown }).importKey = spy;
    }
    expect(typeof real).toBe('function');
    clearMemo();
    expect(await runWithNativeSignatures(() => verify('sha256', msg, key, sig256))).toBe(true);
  });

  it('outside a run, verify() has no verifier and throws', () => {
    expect(() => verify('sha256', msg, key, sig256)).toThrow(NoVerifierError);
  });
});

describe('runWithNativeSignatures: several checks behave exactly like the reference (@noble) run', () => {
  const { publicKey, privateKey } = nodeCrypto.generateKeyPairSync('ec', { namedCurve: 'P-384' });
  const key = createPublicKey({ key: spki(publicKey), format: 'der', type: 'spki' });
  const datas = ['a', 'b', 'c', 'd'].map((s) => Buffer.from(s));
  const sigs = datas.map((d) => nodeCrypto.sign('sha384', d, privateKey));

  /** Like sigstore: stops (throws) at the first bad signature; branches on results. */
  const chain = (order: Uint8Array[]) => () => {
    const seen: number[] = [];
    order.forEach((sig, i) => {
      if (!verify('sha384', datas[i]!, key, sig)) throw new Error(`signature ${i} invalid after ${seen.join(',')}`);
      seen.push(i);
    });
    // A later check whose inputs depend on earlier answers.
    return { seen, extra: verify('sha384', Buffer.from(seen.join('')), key, sigs[0]!) };
  };

  async function compare(order: Uint8Array[]) {
    const fn = chain(order);
    const noble = (() => {
      try {
        return { value: runWithNoble(fn) };
      } catch (e) {
        return { error: (e as Error).message };
      }
    })();
    clearMemo();
    const native = await runWithNativeSignatures(fn).then(
      (value) => ({ value }),
      (e: Error) => ({ error: e.message }),
    );
    expect(native).toEqual(noble);
    return native;
  }

  it('all valid: same value', async () => {
    expect(await compare(sigs)).toEqual({ value: { seen: [0, 1, 2, 3], extra: false } });
  });

  it('the 1st is invalid: same exception (the optimistic run went further and was replayed)', async () => {
    const rounds = nativeStats.rounds;
    expect(await compare([flip(sigs[0]!, 5, 3), ...sigs.slice(1)])).toEqual({ error: 'signature 0 invalid after ' });
    expect(nativeStats.rounds - rounds).toBe(2);
  });

  it('an invalid one in the middle, and garbage DER: same exception', async () => {
    expect(await compare([sigs[0]!, sigs[1]!, Buffer.from([0x30, 0x00]), sigs[3]!])).toEqual({ error: 'signature 2 invalid after 0,1' });
    expect(await compare([sigs[0]!, sigs[2]!, sigs[2]!, sigs[3]!])).toEqual({ error: 'signature 1 invalid after 0' });
  });

  it('a second run hits the memo and records nothing', async () => {
    await runWithNativeSignatures(chain(sigs));
    const recorded = nativeStats.recorded;
    const hits = nativeStats.memoHits;
    expect(await runWithNativeSignatures(chain(sigs))).toEqual({ seen: [0, 1, 2, 3], extra: false });
    expect(nativeStats.recorded).toBe(recorded);
    expect(nativeStats.memoHits - hits).toBe(5);
  });

  it('from an empty memo (ids computed after the run, by WebCrypto) the next run hits the memo; both ids agree', async () => {
    clearMemo();
    expect(memoSize()).toBe(0);
    const recorded0 = nativeStats.recorded;
    expect(await runWithNativeSignatures(chain(sigs))).toEqual({ seen: [0, 1, 2, 3], extra: false });
    expect(nativeStats.recorded - recorded0).toBe(5);
    expect(memoSize()).toBe(5);
    const recorded = nativeStats.recorded;
    const hits = nativeStats.memoHits;
    expect(await runWithNativeSignatures(chain(sigs))).toEqual({ seen: [0, 1, 2, 3], extra: false });
    expect(nativeStats.recorded).toBe(recorded);
    expect(nativeStats.memoHits - hits).toBe(5);
    for (const [i, d] of datas.entries()) {
      const req = { alg: 'sha384', data: d, key, signature: sigs[i]! };
      expect(await requestIdNative(req)).toBe(requestId(req));
      expect(await requestIdNative({ ...req, alg: 'sha256' })).not.toBe(requestId(req));
    }
  });

  it('the same request twice in one run from an empty memo is checked once', async () => {
    clearMemo();
    const recorded = nativeStats.recorded;
    const twice = () => [verify('sha384', datas[0]!, key, sigs[0]!), verify('sha384', datas[0]!, key, sigs[0]!)];
    expect(await runWithNativeSignatures(twice)).toEqual([true, true]);
    expect(nativeStats.recorded - recorded).toBe(1);
  });

  it('a function that never converges (new inputs every run) could not be checked after MAX_ROUNDS', async () => {
    let n = 0;
    const unchecked = nativeStats.unchecked;
    const fn = () => {
      n++;
      return verify('sha384', Buffer.from(`run ${n}`), key, sigs[0]!); // always invalid, always new
    };
    await expect(runWithNativeSignatures(fn)).rejects.toBeInstanceOf(CouldNotCheckError);
    expect(n).toBe(MAX_ROUNDS);
    expect(nativeStats.unchecked - unchecked).toBe(1);
  });

  it('concurrent runs do not share recorders; the oracle is uninstalled afterwards', async () => {
    const bad = flip(sigs[1]!, 9, 4);
    const results = await Promise.all([
      runWithNativeSignatures(chain(sigs)).then((v) => v.seen.length),
      runWithNativeSignatures(chain([sigs[0]!, bad, sigs[2]!, sigs[3]!])).catch((e: Error) => e.message),
      runWithNativeSignatures(chain(sigs)).then((v) => v.seen.length),
      runWithNativeSignatures(() => verify('sha384', datas[2]!, key, sigs[2]!)),
    ]);
    expect(results).toEqual([4, 'signature 1 invalid after 0', 4, true]);
    expect(setVerifyOracle(null)).toBeNull();
  });

  it('the exception object itself is passed through (not a copy)', async () => {
    const err = new TypeError('boom');
    await expect(
      runWithNativeSignatures(() => {
        verify('sha384', datas[0]!, key, sigs[0]!);
        throw err;
      }),
    ).rejects.toBe(err);
  });
});

describe('memo bound', () => {
  it(`never holds more than MEMO_MAX (${MEMO_MAX}) results`, async () => {
    const { publicKey, privateKey } = nodeCrypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const key = createPublicKey({ key: spki(publicKey), format: 'der', type: 'spki' });
    const total = MEMO_MAX + 300;
    const items = Array.from({ length: total }, (_, i) => {
      const d = Buffer.from(`message ${i}`);
      return { d, s: nodeCrypto.sign('sha256', d, privateKey) };
    });
    // In chunks, so each run fits in the memo.
    for (let i = 0; i < total; i += 500) {
      const chunk = items.slice(i, i + 500);
      const ok = await runWithNativeSignatures(() => chunk.every(({ d, s }) => verify('sha256', d, key, s)));
      expect(ok).toBe(true);
      expect(memoSize()).toBeLessThanOrEqual(MEMO_MAX);
    }
    expect(memoSize()).toBe(MEMO_MAX);
  });
});
