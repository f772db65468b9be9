/**
 * Runs the extension's UI on one detected page: the model (file-views.ts: each file's view and the
 * release's history), the worker's answers (port-client.ts, and early-verdicts.ts before the page
 * was parsed), and the parts that show a change: the badges (badge-view.ts), the summary line
 * (summary-view.ts), the details panel (lazy-panel.ts; its code loads on first open), the download
 * confirmation (download-guard.ts) and the link report (link-scan.ts). No browser-extension API
 * import: everything browser-specific comes in through `ControllerDeps` (see runtime.ts / index.ts).
 */
import type { FileVerdictMessage, GetProvenanceRequest, LinkMismatchRequest, PageFile, PageSettings } from '../messages';
import type { ReleaseHistory } from '../history/types';
import type { IdentityPin } from '../settings';
import type { FileView } from '../ui/types';
import type { DetectedFile, PageInfo } from './detect/types';
import { BADGE_CLASS, PANEL_ATTR, removeStaleHosts } from './badges';
import { createBadges } from './badge-view';
import { isCheckableFilename } from './detect/files';
import { installDownloadGuard } from './download-guard';
import type { EarlyVerdicts, EarlyVerdictsByFile } from './early-verdicts';
import { UNCHECKABLE_MESSAGE } from './file-view';
import { createFileViews } from './file-views';
import { lazyPanelSlot } from './lazy-panel';
import { createLinkScan } from './link-scan';
import { createCheckClient, type PortLike } from './port-client';
import { createShadowHost } from './shadow';
import { createSummaryLine } from './summary-view';

export interface ControllerDeps {
  doc: Document;
  settings: PageSettings;
  connect(): PortLike;
  sendMessage(message: GetProvenanceRequest): Promise<unknown>;
  /** Tell the worker which links of the page are not the index's URL for their file (the popup names them). */
  reportLinks?(message: LinkMismatchRequest): Promise<unknown>;
  /** Only if the in-page dialog (download-dialog.ts) cannot be loaded: the browser's own confirm(). */
  confirm(message: string): boolean;
  alert(message: string): void;
  /** Store a pin (optional feature: "pin this publisher"). */
  savePin?(pin: IdentityPin): Promise<void>;
  /** The extension's version for reports (browser.runtime.getManifest().version). */
  extensionVersion?: string;
  /** The verdicts the worker could give before the page was parsed (early-verdicts.ts). */
  early?: EarlyVerdicts;
  /** Passed to createCheckClient (tests). */
  clientOptions?: { backoffMs?: number[]; maxReconnects?: number; idleTimeoutMs?: number; newRequestId?(): string };
}

export interface PageController {
  readonly page: PageInfo;
  view(filename: string): FileView | undefined;
  views(): FileView[];
  badgeHost(filename: string): HTMLElement | undefined;
  /** Opens the file's panel; resolves once it is on the page (its code loads on first open). */
  openPanel(filename: string): Promise<void>;
  closePanel(opts?: { focusBadge?: boolean }): void;
  openFilename(): string | null;
  /** The release's publisher history, once the worker sent it. */
  history(): ReleaseHistory | null;
  applySettings(settings: PageSettings): void;
  /** Re-place badges that are missing from the DOM (e.g. after the page's scripts replaced nodes). */
  ensureMounted(): void;
  destroy(): void;
}

function safe(fn: () => void): void {
  try {
    fn();
  } catch (e) {
    console.warn('pypi-provenance:', e);
  }
}

export function startController(page: PageInfo, deps: ControllerDeps): PageController {
  const { doc } = deps;
  let settings = deps.settings;
  let destroyed = false;
  let mounted = false;
  const files = new Map<string, DetectedFile>(page.files.map((f) => [f.filename, f]));
  const views = createFileViews(page, settings.strict);

  // ---------- our hosts: anything else with our markers is stale (another instance) and removed
  const mine = new WeakSet<Element>();
  const owned = (el: Element) => mine.has(el);
  const newHost = (css: string): HTMLElement => {
    const { host } = createShadowHost(doc, 'div', css);
    mine.add(host);
    return host;
  };

  // ---------- the parts that show the model
  const badges = createBadges({
    doc,
    owned,
    own: (host) => mine.add(host),
    onEscape: (filename) => {
      if (panel.openFilename() !== filename) return false;
      panel.close({ focusBadge: true });
      return true;
    },
  });
  const summary = createSummaryLine({ page, newHost, owned });
  const panel = lazyPanelSlot({
    doc,
    page,
    file: (filename) => (destroyed ? undefined : files.get(filename)),
    view: views.get,
    views: views.all,
    history: views.history,
    badgeHost: (filename) => badges.host(filename),
    newHost,
    onOpenChanged: (filename) => renderBadgeOf(filename),
    sendMessage: deps.sendMessage,
    alert: deps.alert,
    ...(deps.savePin ? { savePin: deps.savePin } : {}),
    ...(deps.extensionVersion ? { extensionVersion: deps.extensionVersion } : {}),
    retry,
  });
  const links = createLinkScan({ doc, page, view: views.get, send: deps.reportLinks });

  // ---------- the worker's answers
  const client = createCheckClient({
    index: page.index,
    project: page.project,
    version: page.version,
    connect: deps.connect,
    onVerdict: (m: FileVerdictMessage) => {
      if (views.answer(m)) changed([m.filename]);
      if (m.downloadUrl !== undefined) links.schedule();
    },
    onFileError: (filename, message, code) => {
      views.answerError(filename, message, code);
      changed([filename]);
    },
    onHistory: receiveHistory,
    ...deps.clientOptions,
  });

  function receiveHistory(raw: unknown): void {
    import('./release-history').then(
      (code) => {
        const h = code.parseHistory(raw);
        if (!h || destroyed) return;
        views.setHistory(h, code);
        changed(page.files.map((f) => f.filename));
      },
      (e: unknown) => console.warn('pypi-provenance: could not load the publisher history:', e),
    );
  }

  /** Early verdicts (early-verdicts.ts) for files still waiting; before the mount, the views to mount. */
  function showEarly(found: EarlyVerdictsByFile): void {
    if (destroyed) return;
    const shown = views.showEarly(found);
    if (!mounted || shown.length === 0) return;
    changed(shown.map((m) => m.filename));
    if (shown.some((m) => m.downloadUrl !== undefined)) links.schedule();
  }

  // ---------- rendering
  function changed(filenames: readonly string[]): void {
    if (destroyed) return;
    for (const f of filenames) renderFile(f);
    renderSummary();
  }

  function renderFile(filename: string): void {
    renderBadgeOf(filename);
    panel.refresh(filename);
  }

  function renderBadgeOf(filename: string): void {
    const view = views.get(filename);
    if (view) safe(() => badges.render(filename, view, panel.openFilename() === filename, () => panel.toggle(filename)));
  }

  function renderSummary(): void {
    if (destroyed) return;
    const history = views.history();
    const code = views.historyCode();
    if (!settings.showSummary) summary.remove();
    else safe(() => summary.render(views.all(), history, history && code ? code.summaryHistory(history) : null));
  }

  // ---------- actions
  function retry(filename: string): void {
    const f = files.get(filename);
    if (!f || !isCheckableFilename(f.filename)) return;
    views.retry(filename);
    changed([filename]);
    client.check([{ filename: f.filename, pageSha256: f.pageSha256 }], { force: true });
  }

  const onDocKeydown = (ev: KeyboardEvent) => {
    if (ev.key === 'Escape' && panel.openFilename()) panel.close({ focusBadge: true });
  };
  doc.addEventListener('keydown', onDocKeydown);

  function ensureMounted(): void {
    if (destroyed) return;
    for (const f of page.files) {
      if (badges.placed(f)) continue;
      safe(() => {
        badges.mount(f);
        renderFile(f.filename);
      });
    }
    if (panel.detached()) panel.close();
    renderSummary();
    if (page.files.some((f) => views.get(f.filename)?.downloadUrl)) links.schedule();
  }

  // ---------- start: stale hosts out; files the worker protocol does not accept get a badge in the
  // error state; early verdicts; the badges; the download guard; the page's check
  const pageRoot = page.fileList;
  if (pageRoot) removeStaleHosts(pageRoot, `[${PANEL_ATTR}]`, owned);
  for (const f of page.files) if (!isCheckableFilename(f.filename)) views.answerError(f.filename, UNCHECKABLE_MESSAGE);
  deps.early?.use(page, showEarly);
  ensureMounted();
  mounted = true;

  // Download confirmation on project/release pages only, as before the in-page dialog: the simple
  // index is served sandboxed (CSP `sandbox allow-top-navigation`, pypi-dom.md) and is read by
  // installers rather than clicked. The question is our in-page dialog, loaded on the first guarded click.
  const removeGuard =
    page.kind === 'simple'
      ? () => undefined
      : installDownloadGuard(doc, {
          getView: views.get,
          getSettings: () => settings,
          historyQuestion: (view) => views.historyCode()?.historyQuestion(view) ?? null,
          ask: (question, link) =>
            import('./download-dialog').then(
              (m) => m.askDownload(doc, question, link),
              () => deps.confirm(question),
            ),
          onMismatch: (filename, href) => links.click(filename, href),
        });

  const allFiles = (): PageFile[] =>
    page.files.filter((f) => isCheckableFilename(f.filename)).map((f) => ({ filename: f.filename, pageSha256: f.pageSha256 }));
  client.check(allFiles());

  return {
    page,
    view: views.get,
    views: views.all,
    badgeHost: (filename) => badges.host(filename),
    openPanel: (filename) => (destroyed ? Promise.resolve() : panel.open(filename)),
    closePanel: (opts) => panel.close(opts),
    openFilename: () => panel.openFilename(),
    history: views.history,
    applySettings(next: PageSettings) {
      if (destroyed) return;
      settings = next;
      views.setStrict(next.strict);
      changed(page.files.map((f) => f.filename));
      // Levels and pins are computed by the worker: ask again (cached, so cheap).
      client.check(allFiles());
    },
    ensureMounted,
    destroy() {
      if (destroyed) return;
      panel.close();
      destroyed = true;
      links.dispose();
      client.close();
      removeGuard();
      doc.removeEventListener('keydown', onDocKeydown);
      badges.removeAll();
      summary.remove();
    },
  };
}

export { BADGE_CLASS };
