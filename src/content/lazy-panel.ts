/**
 * The details panel's place on the page until its code is loaded: the panel (panel-slot.ts with
 * panel-app.ts: Preact, its wording, the report tools) loads on first open with a dynamic import,
 * never with the script every page loads (issue #16). A close, or another open, while it loads
 * wins over the open that started the load.
 */
import type { DetectedFile } from './detect/types';
import type { FileView } from '../ui/types';
import type { PanelDeps } from './panel-app';

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

type PanelSlotCode = typeof import('./panel-slot');

let code: Promise<PanelSlotCode> | null = null;
function loadPanel(): Promise<PanelSlotCode> {
  code ??= import('./panel-slot').catch((e: unknown) => {
    code = null; // try again on the next open
    throw e;
  });
  return code;
}

export function lazyPanelSlot(d: PanelSlotDeps): PanelSlot {
  let slot: PanelSlot | null = null;
  /** Bumped by every open and close: only the latest one's load opens a panel. */
  let latest = 0;

  async function open(filename: string): Promise<void> {
    const token = ++latest;
    let m: PanelSlotCode;
    try {
      m = await loadPanel();
    } catch (e) {
      console.warn('pypi-provenance: could not load the details panel:', e);
      return;
    }
    slot ??= m.createPanelSlot(d);
    if (token === latest) await slot.open(filename);
  }

  return {
    open,
    close: (opts) => {
      latest++;
      slot?.close(opts);
    },
    toggle: (filename) => void (slot && slot.openFilename() === filename ? slot.toggle(filename) : open(filename)),
    refresh: (filename) => slot?.refresh(filename),
    openFilename: () => slot?.openFilename() ?? null,
    detached: () => slot?.detached() ?? false,
  };
}
