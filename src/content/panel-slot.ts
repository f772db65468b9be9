/**
 * Where a file's details panel lives on the page: at most one open, placed in the file's card,
 * closed by Escape or by its badge. The panel's code (panel-app.ts: Preact, its wording, the
 * report tools) is loaded on first open with a dynamic import, never on page load.
 */
import type { DetectedFile } from './detect/types';
import type { FileView } from '../ui/types';
import { PANEL_ATTR, placePanel, removePanel, setStateAttributes } from './badges';
import { leafCertificateFingerprint } from './file-view';
import type { PanelDeps } from './panel-app';
import { isolateEvents, shadowOf } from './shadow';

type PanelApp = typeof import('./panel-app');

export interface PanelSlotDeps extends Omit<PanelDeps, 'close'> {
  file(filename: string): DetectedFile | undefined;
  view(filename: string): FileView | undefined;
  badgeHost(filename: string): HTMLElement | undefined;
  /** A shadow host this controller owns. */
  newHost(css: string): HTMLElement;
  /** The file's badge must show whether its panel is open. */
  onOpenChanged(filename: string): void;
}

export interface PanelSlot {
  /** Resolves once the panel is on the page (or opening was superseded / failed). */
  open(filename: string): Promise<void>;
  close(opts?: { focusBadge?: boolean }): void;
  toggle(filename: string): void;
  /** Re-render the open panel if it shows `filename`. */
  refresh(filename: string): void;
  openFilename(): string | null;
  /** The panel host left the page (the page replaced nodes). */
  detached(): boolean;
}

let app: Promise<PanelApp> | null = null;
function loadApp(): Promise<PanelApp> {
  app ??= import('./panel-app').catch((e: unknown) => {
    app = null; // try again on the next open
    throw e;
  });
  return app;
}

export function createPanelSlot(d: PanelSlotDeps): PanelSlot {
  let current: { filename: string; host: HTMLElement; app: PanelApp } | null = null;
  let opening = 0;
  const panelDeps: PanelDeps = { ...d, close: () => close({ focusBadge: true }) };

  function focusBadge(filename: string): void {
    const host = d.badgeHost(filename);
    if (!host) return;
    const button = shadowOf(host)?.querySelector<HTMLElement>('button, [tabindex]');
    if (button) button.focus();
    else host.focus();
  }

  function close(opts: { focusBadge?: boolean } = {}): void {
    opening++; // a panel still loading for another file does not open after this
    if (!current) return;
    const { filename, host } = current;
    const root = shadowOf(host);
    if (root) current.app.unmountPanel(root);
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
    if (root) current.app.renderPanel(root, view, panelDeps);
  }

  async function open(filename: string): Promise<void> {
    const file = d.file(filename);
    if (!file) return;
    const token = ++opening;
    let m: PanelApp;
    try {
      m = await loadApp();
    } catch (e) {
      console.warn('pypi-provenance: could not load the details panel:', e);
      return;
    }
    if (token !== opening) return;
    close({ focusBadge: false });
    opening = token;
    const host = d.newHost(m.PANEL_CSS);
    host.setAttribute(PANEL_ATTR, filename);
    host.addEventListener('keydown', (ev) => {
      if (ev.key === 'Escape') {
        ev.preventDefault();
        close({ focusBadge: true });
      }
    });
    isolateEvents(host);
    current = { filename, host, app: m };
    placePanel(file, host, d.badgeHost(filename) ?? null);
    d.onOpenChanged(filename);
    render();
  }

  return {
    open,
    close,
    toggle: (filename) => void (current?.filename === filename ? close({ focusBadge: true }) : open(filename)),
    refresh: (filename) => {
      if (current?.filename === filename) render();
    },
    openFilename: () => current?.filename ?? null,
    detached: () => current !== null && !current.host.isConnected,
  };
}
