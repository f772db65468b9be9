/** The user's identity pin for this project: match or mismatch (with differences). */
import type { PinCheck } from '../messages';
import { W } from './wording';

export function PinStatus({ pin, project }: { pin: PinCheck; project: string }) {
  if (pin.status === 'none') return null;
  if (pin.status === 'match') {
    return <p class="pin pin--match">{W.pinMatch(project)}</p>;
  }
  const diffs = Array.isArray(pin.differences) ? pin.differences.filter((d) => typeof d === 'string') : [];
  return (
    <div class="pin pin--mismatch">
      <p>
        <strong>{W.pinMismatch(project)}</strong>
      </p>
      {diffs.length > 0 ? (
        <>
          <p class="small">{W.pinDifferences}:</p>
          <ul>
            {diffs.map((d) => (
              <li key={d} class="mono">
                {d}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
