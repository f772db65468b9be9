/**
 * The little elliptic-curve arithmetic the crypto shim needs without @noble/curves (issue #16:
 * @noble/curves was 42 kB of the service worker). No signature is verified here: WebCrypto does
 * that (src/shim/native-verify.ts). This file only validates and normalises inputs, so that the
 * shim rejects exactly what it rejected with @noble:
 *
 *  - `decodeEcPoint`: a SEC1 point on P-256/P-384/P-521 (uncompressed 04‖x‖y or compressed
 *    02/03‖x; no hybrid, no infinity), coordinates < p and on the curve; returns 04‖x‖y.
 *  - `ecdsaDerToRaw`: a strict DER ECDSA signature (what @noble's `Signature.fromBytes(der,'der')`
 *    accepts: minimal lengths and integers, no trailing bytes, 1 ≤ r, s < n) → fixed-length r‖s.
 *  - `ed25519KeyUsable`: an Ed25519 public key @noble (zip215: false) would use: canonical
 *    y < p, decodable, and not of small order (OpenSSL and WebCrypto accept small-order keys,
 *    under which forged signatures exist; the shim never did).
 *
 * Differential tests against @noble and node:crypto: test/shim/ec.test.ts.
 */

interface Curve {
  p: bigint;
  b: bigint;
  n: bigint;
  /** Field element and scalar size in bytes. */
  size: number;
}

const P256_P = 2n ** 256n - 2n ** 224n + 2n ** 192n + 2n ** 96n - 1n;
const P384_P = 2n ** 384n - 2n ** 128n - 2n ** 96n + 2n ** 32n - 1n;
const P521_P = 2n ** 521n - 1n;

/** SEC 2 / FIPS 186-4 domain parameters (a = p - 3 for all three). Keyed by OpenSSL curve name. */
export const EC_CURVES: Record<string, Curve> = {
  prime256v1: {
    p: P256_P,
    b: 0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604bn,
    n: 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n,
    size: 32,
  },
  secp384r1: {
    p: P384_P,
    b: 0xb3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875ac656398d8a2ed19d2a85c8edd3ec2aefn,
    n: 0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n,
    size: 48,
  },
  secp521r1: {
    p: P521_P,
    b: 0x0051953eb9618e1c9a1f929a21a0b68540eea2da725b99b315f3b8b489918ef109e156193951ec7e937b1652c0bd3bb1bf073573df883d2c34f1ef451fd46b503f00n,
    n: 0x1fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409n,
    size: 66,
  },
};

export function bytesToBigInt(bytes: Uint8Array): bigint {
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  return n;
}

export function bigIntToBytes(n: bigint, size: number): Uint8Array {
  const out = new Uint8Array(size);
  for (let i = size - 1; i >= 0; i--, n >>= 8n) out[i] = Number(n & 255n);
  return out;
}

export function modPow(base: bigint, exp: bigint, mod: bigint): bigint {
  let result = 1n;
  base %= mod;
  while (exp > 0n) {
    if (exp & 1n) result = (result * base) % mod;
    base = (base * base) % mod;
    exp >>= 1n;
  }
  return result;
}

const mod = (a: bigint, m: bigint) => ((a % m) + m) % m;

/** SEC1 point → uncompressed 04‖x‖y; throws if it is not a valid point of `curveName`. */
export function decodeEcPoint(curveName: string, bytes: Uint8Array): Uint8Array {
  const c = EC_CURVES[curveName];
  if (!c) throw new Error('Unsupported EC curve');
  const { p, b, size } = c;
  const head = bytes[0];
  const rhs = (x: bigint) => mod(x * x * x - 3n * x + b, p);
  if (head === 4 && bytes.length === 1 + 2 * size) {
    const x = bytesToBigInt(bytes.subarray(1, 1 + size));
    const y = bytesToBigInt(bytes.subarray(1 + size));
    if (x >= p || y >= p || mod(y * y, p) !== rhs(x)) throw new Error('bad point: not on curve');
    return bytes.slice();
  }
  if ((head === 2 || head === 3) && bytes.length === 1 + size) {
    const x = bytesToBigInt(bytes.subarray(1));
    if (x >= p) throw new Error('bad point: x not in field');
    const y2 = rhs(x);
    // p ≡ 3 (mod 4) for all three curves: the square root is y2^((p+1)/4).
    let y = modPow(y2, (p + 1n) / 4n, p);
    if (mod(y * y, p) !== y2) throw new Error('bad point: not on curve');
    if ((y & 1n) !== BigInt(head & 1)) y = mod(-y, p);
    const out = new Uint8Array(1 + 2 * size);
    out[0] = 4;
    out.set(bytes.subarray(1), 1);
    out.set(bigIntToBytes(y, size), 1 + size);
    return out;
  }
  throw new Error('bad point: wrong encoding or length');
}

/** One DER TLV with the given tag at the start of `buf`, strict (minimal length); null if malformed. */
function tlv(buf: Uint8Array, tag: number): { v: Uint8Array; rest: Uint8Array } | null {
  if (buf.length < 2 || buf[0] !== tag) return null;
  let len = buf[1]!;
  let pos = 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4 || buf.length < 2 + n || buf[2] === 0) return null;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[2 + i]!;
    pos += n;
    if (len < 128) return null;
  }
  if (buf.length - pos < len) return null;
  return { v: buf.subarray(pos, pos + len), rest: buf.subarray(pos + len) };
}

/** A positive minimal DER INTEGER in [1, n-1] of at most size+1 bytes; null otherwise. */
function scalar(v: Uint8Array, c: Curve): bigint | null {
  if (v.length < 1 || v.length > c.size + 1 || v[0]! & 0x80) return null;
  if (v.length > 1 && v[0] === 0 && !(v[1]! & 0x80)) return null;
  const x = bytesToBigInt(v);
  return x >= 1n && x < c.n ? x : null;
}

/** Strict DER ECDSA signature → r‖s (each `size` bytes), or null when it is not one. */
export function ecdsaDerToRaw(curveName: string, der: Uint8Array): Uint8Array | null {
  const c = EC_CURVES[curveName];
  if (!c || der.length > 2 * c.size + 16) return null;
  const seq = tlv(der, 0x30);
  if (!seq || seq.rest.length) return null;
  const r = tlv(seq.v, 0x02);
  const s = r && tlv(r.rest, 0x02);
  if (!r || !s || s.rest.length) return null;
  const rn = scalar(r.v, c);
  const sn = scalar(s.v, c);
  if (rn === null || sn === null) return null;
  const out = new Uint8Array(2 * c.size);
  out.set(bigIntToBytes(rn, c.size));
  out.set(bigIntToBytes(sn, c.size), c.size);
  return out;
}

// ---------------------------------------------------------------- Ed25519 public keys

const ED_P = 2n ** 255n - 19n;
const ED_D = mod(-121665n * modPow(121666n, ED_P - 2n, ED_P), ED_P);
const SQRT_M1 = modPow(2n, (ED_P - 1n) / 4n, ED_P);

/**
 * Whether @noble's ed25519.verify (zip215: false) would get past decoding this public key:
 * canonical (y < p), on the curve (x = 0 only with sign bit 0), and not of small order.
 */
export function ed25519KeyUsable(key: Uint8Array): boolean {
  if (key.length !== 32) return false;
  const last = key[31]!;
  const le = Uint8Array.from(key).reverse();
  le[0] = last & 0x7f;
  const y = bytesToBigInt(le);
  if (y >= ED_P) return false;
  const y2 = (y * y) % ED_P;
  const u = mod(y2 - 1n, ED_P);
  const v = mod(ED_D * y2 + 1n, ED_P);
  // x = sqrt(u/v): candidate (u/v)^((p+3)/8), times sqrt(-1) if its square is -u/v (p ≡ 5 mod 8).
  const w = (u * modPow(v, ED_P - 2n, ED_P)) % ED_P;
  let x = modPow(w, (ED_P + 3n) / 8n, ED_P);
  if ((x * x) % ED_P !== w) {
    x = (x * SQRT_M1) % ED_P;
    if ((x * x) % ED_P !== w) return false;
  }
  if (x === 0n && last & 0x80) return false;
  if (((x & 1n) === 1n) !== Boolean(last & 0x80)) x = ED_P - x;
  // Small order ⇔ [8]P is the identity: three doublings in projective coordinates (a = -1).
  let X = x;
  let Y = y;
  let Z = 1n;
  for (let i = 0; i < 3; i++) {
    const A = (X * X) % ED_P;
    const B = (Y * Y) % ED_P;
    const C = (2n * Z * Z) % ED_P;
    const E = mod((X + Y) * (X + Y) - A - B, ED_P);
    const G = mod(B - A, ED_P);
    const F = mod(G - C, ED_P);
    const H = mod(-A - B, ED_P);
    X = (E * F) % ED_P;
    Y = (G * H) % ED_P;
    Z = (F * G) % ED_P;
  }
  return !(X === 0n && Y === Z);
}
