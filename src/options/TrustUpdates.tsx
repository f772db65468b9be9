/**
 * Options page "Trust root" facts that change at run time: the root in use (bundled or refreshed
 * through TUF), its TUF root version, when it was last confirmed current, the last update attempt
 * and its result, when the next update is due, the on/off switch and "Check now".
 */
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import type { TrustRootStatus } from '../background/trust-updates';
import type { TrustStatusRequest } from '../messages';
import { formatUtc } from '../ui/time';
import { O } from '../ui/wording';
import { Toggle } from './Toggle';

function isStatus(v: unknown): v is { ok: true; status: TrustRootStatus } {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as { ok?: unknown; status?: unknown };
  const s = r.status as Partial<TrustRootStatus> | undefined;
  return r.ok === true && typeof s === 'object' && s !== null && (s.source === 'bundled' || s.source === 'refreshed');
}

async function ask(refresh: boolean): Promise<TrustRootStatus | null> {
  const req: TrustStatusRequest = refresh ? { type: 'trust-status', refresh: true } : { type: 'trust-status' };
  const res: unknown = await browser.runtime.sendMessage(req);
  return isStatus(res) ? res.status : null;
}

export function TrustUpdates(props: { enabled: boolean; locked?: boolean; onChange(v: boolean): void }) {
  const [status, setStatus] = useState<TrustRootStatus | null>(null);
  const [checking, setChecking] = useState(false);

  useEffect(() => {
    let live = true;
    ask(false).then(
      (s) => live && setStatus(s),
      () => undefined, // no worker answer: the bundled facts below still show
    );
    return () => {
      live = false;
    };
  }, [props.enabled]);

  const checkNow = async () => {
    setChecking(true);
    try {
      setStatus((await ask(true)) ?? status);
    } catch {
      /* the attempt's result shows once the worker answers again */
    } finally {
      setChecking(false);
    }
  };

  const attempt = status?.lastAttempt;
  return (
    <div class="trust-updates">
      <Toggle
        id="trust-updates"
        label={O.trustUpdates}
        help={O.trustUpdatesHelp}
        checked={props.enabled}
        locked={props.locked}
        onChange={props.onChange}
      />
      {status ? (
        <dl class="kvs">
          <dt>{O.trustInUse}</dt>
          <dd id="trust-in-use" data-source={status.source}>
            {status.source === 'refreshed' ? O.trustRefreshed : O.trustBundled}
          </dd>
          <dt>{O.tufVersion}</dt>
          <dd id="trust-tuf-version">{status.tufRootVersion ?? '—'}</dd>
          <dt>{O.trustRefreshedAt}</dt>
          <dd id="trust-refreshed-at">{status.refreshedAt ? formatUtc(status.refreshedAt) : '—'}</dd>
          <dt>{O.trustLastAttempt}</dt>
          <dd id="trust-last-attempt" data-ok={attempt ? String(attempt.ok) : undefined} data-status={attempt?.status}>
            {attempt ? `${formatUtc(attempt.at)}: ${attempt.message}` : O.trustNever}
          </dd>
          <dt>{O.trustNextExpiry}</dt>
          <dd id="trust-next-expiry">{status.timestampExpires ? formatUtc(status.timestampExpires) : '—'}</dd>
          <dt>{O.tufExpires}</dt>
          <dd id="trust-tuf-expires">{status.tufRootExpires ? formatUtc(status.tufRootExpires) : '—'}</dd>
          <dt>{O.trustInUseSha}</dt>
          <dd class="mono" id="trust-in-use-sha256">
            {status.trustedRootSha256 || '—'}
          </dd>
        </dl>
      ) : null}
      {props.enabled ? (
        <div class="field">
          <button id="trust-check-now" type="button" class="btn" onClick={checkNow} disabled={checking}>
            {O.trustCheckNow}
          </button>{' '}
          <span id="trust-check-status" role="status">
            {checking ? O.trustChecking : ''}
          </span>
        </div>
      ) : (
        <p class="help" id="trust-updates-off">
          {O.trustOff}
        </p>
      )}
    </div>
  );
}
