/**
 * Detector for project (latest release) and release pages, current and legacy layouts
 * (pypi-dom.md §3, §4, §6).
 */
import { normalizeProjectName } from '../../project-name';
import type { DetectedFile, PageInfo } from './types';
import { parsePypiUrl, sameProject } from './url';
import { DOWNLOAD_LINK_SELECTOR, filenameOfAnchor, isSha256Hex } from './files';
import { findDetailsPanel, findFilesPanel, isInsideDescription } from './pypi-structure';

const H1_SELECTOR = 'h1.project-header__name, h1.package-header__name';

/** The page's header h1 (readme_renderer allows no class on h1; skipped inside the README anyway). */
function headerH1(doc: Document): Element | null {
  for (const h1 of doc.querySelectorAll(H1_SELECTOR)) if (!isInsideDescription(h1)) return h1;
  return null;
}

/** Split "Name 1.2.3" at the last whitespace run. */
export function splitHeader(text: string): { name: string; version: string } | null {
  const t = text.trim();
  const m = /^(\S+)\s+(\S+)$/.exec(t.replace(/\s+/g, ' '));
  if (!m || m[1] === undefined || m[2] === undefined) return null;
  return { name: m[1], version: m[2] };
}

/** Name in `link[rel=canonical]` (https://pypi.org/project/<Name>/), or null if absent/unparseable. */
function canonicalName(doc: Document): string | null | undefined {
  const link = doc.querySelector('link[rel="canonical"]');
  if (!link) return undefined;
  const parsed = parsePypiUrl(link.getAttribute('href') ?? '');
  if (!parsed || parsed.kind === 'simple') return null;
  return parsed.name;
}

/**
 * The page's sha256 for a file: in the file's details panel (a tab panel beside `#files`, never
 * an element of the README, docs/dom.md), the first `[data-clipboard-target=source]` or `code`
 * whose text is 64 lowercase hex digits (layout-independent rule, pypi-dom.md §6.4: SHA-256
 * precedes BLAKE2b-256).
 */
export function pageSha256For(doc: Document, filename: string, files: HTMLElement | null = findFilesPanel(doc)): string | null {
  const panel = files ? findDetailsPanel(files, filename) : null;
  if (!panel) return null;
  for (const el of panel.querySelectorAll('[data-clipboard-target="source"], code')) {
    const t = (el.textContent ?? '').trim();
    if (isSha256Hex(t)) return t;
  }
  return null;
}

export function detectProjectPage(doc: Document, url: string): PageInfo | null {
  const parsed = parsePypiUrl(url);
  if (!parsed || (parsed.kind !== 'project' && parsed.kind !== 'release')) return null;

  const h1 = headerH1(doc);
  const files = findFilesPanel(doc);
  if (!h1 || !files) return null;

  const header = splitHeader(h1.textContent ?? '');
  if (!header) return null;
  if (!sameProject(header.name, parsed.name)) return null;
  const canonical = canonicalName(doc);
  if (canonical === null) return null;
  if (canonical !== undefined && !sameProject(canonical, header.name)) return null;
  if (parsed.kind === 'release' && parsed.version !== undefined && parsed.version.toLowerCase() !== header.version.toLowerCase())
    return null;

  const found: DetectedFile[] = [];
  const seen = new Set<string>();
  for (const a of files.querySelectorAll<HTMLAnchorElement>(DOWNLOAD_LINK_SELECTOR)) {
    const filename = filenameOfAnchor(a);
    if (filename === null || seen.has(filename)) continue;
    // Card layouts: the `.file__card`; files-tab redesign: the table row (docs/dom.md).
    const mountPoint = a.closest<HTMLElement>('.file__card') ?? a.closest<HTMLElement>('tr') ?? a.parentElement;
    if (!mountPoint || !files.contains(mountPoint)) continue;
    seen.add(filename);
    found.push({ filename, pageSha256: pageSha256For(doc, filename, files), anchor: a, mountPoint });
  }

  return {
    index: parsed.index,
    kind: parsed.kind,
    project: normalizeProjectName(header.name),
    displayName: header.name,
    version: header.version,
    fileList: files,
    files: found,
  };
}

/**
 * The release a project/release URL is about, for a page on which no file list was detected:
 * the URL's version, else the header's (outside the README), when the header names this project.
 */
export function releaseOfPage(doc: Document, url: string): { index: PageInfo['index']; project: string; version: string | null } | null {
  const parsed = parsePypiUrl(url);
  if (!parsed || (parsed.kind !== 'project' && parsed.kind !== 'release')) return null;
  const header = splitHeader(headerH1(doc)?.textContent ?? '');
  const headerVersion = header && sameProject(header.name, parsed.name) ? header.version : null;
  return { index: parsed.index, project: normalizeProjectName(parsed.name), version: parsed.version ?? headerVersion };
}
