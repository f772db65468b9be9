/** Body for a FAILED file: plain reasons; the claimed publisher only as a clearly labelled claim. */
import type { PublisherInfo, Verdict } from '../verify/verdict';
import { ReasonList } from './ReasonList';
import { W } from './wording';

function claimText(p: PublisherInfo): string {
  const parts = [p.kind];
  if (p.repository) parts.push(p.repository);
  if (p.workflow) parts.push(p.workflow);
  if (p.email) parts.push(p.email);
  return parts.join(' · ');
}

export function FailedBody({ verdict }: { verdict: Verdict }) {
  const p = verdict.publisher;
  return (
    <div class="state state--failed">
      <p>{W.failedIntro}</p>
      <ReasonList reasons={verdict.reasons} />
      {p && p.fromProvenance ? (
        <p class="claimed small" data-unverified="">
          <span class="claimed__label">{W.claimedPublisher}:</span> <span class="mono">{claimText(p)}</span>
        </p>
      ) : null}
    </div>
  );
}
