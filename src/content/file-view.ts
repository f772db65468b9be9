/**
 * The content script's per-file model (FileView, from src/ui/types.ts) and how worker messages
 * change it. Pure: no DOM, no browser APIs.
 */
import type { FileVerdictMessage, IndexHost, PinCheck } from '../messages';
import type { Settings } from '../settings';
import { t } from '../i18n';
import type { FileView } from '../ui/types';
import { diffIdentity, identityOf } from '../history/identity';
import type { ReleaseHistory } from '../history/types';
import { describeChange } from '../history/wording';
import { hasMultiplePublishers, levelFor } from '../verify/level';
import type { ReasonCode, Verdict, VerdictLevel, VerdictState } from '../verify/verdict';

export const STATES: readonly VerdictState[] = ['verified', 'failed', 'absent', 'error', 'pending'];
export const LEVELS: readonly VerdictLevel[] = ['ok', 'neutral', 'warning', 'danger'];
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

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Deeper check of a verdict message than `isBackgroundToContent`: the fields the content script
 * and the UI rely on have the right types, and state, level and attestations agree
 * (a "verified" verdict needs at least one attestation and all of them ok; the level is what
 * `levelFor` gives for the state, in strict or normal mode). Anything else is not shown.
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
  if (m.pin.differences !== undefined && (!Array.isArray(m.pin.differences) || !m.pin.differences.every((d) => typeof d === 'string')))
    return false;
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
  const next: FileView = { ...view, verdict: m.verdict, level: m.level, ownLevel: m.level, pin: m.pin };
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
  };
}

const RANK: Record<VerdictLevel, number> = { ok: 0, neutral: 1, warning: 2, danger: 3 };

/** The file's own level: what the worker sent (`levelFor` of its state, strict mode and pin). */
export function ownLevel(view: FileView): VerdictLevel {
  return view.ownLevel ?? view.level;
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

/** Back to pending (retry pressed). */
export function asPending(view: FileView): FileView {
  return { ...view, verdict: null, level: 'neutral', ownLevel: 'neutral', pin: NO_PIN };
}

/** Leaf certificate fingerprint of the first attestation that has one (for `data-provenance-certificate`). */
export function leafCertificateFingerprint(view: FileView): string | null {
  for (const a of view.verdict?.attestations ?? []) {
    const fp = a?.certificate?.fingerprintSha256;
    if (typeof fp === 'string' && /^[0-9a-f]{64}$/i.test(fp)) return fp.toLowerCase();
  }
  return null;
}

function clip(s: string, n = 300): string {
  return s.length > n ? s.slice(0, n - 1) + '…' : s;
}

/**
 * Should a download of this file ask first? Returns the plain sentence for `window.confirm`, or null.
 * - `failed`: when confirmFailedDownloads or strict;
 * - strict only: pin mismatch, a publisher changed since an earlier release (history), `absent`
 *   (mentioning a lost provenance when the history says so);
 * - never for `error`, `pending` or `verified` with a matching / no pin.
 */
export function needsConfirmation(view: FileView, settings: Pick<Settings, 'strict' | 'confirmFailedDownloads'>): string | null {
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
  const concern = historyConcerns(view, view.history);
  if (concern === 'changed' && view.history?.compared) {
    const diff = view.history.changes.slice(0, 3).map((c) => clip(describeChange(c), 120));
    return clip(t('confirm_changed', [view.filename, clip(view.history.compared.version, 40), diff.join('; ')]), 700);
  }
  if (state === 'absent') {
    if (concern === 'lost' && view.history?.compared) {
      return clip(t('confirm_lost', [view.filename, clip(view.history.compared.version, 40)]), 600);
    }
    return t('confirm_absent', view.filename);
  }
  return null;
}
