/**
 * Runs the extension's UI on one detected page: badges, the details panel, the summary line,
 * the worker connection, settings and the download confirmation. No browser-extension API import:
 * everything browser-specific comes in through `ControllerDeps` (see runtime.ts / index.ts).
 */
import { h, render } from 'preact';
import type { FileVerdictMessage, GetProvenanceRequest, PageFile } from '../messages';
import type { ReleaseHistory } from '../history/types';
import { matchBlob } from '../report/match-file';
import { buildReport, reportFilename, reportToJson, reportToMarkdown } from '../report/verdict-report';
import type { IdentityPin, Settings } from '../settings';
import type { FileView } from '../ui/types';
import { W } from '../ui/wording';
import type { ReasonCode } from '../verify/verdict';
import type { DetectedFile, PageInfo } from './detect/types';
import {
  BADGE_CLASS,
  ensureBadgeHost,
  PANEL_ATTR,
  placePanel,
  removePanel,
  removeStaleHosts,
  setStateAttributes,
  SUMMARY_ATTR,
} from './badges';
import { installDownloadGuard } from './download-guard';
import {
  asPending,
  leafCertificateFingerprint,
  pendingView,
  UNCHECKABLE_MESSAGE,
  withHistory,
  withLocalError,
  withVerdict,
} from './file-view';
import { isCheckableFilename } from './detect/files';
import { CheckClient, type PortLike } from './port-client';
import { saveTextAsFile } from './save-file';
import { createShadowHost, isolateEvents, shadowOf } from './shadow';
import { Badge, BADGE_CSS, Panel, PANEL_CSS, Summary, SUMMARY_CSS } from './ui';

export interface ControllerDeps {
  doc: Document;
  settings: Settings;
  connect(): PortLike;
  sendMessage(message: GetProvenanceRequest): Promise<unknown>;
  confirm(message: string): boolean;
  alert(message: string): void;
  /** Store a pin (optional feature: "pin this publisher"). */
  savePin?(pin: IdentityPin): Promise<void>;
  /** The extension's version for reports (browser.runtime.getManifest().version). */
  extensionVersion?: string;
  /** Passed to CheckClient (tests). */
  clientOptions?: { backoffMs?: number[]; maxReconnects?: number; idleTimeoutMs?: number; newRequestId?(): string };
}

export interface PageController {
  readonly page: PageInfo;
  view(filename: string): FileView | undefined;
  views(): FileView[];
  badgeHost(filename: string): HTMLElement | undefined;
  openPanel(filename: string): void;
  closePanel(opts?: { focusBadge?: boolean }): void;
  openFilename(): string | null;
  /** The release's publisher history, once the worker sent it. */
  history(): ReleaseHistory | null;
  applySettings(settings: Settings): void;
  /** Re-place badges that are missing from the DOM (e.g. after the page's scripts replaced nodes). */
  ensureMounted(): void;
  destroy(): void;
}

const PINNABLE = new Set(['GitHub', 'GitLab', 'Google']);

export function pinFromView(view: FileView): IdentityPin | null {
  const v = view.verdict;
  if (!v || v.state !== 'verified' || !v.publisher || !PINNABLE.has(v.publisher.kind)) return null;
  const p = v.publisher;
  if (p.kind === 'Google') return p.email ? { project: view.project, kind: 'Google', email: p.email } : null;
  if (!p.repository) return null;
  const pin: IdentityPin = { project: view.project, kind: p.kind as 'GitHub' | 'GitLab', repository: p.repository };
  if (p.workflow) pin.workflow = p.workflow;
  return pin;
}

export function startController(page: PageInfo, deps: ControllerDeps): PageController {
  const { doc } = deps;
  let settings = deps.settings;
  const files = new Map<string, DetectedFile>(page.files.map((f) => [f.filename, f]));
  const views = new Map<string, FileView>(page.files.map((f) => [f.filename, pendingView(page, f, settings.strict)]));
  const badges = new Map<string, HTMLElement>();
  let panel: { filename: string; host: HTMLElement } | null = null;
  let summaryHost: HTMLElement | null = null;
  let destroyed = false;
  let history: ReleaseHistory | null = null;
  /** Hosts this controller created; anything else with our markers is stale (another instance) and removed. */
  const mine = new WeakSet<Element>();
  const owned = (el: Element) => mine.has(el);
  const newHost = <K extends 'div' | 'span'>(tag: K, css: string) => {
    const r = createShadowHost(doc, tag, css);
    mine.add(r.host);
    return r;
  };

  const client = new CheckClient({
    index: page.index,
    project: page.project,
    version: page.version,
    connect: deps.connect,
    onVerdict: (m: FileVerdictMessage) => update(m.filename, (v) => withVerdict(v, m)),
    onFileError: (filename: string, message: string, code: ReasonCode) => update(filename, (v) => withLocalError(v, message, code)),
    onHistory: (h: ReleaseHistory) => setHistory(h),
    ...deps.clientOptions,
  });

  function update(filename: string, f: (v: FileView) => FileView): void {
    const v = views.get(filename);
    if (!v || destroyed) return;
    views.set(filename, withHistory(f(v), history));
    renderFile(filename);
    renderSummary();
  }

  function setHistory(h: ReleaseHistory | null): void {
    if (destroyed) return;
    history = h;
    for (const [k, v] of views) views.set(k, withHistory(v, history));
    for (const f of page.files) renderFile(f.filename);
    renderSummary();
  }

  function safe(fn: () => void): void {
    try {
      fn();
    } catch (e) {
      console.warn('pypi-provenance:', e);
    }
  }

  // ---------- badges
  function mountBadge(file: DetectedFile): void {
    const { host } = ensureBadgeHost(doc, file, BADGE_CSS, owned);
    mine.add(host);
    if (!badges.has(file.filename) || badges.get(file.filename) !== host) {
      badges.set(file.filename, host);
      host.addEventListener('keydown', (ev) => {
        if (ev.key === 'Escape' && panel?.filename === file.filename) {
          ev.preventDefault();
          closePanel({ focusBadge: true });
        }
      });
    }
    renderFile(file.filename);
  }

  function renderFile(filename: string): void {
    const view = views.get(filename);
    const host = badges.get(filename);
    if (!view || !host) return;
    setStateAttributes(host, view);
    const root = shadowOf(host);
    if (root) {
      safe(() => render(h(Badge, { file: view, expanded: panel?.filename === filename, onToggle: () => togglePanel(filename) }), root));
    }
    if (panel?.filename === filename) renderPanel();
  }

  // ---------- panel
  function togglePanel(filename: string): void {
    if (panel?.filename === filename) closePanel({ focusBadge: true });
    else openPanel(filename);
  }

  function openPanel(filename: string): void {
    const file = files.get(filename);
    if (!file || destroyed) return;
    const previous = panel?.filename;
    closePanel({ focusBadge: false });
    if (previous) renderFile(previous);
    const { host } = newHost('div', PANEL_CSS);
    host.setAttribute(PANEL_ATTR, filename);
    host.setAttribute('role', 'region');
    host.setAttribute('aria-label', W.panelLabel(filename));
    host.addEventListener('keydown', (ev) => {
      if (ev.key === 'Escape') {
        ev.preventDefault();
        closePanel({ focusBadge: true });
      }
    });
    isolateEvents(host);
    panel = { filename, host };
    placePanel(file, host, badges.get(filename) ?? null);
    renderFile(filename); // updates badge `expanded` and renders the panel
  }

  function renderPanel(): void {
    if (!panel) return;
    const { filename, host } = panel;
    const view = views.get(filename);
    if (!view) return;
    setStateAttributes(host, view);
    const fp = leafCertificateFingerprint(view);
    if (fp) host.setAttribute('data-provenance-certificate', fp);
    else host.removeAttribute('data-provenance-certificate');
    const root = shadowOf(host);
    if (!root) return;
    const pin = deps.savePin ? pinFromView(view) : null;
    safe(() =>
      render(
        h(Panel, {
          file: view,
          onClose: () => closePanel({ focusBadge: true }),
          onRetry: () => retry(filename),
          onSaveProvenance: () => void saveProvenance(filename),
          ...(pin && view.pin.status === 'none' ? { onPinPublisher: () => void savePin(pin) } : {}),
          onExport: (format: 'json' | 'markdown') => exportReport(format),
          onMatchFile: (file: Blob & { name?: string }) => matchBlob(file, page.files.map((f) => views.get(f.filename)!).filter(Boolean)),
        }),
        root,
      ),
    );
  }

  function closePanel(opts: { focusBadge?: boolean } = {}): void {
    if (!panel) return;
    const { filename, host } = panel;
    panel = null;
    const root = shadowOf(host);
    if (root) safe(() => render(null, root));
    removePanel(host);
    renderFile(filename);
    if (opts.focusBadge) focusBadge(filename);
  }

  function focusBadge(filename: string): void {
    const host = badges.get(filename);
    if (!host) return;
    const button = shadowOf(host)?.querySelector<HTMLElement>('button, [tabindex]');
    if (button) button.focus();
    else host.focus();
  }

  const onDocKeydown = (ev: KeyboardEvent) => {
    if (ev.key === 'Escape' && panel) closePanel({ focusBadge: true });
  };
  doc.addEventListener('keydown', onDocKeydown);

  // ---------- actions
  function pageFile(filename: string): PageFile | null {
    const f = files.get(filename);
    return f && isCheckableFilename(f.filename) ? { filename: f.filename, pageSha256: f.pageSha256 } : null;
  }

  function retry(filename: string): void {
    const f = pageFile(filename);
    if (!f) return;
    update(filename, asPending);
    client.check([f], { force: true });
  }

  async function saveProvenance(filename: string): Promise<void> {
    let res: unknown;
    try {
      res = await deps.sendMessage({ type: 'get-provenance', index: page.index, project: page.project, filename });
    } catch {
      res = undefined;
    }
    const r = typeof res === 'object' && res !== null ? (res as Record<string, unknown>) : {};
    if (r.ok === true && typeof r.json === 'string') {
      safe(() => saveTextAsFile(doc, `${filename}.provenance.json`, r.json as string));
      return;
    }
    const why = typeof r.message === 'string' && r.message.trim() ? r.message.trim().slice(0, 200) : W.workerNoAnswer;
    deps.alert(W.saveProvenanceFailed(filename, why));
  }

  function exportReport(format: 'json' | 'markdown'): void {
    const report = buildReport({
      files: page.files.map((f) => views.get(f.filename)).filter((v): v is FileView => v !== undefined),
      history,
      extensionVersion: deps.extensionVersion ?? 'unknown',
      now: new Date(),
    });
    safe(() =>
      format === 'json'
        ? saveTextAsFile(doc, reportFilename(report, 'json'), reportToJson(report))
        : saveTextAsFile(doc, reportFilename(report, 'md'), reportToMarkdown(report), 'text/markdown'),
    );
  }

  async function savePin(pin: IdentityPin): Promise<void> {
    try {
      await deps.savePin?.(pin);
    } catch {
      deps.alert(W.savePinFailed(pin.project));
    }
  }

  // ---------- summary
  function renderSummary(): void {
    if (destroyed) return;
    if (!settings.showSummary) {
      if (summaryHost) {
        const root = shadowOf(summaryHost);
        if (root) safe(() => render(null, root));
        summaryHost.remove();
        summaryHost = null;
      }
      return;
    }
    if (!summaryHost || !summaryHost.isConnected) {
      const container = page.fileList;
      if (!container) return;
      removeStaleHosts(container, `[${SUMMARY_ATTR}]`, owned);
      const { host } = newHost('div', SUMMARY_CSS);
      host.setAttribute(SUMMARY_ATTR, '');
      isolateEvents(host);
      const heading = [...container.children].find((c) =>
        page.kind === 'simple' ? c.tagName === 'H1' : c.tagName === 'H2' && c.classList.contains('page-title'),
      );
      if (heading) heading.after(host);
      else container.prepend(host);
      summaryHost = host;
    }
    const all = page.files.map((f) => views.get(f.filename)).filter((v): v is FileView => v !== undefined);
    const verified = all.filter((v) => v.verdict?.state === 'verified').length;
    summaryHost.setAttribute('data-provenance-summary', `${verified}/${all.length}`);
    if (history) summaryHost.setAttribute('data-provenance-history', history.state);
    else summaryHost.removeAttribute('data-provenance-history');
    const root = shadowOf(summaryHost);
    if (root) safe(() => render(h(Summary, { files: all, project: page.project, version: page.version, history }), root));
  }

  // ---------- mount everything
  function ensureMounted(): void {
    if (destroyed) return;
    for (const f of page.files) {
      const host = badges.get(f.filename);
      if (!host || !host.isConnected || host.previousSibling !== f.anchor) safe(() => mountBadge(f));
    }
    if (panel && !panel.host.isConnected) closePanel();
    renderSummary();
  }

  const root = page.fileList;
  if (root) removeStaleHosts(root, `[${PANEL_ATTR}]`, owned);
  ensureMounted();

  // Download confirmation on project/release pages only: the simple index is served sandboxed
  // (no allow-modals), where window.confirm returns false without asking.
  const removeGuard =
    page.kind === 'simple'
      ? () => undefined
      : installDownloadGuard(doc, {
          getView: (filename) => views.get(filename),
          getSettings: () => settings,
          confirm: deps.confirm,
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
    badgeHost: (filename) => badges.get(filename),
    openPanel,
    closePanel,
    openFilename: () => panel?.filename ?? null,
    history: () => history,
    applySettings(next: Settings) {
      if (destroyed) return;
      settings = next;
      for (const [k, v] of views) if (v.strict !== next.strict) views.set(k, withHistory({ ...v, strict: next.strict }, history));
      for (const f of page.files) renderFile(f.filename);
      renderSummary();
      // Levels and pins are computed by the worker: ask again (cached, so cheap).
      client.check(allFiles());
    },
    ensureMounted,
    destroy() {
      if (destroyed) return;
      closePanel();
      destroyed = true;
      client.close();
      removeGuard();
      doc.removeEventListener('keydown', onDocKeydown);
      for (const host of badges.values()) {
        const r = shadowOf(host);
        if (r) safe(() => render(null, r));
        host.remove();
      }
      badges.clear();
      if (summaryHost) summaryHost.remove();
      summaryHost = null;
    },
  };
}

export { BADGE_CLASS };
