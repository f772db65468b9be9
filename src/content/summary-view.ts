/**
 * The summary line above the file list, in plain DOM (dom.ts): counts by state, the publisher of the
 * verified files, the release's publisher history. A live region (`role=status`), rebuilt in place,
 * in a host of its own right after the release's heading (`createSummaryLine`).
 */
import { S, WHO } from '../ui/inline-wording';
import { shownFile } from '../ui/status';
import { countFiles } from '../ui/summary';
import type { FileView } from '../ui/types';
import type { ReleaseHistory } from '../history/types';
import { SUMMARY_CSS } from '../ui/styles';
import { removeStaleHosts, SUMMARY_ATTR } from './badges';
import type { PageInfo } from './detect/types';
import { el, setAttr } from './dom';
import { isolateEvents, shadowOf } from './shadow';

/** What the line says about the release's publisher history (release-history.ts `summaryHistory`, loaded with it). */
export interface SummaryHistory {
  sentence: { text: string; cls: string } | null;
  /** The release checks ("2 of 3 files attested", …). */
  checks: string[];
}

export interface SummaryInput {
  files: FileView[];
  history?: SummaryHistory | null;
}

/** The parts of the line, most important first: [text, class]. */
export function summaryParts({ files, history }: SummaryInput): { text: string; cls: string }[] {
  const c = countFiles(files.map(shownFile));
  const s = c.byState;
  if (c.total === 0) return [{ text: S.noFiles, cls: 'sum__main' }];
  let main = S.verifiedOf(s.verified, c.total);
  if (c.publishers.length === 1) main += ` ${S.from(c.publishers[0]!)}`;
  else if (c.publishers.length > 1) main += ` ${S.mixed(c.publishers)}`;
  // Failures lead: "6 files FAILED the provenance check", then what verified.
  const parts: { text: string; cls: string }[] = [];
  if (s.failed > 0) parts.push({ text: S.failed(s.failed), cls: 'sum__failed' });
  if (c.pinMismatch > 0) parts.push({ text: S.pinMismatch(c.pinMismatch), cls: 'sum__failed' });
  parts.push({ text: main, cls: 'sum__main' });
  if (c.multiplePublishers > 0) parts.push({ text: S.multiplePublishers(c.multiplePublishers), cls: 'sum__multiple' });
  if (s.pending > 0) parts.push({ text: S.checking(s.pending), cls: 'sum__pending' });
  if (s.absent > 0) parts.push({ text: S.absent(s.absent), cls: 'sum__absent' });
  if (s.error > 0) parts.push({ text: S.error(s.error), cls: 'sum__error' });
  if (history?.sentence) parts.push(history.sentence);
  return parts;
}

const boxes = new WeakMap<ParentNode, HTMLDivElement>();

export function renderSummary(root: Element | ShadowRoot, input: SummaryInput): void {
  const doc = root.ownerDocument!;
  let box = boxes.get(root);
  if (!box) {
    box = el(doc, 'div');
    box.setAttribute('role', 'status');
    box.setAttribute('aria-live', 'polite');
    root.replaceChildren(box);
    boxes.set(root, box);
  }
  const parts = summaryParts(input);
  const danger = parts.some((p) => p.cls === 'sum__failed');
  setAttr(box, 'class', danger ? 'sum sum--danger' : 'sum');
  const children: Node[] = [el(doc, 'span', 'sum__who', `${WHO.appName}:`), doc.createTextNode(' ')];
  parts.forEach((p, i) => {
    const span = el(doc, 'span', p.cls, `${i > 0 ? '; ' : ''}${p.text}`);
    span.setAttribute('data-count', p.cls);
    children.push(span);
  });
  const checks = input.history?.checks ?? [];
  if (checks.length > 0) {
    const span = el(doc, 'span', 'sum__checks', checks.join(' '));
    span.setAttribute('data-count', 'sum__checks');
    children.push(span);
  }
  box.replaceChildren(...children);
}

/** Remove the line (summary turned off). */
export function clearSummary(root: Element | ShadowRoot): void {
  boxes.delete(root);
  root.replaceChildren();
}

export interface SummaryLine {
  /** Show the line for these files (mounting its host first if the page has none of ours). */
  render(files: FileView[], history: ReleaseHistory | null, said: SummaryHistory | null): void;
  /** Take the line off the page (summary turned off, or the controller stops). */
  remove(): void;
}

export function createSummaryLine(d: {
  page: PageInfo;
  /** A shadow host the controller owns, with this stylesheet. */
  newHost(css: string): HTMLElement;
  owned(el: Element): boolean;
}): SummaryLine {
  let host: HTMLElement | null = null;

  /** The summary goes right after the release's heading (the simple index's h1), else first in the list. */
  function mount(): HTMLElement | null {
    const container = d.page.fileList;
    if (!container) return null;
    removeStaleHosts(container, `[${SUMMARY_ATTR}]`, d.owned);
    const h = d.newHost(SUMMARY_CSS);
    h.setAttribute(SUMMARY_ATTR, '');
    isolateEvents(h);
    const heading = [...container.children].find((c) =>
      d.page.kind === 'simple' ? c.tagName === 'H1' : c.tagName === 'H2' && c.classList.contains('page-title'),
    );
    if (heading) heading.after(h);
    else container.prepend(h);
    return h;
  }

  return {
    render(files, history, said) {
      host = host?.isConnected ? host : mount();
      if (!host) return;
      const verified = files.filter((v) => v.verdict?.state === 'verified').length;
      host.setAttribute(SUMMARY_ATTR, `${verified}/${files.length}`);
      if (history) host.setAttribute('data-provenance-history', history.state);
      else host.removeAttribute('data-provenance-history');
      const root = shadowOf(host);
      if (root) renderSummary(root, { files, history: said });
    },
    remove() {
      if (!host) return;
      const root = shadowOf(host);
      if (root) clearSummary(root);
      host.remove();
      host = null;
    },
  };
}
