/**
 * Load and validate a Sigstore trusted root (protobuf-specs JSON) into @sigstore/verify TrustMaterial.
 *
 * Stricter than @sigstore/verify's `toTrustMaterial`, which treats a missing `validFor.start` as
 * "since the beginning of time": we reject such a root, because a missing bound in a trust root is
 * a malformed root, not an unbounded one (sigstore-conformance trust-root-tlog-missing-validity-start).
 */
import { TrustedRoot } from '@sigstore/protobuf-specs';
import { toTrustMaterial, type TrustMaterial } from '@sigstore/verify';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

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
  root: TrustedRoot;
  material: TrustMaterial;
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
 * sha256 of exactly those bytes). Throws TrustRootError.
 */
export function loadTrust(input: string | Uint8Array): LoadedTrust {
  const bytes = typeof input === 'string' ? textEncoder.encode(input) : input;
  const text = typeof input === 'string' ? input : new TextDecoder('utf-8', { fatal: true }).decode(input);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new TrustRootError('trusted root is not valid JSON');
  }
  validateTrustedRootJSON(json);
  let root: TrustedRoot;
  let material: TrustMaterial;
  try {
    root = TrustedRoot.fromJSON(json);
    material = toTrustMaterial(root);
  } catch (e) {
    throw new TrustRootError(`trusted root could not be loaded: ${(e as Error)?.message ?? String(e)}`);
  }
  const tlogs = (json as { tlogs?: { baseUrl?: string; logId: { keyId: string } }[] }).tlogs ?? [];
  return {
    id: bytesToHex(sha256(bytes)),
    root,
    material,
    tlogs: tlogs.map((t) => ({ logId: t.logId.keyId, baseUrl: t.baseUrl ?? '' })),
  };
}
