/** One status line above the file list: "7 of 8 files have verified provenance from pypa/sampleproject · release.yml". */
import type { SummaryProps } from './types';
import { normalizeFile } from './normalize';
import { countFiles } from './summary';
import { S, WHO } from './wording';
import { checkLines, historyLevel, historySentence } from '../history/wording';

export function Summary({ files, history }: SummaryProps) {
  const c = countFiles(files.map(normalizeFile));
  const s = c.byState;
  const parts: { text: string; cls: string }[] = [];
  if (c.total === 0) {
    parts.push({ text: S.noFiles, cls: 'sum__main' });
  } else {
    let main = S.verifiedOf(s.verified, c.total);
    if (c.publishers.length === 1) main += ` ${S.from(c.publishers[0]!)}`;
    else if (c.publishers.length > 1) main += ` ${S.mixed(c.publishers)}`;
    parts.push({ text: main, cls: 'sum__main' });
    if (s.failed > 0) parts.push({ text: S.failed(s.failed), cls: 'sum__failed' });
    if (c.pinMismatch > 0) parts.push({ text: S.pinMismatch(c.pinMismatch), cls: 'sum__failed' });
    if (s.pending > 0) parts.push({ text: S.checking(s.pending), cls: 'sum__pending' });
    if (s.absent > 0) parts.push({ text: S.absent(s.absent), cls: 'sum__absent' });
    if (s.error > 0) parts.push({ text: S.error(s.error), cls: 'sum__error' });
    if (history && history.version !== null && history.state !== 'unknown') {
      parts.push({ text: historySentence(history), cls: `sum__history sum__history--${historyLevel(history.state)}` });
    }
  }
  const checks = history?.checks ? checkLines(history.checks).filter((l, i) => i > 0 || history.checks!.coverage !== 'all') : [];
  return (
    <div class={`sum${s.failed > 0 || c.pinMismatch > 0 ? ' sum--danger' : ''}`} role="status" aria-live="polite">
      <span class="sum__who">{WHO.appName}:</span>{' '}
      {parts.map((p, i) => (
        <span key={p.cls + i} class={p.cls} data-count={p.cls}>
          {i > 0 ? '; ' : ''}
          {p.text}
        </span>
      ))}
      {checks.length > 0 ? (
        <span class="sum__checks" data-count="sum__checks">
          {checks.join(' ')}
        </span>
      ) : null}
    </div>
  );
}
