/** Plain reasons, with technical detail as secondary small text. */
import type { Reason } from '../verify/verdict';
import { reasonText } from './wording';

export function ReasonList({ reasons }: { reasons: Reason[] }) {
  if (reasons.length === 0) return null;
  return (
    <ul class="reasons">
      {reasons.map((r, i) => (
        <li key={`${r.code}-${i}`} data-reason={r.code}>
          <span class="reason__msg">{reasonText(r)}</span>
          {r.detail ? <span class="reason__detail small mono">{r.detail}</span> : null}
        </li>
      ))}
    </ul>
  );
}
