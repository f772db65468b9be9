import type { PublisherInfo, Reason, SigningIdentity } from '../verdict';

/** One Trusted Publisher kind: how to read it from provenance, check it against a certificate, infer it. */
export interface PublisherRule {
  kind: string;
  /** PublisherInfo from the provenance's publisher object (fields not validated; check() does). */
  describe(raw: Record<string, unknown>): PublisherInfo;
  /** Reasons why the certificate identity does NOT match the publisher; [] = match. */
  check(publisher: PublisherInfo, identity: SigningIdentity, attestation?: number): Reason[];
  /** The publisher a certificate identity implies, or null if this kind does not apply. */
  infer?(identity: SigningIdentity): PublisherInfo | null;
}

export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export const envOf = (v: unknown): string | null => (typeof v === 'string' ? v : null);

export function at(attestation: number | undefined, detail?: string): { attestation?: number; detail?: string } {
  const o: { attestation?: number; detail?: string } = {};
  if (attestation !== undefined) o.attestation = attestation;
  if (detail !== undefined) o.detail = detail;
  return o;
}
