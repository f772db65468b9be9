/** The fixed "What this does not prove" box, shown with every verified result. */
import { W } from './wording';

export function NotProven({ hasSlsa }: { hasSlsa: boolean }) {
  const items = [W.notProven[0], hasSlsa ? W.notProvenWithSlsa : W.notProven[1], W.notProven[2]];
  return (
    <section class="not-proven" aria-labelledby="not-proven-h">
      <h3 id="not-proven-h">{W.notProvenTitle}</h3>
      <ul>
        {items.map((t) => (
          <li key={t}>{t}</li>
        ))}
      </ul>
    </section>
  );
}
