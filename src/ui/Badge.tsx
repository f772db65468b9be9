/** The inline badge next to a file on pypi.org: a button with icon + text; opens the panel. */
import type { BadgeProps } from './types';
import { Icon, iconFor } from './icons';
import { normalizeFile } from './normalize';
import { fileState, fileStatusText } from './status';
import { badgeAriaLabel, badgeTitle } from './wording';

export function Badge({ file: rawFile, expanded, onToggle }: BadgeProps) {
  const file = normalizeFile(rawFile);
  const state = fileState(file);
  const text = fileStatusText(file);
  const pinMismatch = file.pin.status === 'mismatch';
  return (
    <button
      type="button"
      class={`badge badge--${file.level} badge--${state}`}
      data-state={state}
      data-level={file.level}
      aria-expanded={expanded ? 'true' : 'false'}
      aria-label={badgeAriaLabel(file.filename, text, file.index)}
      title={badgeTitle(text, file.index)}
      data-index={file.index}
      onClick={(e) => {
        e.preventDefault();
        e.stopPropagation();
        onToggle();
      }}
    >
      <Icon name={iconFor(state, file.level, pinMismatch)} />
      <span class="badge__text">{text}</span>
    </button>
  );
}
