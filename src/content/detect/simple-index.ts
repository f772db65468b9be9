/**
 * Detector for the PEP 503 HTML simple index `/simple/<name>/` (pypi-dom.md §5).
 * One entry per `<a>` pointing at files.pythonhosted.org; sha256 from the `#sha256=` fragment.
 */
import { normalizeProjectName } from '../../project-name';
import type { DetectedFile, PageInfo } from './types';
import { parsePypiUrl } from './url';
import { DOWNLOAD_LINK_SELECTOR, filenameOfAnchor, isSha256Hex } from './files';

export function sha256FromFragment(href: string): string | null {
  const i = href.indexOf('#');
  if (i < 0) return null;
  const m = /^sha256=([0-9a-f]{64})$/.exec(href.slice(i + 1));
  return m && m[1] !== undefined && isSha256Hex(m[1]) ? m[1] : null;
}

export function detectSimpleIndex(doc: Document, url: string): PageInfo | null {
  const parsed = parsePypiUrl(url);
  if (!parsed || parsed.kind !== 'simple') return null;
  const body = doc.body;
  if (!body) return null;

  const found: DetectedFile[] = [];
  const seen = new Set<string>();
  for (const a of body.querySelectorAll<HTMLAnchorElement>(DOWNLOAD_LINK_SELECTOR)) {
    const filename = filenameOfAnchor(a);
    if (filename === null || seen.has(filename)) continue;
    // The simple index lists its anchors directly in <body> (format frozen, PEP 833).
    const mountPoint = a.parentElement;
    if (mountPoint !== body) continue;
    seen.add(filename);
    found.push({ filename, pageSha256: sha256FromFragment(a.getAttribute('href') ?? ''), anchor: a, mountPoint });
  }
  if (found.length === 0) return null;

  const project = normalizeProjectName(parsed.name);
  return { index: parsed.index, kind: 'simple', project, displayName: project, version: null, fileList: body, files: found };
}
