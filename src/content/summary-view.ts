/**
 * The summary line above the file list, in plain DOM (dom.ts): counts by state, the publisher of the
 * verified files, the release's publisher history. A live region (`role=status`), rebuilt in place.
 */
import { S, WHO } from '../ui/inline-wording';
import { shownFile } from '../ui/status';
import { countFiles } from '../ui/summary';
import type { FileView } from '../ui/types';
import { el, setAttr } from './dom';

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
