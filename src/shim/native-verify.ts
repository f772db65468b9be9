/**
 * Native (WebCrypto) signature checks for synchronous code that calls the crypto shim, by
 * *optimistic replay* — without re-implementing any of sigstore's checks.
 *
 * @sigstore/verify is synchronous and WebCrypto is asynchronous. `runWithNativeSignatures(fn)`:
 *  1. installs an oracle in the crypto shim (src/shim/crypto.ts) for the duration of ONE
 *     synchronous call of `fn`. The oracle answers each signature check
 *       - from a bounded memo of real results, keyed by sha256 over (hash, key, data, signature);
 *       - else, for ECDSA P-256/P-384 with SHA-256/384/512: records the request and answers
 *         `true` optimistically;
 *       - else (Ed25519, RSA, other hashes/curves): undefined → the shim computes it with @noble.
 *  2. uninstalls the oracle, checks every recorded request with `crypto.subtle` in parallel and
 *     puts the real results in the memo.
 *  3. If every recorded request was really valid, every answer `fn` saw was the real answer on
 *     exactly the same inputs: the run IS a real run, its result (or exception) is returned.
 *     Otherwise `fn` runs again with the memo now holding the real (false) answers, until a run
 *     records nothing new; after MAX_ROUNDS, one final run with @noble only.
 *
 * The memo holds only results computed by a real verifier on the exact inputs, so a memo hit is
 * as good as recomputing (this also makes the Fulcio chain checks, identical for every
 * attestation, free). `fn` must be deterministic in its inputs (it may run more than once).
 *
 * Concurrency: the oracle exists only inside the synchronous `fn()` call (install → call →
 * uninstall, no await in between), so overlapping async runs can never see each other's
 * recorder. Code outside a run (oracle null) always gets @noble results.
 */
import { p256, p384 } from '@noble/curves/nist.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { installLeanDer } from './asn1-lean-der';
import { installLeanParse } from './asn1-lean-parse';
import { publicKeyInfo, setVerifyOracle, verify as shimVerify, type KeyObject, type VerifyOracle, type VerifyRequest } from './crypto';

// Everything that verifies through this runner also gets the byte-identical lean ASN.1 re-encoder
// (src/shim/asn1-lean-der.ts): @sigstore/core's own was most of the verifier's JavaScript time.
installLeanDer();
// … and the behaviour-identical parser without exceptions for OCTET STRING probing (src/shim/asn1-lean-parse.ts).
installLeanParse();

/** Max entries in the result memo (each: a 64-char key + a boolean). */
export const MEMO_MAX = 4096;
/** Max optimistic rounds before a final @noble-only run. */
export const MAX_ROUNDS = 8;

const CURVES = {
  prime256v1: { webName: 'P-256', noble: p256 },
  secp384r1: { webName: 'P-384', noble: p384 },
} as const;
type CurveName = keyof typeof CURVES;
const WEB_HASHES: Record<string, string> = { sha256: 'SHA-256', sha384: 'SHA-384', sha512: 'SHA-512' };

// ---------------------------------------------------------------- memo

const memo = new Map<string, boolean>();

function remember(id: string, ok: boolean): void {
  memo.delete(id); // re-insert: most recently used last
  memo.set(id, ok);
  while (memo.size > MEMO_MAX) {
    const oldest = memo.keys().next().value as string;
    memo.delete(oldest);
  }
}

function recall(id: string): boolean | undefined {
  const v = memo.get(id);
  if (v !== undefined) {
    memo.delete(id);
    memo.set(id, v);
  }
  return v;
}

/** For tests and the bench: number of memoised results / forget them all. */
export function memoSize(): number {
  return memo.size;
}
export function clearMemo(): void {
  memo.clear();
  webKeys.clear();
}

const enc = new TextEncoder();

function u32(n: number): Uint8Array {
  return new Uint8Array([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]);
}

/** Unambiguous identity of a public key (kind, curve, key bytes). */
function keyIdentity(key: KeyObject): Uint8Array {
  const info = publicKeyInfo(key);
  if (info.kind === 'ec') return enc.encode(`ec:${info.namedCurve}:${hex(info.uncompressedPoint())}`);
  if (info.kind === 'ed25519') return enc.encode(`ed25519:${hex(info.point)}`);
  return enc.encode(`rsa:${info.n.toString(16)}:${info.e.toString(16)}`);
}

function hex(b: Uint8Array): string {
  let s = '';
  for (const x of b) s += (x < 16 ? '0' : '') + x.toString(16);
  return s;
}

/** sha256 over length-prefixed (alg, key identity, data, signature). */
export function requestId(req: VerifyRequest): string {
  const h = sha256.create();
  for (const part of requestParts(req)) {
    h.update(u32(part.length));
    h.update(part);
  }
  return hex(h.digest());
}

function requestParts(req: VerifyRequest): Uint8Array[] {
  return [enc.encode(req.alg), keyIdentity(req.key), req.data, req.signature];
}

/** requestId through WebCrypto (the same bytes hashed natively); @noble if WebCrypto fails. */
export async function requestIdNative(req: VerifyRequest): Promise<string> {
  const parts = requestParts(req);
  const all = new Uint8Array(parts.reduce((n, p) => n + 4 + p.length, 0));
  let o = 0;
  for (const p of parts) {
    all.set(u32(p.length), o);
    all.set(p, o + 4);
    o += 4 + p.length;
  }
  try {
    return hex(new Uint8Array(await crypto.subtle.digest('SHA-256', all as BufferSource)));
  } catch {
    return requestId(req);
  }
}

// ---------------------------------------------------------------- native check

interface Recorded {
  req: VerifyRequest;
  curve: CurveName;
  webHash: string;
}

/** Which requests WebCrypto answers; anything else is left to @noble. */
function nativeKind(req: VerifyRequest): { curve: CurveName; webHash: string } | null {
  const info = publicKeyInfo(req.key);
  if (info.kind !== 'ec') return null;
  const webHash = WEB_HASHES[req.alg];
  if (!webHash || !(info.namedCurve in CURVES)) return null;
  return { curve: info.namedCurve as CurveName, webHash };
}

const webKeys = new Map<string, Promise<CryptoKey>>();
const WEB_KEYS_MAX = 256;

function webKey(req: Recorded): Promise<CryptoKey> {
  const info = publicKeyInfo(req.req.key);
  if (info.kind !== 'ec') throw new Error('not an EC key');
  const raw = info.uncompressedPoint();
  const id = `${req.curve}:${hex(raw)}`;
  let p = webKeys.get(id);
  if (!p) {
    p = crypto.subtle.importKey('raw', raw as BufferSource, { name: 'ECDSA', namedCurve: CURVES[req.curve].webName }, false, ['verify']);
    p.catch(() => webKeys.delete(id));
    webKeys.set(id, p);
    if (webKeys.size > WEB_KEYS_MAX) webKeys.delete(webKeys.keys().next().value as string);
  }
  return p;
}

/**
 * DER ECDSA signature → fixed-length r||s, with exactly the shim's parser (@noble, strict DER,
 * 1 ≤ r, s < n). null when the shim would answer false without any curve arithmetic.
 */
export function derToRaw(curve: CurveName, der: Uint8Array): Uint8Array | null {
  try {
    return CURVES[curve].noble.Signature.fromBytes(der, 'der').toBytes('compact');
  } catch {
    return null;
  }
}

/** The real answer for one recorded request: WebCrypto, or @noble if WebCrypto fails. */
async function checkNatively(r: Recorded): Promise<boolean> {
  const raw = derToRaw(r.curve, r.req.signature);
  if (!raw) return false;
  try {
    const key = await webKey(r);
    return await crypto.subtle.verify({ name: 'ECDSA', hash: r.webHash }, key, raw as BufferSource, r.req.data as BufferSource);
  } catch {
    // No usable WebCrypto for this input: compute it the slow way (no oracle is installed here).
    return shimVerify(r.req.alg, r.req.data, r.req.key, r.req.signature);
  }
}

function hasSubtle(): boolean {
  return typeof globalThis.crypto === 'object' && globalThis.crypto !== null && typeof globalThis.crypto.subtle?.verify === 'function';
}

// ---------------------------------------------------------------- runner

type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

function settle<T>(o: Outcome<T>): T {
  if (o.ok) return o.value;
  throw o.error;
}

/** Call `fn` once with `oracle` installed (synchronously), capturing its result or exception. */
function callWith<T>(oracle: VerifyOracle | null, fn: () => T): Outcome<T> {
  const prev = setVerifyOracle(oracle);
  try {
    return { ok: true, value: fn() };
  } catch (error) {
    return { ok: false, error };
  } finally {
    setVerifyOracle(prev);
  }
}

/** Statistics of the last runs (for the bench and tests). */
export const nativeStats = { runs: 0, rounds: 0, recorded: 0, memoHits: 0, falseRecorded: 0, fallbacks: 0 };

/**
 * Run the synchronous `fn` (which verifies signatures through the crypto shim) with native
 * WebCrypto ECDSA checks. Same result, or same exception, as calling `fn()` directly.
 */
export async function runWithNativeSignatures<T>(fn: () => T): Promise<T> {
  nativeStats.runs++;
  if (!hasSubtle()) return settle(callWith(null, fn));
  for (let round = 0; round < MAX_ROUNDS; round++) {
    nativeStats.rounds++;
    const recorded = new Map<string, Recorded>();
    // An empty memo (a fresh worker) has nothing to recall: the ids are then computed after the
    // run, with WebCrypto, instead of hashing every request with @noble during it. (The memo
    // cannot change during the synchronous run.)
    const unkeyed: Recorded[] = [];
    const keyLater = memo.size === 0;
    const oracle: VerifyOracle = (req) => {
      const kind = nativeKind(req);
      if (!kind) return undefined;
      if (keyLater) {
        unkeyed.push({ req: { alg: req.alg, data: req.data.slice(), key: req.key, signature: req.signature.slice() }, ...kind });
        return true;
      }
      const id = requestId(req);
      const known = recall(id);
      if (known !== undefined) {
        nativeStats.memoHits++;
        return known;
      }
      // Copy the inputs: the caller may reuse its buffers after the synchronous call.
      if (!recorded.has(id))
        recorded.set(id, { req: { alg: req.alg, data: req.data.slice(), key: req.key, signature: req.signature.slice() }, ...kind });
      return true;
    };
    const outcome = callWith(oracle, fn);
    const ids = await Promise.all(unkeyed.map((r) => requestIdNative(r.req)));
    unkeyed.forEach((r, i) => {
      if (!recorded.has(ids[i]!)) recorded.set(ids[i]!, r);
    });
    if (recorded.size === 0) return settle(outcome); // every answer came from the memo or @noble
    nativeStats.recorded += recorded.size;
    const entries = [...recorded];
    const results = await Promise.all(entries.map(([, r]) => checkNatively(r)));
    let allValid = true;
    entries.forEach(([id], i) => {
      const ok = results[i]!;
      remember(id, ok);
      if (!ok) allValid = false;
    });
    if (allValid) return settle(outcome); // every optimistic answer was the real answer
    nativeStats.falseRecorded++;
  }
  nativeStats.fallbacks++;
  return settle(callWith(null, fn));
}
