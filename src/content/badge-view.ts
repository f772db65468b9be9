/**
 * One file's badge inside its closed shadow root: a toggle button with an icon and one short line
 * of text. Plain DOM (dom.ts); the button is created once and updated in place, so focus stays.
 */
import { iconFor } from '../ui/icon-paths';
import { badgeAriaLabel, badgeTitle } from '../ui/inline-wording';
import { fileState, fileStatusHint, fileStatusText, shownFile } from '../ui/status';
import type { FileView } from '../ui/types';
import { el, iconElement, setAttr } from './dom';

interface BadgeParts {
  button: HTMLButtonElement;
  icon: string;
  text: HTMLSpanElement;
  onToggle: () => void;
}

const parts = new WeakMap<ParentNode, BadgeParts>();

function create(root: Element | ShadowRoot): BadgeParts {
  const doc = root.ownerDocument!;
  const button = el(doc, 'button');
  button.type = 'button';
  const text = el(doc, 'span', 'badge__text');
  button.append(text);
  const p: BadgeParts = { button, icon: '', text, onToggle: () => undefined };
  button.addEventListener('click', (e) => {
    e.preventDefault();
    e.stopPropagation();
    p.onToggle();
  });
  root.replaceChildren(button);
  parts.set(root, p);
  return p;
}

export function renderBadge(root: Element | ShadowRoot, raw: FileView, expanded: boolean, onToggle: () => void): void {
  const file = shownFile(raw);
  const p = parts.get(root) ?? create(root);
  p.onToggle = onToggle;
  const state = fileState(file);
  const text = fileStatusText(file);
  const { button } = p;
  setAttr(button, 'class', `badge badge--${file.level} badge--${state}`);
  setAttr(button, 'data-state', state);
  setAttr(button, 'data-level', file.level);
  setAttr(button, 'data-index', file.index);
  setAttr(button, 'aria-expanded', expanded ? 'true' : 'false');
  const hint = fileStatusHint(file);
  const spoken = hint ? `${text}, ${hint}` : text;
  setAttr(button, 'aria-label', badgeAriaLabel(file.filename, spoken, file.index));
  setAttr(button, 'title', badgeTitle(spoken, file.index));
  const icon = iconFor(state, file.level, file.pin.status === 'mismatch');
  if (icon !== p.icon) {
    const old = button.firstElementChild;
    if (old && old !== p.text) old.remove();
    button.prepend(iconElement(root.ownerDocument!, icon));
    p.icon = icon;
  }
  if (p.text.textContent !== text) p.text.textContent = text;
}
