/**
 * The Preact components and stylesheets the content script mounts (owned by src/ui/).
 * TEMPORARY fallbacks below for pieces not landed yet; replaced by imports when they are.
 */
import { h } from 'preact';
import type { SummaryProps } from '../ui/types';
export { Badge } from '../ui/Badge';
export { Panel } from '../ui/Panel';

export function Summary(props: SummaryProps) {
  const verified = props.files.filter((f) => f.verdict?.state === 'verified').length;
  return h('p', { class: 'summary' }, `${verified} of ${props.files.length} files have verified provenance`);
}
export const BADGE_CSS = ':host{display:inline-block;margin-left:.4em}';
export const PANEL_CSS = ':host{display:block;margin-top:.5em}';
export const SUMMARY_CSS = ':host{display:block;margin:.5em 0}';
