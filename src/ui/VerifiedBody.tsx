/** Body of the panel for a verified file: uploaded-from, built-by (if SLSA verified), what is not proven. */
import type { AttestationResult, Verdict } from '../verify/verdict';
import { BuiltBy } from './BuiltBy';
import { provenIdentity, slsaFacts, uploadAttestation, type SlsaFacts } from './identity';
import { NotProven } from './NotProven';
import { ReasonList } from './ReasonList';
import { UploadedFrom } from './UploadedFrom';

/** The attestation "What this proves" cites (its identity, commit and log entry), if any. */
export function citedAttestation(verdict: Verdict): AttestationResult | null {
  const att = uploadAttestation(verdict);
  return att && provenIdentity(att.identity ?? null) ? att : null;
}

export function VerifiedBody({ verdict }: { verdict: Verdict }) {
  const att = citedAttestation(verdict);
  const id = provenIdentity(att?.identity ?? null);
  const slsa = verdict.attestations.map(slsaFacts).filter((f): f is SlsaFacts => f !== null);
  return (
    <div class="state state--verified">
      {att && id ? <UploadedFrom identity={id} att={att} publisher={verdict.publisher} /> : null}
      {slsa.map((f, i) => (
        <BuiltBy key={i} facts={f} />
      ))}
      <ReasonList reasons={verdict.reasons} />
      <NotProven hasSlsa={slsa.length > 0} />
    </div>
  );
}
