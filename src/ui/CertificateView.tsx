/**
 * The certificate inspector: one collapsible <details> per attestation. Every value is rendered as
 * text (never as a link or markup): certificate fields are attacker-controlled bytes until verified,
 * and even then they are only what the CI identity provider asserted.
 * The Fulcio extensions come in three groups: "who signed" (workflow, repository, commit, ref,
 * visibility, runner) first, then the technical ones, then the deprecated legacy forms, folded.
 */
import type { CertificateExtensionInfo, CertificateInfo } from '../verify/verdict';
import { CopyButton } from './CopyButton';
import { saveTextFile } from './download';
import { Hex, isLongHex } from './Hex';
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

// Fulcio's OID arc (verify/oids.ts FULCIO_OID_PREFIX; not imported: that would bring its name tables into the panel's chunks).
const FULCIO_OID_PREFIX = '1.3.6.1.4.1.57264.1.';
/** Build Config URI, Source Repository URI, Digest, Ref, Visibility At Signing, Runner Environment: in this order. */
const WHO_SIGNED = [18, 12, 13, 14, 22, 11].map((n) => FULCIO_OID_PREFIX + n);
/** Fulcio's deprecated 1.3.6.1.4.1.57264.1.1–.6 (raw strings; superseded by .8 and .9–.22). */
const LEGACY = new Set([1, 2, 3, 4, 5, 6].map((n) => FULCIO_OID_PREFIX + n));

function Value({ value, label }: { value: string | null; label: string }) {
  if (value === null || value === '') return <>{W.none}</>;
  return isLongHex(value) ? <Hex value={value} label={label} /> : <>{value}</>;
}

function Row({ label, value }: { label: string; value: string | null }) {
  return (
    <div class="kv">
      <dt>{label}</dt>
      <dd class="mono">
        <Value value={value} label={label} />
      </dd>
    </div>
  );
}

function Extensions({ list }: { list: CertificateExtensionInfo[] }) {
  return (
    <ul class="exts">
      {list.map((e) => (
        <li class="ext" key={e.oid + e.value} data-oid={e.oid}>
          <div class="ext__head">
            <span class="ext__name">{e.name}</span> <span class="mono ext__oid">{e.oid}</span>
            {e.critical ? <span class="ext__crit"> ({W.critical})</span> : null}
          </div>
          <div class="mono ext__value">
            <Value value={e.value} label={e.name} />
          </div>
          <div class="ext__desc">{e.description}</div>
        </li>
      ))}
    </ul>
  );
}

function Group({ id, title, list }: { id: string; title: string; list: CertificateExtensionInfo[] }) {
  if (list.length === 0) return null;
  return (
    <section class="cert__group" data-group={id}>
      <h4 class="cert__h">{title}</h4>
      <Extensions list={list} />
    </section>
  );
}

export function CertificateView({ certificate: c, integratedTime, filename, index, verified, open }: CertificateViewProps) {
  const v = validity(c.notBefore, c.notAfter, integratedTime);
  const pemName = `${filename}.attestation-${index}.pem`;
  const who = WHO_SIGNED.flatMap((oid) => c.extensions.filter((e) => e.oid === oid));
  const technical = c.extensions.filter((e) => !WHO_SIGNED.includes(e.oid) && !LEGACY.has(e.oid));
  const legacy = c.extensions.filter((e) => LEGACY.has(e.oid));
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
      <Group id="who-signed" title={W.certWhoSigned} list={who} />
      <Group id="technical" title={W.certTechnical} list={technical} />
      {legacy.length > 0 ? (
        <details class="cert__legacy" data-group="legacy">
          <summary>{W.certLegacy}</summary>
          <Extensions list={legacy} />
        </details>
      ) : null}
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
            <div class="small">
              <Value value={ca.fingerprintSha256} label={`${W.fingerprint}, ${ca.subject}`} />
            </div>
          </li>
        ))}
      </ol>
      <h4 class="cert__h">{W.pem}</h4>
      {/* Scrolls: focusable so a keyboard can scroll it (axe scrollable-region-focusable), named for screen readers. */}
      <pre class="pem" tabIndex={0} role="region" aria-label={W.pemLabel(index + 1)}>
        {c.pem}
      </pre>
      <div class="actions">
        <CopyButton text={c.pem} label={W.pem} />
        <button type="button" class="btn btn--small" onClick={() => saveTextFile(pemName, c.pem, 'application/x-pem-file')}>
          {W.savePem}
        </button>
      </div>
    </details>
  );
}
