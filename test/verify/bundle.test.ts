import { describe, expect, it } from 'vitest';
import { bundleFromJSON, bundleToJSON } from '@sigstore/bundle';
import { VerificationError } from '@sigstore/verify';
import { attestationToBundleJSON, parseProvenance, reasonForSigstoreError, verifyAttestationSignature } from '../../src/verify/index';
import { inclusionProofInconsistency } from '../../src/verify/bundle';
import { PROD_FIXTURES, clone, prodTrust, readJSON, readText, stagingTrust } from './helpers';

function firstAttestation(rel: string) {
  const r = parseProvenance(readText(rel));
  if (r.status !== 'ok') throw new Error(`fixture ${rel} did not parse`);
  return r.bundles[0]!.attestations[0]!;
}

describe('attestation -> Sigstore bundle v0.3', () => {
  for (const [att, sig] of [
    [
      'pypi-attestation-models/pypi_attestation_models-0.0.4a2.tar.gz.attestation',
      'pypi-attestation-models/pypi_attestation_models-0.0.4a2.tar.gz.sigstore',
    ],
    ['staging/rfc8785/rfc8785-0.1.2-py3-none-any.whl.attestation', 'staging/rfc8785/rfc8785-0.1.2-py3-none-any.whl.sigstore'],
  ]) {
    it(`equals the reference bundle ${sig}`, () => {
      // An absent and an empty timestampVerificationData mean the same; compare without it when empty.
      const norm = (b: any) => {
        const ts = b.verificationMaterial.timestampVerificationData;
        if (!ts || (ts.rfc3161Timestamps ?? []).length === 0) delete b.verificationMaterial.timestampVerificationData;
        return b;
      };
      const mine = norm(bundleToJSON(bundleFromJSON(attestationToBundleJSON(firstAttestation(att!)))));
      const reference = norm(bundleToJSON(bundleFromJSON(readJSON(sig!))));
      expect(mine).toEqual(reference);
      expect(mine.mediaType).toBe('application/vnd.dev.sigstore.bundle.v0.3+json');
      expect(mine.dsseEnvelope?.payloadType).toBe('application/vnd.in-toto+json');
    });
  }

  it('carries RFC 3161 timestamps and only the first transparency entry', () => {
    const a = firstAttestation('staging/pypi-attestations/pypi_attestations-0.0.19.tar.gz.publish.attestation.with_rekor2_timestamp');
    const j = attestationToBundleJSON({ ...a, transparencyEntries: [a.transparencyEntries[0]!, { other: true }] }) as any;
    expect(j.verificationMaterial.tlogEntries).toHaveLength(1);
    expect(j.verificationMaterial.timestampVerificationData.rfc3161Timestamps).toEqual([{ signedTimestamp: a.timestamps[0] }]);
    expect(j.verificationMaterial.certificate.rawBytes).toBe(a.certificate);
    expect(j.dsseEnvelope).toEqual({
      payload: a.statement,
      payloadType: 'application/vnd.in-toto+json',
      signatures: [{ sig: a.signature, keyid: '' }],
    });
  });
});

describe('verifyAttestationSignature', () => {
  it('passes for every production fixture with the production root only', () => {
    for (const f of PROD_FIXTURES) {
      const r = parseProvenance(readText(f.file));
      if (r.status !== 'ok') throw new Error('parse');
      for (const a of r.bundles.flatMap((b) => b.attestations)) {
        expect(verifyAttestationSignature(a, prodTrust()).ok, f.file).toBe(true);
        const s = verifyAttestationSignature(a, stagingTrust());
        expect(s.ok).toBe(false);
        if (!s.ok) expect(s.reasons[0]!.code).toBe('CERTIFICATE_INVALID');
      }
    }
  });

  it('Rekor v2 + RFC 3161 (staging): a TSA timestamp is required when the log gives no time', () => {
    const a = firstAttestation('staging/pypi-attestations/pypi_attestations-0.0.19.tar.gz.publish.attestation.with_rekor2_timestamp');
    expect(verifyAttestationSignature(a, stagingTrust()).ok).toBe(true);
    const noTs = verifyAttestationSignature({ ...a, timestamps: [], timestampsDer: [] }, stagingTrust());
    expect(noTs.ok).toBe(false);
    if (!noTs.ok) expect(noTs.reasons[0]!.code).toBe('TIMESTAMP_INVALID');
    const e = clone(a.transparencyEntries[0]!) as any;
    e.inclusionProof.hashes[1] = e.inclusionProof.hashes[0];
    const badProof = verifyAttestationSignature({ ...a, transparencyEntries: [e] }, stagingTrust());
    if (!badProof.ok) expect(badProof.reasons[0]!.code).toBe('TLOG_INCLUSION_PROOF_INVALID');
    expect(badProof.ok).toBe(false);
  });

  it('inclusionProofInconsistency accepts real entries', () => {
    for (const f of PROD_FIXTURES) {
      const r = parseProvenance(readText(f.file));
      if (r.status !== 'ok') throw new Error('parse');
      expect(inclusionProofInconsistency(r.bundles[0]!.attestations[0]!.transparencyEntries[0])).toBeNull();
    }
    expect(inclusionProofInconsistency({ inclusionProof: { checkpoint: { envelope: 'origin only' } } })).toMatch(/checkpoint/);
    expect(inclusionProofInconsistency({})).toBeNull();
  });
});

describe('reasonForSigstoreError', () => {
  const cases: [string, string, string][] = [
    ['CERTIFICATE_ERROR', 'Failed to verify certificate chain', 'CERTIFICATE_INVALID'],
    ['CERTIFICATE_ERROR', 'expected 1 SCTs, got 0', 'CERTIFICATE_SCT_INVALID'],
    ['TLOG_INCLUSION_PROOF_ERROR', 'x', 'TLOG_INCLUSION_PROOF_INVALID'],
    ['TLOG_INCLUSION_PROMISE_ERROR', 'x', 'TLOG_INCLUSION_PROMISE_INVALID'],
    ['TLOG_MISSING_INCLUSION_ERROR', 'x', 'TLOG_MISSING_INCLUSION'],
    ['TLOG_BODY_ERROR', 'x', 'TLOG_BODY_MISMATCH'],
    ['TLOG_ERROR', 'x', 'TLOG_INVALID'],
    ['SIGNATURE_ERROR', 'x', 'SIGNATURE_INVALID'],
    ['TIMESTAMP_ERROR', 'x', 'TIMESTAMP_INVALID'],
    ['PUBLIC_KEY_ERROR', 'x', 'PUBLIC_KEY_INVALID'],
    ['NOT_IMPLEMENTED_ERROR', 'x', 'SIGSTORE_VERIFICATION_FAILED'],
  ];
  for (const [code, message, expected] of cases) {
    it(`${code} (${message}) -> ${expected}`, () => {
      const r = reasonForSigstoreError(new VerificationError({ code: code as any, message }), 2);
      expect(r).toMatchObject({ code: expected, attestation: 2 });
      expect(r.detail).toContain(message);
    });
  }
  it('any other exception is a failure', () => {
    expect(reasonForSigstoreError(new TypeError('boom')).code).toBe('SIGSTORE_VERIFICATION_FAILED');
    expect(reasonForSigstoreError('weird').code).toBe('SIGSTORE_VERIFICATION_FAILED');
    expect(reasonForSigstoreError(undefined).code).toBe('SIGSTORE_VERIFICATION_FAILED');
  });
});
