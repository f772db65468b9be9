/**
 * The release's publisher history on the page, loaded when the worker sends one (after the
 * verdicts), not with the script every page loads (issue #16): its shape checked, attached to each
 * file's view (strict mode raises a changed/lost publisher to `warning`), said in the summary line,
 * and asked about before a download in strict mode.
 */
import { t } from '../i18n';
import { diffIdentity, identityOf } from '../history/identity';
import { isReleaseHistory } from '../history/parse';
import type { ReleaseHistory } from '../history/types';
import { checkLines, describeChange, historyLevel, historySentence } from '../history/wording';
import type { FileView } from '../ui/types';
import type { VerdictLevel } from '../verify/verdict';
import { clip, ownLevel } from './file-view';
import type { SummaryHistory } from './summary-view';

/** The history in a worker's message, or null when its shape is not one the UI can read. */
export function parseHistory(v: unknown): ReleaseHistory | null {
  return isReleaseHistory(v) ? v : null;
}

/**
 * Does the release's history concern this file? `changed`: a verified file whose identity differs
 * from the earlier release compared with; `lost`: a file without provenance.
 */
export function historyConcerns(view: FileView, history: ReleaseHistory | null | undefined): 'changed' | 'lost' | null {
  if (!history || !view.verdict) return null;
  if (history.state === 'changed' && history.compared?.identity) {
    const id = identityOf(view.verdict);
    return id && diffIdentity(history.compared.identity, id).length > 0 ? 'changed' : null;
  }
  if (history.state === 'lost' && view.verdict.state === 'absent') return 'lost';
  return null;
}

const RANK: Record<VerdictLevel, number> = { ok: 0, neutral: 1, warning: 2, danger: 3 };

/**
 * Attach the release's history to a view. In strict mode a changed/lost publisher raises the
 * badge to `warning`: never above `danger`, never below the file's own level.
 */
export function withHistory(view: FileView, history: ReleaseHistory | null): FileView {
  const own = ownLevel(view);
  const raise = view.strict && historyConcerns(view, history) !== null;
  const level: VerdictLevel = raise && RANK[own] < RANK.warning ? 'warning' : own;
  return { ...view, history, ownLevel: own, level };
}

/** Strict mode's question before downloading a file the history concerns (needsConfirmation asks it), or null. */
export function historyQuestion(view: FileView): string | null {
  const compared = view.history?.compared;
  if (!compared) return null;
  const concern = historyConcerns(view, view.history);
  if (concern === 'changed') {
    const diff = view.history!.changes.slice(0, 3).map((c) => clip(describeChange(c), 120));
    return clip(t('confirm_changed', [view.filename, clip(compared.version, 40), diff.join('; ')]), 700);
  }
  if (concern === 'lost') return clip(t('confirm_lost', [view.filename, clip(compared.version, 40)]), 600);
  return null;
}

/** What the summary line says about the history: a sentence (not for an unknown one) and the release checks. */
export function summaryHistory(h: ReleaseHistory): SummaryHistory {
  const sentence =
    h.version !== null && h.state !== 'unknown'
      ? { text: historySentence(h), cls: `sum__history sum__history--${historyLevel(h.state)}` }
      : null;
  const checks = h.checks ? checkLines(h.checks).filter((_, i) => i > 0 || h.checks!.coverage !== 'all') : [];
  return { sentence, checks };
}
