/**
 * One entry per attestation: friendly predicate name, result, log entry, time and the certificate
 * (the log entry and time only once per panel: not again for the attestation "What this proves" cites).
 * For attestations that did not verify, nothing is linked and the content is marked as unverified.
 */
import type { AttestationResult, Reason, TransparencyLogInfo } from '../verify/verdict';
import { CertificateView } from './CertificateView';
import { logEntryUrl } from './links';
import { ReasonList } from './ReasonList';
import { SafeLink } from './SafeLink';
import { formatUtc } from './time';
import { predicateName, W } from './wording';

function LogEntry({ tlog, link }: { tlog: TransparencyLogInfo | null; link: boolean }) {
  if (!tlog) return <span>{W.none}</span>;
  const text =
    tlog.rekorVersion === 2
      ? W.rekorV2Entry(tlog.checkpointOrigin ?? tlog.logBaseUrl ?? 'Rekor v2', tlog.logIndex)
      : W.rekorEntry(tlog.logIndex);
  return (
    <SafeLink href={link ? logEntryUrl(tlog) : null} class="mono">
      {text}
    </SafeLink>
  );
}

export function AttestationList({
  attestations,
  filename,
  shown = [],
  logShownFor = null,
}: {
  attestations: AttestationResult[];
  filename: string;
  shown?: Reason[];
  /** The attestation whose log entry "What this proves" already shows: its rows are not repeated. */
  logShownFor?: AttestationResult | null;
}) {
  if (attestations.length === 0) return null;
  // Reasons already listed for the whole file are not repeated per attestation.
  const seen = new Set(shown.map((r) => `${r.code}\u0000${r.message}\u0000${r.detail ?? ''}`));
  const own = (a: AttestationResult) => a.reasons.filter((r) => !seen.has(`${r.code}\u0000${r.message}\u0000${r.detail ?? ''}`));
  return (
    <section class="atts" aria-labelledby="atts-h">
      <h3 id="atts-h">{W.attestationsTitle}</h3>
      <ol class="atts__list">
        {attestations.map((a) => (
          <li key={a.index} class={`att att--${a.ok ? 'ok' : 'failed'}`} {...(a.ok ? {} : { 'data-unverified': '' })}>
            <div class="att__head">
              <span class="att__type">{predicateName(a.predicateType)}</span>{' '}
              <span class={`att__result att__result--${a.ok ? 'ok' : 'failed'}`}>{a.ok ? W.attestationOk : W.attestationFailed}</span>
            </div>
            {a === logShownFor && a.tlog ? null : (
              <dl class="kvs">
                <div class="kv">
                  <dt>{W.logEntry}</dt>
                  <dd>
                    <LogEntry tlog={a.tlog} link={a.ok} />
                  </dd>
                </div>
                <div class="kv">
                  <dt>{W.logTime}</dt>
                  <dd>{a.tlog?.integratedTime ? formatUtc(a.tlog.integratedTime) : W.noLogTime}</dd>
                </div>
              </dl>
            )}
            {a.ok ? null : <ReasonList reasons={own(a)} consequences={false} />}
            {a.certificate ? (
              <CertificateView
                certificate={a.certificate}
                integratedTime={a.tlog?.integratedTime ?? null}
                filename={filename}
                index={a.index}
                verified={a.ok}
              />
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
