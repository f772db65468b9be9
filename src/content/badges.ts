/**
 * Badge host elements: one light-DOM `<span class="pypi-provenance-badge">` per file, right after the
 * download link (inside `#files .file__card`, or next to the simple-index anchor). The host carries the
 * DOM contract attributes; the badge (badge-view.ts) lives in its closed shadow root. Where a panel
 * goes is panel-slot.ts's (loaded with the panel); taking one off the page is here.
 */
import type { FileView } from '../ui/types';
import type { DetectedFile } from './detect/types';
import { stateOf } from './file-view';
import { createShadowHost, isolateEvents } from './shadow';

export const BADGE_CLASS = 'pypi-provenance-badge';
export const PANEL_ATTR = 'data-provenance-panel';
export const SUMMARY_ATTR = 'data-provenance-summary';

/** The contract attributes on a badge or panel host (architecture.md "Badge DOM contract"). */
export function setStateAttributes(el: Element, view: FileView): void {
  const set = (k: string, v: string) => {
    if (el.getAttribute(k) !== v) el.setAttribute(k, v);
  };
  set('data-provenance-state', stateOf(view));
  set('data-provenance-level', view.level);
  set('data-provenance-filename', view.filename);
}

/** Badge hosts for `filename` inside `container` (any instance's, ours or stale). */
export function badgeHostsIn(container: Element, filename: string): HTMLElement[] {
  return [...container.querySelectorAll<HTMLElement>(`.${BADGE_CLASS}`)].filter(
    (el) => el.getAttribute('data-provenance-filename') === filename,
  );
}

/**
 * Find or create this instance's badge host for a file, placed right after the download link.
 * Removes duplicates and hosts left by an earlier instance of the content script (their closed roots are unreachable).
 */
export function ensureBadgeHost(
  doc: Document,
  file: DetectedFile,
  css: string,
  owned: (el: Element) => boolean,
): { host: HTMLElement; root: ShadowRoot | null; created: boolean } {
  let keep: HTMLElement | null = null;
  for (const el of badgeHostsIn(file.mountPoint, file.filename)) {
    if (!keep && owned(el)) keep = el;
    else el.remove();
  }
  if (keep) {
    if (file.anchor.nextElementSibling !== keep || keep.previousSibling !== file.anchor) file.anchor.after(keep);
    return { host: keep, root: null, created: false };
  }
  const { host, root } = createShadowHost(doc, 'span', css, { delegatesFocus: true });
  host.className = BADGE_CLASS;
  isolateEvents(host);
  file.anchor.after(host);
  return { host, root, created: true };
}

/** Marks the table row we add to hold a file's panel in the files-tab redesign. */
export const PANEL_ROW_ATTR = 'data-provenance-panel-row';

/** Take a panel off the page, with the table row that held it (files-tab layout). */
export function removePanel(panelHost: HTMLElement): void {
  const row = panelHost.parentElement?.parentElement;
  panelHost.remove();
  if (row?.hasAttribute(PANEL_ROW_ATTR)) row.remove();
}

/** Remove hosts (panels, summaries) left by another (earlier) content-script instance. */
export function removeStaleHosts(root: ParentNode, selector: string, owned: (el: Element) => boolean): void {
  for (const el of root.querySelectorAll<HTMLElement>(selector)) if (!owned(el)) removePanel(el);
}
