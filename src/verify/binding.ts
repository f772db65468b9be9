/**
 * Bindings @sigstore/verify leaves unchecked, required here so that what we SHOW is exactly what
 * was signed and logged:
 *  - the certificate in the attestation must be byte-identical to the one recorded in the
 *    transparency log entry's body (dsse 0.0.1: `spec.signatures[].verifier`, PEM; dsse 0.0.2:
 *    `spec.dsseV002.signatures[].verifier.x509Certificate.rawBytes`). Otherwise bytes outside the
 *    signed TBSCertificate (e.g. the outer signature-algorithm tag) could be altered and the
 *    certificate view and fingerprint would show something Fulcio never issued; a Rekor v2
 *    `hashedrekord` 0.0.2 entry for a DSSE envelope is checked field by field (hashedrekord.ts);
 *  - the leaf is a code-signing certificate: Key Usage with digital signature and Extended Key
 *    Usage with code signing (sigstore-python's verifier step 3; @sigstore/verify does not check);
 *  - every RFC 3161 timestamp response must have status granted (0) or grantedWithMods (1).
 * The log body itself is authenticated by the inclusion proof / promise checked before.
 */
import { ASN1Obj, RFC3161Timestamp } from '@sigstore/core';
import { decodeBase64Strict, sameBytes } from './base64';
import { parseBoundedJsonBytes, SIGNED_DOCUMENT_LIMITS } from './bounded-json';
import { parseCertificate } from './certificate';
import { hashedRekordV2Mismatch, type SignedEnvelope } from './hashedrekord';
import { isRecord, type ParsedAttestation } from './provenance';

function pemToDer(pem: string): Uint8Array | null {
  const m = /^-----BEGIN CERTIFICATE-----\r?\n([A-Za-z0-9+/=\r\n]+)-----END CERTIFICATE-----\r?\n?$/.exec(pem);
  return m ? decodeBase64Strict(m[1]!.replace(/\r?\n/g, '')) : null;
}

function logBody(entry: Record<string, unknown>): Record<string, unknown> | null {
  const raw = typeof entry.canonicalizedBody === 'string' ? decodeBase64Strict(entry.canonicalizedBody) : null;
  if (!raw) return null;
  const body = parseBoundedJsonBytes(raw, SIGNED_DOCUMENT_LIMITS);
  return body.ok && isRecord(body.value) ? body.value : null;
}

/** Certificates recorded in a dsse log entry body (either version); null if the body is not dsse. */
function loggedCertificates(body: Record<string, unknown>): Uint8Array[] | null {
  if (body.kind !== 'dsse' || !isRecord(body.spec)) return null;
  const out: Uint8Array[] = [];
  if (body.apiVersion === '0.0.1' && Array.isArray(body.spec.signatures)) {
    for (const sig of body.spec.signatures) {
      if (!isRecord(sig) || typeof sig.verifier !== 'string') continue;
      const pem = decodeBase64Strict(sig.verifier);
      const der = pem ? pemToDer(new TextDecoder().decode(pem)) : null;
      if (der) out.push(der);
    }
    return out;
  }
  const v2 = body.spec.dsseV002;
  if (body.apiVersion === '0.0.2' && isRecord(v2) && Array.isArray(v2.signatures)) {
    for (const sig of v2.signatures) {
      const cert =
        isRecord(sig) && isRecord(sig.verifier) && isRecord(sig.verifier.x509Certificate)
          ? sig.verifier.x509Certificate.rawBytes
          : undefined;
      const der = typeof cert === 'string' ? decodeBase64Strict(cert) : null;
      if (der) out.push(der);
    }
    return out;
  }
  return null;
}

/**
 * A detail sentence when the log entry does not bind the attestation, else null: for dsse entries
 * the certificate must be the logged one (the payload hash and signatures are compared by
 * @sigstore/verify); a Rekor v2 hashedrekord 0.0.2 entry must be exactly the body the attestation
 * implies (hashedrekord.ts).
 */
export function certificateLogMismatch(entry: Record<string, unknown> | undefined, att: SignedEnvelope): string | null {
  const body = entry ? logBody(entry) : null;
  if (!body) return 'the transparency log entry body could not be read';
  if (body.kind === 'hashedrekord' && body.apiVersion === '0.0.2') return hashedRekordV2Mismatch(body, entry?.kindVersion, att);
  const certs = loggedCertificates(body);
  if (certs === null)
    return `the transparency log entry is a ${String(body.kind)} ${String(body.apiVersion)} entry, not a DSSE attestation`;
  return certs.some((c) => sameBytes(c, att.certificateDer))
    ? null
    : 'the certificate differs from the one recorded in the transparency log';
}

/** certificateLogMismatch for a parsed attestation's entry [0] (the one verified, as in pypi-attestations). */
export function attestationLogMismatch(att: ParsedAttestation): string | null {
  return certificateLogMismatch(att.transparencyEntries[0], {
    certificateDer: att.certificateDer,
    statementBytes: att.statementBytes,
    signatureBytes: decodeBase64Strict(att.signature) ?? new Uint8Array(),
  });
}

const EKU_OID = '2.5.29.37';
const CODE_SIGNING = '1.3.6.1.5.5.7.3.3';

/** A detail sentence when the leaf is not a digital-signature, code-signing certificate, else null. */
export function certificateProfileProblem(certificateDer: Uint8Array): string | null {
  try {
    const cert = parseCertificate(certificateDer);
    if (cert.extKeyUsage?.digitalSignature !== true) return 'the certificate is not for digital signatures (Key Usage)';
    const eku = cert.extensions.find((e) => e.subs[0]?.toOID() === EKU_OID);
    const value = eku?.subs[eku.subs.length - 1]?.value;
    const oids = value ? ASN1Obj.parseBuffer(Buffer.from(value)).subs.map((o) => o.toOID()) : [];
    return oids.includes(CODE_SIGNING) ? null : 'the certificate is not for code signing (Extended Key Usage)';
  } catch {
    return 'the certificate extensions could not be read';
  }
}

/** A detail sentence when an RFC 3161 response was not granted, else null. */
export function timestampStatusProblem(ders: Uint8Array[]): string | null {
  for (const der of ders) {
    let status: bigint;
    try {
      const buf = Buffer.from(der.buffer.slice(der.byteOffset, der.byteOffset + der.byteLength) as ArrayBuffer);
      status = BigInt(RFC3161Timestamp.parse(buf).status);
    } catch {
      return 'a timestamp response could not be read';
    }
    if (status !== 0n && status !== 1n) return `a timestamp response has status ${status} (not granted)`;
  }
  return null;
}
