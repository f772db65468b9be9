/** Render the content script's plain-DOM badge and summary line into a detached test container. */
import { renderBadge } from '../../src/content/badge-view';
import { summaryHistory } from '../../src/content/release-history';
import { renderSummary } from '../../src/content/summary-view';
import type { ReleaseHistory } from '../../src/history/types';
import { publisherLabels } from '../../src/ui/proven-identity';
import { shownFile } from '../../src/ui/status';
import type { FileView } from '../../src/ui/types';

/** A container in document.body holding the badge; returns the button. */
export function badgeButton(file: FileView, expanded = false, onToggle: () => void = () => undefined): HTMLButtonElement {
  const root = document.createElement('div');
  document.body.append(root);
  renderBadge(root, file, expanded, onToggle);
  return root.querySelector('button')!;
}

/**
 * A view as the content script holds it: with the publisher labels the worker sends beside the
 * verdict (`publisherLabels`; of the verdict as shown, for the malformed ones of robustness tests).
 */
export const withLabels = (f: FileView): FileView => (f.publishers ? f : { ...f, publishers: publisherLabels(shownFile(f).verdict) });

/** A container in document.body holding the summary; returns its `role=status` box. */
export function summaryBox(files: FileView[], history?: ReleaseHistory | null): HTMLElement {
  const root = document.createElement('div');
  document.body.append(root);
  renderSummary(root, { files: files.map(withLabels), history: history ? summaryHistory(history) : null });
  return root.querySelector<HTMLElement>('[role="status"]')!;
}
