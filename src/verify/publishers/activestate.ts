/**
 * ActiveState: a recognised Trusted Publisher kind whose certificate identity could not be confirmed
 * from any source (no real ActiveState provenance exists; pypi-attestations has no policy for it).
 * Decision: it is never 'verified' — every attestation gets PUBLISHER_UNSUPPORTED, so the verdict
 * is 'failed'. The Sigstore and statement layers are still checked and shown.
 */
import { reason } from '../verdict';
import { at, str, type PublisherRule } from './types';

export const activestate: PublisherRule = {
  kind: 'ActiveState',
  describe(raw) {
    const p = { kind: 'ActiveState', fromProvenance: true } as { kind: string; fromProvenance: boolean; repository?: string };
    const org = str(raw.organization);
    const project = str(raw.activestate_project_name);
    if (org !== undefined && project !== undefined) p.repository = `${org}/${project}`;
    return p;
  },
  check(_publisher, _identity, attestation) {
    return [reason('PUBLISHER_UNSUPPORTED', at(attestation, 'cannot check this publisher kind yet: ActiveState'))];
  },
};
