/**
 * What a page detector finds on a pypi.org page. Pure data plus the DOM nodes the badges attach to.
 */
import type { IndexHost } from '../../messages';

export type PageKind = 'project' | 'release' | 'simple';

export interface DetectedFile {
  /** Exact distribution filename (opaque string, unique per index). */
  filename: string;
  /** sha256 the page shows for the file (lowercase hex), or null if none / not well formed. */
  pageSha256: string | null;
  /** The download link in the file list (or the simple-index anchor). */
  anchor: HTMLAnchorElement;
  /**
   * Element the badge and panel are placed in: `#files .file__card`, the file's `<tr>` in the
   * files-tab redesign (`table.table--files`), or the simple index's parent of the anchor.
   */
  mountPoint: HTMLElement;
}

export interface PageInfo {
  index: IndexHost;
  kind: PageKind;
  /** PEP 503 normalised project name. */
  project: string;
  /** Display name as the page shows it (h1), or the normalised name on simple pages. */
  displayName: string;
  /** Release version; null on simple-index pages. */
  version: string | null;
  /** PyPI's own file list: `#files[data-project-tabs-target=content]`, or the simple index's body. */
  fileList: HTMLElement;
  files: DetectedFile[];
}
