/**
 * src/shim/ec.ts (the input checks the crypto shim makes without @noble/curves) against @noble, the
 * library it replaces in the worker, and node:crypto: point decoding, strict DER ECDSA signatures,
 * Ed25519 key usability.
 */
import { describe, expect, it } from 'vitest';
import * as nodeCrypto from 'node:crypto';
import fc from 'fast-check';
import { p256, p384, p521 } from '@noble/curves/nist.js';
import { ed25519 } from '@noble/curves/ed25519.js';
import { decodeEcPoint, EC_CURVES, ecdsaDerToRaw, ed25519KeyUsable } from '../../src/shim/ec';

const CURVES = [
  { name: 'prime256v1', node: 'P-256', noble: p256, size: 32 },
  { name: 'secp384r1', node: 'P-384', noble: p384, size: 48 },
  { name: 'secp521r1', node: 'P-521', noble: p521, size: 66 },
] as const;

function nobleDecode(noble: (typeof CURVES)[number]['noble'], bytes: Uint8Array): Uint8Array | 'throw' {
  try {
    const P = noble.Point.fromBytes(bytes);
    P.assertValidity();
    return P.toBytes(false);
  } catch {
    return 'throw';
  }
}
function ourDecode(name: string, bytes: Uint8Array): Uint8Array | 'throw' {
  try {
    return decodeEcPoint(name, bytes);
  } catch {
    return 'throw';
  }
}
function nobleSig(noble: (typeof CURVES)[number]['noble'], der: Uint8Array): Uint8Array | null {
  try {
    return noble.Signature.fromBytes(der, 'der').toBytes('compact');
  } catch {
    return null;
  }
}

it("the domain parameters are @noble's (a = p - 3)", () => {
  for (const { name, noble } of CURVES) {
    const c = noble.Point.CURVE();
    expect(EC_CURVES[name]).toMatchObject({ p: c.p, b: c.b, n: c.n });
    expect(c.a).toBe(c.p - 3n);
  }
});

describe('decodeEcPoint equals @noble (fromBytes + assertValidity)', () => {
  for (const { name, node, noble, size } of CURVES) {
    const { publicKey } = nodeCrypto.generateKeyPairSync('ec', { namedCurve: node });
    const jwk = publicKey.export({ format: 'jwk' });
    const x = Buffer.from(jwk.x!, 'base64url');
    const y = Buffer.from(jwk.y!, 'base64url');
    const uncompressed = Buffer.concat([Buffer.from([4]), x, y]);
    const compressed = Buffer.concat([Buffer.from([2 + (y[y.length - 1]! & 1)]), x]);

    it(`${name}: uncompressed and compressed forms of a real key decode to the same point`, () => {
      expect(Buffer.from(decodeEcPoint(name, uncompressed))).toEqual(uncompressed);
      expect(Buffer.from(decodeEcPoint(name, compressed))).toEqual(uncompressed);
      const other = Buffer.from(compressed);
      other[0]! ^= 1; // the other y
      const negated = decodeEcPoint(name, other);
      expect(Buffer.from(negated.subarray(1, 1 + size))).toEqual(x);
      expect(Buffer.from(negated)).toEqual(Buffer.from(nobleDecode(noble, other) as Uint8Array));
    });

    it(`${name}: single-bit flips, hybrid/infinity/odd lengths, x or y ≥ p: same accept/reject and point as @noble (property)`, () => {
      const p = noble.Point.CURVE().p;
      const pBytes = Buffer.from(p.toString(16).padStart(2 * size, '0'), 'hex');
      const special = [
        Buffer.from([0]),
        Buffer.concat([Buffer.from([6]), x, y]),
        Buffer.concat([Buffer.from([4]), x]),
        Buffer.concat([Buffer.from([4]), pBytes, y]),
        Buffer.concat([Buffer.from([4]), x, pBytes]),
        Buffer.concat([Buffer.from([2]), pBytes]),
        Buffer.concat([uncompressed, Buffer.from([0])]),
        Buffer.alloc(1 + 2 * size),
      ];
      for (const b of special) expect(ourDecode(name, b)).toEqual(nobleDecode(noble, b));
      fc.assert(
        fc.property(fc.boolean(), fc.nat(), fc.integer({ min: 0, max: 7 }), (comp, byte, bit) => {
          const b = Buffer.from(comp ? compressed : uncompressed);
          b[byte % b.length]! ^= 1 << bit;
          expect(ourDecode(name, b)).toEqual(nobleDecode(noble, b));
        }),
        { numRuns: 300 },
      );
      fc.assert(
        fc.property(fc.uint8Array({ minLength: size, maxLength: size }), fc.boolean(), (xb, odd) => {
          const b = Buffer.concat([Buffer.from([odd ? 3 : 2]), xb]);
          expect(ourDecode(name, b)).toEqual(nobleDecode(noble, b));
        }),
        { numRuns: 200 },
      );
    });

    it(`${name}: strict DER signatures equal @noble's parser (real, mutated, random, edge integers)`, () => {
      const { privateKey } = nodeCrypto.generateKeyPairSync('ec', { namedCurve: node });
      const sig = nodeCrypto.sign('sha256', Buffer.from('m'), privateKey);
      const n = noble.Point.CURVE().n;
      const int = (v: bigint, pad = false) => {
        let h = v.toString(16);
        if (h.length % 2) h = '0' + h;
        if (pad || parseInt(h[0]!, 16) >= 8) h = '00' + h;
        return Buffer.concat([Buffer.from([2, h.length / 2]), Buffer.from(h, 'hex')]);
      };
      const seq = (...parts: Buffer[]) => {
        const body = Buffer.concat(parts);
        return Buffer.concat([Buffer.from(body.length < 128 ? [0x30, body.length] : [0x30, 0x81, body.length]), body]);
      };
      const edge = [
        sig,
        seq(int(1n), int(1n)),
        seq(int(n - 1n), int(n - 1n)),
        seq(int(n), int(1n)),
        seq(int(1n), int(0n)),
        seq(int(1n, true), int(1n)),
        seq(int(1n), int(1n), int(1n)),
        Buffer.concat([seq(int(1n), int(1n)), Buffer.from([0])]),
        Buffer.from('3081060201010201', 'hex'),
        Buffer.from('30060201010201ff', 'hex'),
        Buffer.from('3000', 'hex'),
        Buffer.alloc(0),
      ];
      for (const d of edge) expect(ecdsaDerToRaw(name, d), d.toString('hex')).toEqual(nobleSig(noble, d));
      fc.assert(
        fc.property(fc.nat(), fc.integer({ min: 0, max: 7 }), (byte, bit) => {
          const b = Buffer.from(sig);
          b[byte % b.length]! ^= 1 << bit;
          expect(ecdsaDerToRaw(name, b)).toEqual(nobleSig(noble, b));
        }),
        { numRuns: 300 },
      );
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 2 * size + 20 }), (b) => {
          expect(ecdsaDerToRaw(name, b)).toEqual(nobleSig(noble, b));
        }),
        { numRuns: 300 },
      );
    });
  }
});

describe('ed25519KeyUsable equals @noble (zip215: false decoding, isSmallOrder)', () => {
  const nobleUsable = (k: Uint8Array) => {
    try {
      return !ed25519.Point.fromBytes(k, false).isSmallOrder();
    } catch {
      return false;
    }
  };
  const P = 2n ** 255n - 19n;
  const le = (n: bigint, sign = false) => {
    const b = Buffer.from(n.toString(16).padStart(64, '0'), 'hex').reverse();
    if (sign) b[31]! |= 0x80;
    return b;
  };

  it('real keys are usable; the eight small-order points and non-canonical encodings are not', () => {
    for (let i = 0; i < 5; i++) {
      const raw = nodeCrypto.generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' }).x!;
      expect(ed25519KeyUsable(Buffer.from(raw, 'base64url'))).toBe(true);
    }
    // Every point of order dividing 8 (torsion subgroup), from @noble.
    const T = ed25519.Point.fromHex('c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a');
    let pt = ed25519.Point.ZERO;
    for (let i = 0; i < 8; i++, pt = pt.add(T)) {
      expect(pt.isSmallOrder()).toBe(true);
      expect(ed25519KeyUsable(pt.toBytes())).toBe(false);
    }
    for (const n of [0n, 1n, 2n, 18n]) {
      const b = le(P + n);
      expect(ed25519KeyUsable(b)).toBe(nobleUsable(b));
      expect(ed25519KeyUsable(b)).toBe(false);
    }
    expect(ed25519KeyUsable(le(0n, true))).toBe(nobleUsable(le(0n, true)));
    expect(ed25519KeyUsable(new Uint8Array(31))).toBe(false);
  });

  it('random 32-byte strings and bit flips of a real key: same answer as @noble (property)', () => {
    const raw = Buffer.from(nodeCrypto.generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' }).x!, 'base64url');
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (b) => {
        expect(ed25519KeyUsable(b)).toBe(nobleUsable(b));
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.nat(31), fc.integer({ min: 0, max: 7 }), (byte, bit) => {
        const b = Buffer.from(raw);
        b[byte]! ^= 1 << bit;
        expect(ed25519KeyUsable(b)).toBe(nobleUsable(b));
      }),
      { numRuns: 256 },
    );
  });
});
