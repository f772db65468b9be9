/**
 * Bodies for the states that say little: absent (neutral, no blame), error (says nothing about the
 * file; each reason with what to do; retry), pending.
 */
import type { Verdict } from '../verify/verdict';
import { ReasonList } from './ReasonList';
import { W } from './wording';

export function AbsentBody({ strict }: { strict: boolean }) {
  return (
    <div class={`state state--absent${strict ? ' state--strict' : ''}`}>
      <p>{W.absentBody}</p>
      <p class="muted">{W.absentWhy}</p>
      {strict ? <p class="strict-note">{W.absentStrict}</p> : null}
    </div>
  );
}

export function ErrorBody({ verdict, onRetry }: { verdict: Verdict; onRetry(): void }) {
  const plain = verdict.reasons.length === 0 || verdict.reasons.every((r) => r.code === 'INDEX_UNREACHABLE');
  return (
    <div class="state state--error">
      <h3 class="state__title">{plain ? W.errorDefault : W.errorTitle}</h3>
      <p>{W.errorTryAgain}</p>
      {plain ? null : <ReasonList reasons={verdict.reasons} />}
      <div class="actions">
        <button type="button" class="btn btn--primary" data-action="retry" onClick={() => onRetry()}>
          {W.retry}
        </button>
      </div>
    </div>
  );
}

export function PendingBody() {
  return (
    <div class="state state--pending">
      <p class="muted">{W.pendingBody}</p>
    </div>
  );
}
