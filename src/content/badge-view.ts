/**
 * One file's badge inside its closed shadow root: a toggle button with an icon and one short line
 * of text. Plain DOM (dom.ts); the button is created once and updated in place, so focus stays.
 * `createBadges` keeps one host per file in place, right after its download link (badges.ts).
 */
import { iconFor } from '../ui/icon-paths';
import { badgeAriaLabel, badgeTitle } from '../ui/inline-wording';
import { fileState, fileStatusHint, fileStatusText, shownFile } from '../ui/status';
import type { FileView } from '../ui/types';
import { BADGE_CSS } from '../ui/styles';
import { ensureBadgeHost, setStateAttributes } from './badges';
import type { DetectedFile } from './detect/types';
import { el, iconElement, setAttr } from './dom';
import { shadowOf } from './shadow';

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

export interface Badges {
  host(filename: string): HTMLElement | undefined;
  /** The file's badge is on the page, right after its download link. */
  placed(file: DetectedFile): boolean;
  /** Put the file's badge in place (again, if the page moved or dropped it); render it afterwards. */
  mount(file: DetectedFile): void;
  render(filename: string, view: FileView, expanded: boolean, onToggle: () => void): void;
  removeAll(): void;
}

export function createBadges(d: {
  doc: Document;
  owned(el: Element): boolean;
  /** Mark a host as the controller's own. */
  own(host: HTMLElement): void;
  /** Escape pressed on the file's badge; true when it closed something (its panel). */
  onEscape(filename: string): boolean;
}): Badges {
  const hosts = new Map<string, HTMLElement>();
  return {
    host: (filename) => hosts.get(filename),
    placed(file) {
      const host = hosts.get(file.filename);
      return host !== undefined && host.isConnected && host.previousSibling === file.anchor;
    },
    mount(file) {
      const { host } = ensureBadgeHost(d.doc, file, BADGE_CSS, d.owned);
      d.own(host);
      if (hosts.get(file.filename) === host) return;
      hosts.set(file.filename, host);
      host.addEventListener('keydown', (ev) => {
        if (ev.key === 'Escape' && d.onEscape(file.filename)) ev.preventDefault();
      });
    },
    render(filename, view, expanded, onToggle) {
      const host = hosts.get(filename);
      if (!host) return;
      setStateAttributes(host, view);
      const root = shadowOf(host);
      if (root) renderBadge(root, view, expanded, onToggle);
    },
    removeAll() {
      for (const host of hosts.values()) {
        shadowOf(host)?.replaceChildren();
        host.remove();
      }
      hosts.clear();
    },
  };
}
