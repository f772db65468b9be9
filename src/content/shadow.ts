/**
 * Closed shadow roots styled only through constructable stylesheets (pypi.org's CSP blocks inline
 * <style> and style="" in Firefox/Safari; pypi-dom.md §2). No inline-style fallback on purpose.
 */

import { t } from '../i18n';

/** Shadow roots we created, so the content script (and tests) can reach into its own closed roots. */
const roots = new WeakMap<Element, ShadowRoot>();
const sheets = new Map<string, CSSStyleSheet>();

export function shadowOf(host: Element): ShadowRoot | undefined {
  return roots.get(host);
}

export function isOurHost(host: Element): boolean {
  return roots.has(host);
}

function sheetFor(css: string): CSSStyleSheet | null {
  if (typeof CSSStyleSheet !== 'function' || typeof CSSStyleSheet.prototype.replaceSync !== 'function') return null;
  let sheet = sheets.get(css);
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    sheets.set(css, sheet);
  }
  return sheet;
}

declare const cloneInto: ((obj: unknown, target: unknown, opts?: { wrapReflectors?: boolean }) => unknown) | undefined;

/** Adopt `css` into a shadow root. Returns false if the browser cannot (then the UI is unstyled, not broken). */
export function adoptCss(root: ShadowRoot, css: string): boolean {
  let sheet: CSSStyleSheet | null;
  try {
    sheet = sheetFor(css);
  } catch {
    return false;
  }
  if (!sheet) return false;
  try {
    root.adoptedStyleSheets = [sheet];
    return true;
  } catch {
    // Firefox < 153 content scripts: the array must belong to the page compartment (bug 1751346).
    try {
      if (typeof cloneInto === 'function') {
        root.adoptedStyleSheets = cloneInto([sheet], window, { wrapReflectors: true }) as CSSStyleSheet[];
        return true;
      }
    } catch {
      /* fall through */
    }
    return false;
  }
}

export function createShadowHost<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  css: string,
  opts: { delegatesFocus?: boolean } = {},
): { host: HTMLElementTagNameMap[K]; root: ShadowRoot } {
  const host = doc.createElement(tag);
  host.lang = t('html_lang'); // our text may be in another language than the page's
  const root = host.attachShadow({ mode: 'closed', delegatesFocus: opts.delegatesFocus ?? false });
  roots.set(host, root);
  adoptCss(root, css);
  return { host, root };
}

/** Stop our UI's events from reaching pypi.org's handlers (tab controller, clipboard...). */
export function isolateEvents(host: Element): void {
  for (const type of [
    'click',
    'auxclick',
    'mousedown',
    'mouseup',
    'pointerdown',
    'pointerup',
    'keydown',
    'keyup',
    'keypress',
    'input',
    'change',
    'submit',
  ]) {
    host.addEventListener(type, (ev) => ev.stopPropagation());
  }
}
