/**
 * The core of the Sigstore conformance `verify-bundle` command, as a pure function: bundle JSON,
 * trusted-root JSON, expected identity/issuer (or a trusted PEM key) and the artifact (bytes or its
 * sha256) → `{ ok }` or `{ ok: false, reason }`. It never throws.
 *
 * Used by the conformance CLI (src/cli/conformance.ts: argument parsing, files, exit codes) and by
 * the worker's test hook (src/background/bench-hook.ts), so the suite can run inside the BUILT
 * service worker with the worker's own crypto path (runWithNativeSignatures + shims).
 *
 * Differences from sigstore-js's own conformance client, on purpose:
 *  - the trusted root goes through our `loadTrust` (rejects tlog keys without validFor.start);
 *  - identity is checked by exact SAN and exact issuer equality, not sigstore's unanchored regex;
 *  - DSSE: the artifact's sha256 (or the given digest) must be a subject digest of the in-toto
 *    statement (sigstore-js does not look at the statement);
 *  - message signatures: the artifact's digest must equal the bundle's messageDigest.
 */
import '../shim/buffer-global';
import { bundleFromJSON, type Bundle } from '@sigstore/bundle';
import { toSignedEntity, toTrustMaterial, Verifier, type SignedEntity } from '@sigstore/verify';
import { HashAlgorithm } from '@sigstore/protobuf-specs';
import { sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { runWithNativeSignatures } from '../shim/native-verify';
import { createPublicKey, type KeyObject } from '../shim/crypto';
import { verifyDigest } from '../shim/crypto-noble';
import { loadTrust, type LoadedTrust } from '../verify/trust';

export type ConformanceArtifact = { kind: 'bytes'; bytes: Uint8Array } | { kind: 'digest'; sha256: Uint8Array };

export interface ConformanceInput {
  /** bundle.sigstore.json (text or bytes). */
  bundle: string | Uint8Array;
  /** trusted_root.json (text or bytes). */
  trustedRoot: string | Uint8Array;
  /** Key-based case: the trusted public key (PEM). Then identity/issuer must be absent. */
  keyPem?: string;
  /** Certificate-based case: expected SAN and OIDC issuer (exact match). */
  identity?: string;
  issuer?: string;
  artifact: ConformanceArtifact;
}

export type ConformanceResult = { ok: true } | { ok: false; reason: string };

/** A verification failure with a readable message. */
class Rejected extends Error {}

const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';

const utf8 = (b: string | Uint8Array): string => (typeof b === 'string' ? b : new TextDecoder('utf-8', { fatal: true }).decode(b));

/** `sha256:<64 hex>` (or bare hex) → bytes; null if malformed. */
export function parseSha256Digest(text: string): Uint8Array | null {
  const hex = (text.startsWith('sha256:') ? text.slice('sha256:'.length) : text).toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(hex)) return null;
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function artifactSha256(artifact: ConformanceArtifact): Uint8Array {
  return artifact.kind === 'digest' ? artifact.sha256 : sha256(artifact.bytes);
}

/** DSSE: the payload must be an in-toto statement with a subject whose sha256 is the artifact's. */
function checkDsseSubject(bundle: Bundle, artifact: ConformanceArtifact): void {
  if (bundle.content.$case !== 'dsseEnvelope') return;
  const env = bundle.content.dsseEnvelope;
  if (env.payloadType !== IN_TOTO_PAYLOAD_TYPE) throw new Rejected(`DSSE payload type is ${env.payloadType}, not in-toto`);
  let statement: unknown;
  try {
    statement = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(env.payload));
  } catch {
    throw new Rejected('DSSE payload is not JSON');
  }
  const subjects = (statement as { subject?: unknown })?.subject;
  if (!Array.isArray(subjects)) throw new Rejected('in-toto statement has no subject list');
  const want = bytesToHex(artifactSha256(artifact));
  const found = subjects.some((s) => {
    const d = (s as { digest?: { sha256?: unknown } } | null)?.digest?.sha256;
    return typeof d === 'string' && d.toLowerCase() === want;
  });
  if (!found) throw new Rejected(`no in-toto subject has sha256 ${want}`);
}

/**
 * Message signature: the bundle's messageDigest must be the artifact's digest. In DIGEST mode only
 * a sha256 is known, so the signature is checked over that digest (ECDSA, "prehashed").
 */
function messageSignatureEntity(bundle: Bundle, artifact: ConformanceArtifact): SignedEntity {
  if (bundle.content.$case !== 'messageSignature') throw new Error('unreachable');
  const { messageDigest, signature } = bundle.content.messageSignature;
  if (!messageDigest) throw new Rejected('message signature has no message digest');
  if (artifact.kind === 'bytes') {
    const hash = { [HashAlgorithm.SHA2_256]: sha256, [HashAlgorithm.SHA2_384]: sha384, [HashAlgorithm.SHA2_512]: sha512 }[
      messageDigest.algorithm as number
    ];
    if (!hash) throw new Rejected(`unsupported message digest algorithm ${messageDigest.algorithm}`);
    if (!equalBytes(hash(artifact.bytes), messageDigest.digest)) throw new Rejected('artifact does not match the bundle message digest');
    return toSignedEntity(bundle, Buffer.from(artifact.bytes));
  }
  if (messageDigest.algorithm !== HashAlgorithm.SHA2_256)
    throw new Rejected('bundle message digest is not sha256; cannot compare with a sha256 digest');
  if (!equalBytes(artifact.sha256, messageDigest.digest)) throw new Rejected('digest does not match the bundle message digest');
  const entity = toSignedEntity(bundle);
  // Only the signature check changes: over the given digest (the key is our shim's KeyObject,
  // this bundle is always built with the shim). Everything else (tlog body, TSA) is sigstore's.
  entity.signature.verifySignature = (key: unknown) => verifyDigest(artifact.sha256, key as KeyObject, signature);
  return entity;
}

/**
 * Proto3 JSON mapping: `null` means "field absent". Drop nulls before our (stricter) trust-root
 * loader sees them (e.g. `"validFor": {"end": null}` in trust-root-tlog-validity-end-inclusive).
 */
function dropJsonNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(dropJsonNulls);
  if (typeof v === 'object' && v !== null) {
    return Object.fromEntries(
      Object.entries(v)
        .filter(([, x]) => x !== null)
        .map(([k, x]) => [k, dropJsonNulls(x)]),
    );
  }
  return v;
}

function readTrustedRoot(bytes: Uint8Array | string): LoadedTrust {
  const text = utf8(bytes);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return loadTrust(text); // reports "not valid JSON"
  }
  return loadTrust(JSON.stringify(dropJsonNulls(json)));
}

async function verifyOrThrow(input: ConformanceInput): Promise<void> {
  const keyBased = input.keyPem !== undefined;
  if (keyBased ? input.identity !== undefined || input.issuer !== undefined : input.identity === undefined || input.issuer === undefined) {
    throw new Rejected('give either a key, or both an identity and an issuer');
  }

  // Trusted root (validated by our loader), then trust material (with the key if given).
  const trust = readTrustedRoot(input.trustedRoot);
  let material = trust.material;
  if (keyBased) {
    const publicKey = createPublicKey(input.keyPem!);
    // Trust this key for whatever hint the bundle carries, at any time (as sigstore-js does).
    material = toTrustMaterial(trust.root, () => ({ publicKey: publicKey as never, validFor: () => true }));
  }

  let bundle: Bundle;
  try {
    bundle = bundleFromJSON(JSON.parse(utf8(input.bundle)));
  } catch (e) {
    throw new Rejected(`invalid bundle: ${(e as Error)?.message ?? String(e)}`);
  }
  const materialKind = bundle.verificationMaterial.content.$case;
  if (keyBased && materialKind !== 'publicKey') throw new Rejected(`a key was given but the bundle is signed with a ${materialKind}`);

  let entity: SignedEntity;
  if (bundle.content.$case === 'dsseEnvelope') {
    checkDsseSubject(bundle, input.artifact);
    entity = toSignedEntity(bundle);
  } else {
    entity = messageSignatureEntity(bundle, input.artifact);
  }

  // Signature checks with native WebCrypto ECDSA (same answers as @noble; see src/shim/native-verify.ts).
  const signer = await runWithNativeSignatures(() => new Verifier(material).verify(entity));

  if (!keyBased) {
    const san = signer.identity?.subjectAlternativeName;
    const iss = signer.identity?.extensions?.issuer;
    if (san !== input.identity) throw new Rejected(`certificate identity ${JSON.stringify(san)} is not ${JSON.stringify(input.identity)}`);
    if (iss !== input.issuer) throw new Rejected(`certificate issuer ${JSON.stringify(iss)} is not ${JSON.stringify(input.issuer)}`);
  }
}

/** Verify one conformance case. Anything that goes wrong (our checks, @sigstore errors, odd input) = not verified. */
export async function verifyConformanceBundle(input: ConformanceInput): Promise<ConformanceResult> {
  try {
    await verifyOrThrow(input);
    return { ok: true };
  } catch (e) {
    const err = e as Error & { code?: string };
    return { ok: false, reason: `${err?.code ? `${err.code}: ` : ''}${err?.message ?? String(e)}` };
  }
}
