/**
 * The content script's per-file model (FileView, from src/ui/types.ts) and how worker messages
 * change it. Pure: no DOM, no browser APIs.
 */
import { isObj, type FileVerdictMessage, type IndexHost, type PinCheck } from '../messages';
import type { Settings } from '../settings';
import { t } from '../i18n';
import { LEVELS, STATES } from '../ui/status';
import type { FileView } from '../ui/types';
import { hasMultiplePublishers, levelFor } from '../verify/level';
import type { ReasonCode, Verdict, VerdictLevel, VerdictState } from '../verify/verdict';

const PIN_STATUSES: readonly PinCheck['status'][] = ['none', 'match', 'mismatch'];

export const WORKER_STOPPED_MESSAGE = t('worker_stopped');
export const NO_RESULT_MESSAGE = t('worker_no_result');
export const TIMEOUT_MESSAGE = t('check_timeout');
export const UNCHECKABLE_MESSAGE = t('uncheckable_filename');
export const NO_PIN: PinCheck = { status: 'none' };

export function stateOf(view: FileView): VerdictState {
  return view.verdict?.state ?? 'pending';
}

export function isFinalState(state: VerdictState): boolean {
  return state !== 'pending';
}

export function pendingView(
  page: { index: IndexHost; project: string; version: string | null },
  file: { filename: string; pageSha256: string | null },
  strict: boolean,
): FileView {
  return {
    filename: file.filename,
    index: page.index,
    project: page.project,
    version: page.version,
    pageSha256: file.pageSha256,
    verdict: null,
    level: 'neutral',
    pin: NO_PIN,
    strict,
  };
}

/** A verdict made up by the content script when the worker could not answer. Always `error`, never anything better. */
export function localErrorVerdict(filename: string, sha256: string | null, message: string, code: ReasonCode = 'INTERNAL_ERROR'): Verdict {
  return {
    state: 'error',
    filename,
    sha256: sha256 ?? '',
    reasons: [{ code, message }],
    publisher: null,
    attestations: [],
    trustRootId: '',
    checkedAt: new Date().toISOString(),
  };
}

const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');

/**
 * Deeper check of a verdict message than `isBackgroundToContent`: the fields the content script
 * and the UI rely on have the right types, and state, level and attestations agree
 * (a "verified" verdict needs at least one attestation and all of them ok; the level is what
 * `levelFor` gives for the state, in strict or normal mode; the publisher labels, if any, are strings).
 * Anything else is not shown.
 */
export function isUsableVerdictMessage(m: FileVerdictMessage): boolean {
  const v = m.verdict as unknown;
  if (!isObj(v)) return false;
  if (!STATES.includes(v.state as VerdictState)) return false;
  const state = v.state as VerdictState;
  if (v.filename !== m.filename) return false;
  if (!Array.isArray(v.reasons) || !v.reasons.every((r) => isObj(r) && typeof r.code === 'string' && typeof r.message === 'string'))
    return false;
  if (!Array.isArray(v.attestations) || !v.attestations.every(isObj)) return false;
  if (v.publisher !== null && !isObj(v.publisher)) return false;
  if (!LEVELS.includes(m.level)) return false;
  if (!isObj(m.pin) || !PIN_STATUSES.includes(m.pin.status)) return false;
  if (m.pin.differences !== undefined && !isStrings(m.pin.differences)) return false;
  if (m.publishers !== undefined && !isStrings(m.publishers)) return false;
  if (state === 'verified' && (v.attestations.length === 0 || !v.attestations.every((a) => (a as Record<string, unknown>).ok === true)))
    return false;
  const pinMismatch = m.pin.status === 'mismatch';
  const multiplePublishers = hasMultiplePublishers(v.reasons);
  if (
    m.level !== levelFor(state, { strict: false, pinMismatch, multiplePublishers }) &&
    m.level !== levelFor(state, { strict: true, pinMismatch, multiplePublishers })
  )
    return false;
  return true;
}

export const UNREADABLE_MESSAGE = t('worker_unreadable');

/** Apply a (validated) verdict message to a view. */
export function withVerdict(view: FileView, m: FileVerdictMessage): FileView {
  const next: FileView = { ...view, verdict: m.verdict, level: m.level, ownLevel: m.level, pin: m.pin, publishers: m.publishers ?? [] };
  if (typeof m.downloadUrl === 'string' && m.downloadUrl.length <= 2048) next.downloadUrl = m.downloadUrl;
  return next;
}

/** Mark a view as locally errored (worker gone, check-failed...). */
export function withLocalError(view: FileView, message: string, code?: ReasonCode): FileView {
  return {
    ...view,
    verdict: localErrorVerdict(view.filename, view.pageSha256, message, code),
    level: 'neutral',
    ownLevel: 'neutral',
    pin: NO_PIN,
    publishers: [],
  };
}

/** The file's own level: what the worker sent (`levelFor` of its state, strict mode and pin). */
export function ownLevel(view: FileView): VerdictLevel {
  return view.ownLevel ?? view.level;
}

/** Back to pending (retry pressed). */
export function asPending(view: FileView): FileView {
  return { ...view, verdict: null, level: 'neutral', ownLevel: 'neutral', pin: NO_PIN, publishers: [] };
}

export function clip(s: string, n = 300): string {
  return s.length > n ? s.slice(0, n - 1) + '…' : s;
}

/** Strict mode's question about a file the release's history concerns (release-history.ts, loaded with the history), or null. */
export type HistoryQuestion = (view: FileView) => string | null;

/**
 * Should a download of this file ask first? Returns the plain sentence for `window.confirm`, or null.
 * - `failed`: when confirmFailedDownloads or strict;
 * - strict only: pin mismatch, a publisher changed since an earlier release (`historyQuestion`),
 *   `absent` (mentioning a lost provenance when the history says so, `historyQuestion` too);
 * - never for `error`, `pending` or `verified` with a matching / no pin.
 */
export function needsConfirmation(
  view: FileView,
  settings: Pick<Settings, 'strict' | 'confirmFailedDownloads'>,
  historyQuestion: HistoryQuestion,
): string | null {
  const state = stateOf(view);
  if (state === 'failed' && (settings.confirmFailedDownloads || settings.strict)) {
    const why = view.verdict?.reasons[0]?.message;
    return clip(why ? t('confirm_failed_why', [view.filename, clip(why, 200)]) : t('confirm_failed', view.filename), 600);
  }
  if (!settings.strict) return null;
  if (view.pin.status === 'mismatch') {
    const diff = (view.pin.differences ?? []).slice(0, 3).map((d) => clip(d, 120));
    return clip(
      diff.length
        ? t('confirm_pin_mismatch_diff', [view.filename, view.project, diff.join('; ')])
        : t('confirm_pin_mismatch', [view.filename, view.project]),
      600,
    );
  }
  const aboutHistory = view.history ? historyQuestion(view) : null;
  if (aboutHistory !== null) return aboutHistory;
  return state === 'absent' ? t('confirm_absent', view.filename) : null;
}
