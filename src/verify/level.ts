/**
 * How loudly a verdict speaks (its level), apart from verdict.ts so that the content script's
 * every-page bundle can use it without carrying the reason texts (issue #16). verdict.ts re-exports it.
 */
import type { VerdictLevel, VerdictState } from './verdict';

/** How loudly a verdict speaks, given the user's settings. */
export function levelFor(
  state: VerdictState,
  opts: { strict?: boolean; pinMismatch?: boolean; multiplePublishers?: boolean } = {},
): VerdictLevel {
  if (opts.pinMismatch) return 'danger';
  switch (state) {
    case 'verified':
      return opts.strict && opts.multiplePublishers ? 'warning' : 'ok';
    case 'failed':
      return 'danger';
    case 'absent':
      return opts.strict ? 'warning' : 'neutral';
    case 'error':
    case 'pending':
      return 'neutral';
  }
}

/** Whether a verdict's reasons say that verified bundles name different publishers (strict mode warns). */
export function hasMultiplePublishers(reasons: unknown): boolean {
  return (
    Array.isArray(reasons) &&
    reasons.some((r) => typeof r === 'object' && r !== null && (r as { code?: unknown }).code === 'MULTIPLE_PUBLISHERS')
  );
}
