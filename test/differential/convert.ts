/**
 * Sigstore bundle (v0.3, DSSE) → PEP 740 attestation object, the way pypi-attestations'
 * `Attestation.from_bundle` does it (certificate DER, the one tlog entry as protobuf JSON, the
 * envelope's payload and single signature), plus the bundle's RFC 3161 timestamps as
 * `verification_material.timestamps` (the shape of pypi-attestations' `…with_rekor2_timestamp`
 * asset). Returns null when from_bundle would raise ConversionError (no DSSE envelope, or not
 * exactly one signature).
 */
export function bundleToAttestation(bundle: any): Record<string, unknown> | null {
  const env = bundle?.dsseEnvelope;
  if (!env || !Array.isArray(env.signatures) || env.signatures.length !== 1) return null;
  const vm = bundle.verificationMaterial;
  const certificate = vm.certificate?.rawBytes ?? vm.x509CertificateChain?.certificates?.[0]?.rawBytes;
  const timestamps = (vm.timestampVerificationData?.rfc3161Timestamps ?? []).map((t: any) => t.signedTimestamp);
  return {
    version: 1,
    verification_material: {
      certificate,
      transparency_entries: [vm.tlogEntries[0]],
      ...(timestamps.length > 0 ? { timestamps } : {}),
    },
    envelope: { statement: env.payload, signature: env.signatures[0].sig },
  };
}

/** A provenance object with one bundle for `publisher`. */
export function asProvenance(attestation: unknown, publisher: Record<string, unknown>): Record<string, unknown> {
  return { version: 1, attestation_bundles: [{ publisher, attestations: [attestation] }] };
}
