/**
 * The certificate inspector: one collapsible <details> per attestation. Every value is rendered as
 * text (never as a link or markup): certificate fields are attacker-controlled bytes until verified,
 * and even then they are only what the CI identity provider asserted.
 */
import type { CertificateInfo } from '../verify/verdict';
import { CopyButton } from './CopyButton';
import { saveTextFile } from './download';
import { formatUtc, validity } from './time';
import { validitySentence, W } from './wording';

export interface CertificateViewProps {
  certificate: CertificateInfo;
  /** Log integration time (ISO) to compare with the validity window. */
  integratedTime: string | null;
  /** Used for the saved file name. */
  filename: string;
  index: number;
  /** false: the attestation did not verify; the summary line says so. */
  verified: boolean;
  open?: boolean;
}

function Row({ label, value }: { label: string; value: string | null }) {
  return (
    <div class="kv">
      <dt>{label}</dt>
      <dd class="mono">{value === null || value === '' ? W.none : value}</dd>
    </div>
  );
}

export function CertificateView({ certificate: c, integratedTime, filename, index, verified, open }: CertificateViewProps) {
  const v = validity(c.notBefore, c.notAfter, integratedTime);
  const pemName = `${filename}.attestation-${index}.pem`;
  return (
    <details class={`cert${verified ? '' : ' cert--unverified'}`} open={open} {...(verified ? {} : { 'data-unverified': '' })}>
      <summary>{verified ? W.certificate : W.unverifiedCert}</summary>
      <dl class="kvs">
        <Row label={W.san} value={c.subjectAlternativeName} />
        <Row label={W.issuerDn} value={c.issuer} />
        <Row label={W.subject} value={c.subject} />
        <Row label={W.serial} value={c.serialNumber} />
        <Row label={W.fingerprint} value={c.fingerprintSha256} />
        <div class="kv">
          <dt>{W.validity}</dt>
          <dd class={v?.logged && !v.logged.inside ? 'validity validity--outside' : 'validity'}>
            {v ? validitySentence(v.window, v.logged) : `${c.notBefore} – ${c.notAfter}`}
          </dd>
        </div>
      </dl>
      <h4 class="cert__h">{W.extensions}</h4>
      <ul class="exts">
        {c.extensions.map((e) => (
          <li class="ext" key={e.oid + e.value}>
            <div class="ext__head">
              <span class="ext__name">{e.name}</span> <span class="mono ext__oid">{e.oid}</span>
              {e.critical ? <span class="ext__crit"> ({W.critical})</span> : null}
            </div>
            <div class="mono ext__value">{e.value}</div>
            <div class="ext__desc">{e.description}</div>
          </li>
        ))}
      </ul>
      <h4 class="cert__h">{W.chain}</h4>
      <ol class="chain">
        {c.chain.map((ca) => (
          <li key={ca.fingerprintSha256}>
            <div class="mono">{ca.subject}</div>
            <div class="small">
              {W.issuerDn}: <span class="mono">{ca.issuer}</span>
            </div>
            <div class="small">
              {formatUtc(ca.notBefore)} – {formatUtc(ca.notAfter)}
            </div>
            <div class="small mono">{ca.fingerprintSha256}</div>
          </li>
        ))}
      </ol>
      <h4 class="cert__h">{W.pem}</h4>
      <pre class="pem">{c.pem}</pre>
      <div class="actions">
        <CopyButton text={c.pem} label={W.pem} />
        <button type="button" class="btn btn--small" onClick={() => saveTextFile(pemName, c.pem, 'application/x-pem-file')}>
          {W.savePem}
        </button>
      </div>
    </details>
  );
}
