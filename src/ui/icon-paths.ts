/** The icons' shapes and which icon a state gets: shared by the Preact Icon and the content script's plain-DOM badge. */
import type { VerdictLevel, VerdictState } from '../verify/verdict';

export type IconName = 'check' | 'cross' | 'dash' | 'warn' | 'retry' | 'spinner' | 'pin';

/** 16×16 stroked paths; the spinner is a dashed circle. */
export const ICON_PATHS: Record<Exclude<IconName, 'spinner'>, string> = {
  check: 'M3.5 8.5l3 3 6-7',
  cross: 'M4 4l8 8M12 4l-8 8',
  dash: 'M4 8h8',
  warn: 'M8 3.5v5.5M8 11.5v.5',
  retry: 'M12.5 8a4.5 4.5 0 1 1-1.3-3.2M12.5 2.5v2.8H9.7',
  pin: 'M8 14V9M5 3h6l-1 4 2 2H4l2-2z',
};

export function iconFor(state: VerdictState, level: VerdictLevel, pinMismatch: boolean): IconName {
  if (pinMismatch) return 'warn';
  switch (state) {
    case 'verified':
      return 'check';
    case 'failed':
      return 'cross';
    case 'absent':
      return level === 'warning' ? 'warn' : 'dash';
    case 'error':
      return 'retry';
    case 'pending':
      return 'spinner';
  }
}
