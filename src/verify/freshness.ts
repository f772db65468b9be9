/**
 * Trust-root freshness: what to say when an attestation names a Sigstore key (Rekor log, Fulcio
 * CA, CT log, timestamp authority) that the trust root in use does not contain.
 *
 * Sigstore adds keys to its trust root before it uses them. So a missing key means one of:
 *  - our root is behind (it was not refreshed through TUF after the signature was made): we cannot
 *    tell a genuine new key from a made-up one, so the attestation "could not be checked" (`error`),
 *    provided every check that does not need the missing key passes;
 *  - our root was refreshed after the signature's time and still lacks the key: the key is not
 *    Sigstore's, and the attestation `failed`.
 * Checks that need no missing key still run (the DSSE signature against the certificate's key,
 * the checks of bundle.ts `bindingProblem`, every known key), so a tampered signature under a known key stays `failed`.
 * The signature's time is the latest time the attestation claims (log time, RFC 3161 times,
 * certificate start): unverified, but a false time can only turn a red verdict grey, never green.
 */
import { bundleFromJSON } from '@sigstore/bundle';
import { crypto, RFC3161Timestamp, X509Certificate } from '@sigstore/core';
import { toSignedEntity, Verifier, type SignedEntity, type TrustMaterial } from '@sigstore/verify';
import { attestationToBundleJSON, bindingProblem, reasonForSigstoreError } from './bundle';
import { toBuffer } from './certificate';
import { isRecord, type ParsedAttestation } from './provenance';
import type { LoadedTrust } from './trust';
import { reason, type Reason } from './verdict';

export type KeyKind = 'rekor' | 'fulcio' | 'ctlog' | 'tsa';

export interface UnknownKey {
  kind: KeyKind;
  /** What identifies the key: a log id (base64), a key identifier (hex) or a serial number (hex). */
  id: string;
}

const KIND_NAMES: Record<KeyKind, string> = {
  rekor: 'Rekor transparency log',
  fulcio: 'Fulcio certificate authority',
  ctlog: 'certificate-transparency log',
  tsa: 'timestamp authority',
};

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

function parseLeaf(att: ParsedAttestation): X509Certificate | null {
  try {
    return X509Certificate.parse(toBuffer(att.certificateDer));
  } catch {
    return null;
  }
}

function parseTimestamps(att: ParsedAttestation): RFC3161Timestamp[] {
  const out: RFC3161Timestamp[] = [];
  for (const der of att.timestampsDer) {
    try {
      out.push(RFC3161Timestamp.parse(toBuffer(der)));
    } catch {
      /* unreadable: @sigstore/verify reports it */
    }
  }
  return out;
}

/** The trust root's CA whose first certificate carries the key the leaf names as its issuer (by key identifier, else by name). */
function knownIssuer(leaf: X509Certificate, material: TrustMaterial): X509Certificate | null {
  let aki: Buffer | undefined;
  try {
    aki = leaf.extAuthorityKeyID?.keyIdentifier;
  } catch {
    aki = undefined;
  }
  for (const ca of material.certificateAuthorities) {
    const first = ca.certChain[0];
    if (!first) continue;
    try {
      const ski = first.extSubjectKeyID?.keyIdentifier;
      if (aki && ski ? aki.equals(ski) : first.subject.equals(leaf.issuer)) return first;
    } catch {
      /* a CA certificate without readable names cannot be this issuer */
    }
  }
  return null;
}

function sctLogIds(leaf: X509Certificate): Buffer[] {
  try {
    return leaf.extSCT?.signedCertificateTimestamps.map((s) => s.logID) ?? [];
  } catch {
    return [];
  }
}

function tsaKnown(ts: RFC3161Timestamp, material: TrustMaterial): boolean {
  return material.timestampAuthorities.some((ca) => {
    const first = ca.certChain[0];
    return !!first && first.serialNumber.equals(ts.signerSerialNumber) && first.issuer.equals(ts.signerIssuer);
  });
}

function entryLogId(att: ParsedAttestation): string {
  const entry = att.transparencyEntries[0];
  return entry && isRecord(entry.logId) && typeof entry.logId.keyId === 'string' ? entry.logId.keyId : '';
}

/** The Sigstore keys the attestation names that the trust root does not contain. */
export function unknownKeys(att: ParsedAttestation, trust: LoadedTrust): UnknownKey[] {
  const material = trust.material;
  const out: UnknownKey[] = [];
  const logId = entryLogId(att);
  if (logId && !material.tlogs.some((t) => t.logID.toString('base64') === logId)) out.push({ kind: 'rekor', id: logId });
  const leaf = parseLeaf(att);
  if (leaf) {
    if (!knownIssuer(leaf, material)) {
      let id = '';
      try {
        id = hex(leaf.extAuthorityKeyID?.keyIdentifier ?? new Uint8Array());
      } catch {
        id = '';
      }
      out.push({ kind: 'fulcio', id });
    }
    for (const sctLog of sctLogIds(leaf)) {
      if (!material.ctlogs.some((l) => l.logID.equals(sctLog))) out.push({ kind: 'ctlog', id: sctLog.toString('base64') });
    }
  }
  for (const ts of parseTimestamps(att)) {
    if (!tsaKnown(ts, material)) out.push({ kind: 'tsa', id: hex(ts.signerSerialNumber) });
  }
  return out;
}

/** The latest time the attestation claims for its signature (log time, RFC 3161 times, certificate start); null if none. */
export function claimedSignatureTime(att: ParsedAttestation): Date | null {
  const times: number[] = [];
  const entry = att.transparencyEntries[0];
  const integrated = Number(entry?.integratedTime ?? 0);
  if (Number.isSafeInteger(integrated) && integrated > 0) times.push(integrated * 1000);
  for (const ts of parseTimestamps(att)) times.push(ts.signingTime.getTime());
  const leaf = parseLeaf(att);
  if (leaf) times.push(leaf.notBefore.getTime());
  const finite = times.filter((t) => Number.isFinite(t));
  return finite.length === 0 ? null : new Date(Math.max(...finite));
}

/** Whether a root refreshed through TUF at `refreshedAt` was current when the attestation was signed. */
export function knownCurrentAt(refreshedAt: Date | undefined, signedAt: Date | null): boolean {
  return refreshedAt !== undefined && signedAt !== null && refreshedAt.getTime() >= signedAt.getTime();
}

/**
 * Run @sigstore/verify with only the checks that need no unknown key: the log entry is set aside
 * when its log is unknown, timestamps from unknown authorities are dropped, and when the leaf's
 * CA or a CT log is unknown the leaf's own key stands in for the certificate path (then a known
 * CA must still have signed the leaf). Returns the failures ([] = everything checkable passed).
 */
export function verifyKnownParts(att: ParsedAttestation, trust: LoadedTrust, unknown: UnknownKey[]): Reason[] {
  const has = (k: KeyKind) => unknown.some((u) => u.kind === k);
  const fail = (code: Parameters<typeof reason>[0], detail: string) => [reason(code, { attestation: att.index, detail })];
  try {
    const entity = toSignedEntity(bundleFromJSON(attestationToBundleJSON(att)));
    const leaf = entity.key.$case === 'certificate' ? entity.key.certificate : null;
    if (!leaf) return fail('CERTIFICATE_INVALID', 'the attestation has no certificate');
    const timestamps = entity.timestamps.filter((t) => t.$case !== 'timestamp-authority' || tsaKnown(t.timestamp, trust.material));
    const certPath = !has('fulcio') && !has('ctlog') && timestamps.length > 0;
    const partial: SignedEntity = {
      ...entity,
      timestamps,
      tlogEntries: has('rekor') ? [] : entity.tlogEntries,
      key: certPath ? entity.key : { $case: 'public-key', hint: 'leaf' },
    };
    const leafKey = crypto.createPublicKey(leaf.publicKey);
    const material: TrustMaterial = certPath
      ? trust.material
      : { ...trust.material, publicKey: () => ({ publicKey: leafKey, validFor: () => true }) };
    new Verifier(material, { tlogThreshold: has('rekor') ? 0 : 1, ctlogThreshold: certPath ? 1 : 0, timestampThreshold: 0 }).verify(
      partial,
    );
    if (!certPath && !has('fulcio')) {
      const issuer = knownIssuer(leaf, trust.material);
      if (!issuer || !leaf.verify(issuer))
        return fail('CERTIFICATE_INVALID', "the certificate authority's key does not verify the certificate");
    }
    const problem = bindingProblem(att, { inclusionProof: !has('rekor') });
    return problem === null ? [] : [problem];
  } catch (e) {
    return [reasonForSigstoreError(e, att.index)];
  }
}

export function describeUnknownKeys(unknown: UnknownKey[]): string {
  return unknown.map((u) => `${KIND_NAMES[u.kind]}${u.id ? ` ${u.id}` : ''}`).join('; ');
}

/**
 * After the Sigstore layer failed: `null` when every key the attestation names is in the trust
 * root (the failure stands as it is); `behind` when a key is missing and the root may be behind
 * and everything checkable passed (the caller says "could not check"); otherwise `failed` with
 * the reasons to add to the Sigstore layer's own.
 */
export function judgeUnknownKeys(
  att: ParsedAttestation,
  trust: LoadedTrust,
  refreshedAt: Date | undefined,
): null | { kind: 'behind'; reason: Reason } | { kind: 'failed'; reasons: Reason[] } {
  const unknown = unknownKeys(att, trust);
  if (unknown.length === 0) return null;
  const detail = describeUnknownKeys(unknown);
  const signedAt = claimedSignatureTime(att);
  if (knownCurrentAt(refreshedAt, signedAt)) {
    return {
      kind: 'failed',
      reasons: [
        reason('TRUST_ROOT_KEY_NOT_TRUSTED', {
          attestation: att.index,
          detail: `${detail} (trust root refreshed ${refreshedAt!.toISOString()}, signed ${signedAt!.toISOString()})`,
        }),
      ],
    };
  }
  const failures = verifyKnownParts(att, trust, unknown);
  if (failures.length > 0) return { kind: 'failed', reasons: failures };
  return { kind: 'behind', reason: reason('TRUST_ROOT_KEY_UNKNOWN', { attestation: att.index, detail }) };
}
