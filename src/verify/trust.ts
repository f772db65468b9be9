/**
 * Load and validate a Sigstore trusted root (protobuf-specs JSON) into @sigstore/verify TrustMaterial.
 *
 * Stricter than @sigstore/verify's `toTrustMaterial`, which treats a missing `validFor.start` as
 * "since the beginning of time": we reject such a root, because a missing bound in a trust root is
 * a malformed root, not an unbounded one (sigstore-conformance trust-root-tlog-missing-validity-start).
 */
import { PublicKeyDetails, publicKeyDetailsFromJSON, TrustedRoot } from '@sigstore/protobuf-specs';
import { crypto as coreCrypto, X509Certificate } from '@sigstore/core';
import { toTrustMaterial, type TrustMaterial } from '@sigstore/verify';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { decodeBase64Strict } from './base64';

export class TrustRootError extends Error {
  readonly code = 'TRUST_ROOT_INVALID' as const;
  constructor(message: string) {
    super(message);
    this.name = 'TrustRootError';
  }
}

export interface LoadedTrust {
  /** sha256 hex of the trusted_root.json bytes: identifies the root in caches and reports. */
  id: string;
  /** The protobuf form (converted on first use: nothing in the verification path reads it). */
  root: TrustedRoot;
  /**
   * What @sigstore/verify checks against. From loadTrust: every certificate chain and log key is
   * parsed on first use and memoised (a verification parses only the CA, CT log and Rekor log it
   * consults); see `problems`.
   */
  material: TrustMaterial;
  /**
   * Entries of this root that could not be parsed when first used (filled by the lazy material).
   * verifyProvenance turns a verification that met one into `error` TRUST_ROOT_INVALID, so a
   * malformed entry is never skipped silently. Absent: material built eagerly.
   */
  problems?: string[];
  /** Transparency logs, for display (log id base64 -> base URL). */
  tlogs: { logId: string; baseUrl: string }[];
  /**
   * When this root was last confirmed current by a successful TUF refresh (src/trust/); absent for
   * the bundled root or a root file. Read by verifyProvenance unless VerifyOptions.trustRootRefreshedAt is given.
   */
  refreshedAt?: Date;
}

const MEDIA_TYPE_PREFIX = 'application/vnd.dev.sigstore.trustedroot';

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkTimeRange(where: string, range: unknown): void {
  if (!isObject(range)) throw new TrustRootError(`${where}: validFor is missing`);
  const start = range.start;
  if (typeof start !== 'string' || Number.isNaN(Date.parse(start))) {
    throw new TrustRootError(`${where}: validFor.start is missing or not a time`);
  }
  // protobuf JSON: null means "field absent" (e.g. an open-ended key validity `"end": null`).
  if (range.end !== undefined && range.end !== null) {
    if (typeof range.end !== 'string' || Number.isNaN(Date.parse(range.end))) {
      throw new TrustRootError(`${where}: validFor.end is not a time`);
    }
    if (Date.parse(range.end) < Date.parse(start)) throw new TrustRootError(`${where}: validFor ends before it starts`);
  }
}

function checkLogs(kind: string, logs: unknown): void {
  if (logs === undefined) return;
  if (!Array.isArray(logs)) throw new TrustRootError(`${kind} is not a list`);
  logs.forEach((log, i) => {
    const where = `${kind}[${i}]`;
    if (!isObject(log)) throw new TrustRootError(`${where} is not an object`);
    const pk = log.publicKey;
    if (!isObject(pk) || typeof pk.rawBytes !== 'string' || pk.rawBytes.length === 0) {
      throw new TrustRootError(`${where}: publicKey.rawBytes is missing`);
    }
    if (typeof pk.keyDetails !== 'string') throw new TrustRootError(`${where}: publicKey.keyDetails is missing`);
    checkTimeRange(`${where}.publicKey`, pk.validFor);
    if (!isObject(log.logId) || typeof log.logId.keyId !== 'string' || log.logId.keyId.length === 0) {
      throw new TrustRootError(`${where}: logId.keyId is missing`);
    }
  });
}

function checkAuthorities(kind: string, cas: unknown): void {
  if (cas === undefined) return;
  if (!Array.isArray(cas)) throw new TrustRootError(`${kind} is not a list`);
  cas.forEach((ca, i) => {
    const where = `${kind}[${i}]`;
    if (!isObject(ca)) throw new TrustRootError(`${where} is not an object`);
    const chain = isObject(ca.certChain) ? ca.certChain.certificates : undefined;
    if (!Array.isArray(chain) || chain.length === 0) throw new TrustRootError(`${where}: certChain is empty`);
    checkTimeRange(where, ca.validFor);
  });
}

/** Validate the JSON shape of a trusted root; throws TrustRootError. */
export function validateTrustedRootJSON(json: unknown): void {
  if (!isObject(json)) throw new TrustRootError('trusted root is not a JSON object');
  if (typeof json.mediaType !== 'string' || !json.mediaType.startsWith(MEDIA_TYPE_PREFIX)) {
    throw new TrustRootError('trusted root has an unknown mediaType');
  }
  checkLogs('tlogs', json.tlogs);
  checkLogs('ctlogs', json.ctlogs);
  checkAuthorities('certificateAuthorities', json.certificateAuthorities);
  checkAuthorities('timestampAuthorities', json.timestampAuthorities);
}

const textEncoder = new TextEncoder();

/**
 * Parse, validate and convert a trusted root. `input` is the file's text or bytes (so its id is the
 * sha256 of exactly those bytes). Throws TrustRootError. Synchronous (the id through @noble); the
 * worker loads with loadTrustAsync.
 */
export function loadTrust(input: string | Uint8Array): LoadedTrust {
  const bytes = typeof input === 'string' ? textEncoder.encode(input) : input;
  return buildTrust(input, bytes, bytesToHex(sha256(bytes)));
}

/**
 * loadTrust with the id computed by WebCrypto (`crypto.subtle.digest`, native) when there is one:
 * the same LoadedTrust, same errors (a rejection with TrustRootError). In a fresh service worker
 * the @noble sha256 of a 7 kB root runs interpreted and took most of the load (≈ 15–20 ms).
 */
export async function loadTrustAsync(input: string | Uint8Array): Promise<LoadedTrust> {
  const bytes = typeof input === 'string' ? textEncoder.encode(input) : input;
  return buildTrust(input, bytes, await sha256Hex(bytes));
}

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const subtle = (globalThis as { crypto?: Crypto }).crypto?.subtle;
  if (subtle && typeof subtle.digest === 'function') {
    try {
      return bytesToHex(new Uint8Array(await subtle.digest('SHA-256', bytes as BufferSource)));
    } catch {
      // no usable WebCrypto here: the same hash through @noble
    }
  }
  return bytesToHex(sha256(bytes));
}

function buildTrust(input: string | Uint8Array, bytes: Uint8Array, id: string): LoadedTrust {
  const text = typeof input === 'string' ? input : new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new TrustRootError('trusted root is not valid JSON');
  }
  validateTrustedRootJSON(json);
  const problems: string[] = [];
  let material: TrustMaterial;
  try {
    material = lazyTrustMaterial(json as TrustedRootJSON, problems);
  } catch (e) {
    throw new TrustRootError(`trusted root could not be loaded: ${(e as Error)?.message ?? String(e)}`);
  }
  let root: TrustedRoot | undefined;
  const tlogs = (json as TrustedRootJSON).tlogs ?? [];
  return {
    id,
    get root(): TrustedRoot {
      return (root ??= TrustedRoot.fromJSON(json));
    },
    material,
    problems,
    tlogs: tlogs.map((t) => ({ logId: t.logId.keyId, baseUrl: t.baseUrl ?? '' })),
  };
}

/**
 * The same loaded root, known current as of `at` (a TUF refresh). Copies property descriptors, not
 * values: a spread would call the lazy `root` getter and convert the whole root.
 */
export function withRefreshedAt(trust: LoadedTrust, at: Date): LoadedTrust {
  const copy = Object.defineProperties({}, Object.getOwnPropertyDescriptors(trust)) as LoadedTrust;
  copy.refreshedAt = at;
  return copy;
}

// ---------------------------------------------------------------- lazy trust material

/** The JSON fields the material is built from (validateTrustedRootJSON has checked their shape). */
interface TimeRangeJSON {
  start: string;
  end?: string | null;
}
interface LogJSON {
  baseUrl?: string;
  logId: { keyId: string };
  checkpointKeyId?: { keyId?: unknown } | null;
  publicKey: { rawBytes: string; keyDetails: string; validFor: TimeRangeJSON };
}
interface AuthorityJSON {
  certChain: { certificates: { rawBytes?: unknown }[] };
  validFor: TimeRangeJSON;
}
interface TrustedRootJSON {
  tlogs?: LogJSON[];
  ctlogs?: LogJSON[];
  certificateAuthorities?: AuthorityJSON[];
  timestampAuthorities?: AuthorityJSON[];
}

type CertAuthority = TrustMaterial['certificateAuthorities'][number];
type TLogAuthority = TrustMaterial['tlogs'][number];

// Exactly as @sigstore/verify's toTrustMaterial (src/trust/index.ts there) maps a TrustedRoot.
// (No BEGINNING_OF_TIME: validateTrustedRootJSON requires every validFor.start.)
const END_OF_TIME = new Date(8640000000000000);
const PKCS1_KEYS: readonly PublicKeyDetails[] = [
  PublicKeyDetails.PKCS1_RSA_PKCS1V5,
  PublicKeyDetails.PKIX_RSA_PKCS1V5,
  PublicKeyDetails.PKIX_RSA_PKCS1V15_2048_SHA256,
  PublicKeyDetails.PKIX_RSA_PKCS1V15_3072_SHA256,
  PublicKeyDetails.PKIX_RSA_PKCS1V15_4096_SHA256,
];
/** toTrustMaterial's key finder for a root without keys (always "key not found"). */
const NO_KEYS = toTrustMaterial({
  certificateAuthorities: [],
  timestampAuthorities: [],
  tlogs: [],
  ctlogs: [],
} as unknown as TrustedRoot).publicKey;

// protobuf JSON, as TrustedRoot.fromJSON reads it: bytes are (lenient) base64, null is "absent".
// Canonical base64 (every root Sigstore publishes) decodes to the same bytes strictly, natively
// where the engine can (base64.ts); anything else through Buffer's lenient decoder, as fromJSON.
function bytes64(b64: unknown): Buffer<ArrayBuffer> {
  const s = String(b64);
  const strict = decodeBase64Strict(s);
  if (strict) return Buffer.from(strict.buffer, strict.byteOffset, strict.byteLength) as Buffer<ArrayBuffer>;
  return Buffer.from(s, 'base64') as Buffer<ArrayBuffer>;
}
const isSet = (v: unknown): boolean => v !== null && v !== undefined;

function timeRange(r: TimeRangeJSON): { start: Date; end: Date } {
  return { start: new Date(r.start), end: isSet(r.end) ? new Date(r.end as string) : END_OF_TIME };
}

/**
 * A value computed on first use and memoised, failure included: a failure is recorded in
 * `problems` (once) and every use throws a TrustRootError.
 */
function memoised<T>(where: string, problems: string[], compute: () => T): () => T {
  let state: { ok: true; value: T } | { ok: false; message: string } | null = null;
  return () => {
    if (!state) {
      try {
        state = { ok: true, value: compute() };
      } catch (e) {
        state = { ok: false, message: `${where}: ${(e as Error)?.message ?? String(e)}` };
        problems.push(state.message);
      }
    }
    if (state.ok) return state.value;
    throw new TrustRootError(`trusted root could not be loaded: ${state.message}`);
  };
}

function lazyAuthority(ca: AuthorityJSON, where: string, problems: string[]): CertAuthority {
  const rawCerts = ca.certChain.certificates;
  rawCerts.forEach((c, j) => {
    if (typeof c?.rawBytes !== 'string' || c.rawBytes.length === 0) {
      throw new Error(`${where}.certChain.certificates[${j}].rawBytes is missing`);
    }
  });
  const chain = memoised(`${where}.certChain`, problems, () => rawCerts.map((c) => X509Certificate.parse(bytes64(c.rawBytes))));
  return {
    validFor: timeRange(ca.validFor),
    get certChain() {
      return chain();
    },
  };
}

function lazyLog(log: LogJSON, where: string, problems: string[]): TLogAuthority {
  const pk = log.publicKey;
  const details = publicKeyDetailsFromJSON(pk.keyDetails); // throws for an unknown key type, as fromJSON does
  const keyType = PKCS1_KEYS.includes(details) ? 'pkcs1' : 'spki';
  const cp = log.checkpointKeyId;
  const logID = isSet(cp) ? (isSet(cp?.keyId) ? bytes64(cp?.keyId) : Buffer.alloc(0)) : bytes64(log.logId.keyId);
  const publicKey = memoised(`${where}.publicKey`, problems, () => coreCrypto.createPublicKey(bytes64(pk.rawBytes), keyType));
  return {
    baseURL: isSet(log.baseUrl) ? String(log.baseUrl) : '',
    logID,
    validFor: timeRange(pk.validFor),
    get publicKey() {
      return publicKey();
    },
  };
}

/**
 * The TrustMaterial @sigstore/verify's `toTrustMaterial(TrustedRoot.fromJSON(json))` builds, with
 * the X.509 parsing of each CA chain and the import of each log key deferred to first use.
 */
export function lazyTrustMaterial(json: TrustedRootJSON, problems: string[]): TrustMaterial {
  return {
    certificateAuthorities: (json.certificateAuthorities ?? []).map((ca, i) => lazyAuthority(ca, `certificateAuthorities[${i}]`, problems)),
    timestampAuthorities: (json.timestampAuthorities ?? []).map((ca, i) => lazyAuthority(ca, `timestampAuthorities[${i}]`, problems)),
    tlogs: (json.tlogs ?? []).map((l, i) => lazyLog(l, `tlogs[${i}]`, problems)),
    ctlogs: (json.ctlogs ?? []).map((l, i) => lazyLog(l, `ctlogs[${i}]`, problems)),
    publicKey: NO_KEYS,
  };
}
