/**
 * Where PyPI's own markup is, as opposed to a project's README (docs/dom.md).
 *
 * PyPI renders each README into the page through readme_renderer's sanitiser, which lets any
 * element carry any `id` and some carry `class`, but never a `data-*` attribute. So every anchor
 * here needs a `data-*` attribute only Warehouse's templates emit, and nothing nested in another
 * tab panel (the description is one) counts.
 */

/** Warehouse marks every tab panel (description, files, each file's details, history) with this. */
const TAB_PANEL_SELECTOR = '[data-project-tabs-target="content"]';

/** True when `el` sits inside the rendered README or inside another tab panel. */
export function isInsideDescription(el: Element): boolean {
  if (el.closest('.project-description') !== null) return true;
  const parent = el.parentElement;
  return parent !== null && parent.closest(TAB_PANEL_SELECTOR) !== null;
}

/** A top-level tab panel with this id, or null. Never `getElementById`: a README can claim any id. */
function tabPanel(candidates: Iterable<Element>, id: string): HTMLElement | null {
  for (const el of candidates) {
    if (el.id === id && el.matches(TAB_PANEL_SELECTOR) && !isInsideDescription(el)) return el as HTMLElement;
  }
  return null;
}

/** PyPI's "Download files" / "Release files" panel: `#files[data-project-tabs-target=content]`. */
export function findFilesPanel(doc: Document): HTMLElement | null {
  return tabPanel(doc.querySelectorAll(TAB_PANEL_SELECTOR), 'files');
}

/** The details panel of one file: a tab panel that is a sibling of the files panel, id = filename. */
export function findDetailsPanel(files: HTMLElement, filename: string): HTMLElement | null {
  const parent = files.parentElement;
  if (!parent || filename === 'files') return null;
  return tabPanel(parent.children, filename);
}
