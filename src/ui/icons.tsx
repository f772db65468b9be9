/** Inline SVG icons as Preact elements (no data: URLs, no style attributes). Always paired with text. */
import type { VerdictLevel, VerdictState } from '../verify/verdict';

export type IconName = 'check' | 'cross' | 'dash' | 'warn' | 'retry' | 'spinner' | 'pin';

const PATHS: Record<Exclude<IconName, 'spinner'>, string> = {
  check: 'M3.5 8.5l3 3 6-7',
  cross: 'M4 4l8 8M12 4l-8 8',
  dash: 'M4 8h8',
  warn: 'M8 3.5v5.5M8 11.5v.5',
  retry: 'M12.5 8a4.5 4.5 0 1 1-1.3-3.2M12.5 2.5v2.8H9.7',
  pin: 'M8 14V9M5 3h6l-1 4 2 2H4l2-2z',
};

export function Icon({ name }: { name: IconName }) {
  if (name === 'spinner') {
    return (
      <svg class="icon icon--spinner" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
        <circle cx="8" cy="8" r="5.5" fill="none" stroke="currentColor" stroke-width="2" stroke-dasharray="20 15" />
      </svg>
    );
  }
  return (
    <svg class={`icon icon--${name}`} viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" />
    </svg>
  );
}

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
