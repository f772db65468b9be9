/**
 * The details panel on the page, loaded with the panel's code on first open (lazy-panel.ts holds its
 * place until then): at most one open, placed in the file's card, closed by Escape or by its badge.
 */
import type { DetectedFile } from './detect/types';
import type { FileView } from '../ui/types';
import { PANEL_ATTR, PANEL_ROW_ATTR, removePanel, setStateAttributes } from './badges';
import type { PanelSlot, PanelSlotDeps } from './lazy-panel';
import { PANEL_CSS, renderPanel, unmountPanel, type PanelDeps } from './panel-app';
import { isolateEvents, shadowOf } from './shadow';

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

/** Leaf certificate fingerprint of the first attestation that has one (for `data-provenance-certificate`). */
export function leafCertificateFingerprint(view: FileView): string | null {
  for (const a of view.verdict?.attestations ?? []) {
    const fp = a?.certificate?.fingerprintSha256;
    if (typeof fp === 'string' && /^[0-9a-f]{64}$/i.test(fp)) return fp.toLowerCase();
  }
  return null;
}

export function createPanelSlot(d: PanelSlotDeps): PanelSlot {
  let current: { filename: string; host: HTMLElement } | null = null;
  const panelDeps: PanelDeps = { ...d, close: () => close({ focusBadge: true }) };

  function focusBadge(filename: string): void {
    const host = d.badgeHost(filename);
    if (!host) return;
    const button = shadowOf(host)?.querySelector<HTMLElement>('button, [tabindex]');
    if (button) button.focus();
    else host.focus();
  }

  function close(opts: { focusBadge?: boolean } = {}): void {
    if (!current) return;
    const { filename, host } = current;
    const root = shadowOf(host);
    if (root) unmountPanel(root);
    current = null;
    removePanel(host);
    d.onOpenChanged(filename);
    if (opts.focusBadge) focusBadge(filename);
  }

  function render(): void {
    if (!current) return;
    const { filename, host } = current;
    const view = d.view(filename);
    if (!view) return;
    setStateAttributes(host, view);
    const fp = leafCertificateFingerprint(view);
    if (fp) host.setAttribute('data-provenance-certificate', fp);
    else host.removeAttribute('data-provenance-certificate');
    const root = shadowOf(host);
    if (root) renderPanel(root, view, panelDeps);
  }

  function open(filename: string): void {
    const file = d.file(filename);
    if (!file) return;
    close({ focusBadge: false });
    const host = d.newHost(PANEL_CSS);
    host.setAttribute(PANEL_ATTR, filename);
    host.addEventListener('keydown', (ev) => {
      if (ev.key === 'Escape') {
        ev.preventDefault();
        close({ focusBadge: true });
      }
    });
    isolateEvents(host);
    current = { filename, host };
    placePanel(file, host, d.badgeHost(filename) ?? null);
    d.onOpenChanged(filename);
    render();
  }

  return {
    open: async (filename) => open(filename),
    close,
    toggle: (filename) => (current?.filename === filename ? close({ focusBadge: true }) : open(filename)),
    refresh: (filename) => {
      if (current?.filename === filename) render();
    },
    openFilename: () => current?.filename ?? null,
    detached: () => current !== null && !current.host.isConnected,
  };
}
