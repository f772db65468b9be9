/** Google Cloud Trusted Publisher: SAN e-mail == service account, issuer https://accounts.google.com. */
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
    if (identity.issuer !== GOOGLE_ISSUER) {
      reasons.push(
        reason('IDENTITY_ISSUER_MISMATCH', at(attestation, `certificate issuer ${identity.issuer ?? '(none)'}, expected ${GOOGLE_ISSUER}`)),
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
    if (identity.issuer !== GOOGLE_ISSUER || !san || !EMAIL_RE.test(san)) return null;
    return { kind: 'Google', email: san, fromProvenance: false };
  },
};
