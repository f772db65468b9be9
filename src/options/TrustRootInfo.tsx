/**
 * The trust root bundled with this extension (the fallback when no refreshed one is usable), from
 * public/trust/meta.json (imported at build time): folded, since the root in use is shown above it;
 * the notice that it expired is not folded.
 */
import meta from '../../public/trust/meta.json';
import { formatUtc, parseTime } from '../ui/time';
import { O } from '../ui/wording';

export interface TrustMeta {
  source?: string;
  trustedRootSha256?: string;
  tufRootVersion?: number;
  tufRootExpires?: string;
  recorded?: string;
}

export function TrustRootInfo({ info = meta as TrustMeta, now = new Date() }: { info?: TrustMeta; now?: Date }) {
  const expires = parseTime(info.tufRootExpires);
  const expired = expires !== null && expires.getTime() < now.getTime();
  return (
    <div class="trust">
      <details id="trust-bundled">
        <summary>{O.trustBundledFacts}</summary>
        <dl class="kvs">
          <dt>{O.trustSha}</dt>
          <dd class="mono" id="trust-sha256">
            {info.trustedRootSha256 ?? '—'}
          </dd>
          <dt>{O.trustDate}</dt>
          <dd id="trust-date">{info.recorded ?? '—'}</dd>
          <dt>{O.tufVersion}</dt>
          <dd id="tuf-version">{info.tufRootVersion ?? '—'}</dd>
          <dt>{O.tufExpires}</dt>
          <dd id="tuf-expires">{info.tufRootExpires ? formatUtc(info.tufRootExpires) : '—'}</dd>
          <dt>{O.trustSource}</dt>
          <dd class="small">{info.source ?? '—'}</dd>
        </dl>
      </details>
      {expired ? (
        <p class="notice" id="tuf-expired">
          {O.tufExpired(formatUtc(info.tufRootExpires))}
        </p>
      ) : null}
    </div>
  );
}
