/**
 * A tiny, synchronous stand-in for the parts of Node's `crypto` that @sigstore/core and
 * @sigstore/verify use, for browser bundles (the bundler aliases `crypto` to this file):
 *
 *   createPublicKey(pem | der | {key, format, type})   SPKI (EC P-256/P-384/P-521, Ed25519, RSA) and PKCS#1 RSA
 *   createHash(alg).update(data).digest()               sha224/256/384/512 (SHA-3: "could not check", NOT_HERE)
 *   verify(alg | null | undefined, data, key, sig)      ECDSA (DER sig), Ed25519, RSA PKCS#1 v1.5
 *   timingSafeEqual(a, b)
 * and, not Node APIs: setVerifyOracle / publicKeyInfo (the hook through which
 * src/shim/native-verify.ts answers every signature check with WebCrypto), digestOf.
 *
 * verify() computes nothing itself: sigstore calls it synchronously and WebCrypto is
 * asynchronous, so the answer comes from the installed oracle — in the shipped builds the
 * optimistic-replay runner of native-verify.ts (no oracle: NoVerifierError). The pure-JS
 * reference verifier on @noble/curves (src/shim/crypto-noble.ts) serves the bench and the tests;
 * it is not in the service worker (issue #16: 42 kB). Keys are validated here without @noble
 * (src/shim/ec.ts); hashes are @noble/hashes.
 *
 * Deviations from Node (each is also marked where it happens):
 *  - Only public keys; only the key types above. Anything else throws on import (Node would
 *    accept e.g. private keys, certificates, DSA, X25519, RSA-PSS SPKI; hybrid EC points).
 *  - verify() supports PKCS#1 v1.5 padding only for RSA (no PSS; `{padding}` options are ignored).
 *  - KeyObject is a plain object with `type`, `asymmetricKeyType`, `asymmetricKeyDetails`;
 *    no `export()`/`equals()`.
 *  - Hash names: only the lower/upper-case spellings listed in HASHES.
 *  - Ed25519 is stricter than OpenSSL: small-order and non-canonical public keys (e.g. the
 *    identity point, under which a zero signature verifies for every message) never verify.
 */
import { Buffer } from 'buffer';
import { bytesToBigInt, decodeEcPoint } from './ec';
import { sha224, sha256, sha384, sha512 } from '@noble/hashes/sha2.js';

// ---------------------------------------------------------------- hashes

interface NobleHash {
  update(data: Uint8Array): unknown;
  digest(): Uint8Array;
}
type HashFactory = { create(): NobleHash };

const HASHES: Record<string, HashFactory> = { sha224, sha256, sha384, sha512 };
/**
 * Hashes Node has that this build does not compute (issue #16: @noble's SHA-3 was 3.7 kB of the
 * worker, for nothing sigstore or TUF use today). Asking for one throws like an unknown digest,
 * and inside a native run (src/shim/native-verify.ts) the run ends as "could not check", so a
 * caller that catches the error cannot turn it into a failed check.
 */
const NOT_HERE = new Set(['sha3-256', 'sha3-384', 'sha3-512']);

let unsupported: ((what: string) => void) | null = null;

/** Not a Node API: told (inside a native run) when a hash of NOT_HERE is asked for. Returns the previous hook. */
export function setUnsupportedHook(next: ((what: string) => void) | null): ((what: string) => void) | null {
  const prev = unsupported;
  unsupported = next;
  return prev;
}

// Node also accepts "SHA256", "sha-256", "RSA-SHA256", ...; we accept case variants and "sha-NNN".
const hashName = (algorithm: string) =>
  String(algorithm)
    .toLowerCase()
    .replace(/^sha-(\d)/, 'sha$1');

function hashFactory(algorithm: string): HashFactory {
  const name = hashName(algorithm);
  const h = HASHES[name];
  if (h) return h;
  if (NOT_HERE.has(name)) unsupported?.(name);
  throw new Error(`Digest method not supported: ${algorithm}`);
}

type BinaryLike = string | ArrayBufferView | ArrayBuffer;

function toBytes(data: BinaryLike, encoding?: string): Uint8Array {
  if (typeof data === 'string') return Buffer.from(data, (encoding ?? 'utf8') as BufferEncoding);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  throw new TypeError('The "data" argument must be of type string or an instance of Buffer, TypedArray, or DataView.');
}

function encodeOut(bytes: Uint8Array, encoding?: string): Buffer | string {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return encoding ? b.toString(encoding as BufferEncoding) : b;
}

export class Hash {
  private h: NobleHash | null;
  constructor(algorithm: string) {
    this.h = hashFactory(algorithm).create();
  }
  update(data: BinaryLike, encoding?: string): this {
    if (!this.h) throw new Error('Digest already called');
    this.h.update(toBytes(data, encoding));
    return this;
  }
  digest(): Buffer;
  digest(encoding: string): string;
  digest(encoding?: string): Buffer | string {
    if (!this.h) throw new Error('Digest already called');
    const out = this.h.digest();
    this.h = null;
    return encodeOut(out, encoding);
  }
}

export function createHash(algorithm: string): Hash {
  return new Hash(algorithm);
}

// ---------------------------------------------------------------- minimal DER reader

interface Tlv {
  tag: number;
  value: Uint8Array;
  end: number; // offset just after this TLV in the input
}

function readTlv(buf: Uint8Array, pos: number): Tlv {
  if (pos + 2 > buf.length) throw new Error('DER: truncated');
  const tag = buf[pos]!;
  let len = buf[pos + 1]!;
  let p = pos + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4) throw new Error('DER: unsupported length');
    if (p + n > buf.length) throw new Error('DER: truncated');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[p + i]!;
    p += n;
  }
  if (p + len > buf.length) throw new Error('DER: truncated');
  return { tag, value: buf.subarray(p, p + len), end: p + len };
}

/** Read a SEQUENCE and return its children; the sequence must fill `buf` exactly. */
function readSequence(buf: Uint8Array): Tlv[] {
  const seq = readTlv(buf, 0);
  if (seq.tag !== 0x30) throw new Error('DER: expected SEQUENCE');
  if (seq.end !== buf.length) throw new Error('DER: trailing data');
  const out: Tlv[] = [];
  let p = 0;
  while (p < seq.value.length) {
    const t = readTlv(seq.value, p);
    out.push(t);
    p = t.end;
  }
  return out;
}

function oidToString(bytes: Uint8Array): string {
  const parts: number[] = [];
  let v = 0;
  for (const b of bytes) {
    v = v * 128 + (b & 0x7f);
    if (!(b & 0x80)) {
      if (parts.length === 0) parts.push(v < 80 ? Math.floor(v / 40) : 2, v < 80 ? v % 40 : v - 80);
      else parts.push(v);
      v = 0;
    }
  }
  return parts.join('.');
}

function positiveInteger(t: Tlv | undefined): bigint {
  if (!t || t.tag !== 0x02 || t.value.length === 0) throw new Error('DER: expected INTEGER');
  if (t.value[0]! & 0x80) throw new Error('DER: negative INTEGER');
  const n = bytesToBigInt(t.value);
  if (n === 0n) throw new Error('DER: zero INTEGER');
  return n;
}

// ---------------------------------------------------------------- keys

const OID_EC_PUBLIC_KEY = '1.2.840.10045.2.1';
const OID_ED25519 = '1.3.101.112';
const OID_RSA = '1.2.840.113549.1.1.1';
const CURVES: Record<string, string> = {
  '1.2.840.10045.3.1.7': 'prime256v1',
  '1.3.132.0.34': 'secp384r1',
  '1.3.132.0.35': 'secp521r1',
};

type KeyMaterial =
  /** `point` as given (SEC1, compressed or not); `uncompressed` 04‖x‖y, validated (src/shim/ec.ts). */
  | { kind: 'ec'; curve: string; point: Uint8Array; uncompressed: Uint8Array }
  | { kind: 'ed25519'; point: Uint8Array }
  | { kind: 'rsa'; n: bigint; e: bigint; byteLength: number };

const MATERIAL = Symbol('pypi-provenance.keyMaterial');

/** Public-key object: the subset of Node's KeyObject shape that callers may look at. */
export class KeyObject {
  readonly type = 'public' as const;
  readonly asymmetricKeyType: 'ec' | 'ed25519' | 'rsa';
  readonly asymmetricKeyDetails: Record<string, unknown>;
  readonly [MATERIAL]: KeyMaterial;
  constructor(m: KeyMaterial, details: Record<string, unknown>) {
    this[MATERIAL] = m;
    this.asymmetricKeyType = m.kind;
    this.asymmetricKeyDetails = details;
  }
}

function rsaKey(n: bigint, e: bigint): KeyObject {
  const bits = n.toString(2).length;
  return new KeyObject({ kind: 'rsa', n, e, byteLength: Math.ceil(bits / 8) }, { modulusLength: bits, publicExponent: e });
}

/** PKCS#1 RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER } */
function parsePkcs1(der: Uint8Array): KeyObject {
  const [n, e, extra] = readSequence(der);
  if (extra) throw new Error('DER: trailing RSAPublicKey fields');
  return rsaKey(positiveInteger(n), positiveInteger(e));
}

/** SubjectPublicKeyInfo ::= SEQUENCE { algorithm AlgorithmIdentifier, subjectPublicKey BIT STRING } */
function parseSpki(der: Uint8Array): KeyObject {
  const [alg, bits, extra] = readSequence(der);
  if (!alg || alg.tag !== 0x30 || !bits || bits.tag !== 0x03 || extra) throw new Error('DER: not a SubjectPublicKeyInfo');
  if (bits.value.length < 1 || bits.value[0] !== 0) throw new Error('DER: BIT STRING with unused bits');
  const key = bits.value.subarray(1);
  const algParts: Tlv[] = [];
  for (let p = 0; p < alg.value.length;) {
    const t = readTlv(alg.value, p);
    algParts.push(t);
    p = t.end;
  }
  const [oidTlv, params] = algParts;
  if (!oidTlv || oidTlv.tag !== 0x06) throw new Error('DER: missing algorithm OID');
  const oid = oidToString(oidTlv.value);

  if (oid === OID_EC_PUBLIC_KEY) {
    if (!params || params.tag !== 0x06) throw new Error('Unsupported EC parameters (named curves only)');
    const curve = CURVES[oidToString(params.value)];
    if (!curve) throw new Error('Unsupported EC curve'); // Node supports more curves (e.g. secp256k1)
    // Throws if the point is not on the curve, like OpenSSL (deviation: hybrid 06/07 points are refused).
    const uncompressed = decodeEcPoint(curve, key);
    return new KeyObject({ kind: 'ec', curve, point: key.slice(), uncompressed }, { namedCurve: curve });
  }
  if (oid === OID_ED25519) {
    if (params) throw new Error('Ed25519 key with parameters');
    // Like OpenSSL, the point itself is not decoded here; a bad point makes verify() return false.
    if (key.length !== 32) throw new Error('Invalid Ed25519 public key length');
    return new KeyObject({ kind: 'ed25519', point: key.slice() }, {});
  }
  if (oid === OID_RSA) {
    return parsePkcs1(key);
  }
  throw new Error(`Unsupported key algorithm ${oid}`); // deviation: Node knows DSA, X25519, RSA-PSS, ...
}

function pemToDer(pem: string): { der: Uint8Array; label: string } {
  const m = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/.exec(pem);
  if (!m) throw new Error('Invalid PEM formatted message');
  const body = m[2]!.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body)) throw new Error('Invalid PEM body');
  return { der: Buffer.from(body, 'base64'), label: m[1]! };
}

function fromPem(pem: string): KeyObject {
  const { der, label } = pemToDer(pem);
  if (label === 'PUBLIC KEY') return parseSpki(der);
  if (label === 'RSA PUBLIC KEY') return parsePkcs1(der);
  throw new Error(`Unsupported PEM type ${label}`); // deviation: Node also takes certificates and private keys
}

type KeyInput =
  | string
  | ArrayBufferView
  | KeyObject
  | { key: string | ArrayBufferView | KeyObject; format?: 'pem' | 'der'; type?: 'spki' | 'pkcs1'; encoding?: string };

export function createPublicKey(input: KeyInput): KeyObject {
  if (input instanceof KeyObject) return input;
  if (typeof input === 'string') return fromPem(input);
  if (ArrayBuffer.isView(input)) return fromPem(Buffer.from(toBytes(input)).toString('utf8')); // Node: a bare buffer is PEM
  if (input && typeof input === 'object' && 'key' in input) {
    const { key, format = 'pem', type } = input;
    // Node: crypto.verify(alg, data, { key: KeyObject, ... }, sig) (@tufjs/models passes keys so)
    if (key instanceof KeyObject) return key;
    if (format === 'pem') {
      return fromPem(typeof key === 'string' ? key : Buffer.from(toBytes(key)).toString('utf8'));
    }
    if (format === 'der') {
      const der = typeof key === 'string' ? Buffer.from(key, (input.encoding ?? 'utf8') as BufferEncoding) : toBytes(key);
      if (type === 'spki') return parseSpki(der);
      if (type === 'pkcs1') return parsePkcs1(der);
      throw new TypeError(`The property 'options.type' is invalid. Received ${String(type)}`);
    }
    throw new TypeError(`The property 'options.format' is invalid. Received ${String(format)}`);
  }
  throw new TypeError('The "key" argument must be of type string or an instance of Buffer, TypedArray, DataView, or KeyObject.');
}

// ---------------------------------------------------------------- signatures

/** One signature check as verify() sees it, after key import and hash-name validation. */
export interface VerifyRequest {
  /** Normalised hash name ('sha256', 'sha384', ...); '' for Ed25519. */
  alg: string;
  data: Uint8Array;
  key: KeyObject;
  signature: Uint8Array;
}
/** Answers a check (true/false), or undefined when it has no answer (verify() then throws). */
export type VerifyOracle = (req: VerifyRequest) => boolean | undefined;

let oracle: VerifyOracle | null = null;

/**
 * Not a Node API: install (or with null remove) the oracle verify() asks. Returns the previous
 * one. src/shim/native-verify.ts installs one around one synchronous call (WebCrypto answers);
 * src/shim/crypto-noble.ts has a pure-JS one (the bench's and the tests' reference, not shipped).
 */
export function setVerifyOracle(next: VerifyOracle | null): VerifyOracle | null {
  const prev = oracle;
  oracle = next;
  return prev;
}

/** Thrown by verify() when no oracle answers: a signature was checked outside a native run. */
export class NoVerifierError extends Error {
  constructor() {
    super('signature check outside a native verification run (no verifier installed)');
    this.name = 'NoVerifierError';
  }
}

/** Not a Node API: what a public key is (for the oracle: memo identity and WebCrypto import). */
export type PublicKeyInfo =
  | { kind: 'ec'; namedCurve: string; point: Uint8Array; uncompressedPoint(): Uint8Array }
  | { kind: 'ed25519'; point: Uint8Array }
  | { kind: 'rsa'; n: bigint; e: bigint };

export function publicKeyInfo(key: KeyObject): PublicKeyInfo {
  const m = key[MATERIAL];
  if (m.kind === 'ec') {
    const { curve, point, uncompressed } = m;
    return { kind: 'ec', namedCurve: curve, point, uncompressedPoint: () => uncompressed };
  }
  if (m.kind === 'ed25519') return { kind: 'ed25519', point: m.point };
  return { kind: 'rsa', n: m.n, e: m.e };
}

/**
 * Like Node's crypto.verify: `algorithm` is the hash name (null/undefined: sha256 for ECDSA and RSA,
 * as OpenSSL does — even for P-384; must be null/undefined for Ed25519). Throws on an unknown hash
 * or an unusable key, as Node does. The answer comes from the installed oracle (deviation: none
 * installed → NoVerifierError; the shipped builds check signatures only inside a native run).
 */
export function verify(algorithm: string | null | undefined, data: ArrayBufferView, key: KeyInput, signature: ArrayBufferView): boolean {
  const keyObject = createPublicKey(key);
  const k = keyObject[MATERIAL];
  let alg = '';
  if (k.kind === 'ed25519') {
    // Node throws for a digest with Ed25519 (OpenSSL: "invalid digest").
    if (algorithm !== null && algorithm !== undefined) throw new Error('Invalid digest for Ed25519');
  } else {
    alg = hashName(algorithm ?? 'sha256');
    // Throws on an unknown hash, like Node (before asking the oracle); a hash of NOT_HERE goes to
    // the oracle, which has no WebCrypto check for it either ("could not check").
    if (!NOT_HERE.has(alg)) hashFactory(alg);
  }
  const answer = oracle?.({ alg, data: toBytes(data), key: keyObject, signature: toBytes(signature) });
  if (answer === undefined) throw new NoVerifierError();
  return answer;
}

/** Not a Node API: the hash of `data` (for crypto-noble.ts's reference verifier). */
export function digestOf(algorithm: string, data: Uint8Array): Uint8Array {
  const h = hashFactory(algorithm).create();
  h.update(data);
  return h.digest();
}

// ---------------------------------------------------------------- misc

export function timingSafeEqual(a: ArrayBufferView, b: ArrayBufferView): boolean {
  if (!ArrayBuffer.isView(a) || !ArrayBuffer.isView(b)) {
    throw new TypeError('The "buf1" and "buf2" arguments must be an instance of ArrayBuffer, Buffer, TypedArray, or DataView.');
  }
  const x = toBytes(a);
  const y = toBytes(b);
  if (x.length !== y.length) throw new RangeError('Input buffers must have the same byte length');
  let diff = 0;
  for (let i = 0; i < x.length; i++) diff |= x[i]! ^ y[i]!;
  return diff === 0;
}

const shim = { createHash, createPublicKey, verify, timingSafeEqual, KeyObject, Hash, setVerifyOracle, setUnsupportedHook, publicKeyInfo };
export default shim;
