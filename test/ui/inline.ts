/** Render the content script's plain-DOM badge and summary line into a detached test container. */
import { renderBadge } from '../../src/content/badge-view';
import { summaryHistory } from '../../src/content/release-history';
import { renderSummary } from '../../src/content/summary-view';
import type { ReleaseHistory } from '../../src/history/types';
import type { FileView } from '../../src/ui/types';

/** A container in document.body holding the badge; returns the button. */
export function badgeButton(file: FileView, expanded = false, onToggle: () => void = () => undefined): HTMLButtonElement {
  const root = document.createElement('div');
  document.body.append(root);
  renderBadge(root, file, expanded, onToggle);
  return root.querySelector('button')!;
}

/** A container in document.body holding the summary; returns its `role=status` box. */
export function summaryBox(files: FileView[], history?: ReleaseHistory | null): HTMLElement {
  const root = document.createElement('div');
  document.body.append(root);
  renderSummary(root, { files, history: history ? summaryHistory(history) : null });
  return root.querySelector<HTMLElement>('[role="status"]')!;
}
