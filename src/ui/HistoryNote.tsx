/**
 * The release's publisher history in the panel: one neutral sentence (amber only for changed /
 * lost), the field-by-field changes, the release checks, why this file has no provenance (when
 * known), and how many earlier releases were looked at. All text nodes, never HTML.
 */
import { describeIdentity } from '../history/identity';
import type { ReleaseHistory } from '../history/types';
import { W } from './wording';
import { absenceText, boundsSentence, checkLines, describeChange, historyLevel, historySentence } from '../history/wording';

export function HistoryNote({ history, filename }: { history: ReleaseHistory | null | undefined; filename: string }) {
  if (!history) return null;
  const why = history.absence[filename];
  const level = historyLevel(history.state);
  return (
    <section class={`hist hist--${level}`} data-history={history.state}>
      <h3 class="hist__title">{W.historyTitle}</h3>
      {why ? <p class="hist__absence">{absenceText(why)}</p> : null}
      {history.version !== null ? <p class="hist__main">{historySentence(history)}</p> : null}
      {history.changes.length > 0 ? (
        <ul class="hist__changes">
          {history.changes.map((c) => (
            <li key={c.field}>{describeChange(c)}</li>
          ))}
        </ul>
      ) : null}
      {history.checks ? (
        <ul class="hist__checks small">
          {checkLines(history.checks).map((l, i) => (
            <li key={i}>{l}</li>
          ))}
        </ul>
      ) : null}
      {history.version !== null && history.examined.length > 0 ? (
        <details class="hist__examined small">
          <summary>{boundsSentence(history)}</summary>
          <ul>
            {history.examined.map((e) => (
              <li key={e.version + e.filename}>
                {e.version} ({e.filename}):{' '}
                {e.identity ? describeIdentity(e.identity) : e.outcome === 'failed' ? W.historyExaminedFailed : W.historyExaminedError}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}
