/**
 * Google Cloud Trusted Publisher: SAN e-mail == service account and issuer
 * https://accounts.google.com, read from the legacy issuer extension (.1) as the reference does
 * (pypi-attestations `GooglePublisher._as_policy` → sigstore-python `policy.Identity`, whose issuer
 * check is `OIDCIssuer`, OID 1.3.6.1.4.1.57264.1.1).
 */
import { reason, type PublisherInfo, type Reason } from '../verdict';
import { at, str, type PublisherRule } from './types';

export const GOOGLE_ISSUER = 'https://accounts.google.com';
const EMAIL_RE = /^[^\s@/]+@[^\s@/]+$/;

export const google: PublisherRule = {
  kind: 'Google',
  describe(raw) {
    const p: PublisherInfo = { kind: 'Google', fromProvenance: true };
    const email = str(raw.email);
    if (email !== undefined) p.email = email;
    return p;
  },
  check(publisher, identity, attestation) {
    const email = publisher.email;
    if (!email || !EMAIL_RE.test(email)) return [reason('PUBLISHER_MALFORMED', at(attestation, 'email is missing or malformed'))];
    const reasons: Reason[] = [];
    if (identity.issuerV1 !== GOOGLE_ISSUER) {
      reasons.push(
        reason(
          'IDENTITY_ISSUER_MISMATCH',
          at(attestation, `certificate issuer (1.3.6.1.4.1.57264.1.1) ${identity.issuerV1 ?? '(none)'}, expected ${GOOGLE_ISSUER}`),
        ),
      );
    }
    if (identity.subjectAlternativeName !== email) {
      reasons.push(
        reason(
          'IDENTITY_EMAIL_MISMATCH',
          at(attestation, `certificate names ${identity.subjectAlternativeName ?? '(none)'}, expected ${email}`),
        ),
      );
    }
    return reasons;
  },
  infer(identity) {
    const san = identity.subjectAlternativeName;
    if (identity.issuerV1 !== GOOGLE_ISSUER || !san || !EMAIL_RE.test(san)) return null;
    return { kind: 'Google', email: san, fromProvenance: false };
  },
};
