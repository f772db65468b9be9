/**
 * Body for a FAILED file: plain reasons; the claimed publisher only as a clearly labelled claim;
 * then what to do: don't install, the possible causes, how to compare with PyPI, where to report.
 */
import type { PublisherInfo, Verdict } from '../verify/verdict';
import { fileDetailsUrl, releaseUrl } from './links';
import { ReasonList } from './ReasonList';
import { SafeLink } from './SafeLink';
import { W } from './wording';

const PYPI_SECURITY = 'https://pypi.org/security/';

function claimText(p: PublisherInfo): string {
  const parts = [p.kind];
  if (p.repository) parts.push(p.repository);
  if (p.workflow) parts.push(p.workflow);
  if (p.email) parts.push(p.email);
  return parts.join(' · ');
}

export function FailedBody({
  verdict,
  release,
}: {
  verdict: Verdict;
  release?: { index: string; project: string; version: string | null };
}) {
  const p = verdict.publisher;
  // PyPI's own details of this file (hashes, Provenance section); the release page when there is none.
  const details = release ? fileDetailsUrl(release.index, release.project, release.version, verdict.filename) : null;
  const compare = details ?? (release ? releaseUrl(release.index, release.project, release.version) : null);
  return (
    <div class="state state--failed">
      <p>{W.failedIntro}</p>
      <ReasonList reasons={verdict.reasons} />
      {p && p.fromProvenance ? (
        <p class="claimed small" data-unverified="">
          <span class="claimed__label">{W.claimedPublisher}:</span> <span class="mono">{claimText(p)}</span>
        </p>
      ) : null}
      <div class="todo" data-section="failed-advice">
        <p class="todo__first">{W.failedDoNotInstall}</p>
        <h3 class="todo__h">{W.failedCausesTitle}</h3>
        <ul class="todo__causes">
          {W.failedCauses.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ul>
        <p>
          {W.failedCompare}{' '}
          {compare ? (
            <SafeLink href={compare} class="todo__compare">
              {details ? W.failedCompareFileLink : W.failedCompareLink}
            </SafeLink>
          ) : null}
        </p>
        <p>
          {W.failedReport}{' '}
          <SafeLink href={PYPI_SECURITY} class="todo__report">
            {W.failedReportLink}
          </SafeLink>
        </p>
      </div>
    </div>
  );
}
