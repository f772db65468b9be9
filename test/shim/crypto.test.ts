/**
 * Differential tests: src/shim/crypto.ts (key import and hashes, as in the browser bundles) with its
 * pure-JS reference verifier (src/shim/crypto-noble.ts, installed for this file) against node:crypto
 * on the same inputs. The shipped builds answer signatures with WebCrypto instead: the same cases
 * through that path are in native-verify.test.ts. Keys are generated with node:crypto at test time,
 * plus the real keys of the trust roots.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as nodeCrypto from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { p256, p384 } from '@noble/curves/nist.js';
import { X509Certificate } from '@sigstore/core';
import shim, { createHash, createPublicKey, setVerifyOracle, timingSafeEqual, verify } from '../../src/shim/crypto';
import { nobleOracle, verifyDigest } from '../../src/shim/crypto-noble';

beforeAll(() => {
  setVerifyOracle(nobleOracle);
});
afterAll(() => {
  setVerifyOracle(null);
});

const fixture = (p: string) => new URL(`../fixtures/${p}`, import.meta.url);
const msg = Buffer.from('the quick brown fox jumps over the lazy dog');

/** Verify with both; return [node, shim] results where throwing is reported as 'throw'. */
function both(alg: string | null | undefined, data: Uint8Array, spkiDer: Buffer, sig: Uint8Array) {
  const run = (f: () => boolean) => {
    try {
      return f();
    } catch {
      return 'throw';
    }
  };
  const n = run(() => nodeCrypto.verify(alg, data, nodeCrypto.createPublicKey({ key: spkiDer, format: 'der', type: 'spki' }), sig));
  const s = run(() => verify(alg, data, createPublicKey({ key: spkiDer, format: 'der', type: 'spki' }), sig));
  return { node: n, shim: s };
}

function spki(k: nodeCrypto.KeyObject): Buffer {
  return k.export({ format: 'der', type: 'spki' });
}

describe('ECDSA', () => {
  const curves = [
    { name: 'P-256', noble: p256 },
    { name: 'P-384', noble: p384 },
  ] as const;
  for (const { name, noble } of curves) {
    const { publicKey, privateKey } = nodeCrypto.generateKeyPairSync('ec', { namedCurve: name });
    const other = nodeCrypto.generateKeyPairSync('ec', { namedCurve: name }).publicKey;
    const der = spki(publicKey);

    for (const alg of ['sha256', 'sha384', 'sha512', undefined, null] as const) {
      it(`${name} ${alg ?? String(alg)}: valid, wrong key, wrong data, high-S, truncated`, () => {
        const sig = nodeCrypto.sign(alg, msg, privateKey);
        expect(both(alg, msg, der, sig)).toEqual({ node: true, shim: true });
        expect(both(alg, msg, spki(other), sig)).toEqual({ node: false, shim: false });
        expect(both(alg, Buffer.from('other'), der, sig)).toEqual({ node: false, shim: false });
        // High-S twin (n - s): OpenSSL accepts it, so must we (lowS: false).
        const parsed = noble.Signature.fromBytes(sig, 'der');
        const high = new noble.Signature(parsed.r, noble.Point.CURVE().n - parsed.s).toBytes('der');
        expect(both(alg, msg, der, high)).toEqual({ node: true, shim: true });
        expect(both(alg, msg, der, sig.subarray(0, sig.length - 1))).toEqual({ node: false, shim: false });
        expect(both(alg, msg, der, Buffer.concat([sig, Buffer.from([0])]))).toEqual({ node: false, shim: false });
      });
    }

    it(`${name}: sha256 default even for P-384 (algorithm undefined = sha256)`, () => {
      const sig = nodeCrypto.sign('sha256', msg, privateKey);
      expect(both(undefined, msg, der, sig)).toEqual({ node: true, shim: true });
      const sig384 = nodeCrypto.sign('sha384', msg, privateKey);
      expect(both(undefined, msg, der, sig384)).toEqual({ node: false, shim: false });
    });

    it(`${name}: garbage, empty and raw (r||s) signatures are false, not thrown`, () => {
      const sig = nodeCrypto.sign('sha256', msg, privateKey);
      const raw = noble.Signature.fromBytes(sig, 'der').toBytes('compact');
      for (const bad of [Buffer.alloc(0), Buffer.from([0x30]), Buffer.from([0x30, 0x00]), raw, nodeCrypto.randomBytes(70)]) {
        expect(both('sha256', msg, der, bad)).toEqual({ node: false, shim: false });
      }
    });

    it(`${name}: random signature bytes agree with node (property)`, () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 120 }), (bytes) => {
          const r = both('sha256', msg, der, bytes);
          return r.node === r.shim;
        }),
        { numRuns: 200 },
      );
    });

    it(`${name}: single-byte corruptions of a valid signature agree with node`, () => {
      const sig = nodeCrypto.sign('sha256', msg, privateKey);
      for (let i = 0; i < sig.length; i++) {
        for (const x of [0x01, 0x80, 0xff]) {
          const bad = Buffer.from(sig);
          bad[i]! ^= x;
          const r = both('sha256', msg, der, bad);
          expect(r.shim, `byte ${i} ^ ${x}`).toBe(r.node);
        }
      }
    });
  }

  it('unknown hash throws in both', () => {
    const { publicKey, privateKey } = nodeCrypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const sig = nodeCrypto.sign('sha256', msg, privateKey);
    expect(both('nope', msg, spki(publicKey), sig)).toEqual({ node: 'throw', shim: 'throw' });
  });

  it('verifyDigest (prehashed, not a Node API) matches sign over the message', () => {
    const { publicKey, privateKey } = nodeCrypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const sig = nodeCrypto.sign('sha256', msg, privateKey);
    const key = createPublicKey({ key: spki(publicKey), format: 'der', type: 'spki' });
    const d = nodeCrypto.createHash('sha256').update(msg).digest();
    expect(verifyDigest(d, key, sig)).toBe(true);
    d[0]! ^= 1;
    expect(verifyDigest(d, key, sig)).toBe(false);
  });
});

describe('Ed25519', () => {
  const { publicKey, privateKey } = nodeCrypto.generateKeyPairSync('ed25519');
  const der = spki(publicKey);
  const L = 2n ** 252n + 27742317777372353535851937790883648493n;

  it('valid, flipped bits, wrong data', () => {
    const sig = nodeCrypto.sign(null, msg, privateKey);
    expect(both(null, msg, der, sig)).toEqual({ node: true, shim: true });
    expect(both(undefined, msg, der, sig)).toEqual({ node: true, shim: true });
    expect(both(null, Buffer.from('x'), der, sig)).toEqual({ node: false, shim: false });
    for (let i = 0; i < 64; i += 7) {
      const bad = Buffer.from(sig);
      bad[i]! ^= 0x10;
      expect(both(null, msg, der, bad)).toEqual({ node: false, shim: false });
    }
    expect(both(null, msg, der, sig.subarray(0, 63))).toEqual({ node: false, shim: false });
  });

  it('non-canonical S (S + L) is rejected by both', () => {
    const sig = nodeCrypto.sign(null, msg, privateKey);
    const s = BigInt('0x' + Buffer.from(sig.subarray(32)).reverse().toString('hex'));
    const s2 = s + L;
    const s2le = Buffer.from(s2.toString(16).padStart(64, '0'), 'hex').reverse();
    const bad = Buffer.concat([sig.subarray(0, 32), s2le]);
    expect(both(null, msg, der, bad)).toEqual({ node: false, shim: false });
  });

  // Hand-made edge cases: the identity point as public key (canonical 0x01||0.. and non-canonical
  // y = p + 1), identity R, S = 0. Under ZIP-215 all of these verify for ANY message.
  const ID = Buffer.alloc(32);
  ID[0] = 1;
  const ID_NONCANONICAL = Buffer.from('ee' + 'ff'.repeat(30) + '7f', 'hex');
  const edSpki = (a: Buffer) => Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), a]);
  const forge = (r: Buffer) => Buffer.concat([r, Buffer.alloc(32)]);

  it('non-canonical R encoding is rejected by both (strict RFC 8032, not ZIP-215)', () => {
    expect(both(null, msg, edSpki(ID), forge(ID_NONCANONICAL))).toEqual({ node: false, shim: false });
    expect(both(null, msg, edSpki(ID_NONCANONICAL), forge(ID_NONCANONICAL))).toEqual({ node: false, shim: false });
  });

  it('small-order (identity) public keys are rejected (older OpenSSL accepts them)', () => {
    // A "signature" valid for every message under such a key. The OpenSSL of Node 20/22 says
    // true (a deliberate deviation of ours); the OpenSSL of Node 24 rejects it as we do.
    for (const key of [ID, ID_NONCANONICAL]) {
      const r = both(null, msg, edSpki(key), forge(ID));
      expect(r.shim).toBe(false);
      expect(typeof r.node).toBe('boolean');
    }
  });

  it('a digest name with an Ed25519 key throws in both', () => {
    const sig = nodeCrypto.sign(null, msg, privateKey);
    expect(both('sha256', msg, der, sig)).toEqual({ node: 'throw', shim: 'throw' });
  });
});

describe('RSA PKCS#1 v1.5', () => {
  const { publicKey, privateKey } = nodeCrypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const der = spki(publicKey);
  const pkcs1 = publicKey.export({ format: 'der', type: 'pkcs1' });

  for (const alg of ['sha256', 'sha384', 'sha512', undefined] as const) {
    it(`${alg ?? 'default'}: valid, corrupted, wrong data, wrong length`, () => {
      const sig = nodeCrypto.sign(alg, msg, privateKey);
      expect(both(alg, msg, der, sig)).toEqual({ node: true, shim: true });
      const bad = Buffer.from(sig);
      bad[100]! ^= 1;
      expect(both(alg, msg, der, bad)).toEqual({ node: false, shim: false });
      expect(both(alg, Buffer.from('x'), der, sig)).toEqual({ node: false, shim: false });
      expect(both(alg, msg, der, sig.subarray(1))).toEqual({ node: false, shim: false });
    });
  }

  it('a signature made with another hash does not verify', () => {
    const sig = nodeCrypto.sign('sha384', msg, privateKey);
    expect(both('sha256', msg, der, sig)).toEqual({ node: false, shim: false });
  });

  it('PSS-padded signatures are rejected by both under PKCS#1 v1.5 verification', () => {
    const sig = nodeCrypto.sign('sha256', msg, { key: privateKey, padding: nodeCrypto.constants.RSA_PKCS1_PSS_PADDING });
    expect(both('sha256', msg, der, sig)).toEqual({ node: false, shim: false });
  });

  it('loads SPKI, PKCS#1 DER and both PEM forms with the same modulus', () => {
    const forms = [
      { key: der, format: 'der', type: 'spki' },
      { key: pkcs1, format: 'der', type: 'pkcs1' },
      publicKey.export({ format: 'pem', type: 'spki' }) as string,
      publicKey.export({ format: 'pem', type: 'pkcs1' }) as string,
    ] as const;
    const sig = nodeCrypto.sign('sha256', msg, privateKey);
    for (const f of forms) {
      const k = createPublicKey(f as never);
      const n = nodeCrypto.createPublicKey(f as never);
      expect(k.asymmetricKeyType).toBe(n.asymmetricKeyType);
      expect(k.asymmetricKeyDetails.modulusLength).toBe(n.asymmetricKeyDetails?.modulusLength);
      expect(verify('sha256', msg, k, sig)).toBe(true);
    }
  });
});

describe('key import', () => {
  it('PEM and DER SPKI for EC and Ed25519 agree on type and curve', () => {
    for (const [type, opts] of [
      ['ec', { namedCurve: 'P-256' }],
      ['ec', { namedCurve: 'P-384' }],
      ['ec', { namedCurve: 'P-521' }],
      ['ed25519', {}],
    ] as const) {
      const { publicKey } = nodeCrypto.generateKeyPairSync(type as 'ec', opts as { namedCurve: string });
      const pem = publicKey.export({ format: 'pem', type: 'spki' }) as string;
      for (const input of [pem, Buffer.from(pem), { key: spki(publicKey), format: 'der' as const, type: 'spki' as const }]) {
        const s = createPublicKey(input);
        const n = nodeCrypto.createPublicKey(input);
        expect(s.type).toBe('public');
        expect(s.asymmetricKeyType).toBe(n.asymmetricKeyType);
        expect(s.asymmetricKeyDetails.namedCurve).toBe(n.asymmetricKeyDetails?.namedCurve);
      }
    }
  });

  it('malformed keys throw in both (truncated, trailing data, off-curve point, empty, garbage)', () => {
    const { publicKey } = nodeCrypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const der = spki(publicKey);
    const offCurve = Buffer.from(der);
    offCurve[offCurve.length - 1]! ^= 1; // last byte of y
    const cases = [der.subarray(0, der.length - 1), Buffer.alloc(0), Buffer.from('garbage'), offCurve];
    for (const key of cases) {
      expect(() => nodeCrypto.createPublicKey({ key, format: 'der', type: 'spki' })).toThrow();
      expect(() => createPublicKey({ key, format: 'der', type: 'spki' })).toThrow();
    }
    expect(() => nodeCrypto.createPublicKey('not a pem')).toThrow();
    expect(() => createPublicKey('not a pem')).toThrow();
  });

  it('single-byte corruptions of an EC SPKI: when node rejects the key, so does the shim', () => {
    const { publicKey } = nodeCrypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const der = spki(publicKey);
    let rejected = 0;
    for (let i = 0; i < der.length; i++) {
      const bad = Buffer.from(der);
      bad[i]! ^= 0x01;
      const nodeThrows = (() => {
        try {
          nodeCrypto.createPublicKey({ key: bad, format: 'der', type: 'spki' });
          return false;
        } catch {
          return true;
        }
      })();
      if (nodeThrows) {
        rejected++;
        expect(() => createPublicKey({ key: bad, format: 'der', type: 'spki' }), `byte ${i}`).toThrow();
      }
    }
    expect(rejected).toBeGreaterThan(20);
  });

  for (const root of ['trust/trusted_root.json', 'trust/trusted_root.staging.json', 'sigstore-conformance/trusted_root.production.json']) {
    it(`every log key of ${root} loads like node does (incl. the staging RSA PKCS#1 CT key)`, () => {
      const json = JSON.parse(readFileSync(fixture(root), 'utf8'));
      const keys = [...(json.tlogs ?? []), ...(json.ctlogs ?? [])].map(
        (t: { publicKey: { rawBytes: string; keyDetails: string } }) => t.publicKey,
      );
      expect(keys.length).toBeGreaterThan(1);
      for (const k of keys) {
        const type = k.keyDetails === 'PKCS1_RSA_PKCS1V5' ? 'pkcs1' : 'spki';
        const input = { key: Buffer.from(k.rawBytes, 'base64'), format: 'der' as const, type: type as 'spki' };
        const n = nodeCrypto.createPublicKey(input);
        const s = createPublicKey(input);
        expect(s.asymmetricKeyType, k.keyDetails).toBe(n.asymmetricKeyType);
        expect(s.asymmetricKeyDetails.namedCurve).toBe(n.asymmetricKeyDetails?.namedCurve);
        expect(s.asymmetricKeyDetails.modulusLength).toBe(n.asymmetricKeyDetails?.modulusLength);
      }
    });

    it(`real certificate signatures of ${root} (Fulcio/TSA chains) verify in both; corrupted do not`, () => {
      const json = JSON.parse(readFileSync(fixture(root), 'utf8'));
      let checked = 0;
      for (const ca of [...(json.certificateAuthorities ?? []), ...(json.timestampAuthorities ?? [])]) {
        const certs = ca.certChain.certificates.map((c: { rawBytes: string }) => X509Certificate.parse(Buffer.from(c.rawBytes, 'base64')));
        for (let i = 0; i < certs.length; i++) {
          const cert = certs[i]!;
          const issuer = certs[i + 1] ?? cert; // last one is self-signed
          const tbs = cert.tbsCertificate.toDER();
          const alg = cert.signatureAlgorithm;
          const key = { key: issuer.publicKey, format: 'der' as const, type: 'spki' as const };
          expect(nodeCrypto.verify(alg, tbs, nodeCrypto.createPublicKey(key), cert.signatureValue)).toBe(true);
          expect(verify(alg, tbs, createPublicKey(key), cert.signatureValue)).toBe(true);
          const bad = Buffer.from(tbs);
          bad[10]! ^= 1;
          expect(verify(alg, bad, createPublicKey(key), cert.signatureValue)).toBe(false);
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(0);
    });
  }
});

describe('hashes', () => {
  for (const alg of ['sha256', 'sha384', 'sha512', 'sha224', 'SHA256', 'sha-256', 'SHA-512']) {
    it(`${alg}: one-shot and streaming agree with node`, () => {
      fc.assert(
        fc.property(fc.array(fc.uint8Array({ maxLength: 200 }), { maxLength: 6 }), (chunks) => {
          const n = nodeCrypto.createHash(alg);
          const s = createHash(alg);
          for (const c of chunks) {
            n.update(c);
            s.update(c);
          }
          return Buffer.compare(n.digest(), s.digest()) === 0;
        }),
        { numRuns: 50 },
      );
      expect(createHash(alg).update('héllo').digest('hex')).toBe(nodeCrypto.createHash(alg).update('héllo').digest('hex'));
      expect(createHash(alg).update('aGk=', 'base64').digest('base64')).toBe(
        nodeCrypto.createHash(alg).update('aGk=', 'base64').digest('base64'),
      );
    });
  }

  it('digest() returns a Buffer; a second digest() throws; unknown algorithm throws', () => {
    const h = createHash('sha256').update(msg);
    expect(Buffer.isBuffer(h.digest())).toBe(true);
    expect(() => h.digest()).toThrow();
    expect(() => createHash('md5-nope')).toThrow();
    expect(() => nodeCrypto.createHash('md5-nope')).toThrow();
  });

  it('SHA-3 is not computed in this build: it throws like an unknown digest (inside a run: could not check, native-verify.test.ts)', () => {
    for (const alg of ['sha3-256', 'SHA3-384', 'sha3-512']) {
      expect(() => nodeCrypto.createHash(alg)).not.toThrow();
      expect(() => createHash(alg)).toThrow(/Digest method not supported/);
    }
  });
});

describe('timingSafeEqual', () => {
  it('agrees with node, including the length error', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), fc.uint8Array({ maxLength: 40 }), (a, b) => {
        const res = (f: (x: Uint8Array, y: Uint8Array) => boolean) => {
          try {
            return f(a, b);
          } catch (e) {
            return (e as Error).name;
          }
        };
        return res(nodeCrypto.timingSafeEqual) === res(timingSafeEqual) && res(timingSafeEqual) !== undefined;
      }),
    );
    const x = Buffer.from('abcdef');
    expect(timingSafeEqual(x, Buffer.from('abcdef'))).toBe(true);
    expect(timingSafeEqual(x.subarray(1, 3), Buffer.from('bc'))).toBe(true);
    expect(() => timingSafeEqual(x, Buffer.from('abc'))).toThrow(RangeError);
  });
});

describe('CJS interop shape', () => {
  it('default export has the functions sigstore calls', () => {
    for (const f of ['createHash', 'createPublicKey', 'verify', 'timingSafeEqual'] as const) expect(typeof shim[f]).toBe('function');
  });
});

describe('verify with { key: KeyObject } (as @tufjs/models calls it for TUF metadata)', () => {
  it('answers as Node does', () => {
    const { publicKey, privateKey } = nodeCrypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const data = Buffer.from('{"signed":{}}');
    const sig = nodeCrypto.sign('sha256', data, privateKey);
    const bad = Buffer.from(sig);
    bad[bad.length - 1]! ^= 1;
    for (const s of [sig, bad]) {
      const node = nodeCrypto.verify('sha256', data, { key: nodeCrypto.createPublicKey(pem) }, s);
      expect(verify('sha256', data, { key: createPublicKey(pem) }, s)).toBe(node);
    }
    expect(verify('sha256', data, { key: createPublicKey(pem) }, sig)).toBe(true);
  });
});
