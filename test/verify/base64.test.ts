/**
 * src/verify/base64.ts against references: strict = the standard alphabet, correct padding and
 * zero unused bits (exactly the strings Node re-encodes to themselves); lenient = pydantic's
 * Base64Bytes (CPython binascii.a2b_base64, non-strict), here through a small reference model.
 * The engine's own decoder (Uint8Array.fromBase64, absent in Node 24) is compared with these
 * loops in a real browser by e2e/base64-native.spec.ts (exportable cases: BASE64_CASES).
 */
import { describe, expect, it } from 'vitest';
import { decodeBase64Lenient, decodeBase64Strict, encodeBase64, withoutNativeBase64 } from '../../src/verify/base64';
import { BASE64_CASES } from './base64-cases';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function strictReference(s: string): Uint8Array | null {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s) || s.length % 4 !== 0) return null;
  const b = Buffer.from(s, 'base64');
  return b.toString('base64') === s ? new Uint8Array(b) : null;
}

/** CPython binascii.a2b_base64(strict_mode=False), as documented in base64.ts. */
function lenientReference(s: string): Uint8Array | null {
  const out: number[] = [];
  let bits = 0;
  let nbits = 0;
  let quad = 0;
  let pads = 0;
  for (const ch of s) {
    if (ch === '=') {
      if (quad >= 2 && quad + ++pads >= 4) return new Uint8Array(out);
      continue;
    }
    const v = ALPHABET.indexOf(ch);
    if (v < 0) continue;
    pads = 0;
    bits = (bits << 6) | v;
    nbits += 6;
    if (nbits >= 8) {
      nbits -= 8;
      out.push((bits >> nbits) & 255);
      bits &= (1 << nbits) - 1;
    }
    quad = (quad + 1) % 4;
  }
  return quad === 0 ? new Uint8Array(out) : null;
}

const hex = (b: Uint8Array | null) => (b === null ? null : Buffer.from(b).toString('hex'));

describe('base64', () => {
  it('strict decoding is exactly the canonical strings (random bytes, mutated encodings)', () => {
    for (const s of BASE64_CASES) {
      expect(hex(decodeBase64Strict(s)), JSON.stringify(s)).toBe(hex(strictReference(s)));
      expect(hex(withoutNativeBase64(() => decodeBase64Strict(s))), JSON.stringify(s)).toBe(hex(strictReference(s)));
    }
  });

  it('non-zero unused bits are rejected, zero ones accepted ("QQ==" / "QR==", "QUI=" / "QUJ=")', () => {
    expect(hex(decodeBase64Strict('QQ=='))).toBe('41');
    expect(decodeBase64Strict('QR==')).toBeNull();
    expect(hex(decodeBase64Strict('QUI='))).toBe('4142');
    expect(decodeBase64Strict('QUJ=')).toBeNull();
    expect(decodeBase64Strict('QUI')).toBeNull();
    expect(decodeBase64Strict('QU I=')).toBeNull();
    expect(decodeBase64Strict('QU-=')).toBeNull();
    expect(hex(decodeBase64Strict(''))).toBe('');
  });

  it('lenient decoding is pydantic Base64Bytes on every case', () => {
    for (const s of BASE64_CASES) {
      expect(hex(decodeBase64Lenient(s)), JSON.stringify(s)).toBe(hex(lenientReference(s)));
    }
    expect(hex(decodeBase64Lenient('QUJ='))).toBe('4142'); // unused bits ignored
    expect(hex(decodeBase64Lenient('QU\nI='))).toBe('4142');
    expect(decodeBase64Lenient('QUI')).toBeNull();
  });

  it('encoding round-trips and matches Node', () => {
    for (let n = 0; n < 70; n++) {
      const b = new Uint8Array(n).map((_, i) => (i * 37 + n) & 255);
      expect(encodeBase64(b)).toBe(Buffer.from(b).toString('base64'));
      expect(hex(decodeBase64Strict(encodeBase64(b)))).toBe(hex(b));
    }
  });
});
