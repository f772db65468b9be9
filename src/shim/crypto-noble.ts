/**
 * The pure-JS reference verifier for the crypto shim (src/shim/crypto.ts), on @noble/curves:
 * what the shim computed itself before issue #16 moved every check of the shipped builds to
 * WebCrypto (src/shim/native-verify.ts). Not imported by the service worker or the CLIs; the
 * bench's "@noble only" figure, the conformance test hook (prehashed message signatures) and the
 * tests use it.
 *
 *   nobleOracle       answers a VerifyRequest (install with setVerifyOracle)
 *   runWithNoble(fn)  runs the synchronous fn with nobleOracle installed
 *   verifyDigest      ECDSA over an already computed digest (conformance: `sha256:<hex>` only)
 */
import { p256, p384, p521 } from '@noble/curves/nist.js';
import { ed25519 } from '@noble/curves/ed25519.js';
import { digestOf, publicKeyInfo, setVerifyOracle, type KeyObject, type VerifyOracle } from './crypto';
import { bytesToBigInt, modPow } from './ec';

const CURVES = { prime256v1: p256, secp384r1: p384, secp521r1: p521 } as const;

/** DigestInfo DER prefixes for EMSA-PKCS1-v1_5 (RFC 8017 §9.2, note 1). */
const DIGEST_INFO: Record<string, string> = {
  sha224: '302d300d06096086480165030402040500041c',
  sha256: '3031300d060960864801650304020105000420',
  sha384: '3041300d060960864801650304020205000430',
  sha512: '3051300d060960864801650304020305000440',
};

const fromHex = (h: string) => Uint8Array.from(h.match(/../g)!, (x) => parseInt(x, 16));

/** RSASSA-PKCS1-v1_5 verification (RFC 8017 §8.2.2), comparing the full re-encoded EM. */
function rsaPkcs1v15Verify(n: bigint, e: bigint, hashName: string, digest: Uint8Array, sig: Uint8Array): boolean {
  const prefixHex = DIGEST_INFO[hashName];
  if (!prefixHex) return false; // deviation: Node would also do sha3 / sha1 here
  const k = Math.ceil(n.toString(2).length / 8);
  if (sig.length !== k) return false; // OpenSSL: "wrong signature length"
  const s = bytesToBigInt(sig);
  if (s >= n) return false;
  const t = new Uint8Array([...fromHex(prefixHex), ...digest]);
  if (k < t.length + 11) return false;
  const expected = new Uint8Array(k).fill(0xff);
  expected[0] = 0x00;
  expected[1] = 0x01;
  expected[k - t.length - 1] = 0x00;
  expected.set(t, k - t.length);
  return bytesToBigInt(expected) === modPow(s, e, n);
}

/** ECDSA with OpenSSL's semantics: the digest is the message (no second hash), high-S accepted. */
function ecdsaVerify(info: { namedCurve: string; point: Uint8Array }, digest: Uint8Array, signature: Uint8Array): boolean {
  return CURVES[info.namedCurve as keyof typeof CURVES].verify(signature, digest, info.point, {
    prehash: false,
    lowS: false,
    format: 'der',
  });
}

export const nobleOracle: VerifyOracle = ({ alg, data, key, signature }) => {
  const info = publicKeyInfo(key);
  try {
    if (info.kind === 'ed25519') {
      // RFC 8032 strict: canonical S < L and canonical R (as OpenSSL), not ZIP-215; noble also
      // rejects small-order public keys, which OpenSSL accepts.
      return ed25519.verify(signature, data, info.point, { zip215: false });
    }
    const digest = digestOf(alg, data);
    if (info.kind === 'ec') return ecdsaVerify(info, digest, signature);
    return rsaPkcs1v15Verify(info.n, info.e, alg, digest, signature);
  } catch {
    return false; // unparsable signature
  }
};

/** Run the synchronous `fn` with every signature check answered by @noble. */
export function runWithNoble<T>(fn: () => T): T {
  const prev = setVerifyOracle(nobleOracle);
  try {
    return fn();
  } finally {
    setVerifyOracle(prev);
  }
}

/** ECDSA over an already computed digest (a "prehashed" message). */
export function verifyDigest(digest: Uint8Array, key: KeyObject, signature: Uint8Array): boolean {
  const info = publicKeyInfo(key);
  if (info.kind !== 'ec') return false;
  try {
    return ecdsaVerify(info, digest, signature);
  } catch {
    return false;
  }
}
