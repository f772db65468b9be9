/**
 * Runs the extension's UI on one detected page: it holds each file's view, asks the worker, and
 * hands each change to the parts that show it: the badges (badge-view.ts), the summary line
 * (summary-view.ts), the details panel (lazy-panel.ts; its code loads on first open) and the download
 * confirmation (download-guard.ts). No browser-extension API import: everything browser-specific
 * comes in through `ControllerDeps` (see runtime.ts / index.ts).
 */
import type { FileVerdictMessage, GetProvenanceRequest, LinkMismatchRequest, PageFile, PageSettings } from '../messages';
import type { ReleaseHistory } from '../history/types';
import type { IdentityPin } from '../settings';
import type { FileView } from '../ui/types';
import type { ReasonCode } from '../verify/verdict';
import type { DetectedFile, PageInfo } from './detect/types';
import { BADGE_CLASS, PANEL_ATTR, removeStaleHosts } from './badges';
import { createBadges } from './badge-view';
import { isCheckableFilename } from './detect/files';
import { installDownloadGuard } from './download-guard';
import type { LinkReporter } from './link-report';
import { asPending, pendingView, UNCHECKABLE_MESSAGE, withLocalError, withVerdict } from './file-view';
import { lazyPanelSlot } from './lazy-panel';
import { createCheckClient, type PortLike } from './port-client';
import { createShadowHost } from './shadow';
import { createSummaryLine } from './summary-view';
import { earlyVerdictsFor, type EarlyVerdicts, type EarlyVerdictsByFile } from './early-verdicts';

type ReleaseHistoryCode = typeof import('./release-history');

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
  const files = new Map<string, DetectedFile>(page.files.map((f) => [f.filename, f]));
  const views = new Map<string, FileView>(page.files.map((f) => [f.filename, pendingView(page, f, settings.strict)]));
  let destroyed = false;
  let mounted = false;
  /** Files the page's own check (or a retry) has answered: an early verdict no longer applies. */
  const answered = new Set<string>();
  let history: ReleaseHistory | null = null;
  /** release-history.ts, loaded with the first history the worker sends. */
  let historyCode: ReleaseHistoryCode | null = null;
  const attachHistory = (v: FileView): FileView => (historyCode ? historyCode.withHistory(v, history) : v);
  /** Hosts this controller created; anything else with our markers is stale (another instance) and removed. */
  const mine = new WeakSet<Element>();
  const owned = (el: Element) => mine.has(el);
  const newHost = (tag: 'div' | 'span', css: string): HTMLElement => {
    const { host } = createShadowHost(doc, tag, css);
    mine.add(host);
    return host;
  };
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
  const summary = createSummaryLine({ page, newHost: (css) => newHost('div', css), owned });
  const allViews = (): FileView[] => page.files.map((f) => views.get(f.filename)).filter((v): v is FileView => v !== undefined);

  const panel = lazyPanelSlot({
    doc,
    page,
    file: (filename) => (destroyed ? undefined : files.get(filename)),
    view: (filename) => views.get(filename),
    views: allViews,
    history: () => history,
    badgeHost: (filename) => badges.host(filename),
    newHost: (css) => newHost('div', css),
    onOpenChanged: (filename) => renderBadgeOf(filename),
    sendMessage: deps.sendMessage,
    alert: deps.alert,
    ...(deps.savePin ? { savePin: deps.savePin } : {}),
    ...(deps.extensionVersion ? { extensionVersion: deps.extensionVersion } : {}),
    retry,
  });

  const client = createCheckClient({
    index: page.index,
    project: page.project,
    version: page.version,
    connect: deps.connect,
    onVerdict: (m: FileVerdictMessage) => {
      answered.add(m.filename);
      update(m.filename, (v) => withVerdict(v, m));
      if (m.downloadUrl !== undefined) scheduleLinkScan();
    },
    onFileError: (filename: string, message: string, code: ReasonCode) => {
      answered.add(filename);
      update(filename, (v) => withLocalError(v, message, code));
    },
    onHistory: receiveHistory,
    ...deps.clientOptions,
  });

  // ---------- the model: one view per file, plus the release's history
  function update(filename: string, f: (v: FileView) => FileView): void {
    const v = views.get(filename);
    if (!v || destroyed) return;
    views.set(filename, attachHistory(f(v)));
    renderFile(filename);
    renderSummary();
  }

  function receiveHistory(raw: unknown): void {
    import('./release-history').then(
      (code) => {
        historyCode = code;
        const h = code.parseHistory(raw);
        if (h) setHistory(h);
      },
      (e: unknown) => console.warn('pypi-provenance: could not load the publisher history:', e),
    );
  }

  function setHistory(h: ReleaseHistory): void {
    if (destroyed) return;
    history = h;
    for (const [k, v] of views) views.set(k, attachHistory(v));
    for (const f of page.files) renderFile(f.filename);
    renderSummary();
  }

  function renderFile(filename: string): void {
    renderBadgeOf(filename);
    panel.refresh(filename);
  }

  /** Early verdicts (early-verdicts.ts) for files still waiting; before the mount they are simply the views to mount. */
  function showEarly(found: EarlyVerdictsByFile): void {
    if (destroyed) return;
    const waiting = (filename: string) => !answered.has(filename) && views.get(filename)?.verdict === null;
    const shown = earlyVerdictsFor(page.files, found, waiting);
    for (const m of shown) views.set(m.filename, attachHistory(withVerdict(views.get(m.filename)!, m)));
    if (!mounted || shown.length === 0) return;
    for (const m of shown) renderFile(m.filename);
    renderSummary();
    if (shown.some((m) => m.downloadUrl !== undefined)) scheduleLinkScan();
  }

  // ---------- badges
  function renderBadgeOf(filename: string): void {
    const view = views.get(filename);
    if (view) safe(() => badges.render(filename, view, panel.openFilename() === filename, () => panel.toggle(filename)));
  }

  // ---------- summary
  function renderSummary(): void {
    if (destroyed) return;
    if (!settings.showSummary) summary.remove();
    else safe(() => summary.render(allViews(), history, history && historyCode ? historyCode.summaryHistory(history) : null));
  }

  // ---------- links that are not the index's download URL (#17.5), for the popup (link-report.ts,
  // loaded with the first index URL the worker sends)
  const reportLinks = deps.reportLinks;
  let linkReporter: Promise<LinkReporter> | null = null;
  function withLinkReporter(use: (r: LinkReporter) => void): void {
    if (destroyed || !reportLinks) return;
    linkReporter ??= import('./link-report').then((m) =>
      m.createLinkReporter({ doc, page, view: (filename) => views.get(filename), send: reportLinks }),
    );
    linkReporter.then(
      (r) => {
        if (!destroyed) safe(() => use(r));
      },
      (e: unknown) => {
        linkReporter = null;
        console.warn('pypi-provenance: could not load the link report:', e);
      },
    );
  }
  let linkScan: ReturnType<typeof setTimeout> | null = null;
  function scheduleLinkScan(): void {
    if (destroyed || !reportLinks || linkScan !== null) return;
    linkScan = setTimeout(() => {
      linkScan = null;
      withLinkReporter((r) => r.scan());
    }, 250);
  }

  // ---------- actions
  function retry(filename: string): void {
    const f = files.get(filename);
    if (!f || !isCheckableFilename(f.filename)) return;
    answered.add(filename);
    update(filename, asPending);
    client.check([{ filename: f.filename, pageSha256: f.pageSha256 }], { force: true });
  }

  const onDocKeydown = (ev: KeyboardEvent) => {
    if (ev.key === 'Escape' && panel.openFilename()) panel.close({ focusBadge: true });
  };
  doc.addEventListener('keydown', onDocKeydown);

  // ---------- mount everything
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
    if (page.files.some((f) => views.get(f.filename)?.downloadUrl)) scheduleLinkScan();
  }

  const pageRoot = page.fileList;
  if (pageRoot) removeStaleHosts(pageRoot, `[${PANEL_ATTR}]`, owned);
  for (const f of page.files) if (!isCheckableFilename(f.filename)) answered.add(f.filename);
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
          getView: (filename) => views.get(filename),
          getSettings: () => settings,
          historyQuestion: (view) => historyCode?.historyQuestion(view) ?? null,
          ask: (question, link) =>
            import('./download-dialog').then(
              (m) => m.askDownload(doc, question, link),
              () => deps.confirm(question),
            ),
          onMismatch: (filename, href) => withLinkReporter((r) => r.click({ filename, href })),
        });

  // Files whose names the worker protocol does not accept get a badge too, in the error state.
  const allFiles = (): PageFile[] =>
    page.files.filter((f) => isCheckableFilename(f.filename)).map((f) => ({ filename: f.filename, pageSha256: f.pageSha256 }));
  for (const f of page.files) if (!isCheckableFilename(f.filename)) update(f.filename, (v) => withLocalError(v, UNCHECKABLE_MESSAGE));
  client.check(allFiles());

  return {
    page,
    view: (filename) => views.get(filename),
    views: () => page.files.map((f) => views.get(f.filename)!),
    badgeHost: (filename) => badges.host(filename),
    openPanel: (filename) => (destroyed ? Promise.resolve() : panel.open(filename)),
    closePanel: (opts) => panel.close(opts),
    openFilename: () => panel.openFilename(),
    history: () => history,
    applySettings(next: PageSettings) {
      if (destroyed) return;
      settings = next;
      for (const [k, v] of views) if (v.strict !== next.strict) views.set(k, attachHistory({ ...v, strict: next.strict }));
      for (const f of page.files) renderFile(f.filename);
      renderSummary();
      // Levels and pins are computed by the worker: ask again (cached, so cheap).
      client.check(allFiles());
    },
    ensureMounted,
    destroy() {
      if (destroyed) return;
      panel.close();
      destroyed = true;
      if (linkScan !== null) clearTimeout(linkScan);
      client.close();
      removeGuard();
      doc.removeEventListener('keydown', onDocKeydown);
      badges.removeAll();
      summary.remove();
    },
  };
}

export { BADGE_CLASS };
