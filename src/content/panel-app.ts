/**
 * The details panel, loaded on first open (with panel-slot.ts, through lazy-panel.ts), so the script that
 * runs on every pypi.org page carries no Preact, no panel wording and no report code (issue #16).
 * Renders the Preact `Panel` into the panel host's closed shadow root and carries out its actions
 * (save provenance, export a report, match a local file, pin the publisher).
 */
import '../i18n/english'; // reason messages are matched against the English text (wording.ts), and the fallback if chrome.i18n fails
import { h, render } from 'preact';
import type { GetProvenanceRequest } from '../messages';
import type { ReleaseHistory } from '../history/types';
import { matchBlob } from '../report/match-file';
import { buildReport, reportFilename, reportToJson, reportToMarkdown } from '../report/verdict-report';
import type { IdentityPin } from '../settings';
import { Panel } from '../ui/Panel';
import { PANEL_CSS } from '../ui/panel-styles';
import type { FileView } from '../ui/types';
import { W } from '../ui/wording';
import type { PageInfo } from './detect/types';
import { saveTextAsFile } from './save-file';

export { PANEL_CSS };

/** What the panel needs from the page's controller. */
export interface PanelDeps {
  doc: Document;
  page: PageInfo;
  /** Every file of the page, in page order. */
  views(): FileView[];
  history(): ReleaseHistory | null;
  sendMessage(message: GetProvenanceRequest): Promise<unknown>;
  alert(message: string): void;
  savePin?(pin: IdentityPin): Promise<void>;
  extensionVersion?: string;
  close(): void;
  retry(filename: string): void;
}

const PINNABLE = new Set(['GitHub', 'GitLab', 'Google']);

/** The pin "Pin this publisher" stores for a verified file; null when the publisher cannot be pinned. */
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

function safe(fn: () => void): void {
  try {
    fn();
  } catch (e) {
    console.warn('pypi-provenance:', e);
  }
}

async function saveProvenance(d: PanelDeps, filename: string): Promise<void> {
  let res: unknown;
  try {
    res = await d.sendMessage({ type: 'get-provenance', index: d.page.index, project: d.page.project, filename });
  } catch {
    res = undefined;
  }
  const r = typeof res === 'object' && res !== null ? (res as Record<string, unknown>) : {};
  if (r.ok === true && typeof r.json === 'string') {
    safe(() => saveTextAsFile(d.doc, `${filename}.provenance.json`, r.json as string));
    return;
  }
  const why = typeof r.message === 'string' && r.message.trim() ? r.message.trim().slice(0, 200) : W.workerNoAnswer;
  d.alert(W.saveProvenanceFailed(filename, why));
}

function exportReport(d: PanelDeps, format: 'json' | 'markdown'): void {
  const report = buildReport({
    files: d.views(),
    history: d.history(),
    extensionVersion: d.extensionVersion ?? 'unknown',
    now: new Date(),
  });
  safe(() =>
    format === 'json'
      ? saveTextAsFile(d.doc, reportFilename(report, 'json'), reportToJson(report))
      : saveTextAsFile(d.doc, reportFilename(report, 'md'), reportToMarkdown(report), 'text/markdown'),
  );
}

async function savePin(d: PanelDeps, pin: IdentityPin): Promise<void> {
  try {
    await d.savePin?.(pin);
  } catch {
    d.alert(W.savePinFailed(pin.project));
  }
}

export function renderPanel(root: ShadowRoot, view: FileView, d: PanelDeps): void {
  const pin = d.savePin ? pinFromView(view) : null;
  safe(() =>
    render(
      h(Panel, {
        file: view,
        onClose: () => d.close(),
        onRetry: () => d.retry(view.filename),
        onSaveProvenance: () => void saveProvenance(d, view.filename),
        ...(pin && view.pin.status === 'none' ? { onPinPublisher: () => void savePin(d, pin) } : {}),
        onExport: (format: 'json' | 'markdown') => exportReport(d, format),
        onMatchFile: (file: Blob & { name?: string }) => matchBlob(file, d.views()),
      }),
      root,
    ),
  );
}

export function unmountPanel(root: ShadowRoot): void {
  safe(() => render(null, root));
}
