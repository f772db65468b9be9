/**
 * The page's model: one view per detected file (file-view.ts), the release's publisher history
 * once the worker sent it, and which files the page's own check has answered. No DOM: the
 * controller renders what changed.
 */
import type { FileVerdictMessage } from '../messages';
import type { ReleaseHistory } from '../history/types';
import type { FileView } from '../ui/types';
import type { PageInfo } from './detect/types';
import { earlyVerdictsFor, type EarlyVerdictsByFile } from './early-verdicts';
import { asPending, pendingView, withLocalError, withVerdict } from './file-view';
import type { ReasonCode } from '../verify/verdict';

/** release-history.ts, loaded with the first history the worker sends. */
export type ReleaseHistoryCode = typeof import('./release-history');

export interface FileViews {
  get(filename: string): FileView | undefined;
  /** Every file's view, in page order. */
  all(): FileView[];
  /**
   * The page's check answered the file. False when the view already shows this very answer (the
   * early verdict the check confirms): nothing to render again.
   */
  answer(m: FileVerdictMessage): boolean;
  answerError(filename: string, message: string, code?: ReasonCode): void;
  /** Early verdicts for files no answer has reached yet; the messages shown. */
  showEarly(found: EarlyVerdictsByFile): FileVerdictMessage[];
  /** Back to pending for a retry; no early verdict applies to it afterwards. */
  retry(filename: string): void;
  setHistory(history: ReleaseHistory, code: ReleaseHistoryCode): void;
  history(): ReleaseHistory | null;
  historyCode(): ReleaseHistoryCode | null;
  /** The strict-mode flag of every view; true when any changed. */
  setStrict(strict: boolean): boolean;
}

export function createFileViews(page: PageInfo, strict: boolean): FileViews {
  const views = new Map<string, FileView>(page.files.map((f) => [f.filename, pendingView(page, f, strict)]));
  /** Files an answer has reached (check, local error, retry): an early verdict no longer applies. */
  const answered = new Set<string>();
  let history: ReleaseHistory | null = null;
  let historyCode: ReleaseHistoryCode | null = null;
  const withHistory = (v: FileView): FileView => (historyCode ? historyCode.withHistory(v, history) : v);
  const change = (filename: string, f: (v: FileView) => FileView): void => {
    const v = views.get(filename);
    if (v) views.set(filename, withHistory(f(v)));
  };

  return {
    get: (filename) => views.get(filename),
    all: () => page.files.map((f) => views.get(f.filename)).filter((v): v is FileView => v !== undefined),
    answer(m) {
      answered.add(m.filename);
      const v = views.get(m.filename);
      if (v && showsAnswer(v, m)) return false;
      change(m.filename, (x) => withVerdict(x, m));
      return true;
    },
    answerError(filename, message, code) {
      answered.add(filename);
      change(filename, (v) => withLocalError(v, message, code));
    },
    showEarly(found) {
      const waiting = (filename: string) => !answered.has(filename) && views.get(filename)?.verdict === null;
      const shown = earlyVerdictsFor(page.files, found, waiting);
      for (const m of shown) change(m.filename, (v) => withVerdict(v, m));
      return shown;
    },
    retry(filename) {
      answered.add(filename);
      change(filename, asPending);
    },
    setHistory(h, code) {
      history = h;
      historyCode = code;
      for (const f of page.files) change(f.filename, (v) => v);
    },
    history: () => history,
    historyCode: () => historyCode,
    setStrict(next) {
      let changed = false;
      for (const f of page.files)
        change(f.filename, (v) => {
          if (v.strict === next) return v;
          changed = true;
          return { ...v, strict: next };
        });
      return changed;
    },
  };
}

/**
 * Does the view show this answer already? The same check of the same file (time, trust root,
 * sha256, state, reasons), and applying it would change neither level, pin nor download URL.
 */
function showsAnswer(v: FileView, m: FileVerdictMessage): boolean {
  const a = v.verdict;
  const b = m.verdict;
  if (!a || a.checkedAt !== b.checkedAt || a.trustRootId !== b.trustRootId || a.sha256 !== b.sha256 || a.state !== b.state) return false;
  if (a.reasons.map((r) => r.code).join() !== b.reasons.map((r) => r.code).join()) return false;
  const next = withVerdict(v, m);
  return (
    (v.ownLevel ?? v.level) === next.ownLevel && v.downloadUrl === next.downloadUrl && JSON.stringify(v.pin) === JSON.stringify(next.pin)
  );
}
