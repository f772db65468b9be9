/**
 * Sigstore client conformance protocol, `verify-bundle` only (sigstore-conformance docs/cli_protocol.md):
 *
 *   verify-bundle --bundle B --certificate-identity I --certificate-oidc-issuer O [--trusted-root T] FILE_OR_DIGEST
 *   verify-bundle --bundle B --key K [--trusted-root T] FILE_OR_DIGEST
 *
 * FILE_OR_DIGEST is an artifact path or `sha256:<hex>`. Exit 0 when verified; otherwise non-zero
 * with the reason on stderr. Built like the worker (browser platform, same shims), so this is the
 * worker's crypto path being tested.
 *
 * Differences from sigstore-js's own conformance client, on purpose:
 *  - the trusted root goes through our `loadTrust` (rejects tlog keys without validFor.start);
 *  - identity is checked by exact SAN and exact issuer equality, not sigstore's unanchored regex;
 *  - DSSE: the artifact's sha256 (or the given digest) must be a subject digest of the in-toto
 *    statement (sigstore-js does not look at the statement);
 *  - message signatures: the artifact's digest must equal the bundle's messageDigest.
 */
import '../shim/buffer-global';
import productionTrustedRoot from '../../public/trust/trusted_root.json?raw';
import { bundleFromJSON, type Bundle } from '@sigstore/bundle';
import { toSignedEntity, toTrustMaterial, Verifier, type SignedEntity } from '@sigstore/verify';
import { runWithNativeSignatures } from '../shim/native-verify';
import { HashAlgorithm } from '@sigstore/protobuf-specs';
import { sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { createPublicKey, verifyDigest, type KeyObject } from '../shim/crypto';
import { loadTrust, type LoadedTrust } from '../verify/trust';
import { parseArgs, UsageError } from './args';
import type { CliHost } from './host';

export const CONFORMANCE_USAGE = `Usage:
  conformance verify-bundle --bundle B --certificate-identity I --certificate-oidc-issuer O [--trusted-root T] FILE_OR_sha256:DIGEST
  conformance verify-bundle --bundle B --key K [--trusted-root T] FILE_OR_sha256:DIGEST
`;

/** A verification failure with a message for stderr. */
class Rejected extends Error {}

type Artifact = { kind: 'bytes'; bytes: Uint8Array } | { kind: 'digest'; sha256: Uint8Array };

const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';

function hexToBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function artifactSha256(artifact: Artifact): Uint8Array {
  return artifact.kind === 'digest' ? artifact.sha256 : sha256(artifact.bytes);
}

/** DSSE: the payload must be an in-toto statement with a subject whose sha256 is the artifact's. */
function checkDsseSubject(bundle: Bundle, artifact: Artifact): void {
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
function messageSignatureEntity(bundle: Bundle, artifact: Artifact): SignedEntity {
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
  const text = typeof bytes === 'string' ? bytes : new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return loadTrust(text); // reports "not valid JSON"
  }
  return loadTrust(JSON.stringify(dropJsonNulls(json)));
}

async function verifyBundle(argv: string[], host: CliHost): Promise<void> {
  const args = parseArgs(argv, {
    bundle: 'value',
    'certificate-identity': 'value',
    'certificate-oidc-issuer': 'value',
    key: 'value',
    'trusted-root': 'value',
  });
  const bundlePath = args.values.get('bundle');
  const identity = args.values.get('certificate-identity');
  const issuer = args.values.get('certificate-oidc-issuer');
  const keyPath = args.values.get('key');
  if (!bundlePath) throw new UsageError('--bundle is required');
  if (args.positionals.length !== 1) throw new UsageError('expected exactly one FILE or sha256:DIGEST');
  if (keyPath ? identity || issuer : !identity || !issuer) {
    throw new UsageError('give either --key, or both --certificate-identity and --certificate-oidc-issuer');
  }

  // Trusted root (validated by our loader), then trust material (with the --key if given).
  const rootPath = args.values.get('trusted-root');
  const trust = readTrustedRoot(rootPath === undefined ? productionTrustedRoot : await host.readFile(rootPath));
  let material = trust.material;
  if (keyPath) {
    const publicKey = createPublicKey(new TextDecoder().decode(await host.readFile(keyPath)));
    // Trust this key for whatever hint the bundle carries, at any time (as sigstore-js does).
    material = toTrustMaterial(trust.root, () => ({ publicKey: publicKey as never, validFor: () => true }));
  }

  // Artifact or digest.
  const target = args.positionals[0]!;
  let artifact: Artifact;
  if (target.startsWith('sha256:')) {
    const hex = target.slice('sha256:'.length).toLowerCase();
    if (!/^[0-9a-f]{64}$/.test(hex)) throw new UsageError('sha256:DIGEST must be 64 hex digits');
    artifact = { kind: 'digest', sha256: hexToBytes(hex) };
  } else {
    artifact = { kind: 'bytes', bytes: await host.readFile(target) };
  }

  // Bundle.
  let bundle: Bundle;
  try {
    bundle = bundleFromJSON(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(await host.readFile(bundlePath))));
  } catch (e) {
    throw new Rejected(`invalid bundle: ${(e as Error)?.message ?? String(e)}`);
  }
  const material_ = bundle.verificationMaterial.content.$case;
  if (keyPath && material_ !== 'publicKey') throw new Rejected(`--key given but the bundle is signed with a ${material_}`);

  let entity: SignedEntity;
  if (bundle.content.$case === 'dsseEnvelope') {
    checkDsseSubject(bundle, artifact);
    entity = toSignedEntity(bundle);
  } else {
    entity = messageSignatureEntity(bundle, artifact);
  }

  // Signature checks with native WebCrypto ECDSA (same answers as @noble; see src/shim/native-verify.ts).
  const signer = await runWithNativeSignatures(() => new Verifier(material).verify(entity));

  if (!keyPath) {
    const san = signer.identity?.subjectAlternativeName;
    const iss = signer.identity?.extensions?.issuer;
    if (san !== identity) throw new Rejected(`certificate identity ${JSON.stringify(san)} is not ${JSON.stringify(identity)}`);
    if (iss !== issuer) throw new Rejected(`certificate issuer ${JSON.stringify(iss)} is not ${JSON.stringify(issuer)}`);
  }
}

export async function main(argv: string[], host: CliHost): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--help' || command === 'help') {
    host.stdout(CONFORMANCE_USAGE);
    return 0;
  }
  if (command !== 'verify-bundle') {
    host.stderr(`conformance: unsupported command ${JSON.stringify(command ?? '')}\n${CONFORMANCE_USAGE}`);
    return 2;
  }
  try {
    await verifyBundle(rest, host);
    host.stderr('OK\n');
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      host.stderr(`conformance: ${e.message}\n${CONFORMANCE_USAGE}`);
      return 2;
    }
    // Anything else (our checks, @sigstore errors, TypeErrors on odd input, unreadable files) = not verified.
    const err = e as Error & { code?: string };
    host.stderr(`verification failed: ${err?.code ? `${err.code}: ` : ''}${err?.message ?? String(e)}\n`);
    return 1;
  }
}
