/** The short status text for a file (badge, popup): one function so they always agree. */
import type { VerdictLevel, VerdictState } from '../verify/verdict';
import { BADGE, BADGE_TEXT } from './wording';
import type { FileView } from './types';

export function statusText(state: VerdictState, level: VerdictLevel, opts: { strict?: boolean; pinMismatch?: boolean } = {}): string {
  if (opts.pinMismatch && state !== 'failed') return BADGE.pinMismatch;
  if (state === 'absent' && (opts.strict || level === 'warning')) return BADGE.absentStrict;
  return BADGE_TEXT[state];
}

export function fileState(file: FileView): VerdictState {
  return file.verdict?.state ?? 'pending';
}

export function fileStatusText(file: FileView): string {
  return statusText(fileState(file), file.level, { strict: file.strict, pinMismatch: file.pin.status === 'mismatch' });
}
