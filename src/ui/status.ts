/**
 * The short status text for a file (badge, popup, panel): one function so they always agree, and
 * one short line, one word per state ("verified", "FAILED", ...). Longer notes go in `statusHint`.
 */
import { levelFor } from '../verify/level';
import type { Verdict, VerdictLevel, VerdictState } from '../verify/verdict';
import { BADGE, BADGE_TEXT } from './inline-wording';
import type { FileView } from './types';

export function statusText(state: VerdictState, level: VerdictLevel, opts: { strict?: boolean; pinMismatch?: boolean } = {}): string {
  if (opts.pinMismatch && state !== 'failed') return BADGE.pinMismatch;
  return BADGE_TEXT[state];
}

/** What the short text leaves out, for the tooltip and the accessible name ('' when nothing). */
export function statusHint(state: VerdictState, level: VerdictLevel, opts: { strict?: boolean } = {}): string {
  return state === 'absent' && (opts.strict || level === 'warning') ? BADGE.absentStrictHint : '';
}

export function fileStatusHint(file: FileView): string {
  return statusHint(fileState(file), file.level, { strict: file.strict });
}

export function fileState(file: FileView): VerdictState {
  return file.verdict?.state ?? 'pending';
}

export function fileStatusText(file: FileView): string {
  return statusText(fileState(file), file.level, { strict: file.strict, pinMismatch: file.pin.status === 'mismatch' });
}

/** Every verdict state and level (the content script's message check uses these too). */
export const STATES: readonly VerdictState[] = ['verified', 'failed', 'absent', 'error', 'pending'];
export const LEVELS: readonly VerdictLevel[] = ['ok', 'neutral', 'warning', 'danger'];

/**
 * Never louder than proven: the level the worker sent, unless it is unknown, `ok` for a file that
 * is not verified, or the file failed or its pin mismatches (then the level its state calls for).
 * One rule for the badge and summary (`shownFile`) and the panel (`normalizeFile`).
 */
export function shownLevel(given: VerdictLevel, state: VerdictState, strict: boolean, pinMismatch: boolean): VerdictLevel {
  const expected = levelFor(state, { strict, pinMismatch });
  const level = LEVELS.includes(given) ? given : expected;
  return (level === 'ok' && state !== 'verified') || state === 'failed' || pinMismatch ? expected : level;
}

/**
 * The file as the badge and the summary line may show it: the same never-louder-than-proven rules
 * as `normalizeFile` (normalize.ts, used by the panel) for state, level and pin, without its deep
 * copy of the verdict. An unknown state is `error`; a "verified" verdict without every attestation
 * verified is `error`; `ok` only for verified; failed and pin mismatches are always `danger`.
 */
export function shownFile(file: FileView): FileView {
  const v = file.verdict as (Verdict & Record<string, unknown>) | null;
  let state: VerdictState = v === null || typeof v !== 'object' ? 'pending' : STATES.includes(v.state) ? v.state : 'error';
  const atts: unknown = v?.attestations;
  if (
    state === 'verified' &&
    (!Array.isArray(atts) ||
      atts.length === 0 ||
      atts.some((a) => typeof a !== 'object' || a === null || (a as { ok?: unknown }).ok !== true))
  )
    state = 'error';
  const pin = file.pin?.status === 'match' || file.pin?.status === 'mismatch' ? file.pin : { status: 'none' as const };
  const strict = file.strict === true;
  const level = shownLevel(file.level, state, strict, pin.status === 'mismatch');
  const verdict = v === null || typeof v !== 'object' ? null : state === v.state ? v : { ...v, state };
  return { ...file, verdict, pin, strict, level };
}
