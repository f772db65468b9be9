/**
 * Badge host elements: one light-DOM `<span class="pypi-provenance-badge">` per file, right after the
 * download link (inside `#files .file__card`, or next to the simple-index anchor). The host carries the
 * DOM contract attributes; the Preact Badge lives in its closed shadow root.
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

/**
 * Where a file's panel goes: after `p.file__meta` in the card; in a table layout in a row of its
 * own right below the file's row, one cell spanning the row (never inside the filename's inline
 * span or a narrow cell); on the simple index after the anchor's `<br>`.
 */
export function placePanel(file: DetectedFile, panelHost: HTMLElement, badgeHost: HTMLElement | null): void {
  const card = file.mountPoint;
  if (card instanceof HTMLTableRowElement) {
    placePanelInRow(card, panelHost);
    return;
  }
  if (card.classList.contains('file__card')) {
    const meta = [...card.children].find((c) => c.tagName === 'P' && c.classList.contains('file__meta'));
    if (meta) meta.after(panelHost);
    else card.append(panelHost);
    return;
  }
  // Simple index (or an unknown container): after the first <br> following the anchor, before the next link.
  let n: ChildNode | null = (badgeHost && badgeHost.previousSibling === file.anchor ? badgeHost : file.anchor).nextSibling;
  while (n) {
    if (n instanceof Element) {
      if (n.tagName === 'BR') {
        n.after(panelHost);
        return;
      }
      if (n.tagName === 'A') break;
    }
    n = n.nextSibling;
  }
  (badgeHost ?? file.anchor).after(panelHost);
}

function placePanelInRow(row: HTMLTableRowElement, panelHost: HTMLElement): void {
  const doc = row.ownerDocument;
  const next = row.nextElementSibling;
  if (next?.hasAttribute(PANEL_ROW_ATTR)) next.remove(); // an earlier instance's, or a stale one
  const panelRow = doc.createElement('tr');
  panelRow.setAttribute(PANEL_ROW_ATTR, '');
  const cell = doc.createElement('td');
  cell.colSpan = Math.max(
    1,
    [...row.cells].reduce((n, c) => n + c.colSpan, 0),
  );
  cell.append(panelHost);
  panelRow.append(cell);
  row.after(panelRow);
}

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
