/**
 * PEP 740 attestation -> Sigstore bundle v0.3, and the Sigstore layer of verification
 * (Fulcio chain, SCT, Rekor inclusion proof/promise/checkpoint, timestamps, DSSE signature).
 * Identity is NOT checked here (no SAN policy): see publishers/.
 */
import { bundleFromJSON, ValidationError, type Bundle } from '@sigstore/bundle';
import { toSignedEntity, Verifier, VerificationError } from '@sigstore/verify';
import { decodeBase64Strict } from './base64';
import { attestationLogMismatch, certificateProfileProblem, timestampStatusProblem } from './binding';
import { INTOTO_PAYLOAD_TYPE } from './hashedrekord';
import { isRecord, type ParsedAttestation } from './provenance';
import type { LoadedTrust } from './trust';
import { reason, type Reason, type ReasonCode } from './verdict';

export const BUNDLE_V03_MEDIA_TYPE = 'application/vnd.dev.sigstore.bundle.v0.3+json';

/** The Sigstore bundle (protobuf-specs JSON form) for one attestation. Only transparency_entries[0] is used. */
export function attestationToBundleJSON(
  att: Pick<ParsedAttestation, 'certificate' | 'transparencyEntries' | 'timestamps' | 'statement' | 'signature'>,
): Record<string, unknown> {
  return {
    mediaType: BUNDLE_V03_MEDIA_TYPE,
    verificationMaterial: {
      certificate: { rawBytes: att.certificate },
      tlogEntries: att.transparencyEntries.slice(0, 1),
      timestampVerificationData: {
        rfc3161Timestamps: att.timestamps.map((signedTimestamp) => ({ signedTimestamp })),
      },
    },
    dsseEnvelope: {
      payload: att.statement,
      payloadType: INTOTO_PAYLOAD_TYPE,
      signatures: [{ sig: att.signature, keyid: '' }],
    },
  };
}

const CODE_MAP: Record<string, ReasonCode> = {
  CERTIFICATE_ERROR: 'CERTIFICATE_INVALID',
  TLOG_INCLUSION_PROOF_ERROR: 'TLOG_INCLUSION_PROOF_INVALID',
  TLOG_INCLUSION_PROMISE_ERROR: 'TLOG_INCLUSION_PROMISE_INVALID',
  TLOG_MISSING_INCLUSION_ERROR: 'TLOG_MISSING_INCLUSION',
  TLOG_BODY_ERROR: 'TLOG_BODY_MISMATCH',
  TLOG_ERROR: 'TLOG_INVALID',
  SIGNATURE_ERROR: 'SIGNATURE_INVALID',
  TIMESTAMP_ERROR: 'TIMESTAMP_INVALID',
  PUBLIC_KEY_ERROR: 'PUBLIC_KEY_INVALID',
};

function errorMessage(e: unknown): string {
  const m = (e as Error)?.message;
  return typeof m === 'string' && m.length > 0 ? m : String(e);
}

/** Map an exception from @sigstore/verify to our reason code. Anything unexpected is a failure, never a pass. */
export function reasonForSigstoreError(e: unknown, attestation?: number): Reason {
  const extra = (detail: string) => (attestation === undefined ? { detail } : { detail, attestation });
  if (e instanceof VerificationError) {
    const detail = `${e.code}: ${errorMessage(e)}`;
    let code: ReasonCode = CODE_MAP[e.code] ?? 'SIGSTORE_VERIFICATION_FAILED';
    if (code === 'CERTIFICATE_INVALID' && /\bSCTs?\b|certificate transparency|ctlog/i.test(errorMessage(e)))
      code = 'CERTIFICATE_SCT_INVALID';
    return reason(code, extra(detail));
  }
  return reason('SIGSTORE_VERIFICATION_FAILED', extra(`${(e as Error)?.name ?? 'Error'}: ${errorMessage(e)}`));
}

/**
 * @sigstore/verify checks the Merkle proof against the *signed checkpoint* and ignores the
 * unsigned `inclusionProof.rootHash` / `treeSize` fields. Require them to agree with the
 * checkpoint, so nothing unsigned and contradictory is shown as log data. Returns a detail or null.
 */
export function inclusionProofInconsistency(entry: Record<string, unknown> | undefined): string | null {
  const proof = entry && isRecord(entry.inclusionProof) ? entry.inclusionProof : undefined;
  if (!proof) return null;
  const envelope = isRecord(proof.checkpoint) && typeof proof.checkpoint.envelope === 'string' ? proof.checkpoint.envelope : '';
  const lines = envelope.split('\n');
  if (lines.length < 3) return 'checkpoint has no tree size and root hash';
  const [, size, root] = lines as [string, string, string];
  if (String(proof.treeSize) !== size) return `inclusion proof tree size ${String(proof.treeSize)} differs from the checkpoint's ${size}`;
  const a = typeof proof.rootHash === 'string' ? decodeBase64Strict(proof.rootHash) : null;
  const b = decodeBase64Strict(root);
  if (!a || !b || a.length !== b.length || a.some((x, i) => x !== b[i])) return "inclusion proof root hash differs from the checkpoint's";
  return null;
}

/**
 * The checks @sigstore/verify does not make, run after it passed: the inclusion proof agrees with
 * its checkpoint (`inclusionProof: false` when the log is not one we can check), the leaf is a
 * code-signing certificate, the log entry body binds the attestation, every timestamp was granted.
 * The first failure, or null. Also used for the checkable part of an attestation (freshness.ts).
 */
export function bindingProblem(att: ParsedAttestation, opts: { inclusionProof: boolean }): Reason | null {
  const fail = (code: ReasonCode, detail: string | null) => (detail === null ? null : reason(code, { attestation: att.index, detail }));
  return (
    (opts.inclusionProof ? fail('TLOG_INCLUSION_PROOF_INVALID', inclusionProofInconsistency(att.transparencyEntries[0])) : null) ??
    fail('CERTIFICATE_INVALID', certificateProfileProblem(att.certificateDer)) ??
    fail('TLOG_BODY_MISMATCH', attestationLogMismatch(att)) ??
    fail('TIMESTAMP_INVALID', timestampStatusProblem(att.timestampsDer))
  );
}

export type SignatureCheck = { ok: true; bundle: Bundle } | { ok: false; reasons: Reason[]; bundle: Bundle | null };

/**
 * Verify the Sigstore layer of one attestation against the trust material.
 * Thresholds: ≥1 tlog entry, ≥1 SCT, ≥1 verified timestamp. Never throws.
 */
export function verifyAttestationSignature(att: ParsedAttestation, trust: LoadedTrust): SignatureCheck {
  let bundle: Bundle;
  try {
    bundle = bundleFromJSON(attestationToBundleJSON(att));
  } catch (e) {
    const fields =
      e instanceof ValidationError && Array.isArray(e.fields) && e.fields.length > 0 ? ` (${e.fields.slice(0, 8).join(', ')})` : '';
    return {
      ok: false,
      bundle: null,
      reasons: [reason('BUNDLE_CONVERSION_FAILED', { attestation: att.index, detail: errorMessage(e) + fields })],
    };
  }
  try {
    const entity = toSignedEntity(bundle);
    new Verifier(trust.material, { tlogThreshold: 1, ctlogThreshold: 1, timestampThreshold: 1 }).verify(entity);
    const problem = bindingProblem(att, { inclusionProof: true });
    return problem === null ? { ok: true, bundle } : { ok: false, bundle, reasons: [problem] };
  } catch (e) {
    return { ok: false, bundle, reasons: [reasonForSigstoreError(e, att.index)] };
  }
}
