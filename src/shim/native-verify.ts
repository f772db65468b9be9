/**
 * Native (WebCrypto) signature checks for synchronous code that calls the crypto shim, by
 * *optimistic replay* — without re-implementing any of sigstore's checks.
 *
 * @sigstore/verify (and @tufjs/models) are synchronous and WebCrypto is asynchronous.
 * `runWithNativeSignatures(fn)`:
 *  1. installs an oracle in the crypto shim (src/shim/crypto.ts) for the duration of ONE
 *     synchronous call of `fn`. The oracle answers each signature check
 *       - from a bounded memo of real results, keyed by sha256 over (hash, key, data, signature);
 *       - else records the request and answers `true` optimistically.
 *  2. uninstalls the oracle, checks every recorded request with `crypto.subtle` in parallel
 *     (ECDSA P-256/P-384/P-521 with SHA-256/384/512, Ed25519, RSASSA-PKCS1-v1_5 with
 *     SHA-256/384/512) and puts the real results in the memo.
 *  3. If every recorded request was really valid, every answer `fn` saw was the real answer on
 *     exactly the same inputs: the run IS a real run, its result (or exception) is returned.
 *     If one was invalid, `fn` runs again with the memo now holding the real (false) answers,
 *     until a run records nothing new.
 *  4. "Could not check" (CouldNotCheckError, src/shim/could-not-check.ts) — thrown by the runner,
 *     never seen by `fn` — when the answers of a run cannot all be known: a request WebCrypto
 *     cannot answer (another hash or curve, RSA key WebCrypto refuses, no WebCrypto at all), a
 *     hash the shim does not compute (SHA-3), or no convergence after MAX_ROUNDS. There is no
 *     pure-JS fallback in the shipped builds.
 *
 * The memo holds only results computed by a real verifier on the exact inputs, so a memo hit is
 * as good as recomputing (this also makes the Fulcio chain checks, identical for every
 * attestation, free). `fn` must be deterministic in its inputs (it may run more than once) and
 * must undo its own effects if it has any (src/trust/refresh.ts restores the TUF store).
 *
 * Concurrency: the oracle exists only inside the synchronous `fn()` call (install → call →
 * uninstall, no await in between), so overlapping async runs can never see each other's
 * recorder. Outside a run no oracle is installed: the shim's verify() throws.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { installLeanDer } from './asn1-lean-der';
import { installLeanParse } from './asn1-lean-parse';
import { CouldNotCheckError } from './could-not-check';
import { publicKeyInfo, setUnsupportedHook, setVerifyOracle, type KeyObject, type VerifyOracle, type VerifyRequest } from './crypto';
import { bigIntToBytes, ecdsaDerToRaw, ed25519KeyUsable } from './ec';

// Everything that verifies through this runner also gets the byte-identical lean ASN.1 re-encoder
// (src/shim/asn1-lean-der.ts): @sigstore/core's own was most of the verifier's JavaScript time.
installLeanDer();
// … and the behaviour-identical parser without exceptions for OCTET STRING probing (src/shim/asn1-lean-parse.ts).
installLeanParse();

/** Max entries in the result memo (each: a 64-char key + a boolean). */
export const MEMO_MAX = 4096;
/** Max optimistic rounds; a run still recording false answers after that could not be checked. */
export const MAX_ROUNDS = 8;

const EC_WEB_NAMES: Record<string, string> = { prime256v1: 'P-256', secp384r1: 'P-384', secp521r1: 'P-521' };
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

/** How WebCrypto checks a request; null when it cannot (→ could not check). */
type WebCheck =
  { name: 'ECDSA'; namedCurve: string; curve: string; hash: string } | { name: 'Ed25519' } | { name: 'RSASSA-PKCS1-v1_5'; hash: string };

interface Recorded {
  req: VerifyRequest;
  web: WebCheck | null;
}

/** Which WebCrypto algorithm answers `req`, or null (no such algorithm: could not check). */
export function webCheckFor(req: VerifyRequest): WebCheck | null {
  const info = publicKeyInfo(req.key);
  if (info.kind === 'ed25519') return { name: 'Ed25519' };
  const hash = WEB_HASHES[req.alg];
  if (!hash) return null;
  if (info.kind === 'rsa') return { name: 'RSASSA-PKCS1-v1_5', hash };
  const namedCurve = EC_WEB_NAMES[info.namedCurve];
  return namedCurve ? { name: 'ECDSA', namedCurve, curve: info.namedCurve, hash } : null;
}

const webKeys = new Map<string, Promise<CryptoKey>>();
const WEB_KEYS_MAX = 256;

const b64url = (b: Uint8Array) =>
  btoa(String.fromCharCode(...b))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
const minimalBytes = (n: bigint) => bigIntToBytes(n, Math.max(1, Math.ceil(n.toString(16).length / 2)));

function webKey(key: KeyObject, web: WebCheck): Promise<CryptoKey> {
  const info = publicKeyInfo(key);
  const id = `${web.name}:${'hash' in web ? web.hash : ''}:${new TextDecoder().decode(keyIdentity(key))}`;
  let p = webKeys.get(id);
  if (!p) {
    const subtle = crypto.subtle;
    if (info.kind === 'ec' && web.name === 'ECDSA')
      p = subtle.importKey('raw', info.uncompressedPoint() as BufferSource, { name: 'ECDSA', namedCurve: web.namedCurve }, false, [
        'verify',
      ]);
    else if (info.kind === 'ed25519') p = subtle.importKey('raw', info.point as BufferSource, { name: 'Ed25519' }, false, ['verify']);
    else if (info.kind === 'rsa' && web.name === 'RSASSA-PKCS1-v1_5')
      p = subtle.importKey('jwk', { kty: 'RSA', n: b64url(minimalBytes(info.n)), e: b64url(minimalBytes(info.e)) }, web, false, ['verify']);
    else p = Promise.reject(new Error('key and algorithm do not match'));
    p.catch(() => webKeys.delete(id));
    webKeys.set(id, p);
    if (webKeys.size > WEB_KEYS_MAX) webKeys.delete(webKeys.keys().next().value as string);
  }
  return p;
}

/**
 * DER ECDSA signature → fixed-length r||s, with the shim's strict parser (src/shim/ec.ts: strict
 * DER, 1 ≤ r, s < n). null when the answer is false without any curve arithmetic.
 */
export function derToRaw(curve: string, der: Uint8Array): Uint8Array | null {
  return ecdsaDerToRaw(curve, der);
}

/**
 * The real answer for one recorded request, or undefined when it cannot be known here (no
 * WebCrypto algorithm for it, or WebCrypto failed: could not check).
 */
async function checkNatively(r: Recorded): Promise<boolean | undefined> {
  const { web, req } = r;
  if (!web) return undefined;
  let sig = req.signature;
  const info = publicKeyInfo(req.key);
  // What is false without any arithmetic (and what the shim never accepted) stays false here.
  if (web.name === 'ECDSA') {
    const raw = derToRaw(web.curve, sig);
    if (!raw) return false;
    sig = raw;
  } else if (web.name === 'Ed25519') {
    if (sig.length !== 64 || (info.kind === 'ed25519' && !ed25519KeyUsable(info.point))) return false;
  } else if (info.kind === 'rsa') {
    if (sig.length !== Math.ceil(info.n.toString(2).length / 8)) return false; // OpenSSL: "wrong signature length"
  }
  try {
    const key = await webKey(req.key, web);
    return await crypto.subtle.verify(web, key, sig as BufferSource, req.data as BufferSource);
  } catch {
    return undefined;
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

/**
 * Call `fn` once with `oracle` installed (synchronously), capturing its result or exception, and
 * what it asked the shim for that this build does not compute (a SHA-3 hash).
 */
function callWith<T>(oracle: VerifyOracle | null, fn: () => T): Outcome<T> & { unsupported?: string } {
  let missing: string | undefined;
  const prev = setVerifyOracle(oracle);
  const prevHook = setUnsupportedHook((what) => (missing ??= what));
  try {
    return { ok: true, value: fn(), ...(missing ? { unsupported: missing } : {}) };
  } catch (error) {
    return { ok: false, error, ...(missing ? { unsupported: missing } : {}) };
  } finally {
    setVerifyOracle(prev);
    setUnsupportedHook(prevHook);
  }
}

/** Statistics of the last runs (for the bench and tests). */
export const nativeStats = { runs: 0, rounds: 0, recorded: 0, memoHits: 0, falseRecorded: 0, unchecked: 0 };

const copy = (req: VerifyRequest): VerifyRequest => ({
  alg: req.alg,
  data: req.data.slice(),
  key: req.key,
  signature: req.signature.slice(),
});

/**
 * Run the synchronous `fn` (which verifies signatures through the crypto shim) with native
 * WebCrypto checks. Same result, or same exception, as calling `fn()` with a real verifier;
 * or CouldNotCheckError when the answers cannot all be known (see the header).
 */
export async function runWithNativeSignatures<T>(fn: () => T): Promise<T> {
  nativeStats.runs++;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    nativeStats.rounds++;
    const recorded = new Map<string, Recorded>();
    // An empty memo (a fresh worker) has nothing to recall: the ids are then computed after the
    // run, with WebCrypto, instead of hashing every request with @noble during it. (The memo
    // cannot change during the synchronous run.)
    const unkeyed: Recorded[] = [];
    const keyLater = memo.size === 0;
    const oracle: VerifyOracle = (req) => {
      // Copy the inputs: the caller may reuse its buffers after the synchronous call.
      if (keyLater) {
        unkeyed.push({ req: copy(req), web: webCheckFor(req) });
        return true;
      }
      const id = requestId(req);
      const known = recall(id);
      if (known !== undefined) {
        nativeStats.memoHits++;
        return known;
      }
      if (!recorded.has(id)) recorded.set(id, { req: copy(req), web: webCheckFor(req) });
      return true;
    };
    const outcome = callWith(oracle, fn);
    if (unkeyed.length && !hasSubtle()) throw new CouldNotCheckError('this browser has no WebCrypto to check signatures with');
    const ids = await Promise.all(unkeyed.map((r) => requestIdNative(r.req)));
    unkeyed.forEach((r, i) => {
      if (!recorded.has(ids[i]!)) recorded.set(ids[i]!, r);
    });
    const missing = outcome.unsupported ? () => new CouldNotCheckError(`no ${outcome.unsupported} in this build`) : null;
    if (recorded.size === 0) {
      if (missing) throw missing();
      return settle(outcome); // every answer came from the memo
    }
    if (!hasSubtle()) throw new CouldNotCheckError('this browser has no WebCrypto to check signatures with');
    nativeStats.recorded += recorded.size;
    const entries = [...recorded];
    const results = await Promise.all(entries.map(([, r]) => checkNatively(r)));
    let allValid = true;
    let unchecked: Recorded | undefined;
    entries.forEach(([id, r], i) => {
      const ok = results[i];
      if (ok === undefined) unchecked ??= r;
      else remember(id, ok);
      if (ok === false) allValid = false;
    });
    // A false answer changes the run: the unanswerable request may not be reached again.
    if (!allValid) {
      nativeStats.falseRecorded++;
      continue;
    }
    if (unchecked || missing) {
      nativeStats.unchecked++;
      throw unchecked ? new CouldNotCheckError(`no WebCrypto check for this signature (${describe(unchecked)})`) : missing!();
    }
    return settle(outcome); // every optimistic answer was the real answer
  }
  nativeStats.unchecked++;
  throw new CouldNotCheckError(`the signature checks did not settle after ${MAX_ROUNDS} rounds`);
}

function describe(r: Recorded): string {
  const info = publicKeyInfo(r.req.key);
  const key = info.kind === 'ec' ? `ECDSA ${info.namedCurve}` : info.kind === 'rsa' ? 'RSA' : 'Ed25519';
  return r.req.alg ? `${key} with ${r.req.alg}` : key;
}
