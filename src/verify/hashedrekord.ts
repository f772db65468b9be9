/**
 * Rekor v2 logs a DSSE envelope as a `hashedrekord` 0.0.2 entry (rekor-v2 spec §6.1.4;
 * sigstore-python 4.5.0 `_validate_hashedrekord_v002_dsse_entry_body`). The entry binds the
 * attestation when, and only when, the body is exactly the one the attestation implies:
 *  - `kind`/`apiVersion` are `hashedrekord`/`0.0.2`, as the entry's `kindVersion` says;
 *  - `data.algorithm` is the prehash of the certificate's key (P-256 → SHA2_256, P-384 →
 *    SHA2_384, P-521 → SHA2_512) and `data.digest` is that hash of PAE(payloadType, statement);
 *  - `signature.content` is the envelope's one signature;
 *  - `signature.verifier` is the attestation's certificate (byte for byte) with the matching
 *    `keyDetails`.
 * @sigstore/verify compares only the signature and a SHA-256 of the PAE; the rest is checked
 * here, so that the certificate we show is the one that was logged, as for `dsse` entries.
 */
import { ASN1Obj, X509Certificate } from '@sigstore/core';
import { sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import { decodeBase64Strict, sameBytes } from './base64';
import { toBuffer } from './certificate';
import { isRecord } from './provenance';

export const INTOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';

interface KeyProfile {
  keyDetails: string;
  algorithm: string;
  hash: (b: Uint8Array) => Uint8Array;
}

/** Named curve OID of an EC public key → the Sigstore key details and prehash. */
const CURVES: Record<string, KeyProfile> = {
  '1.2.840.10045.3.1.7': { keyDetails: 'PKIX_ECDSA_P256_SHA_256', algorithm: 'SHA2_256', hash: sha256 },
  '1.3.132.0.34': { keyDetails: 'PKIX_ECDSA_P384_SHA_384', algorithm: 'SHA2_384', hash: sha384 },
  '1.3.132.0.35': { keyDetails: 'PKIX_ECDSA_P521_SHA_512', algorithm: 'SHA2_512', hash: sha512 },
};
const EC_PUBLIC_KEY = '1.2.840.10045.2.1';

/** What a certificate's key implies for a hashedrekord entry, or null for a key Fulcio does not issue for. */
function keyProfile(certificateDer: Uint8Array): KeyProfile | null {
  try {
    const cert = X509Certificate.parse(toBuffer(certificateDer));
    const alg = ASN1Obj.parseBuffer(Buffer.from(cert.publicKey)).subs[0];
    if (alg?.subs[0]?.toOID() !== EC_PUBLIC_KEY) return null;
    return CURVES[alg.subs[1]?.toOID() ?? ''] ?? null;
  } catch {
    return null;
  }
}

/** DSSE v1 pre-authentication encoding: "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body. */
export function preAuthEncoding(payloadType: string, payload: Uint8Array): Uint8Array {
  const type = new TextEncoder().encode(payloadType);
  const head = new TextEncoder().encode(`DSSEv1 ${type.length} ${payloadType} ${payload.length} `);
  const out = new Uint8Array(head.length + payload.length);
  out.set(head, 0);
  out.set(payload, head.length);
  return out;
}

const same = (a: Uint8Array | null, b: Uint8Array): boolean => a !== null && sameBytes(a, b);

export interface SignedEnvelope {
  certificateDer: Uint8Array;
  statementBytes: Uint8Array;
  signatureBytes: Uint8Array;
}

/**
 * Why a hashedrekord 0.0.2 body does not bind the attestation (a sentence), or null when it does.
 * `kindVersion` is the entry's own `kindVersion`.
 */
export function hashedRekordV2Mismatch(body: Record<string, unknown>, kindVersion: unknown, att: SignedEnvelope): string | null {
  if (!isRecord(kindVersion) || kindVersion.kind !== body.kind || kindVersion.version !== body.apiVersion)
    return 'the transparency log entry body is not of the kind its entry names';
  const spec = isRecord(body.spec) && isRecord(body.spec.hashedRekordV002) ? body.spec.hashedRekordV002 : null;
  const data = spec && isRecord(spec.data) ? spec.data : null;
  const sig = spec && isRecord(spec.signature) ? spec.signature : null;
  const verifier = sig && isRecord(sig.verifier) ? sig.verifier : null;
  const x509 = verifier && isRecord(verifier.x509Certificate) ? verifier.x509Certificate : null;
  if (!data || !sig || !verifier || !x509) return 'the hashedrekord 0.0.2 entry body is incomplete';
  const profile = keyProfile(att.certificateDer);
  if (!profile) return 'the certificate key is not one a hashedrekord entry can record';
  if (data.algorithm !== profile.algorithm || verifier.keyDetails !== profile.keyDetails)
    return `the transparency log entry records ${String(data.algorithm)} / ${String(verifier.keyDetails)}, expected ${profile.algorithm} / ${profile.keyDetails} for this certificate`;
  const digest = typeof data.digest === 'string' ? decodeBase64Strict(data.digest) : null;
  if (!same(digest, profile.hash(preAuthEncoding(INTOTO_PAYLOAD_TYPE, att.statementBytes))))
    return 'the transparency log entry records another digest than that of this statement';
  const content = typeof sig.content === 'string' ? decodeBase64Strict(sig.content) : null;
  if (!same(content, att.signatureBytes)) return 'the transparency log entry records another signature';
  const raw = typeof x509.rawBytes === 'string' ? decodeBase64Strict(x509.rawBytes) : null;
  if (!same(raw, att.certificateDer)) return 'the certificate differs from the one recorded in the transparency log';
  return null;
}
