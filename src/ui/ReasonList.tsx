/**
 * Plain reasons, each with what it means for the file and what to do (once per list when several
 * reasons share it), and technical detail as secondary small text.
 */
import type { Reason } from '../verify/verdict';
import { reasonConsequence, reasonText } from './wording';

export function ReasonList({ reasons, consequences = true }: { reasons: Reason[]; consequences?: boolean }) {
  if (reasons.length === 0) return null;
  const said = new Set<string>();
  return (
    <ul class="reasons">
      {reasons.map((r, i) => {
        const next = consequences ? reasonConsequence(r.code) : '';
        const fresh = next !== '' && !said.has(next);
        if (fresh) said.add(next);
        return (
          <li key={`${r.code}-${i}`} data-reason={r.code}>
            <span class="reason__msg">{reasonText(r)}</span>
            {fresh ? <span class="reason__next">{next}</span> : null}
            {r.detail ? <span class="reason__detail small mono">{r.detail}</span> : null}
          </li>
        );
      })}
    </ul>
  );
}
