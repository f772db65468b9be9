/**
 * Building the content script's always-present UI (badge, summary line) with plain DOM calls:
 * createElement / setAttribute / textContent only, never HTML from strings. The panel is Preact,
 * loaded on first open (panel-app.ts).
 */
import { ICON_PATHS, type IconName } from '../ui/icon-paths';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** An element with a class and (optionally) text. */
export function el<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = doc.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

function svgChild(doc: Document, tag: string, attrs: Record<string, string>): SVGElement {
  const e = doc.createElementNS(SVG_NS, tag) as SVGElement;
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

/** The same 14 px icon as the Preact `Icon` (src/ui/icons.tsx), decorative (the text says the state). */
export function iconElement(doc: Document, name: IconName): SVGElement {
  const svg = svgChild(doc, 'svg', {
    class: `icon icon--${name}`,
    viewBox: '0 0 16 16',
    width: '14',
    height: '14',
    'aria-hidden': 'true',
    focusable: 'false',
  });
  const stroke = { fill: 'none', stroke: 'currentColor', 'stroke-width': '2' };
  svg.append(
    name === 'spinner'
      ? svgChild(doc, 'circle', { cx: '8', cy: '8', r: '5.5', ...stroke, 'stroke-dasharray': '20 15' })
      : svgChild(doc, 'path', { d: ICON_PATHS[name], ...stroke, 'stroke-linecap': 'round', 'stroke-linejoin': 'round' }),
  );
  return svg;
}

/** Set an attribute only when it changes (no needless mutations for the page's observers). */
export function setAttr(e: Element, name: string, value: string): void {
  if (e.getAttribute(name) !== value) e.setAttribute(name, value);
}
