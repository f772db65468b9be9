/** Inline SVG icons as Preact elements (no data: URLs, no style attributes). Always paired with text. */
import { ICON_PATHS, type IconName } from './icon-paths';

export { iconFor, type IconName } from './icon-paths';

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
      <path d={ICON_PATHS[name]} fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" />
    </svg>
  );
}
