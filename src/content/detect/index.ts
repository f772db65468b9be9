/** Picks the detector for a URL. Returns null on pages the extension does not understand. */
import type { PageInfo } from './types';
import { parsePypiUrl } from './url';
import { detectProjectPage } from './project-page';
import { detectSimpleIndex } from './simple-index';

export type { PageInfo, DetectedFile, PageKind } from './types';
export { parsePypiUrl } from './url';
export { findFilesPanel } from './pypi-structure';
export { releaseOfPage } from './project-page';

export function detectPage(doc: Document, url: string): PageInfo | null {
  const parsed = parsePypiUrl(url);
  if (!parsed) return null;
  return parsed.kind === 'simple' ? detectSimpleIndex(doc, url) : detectProjectPage(doc, url);
}
