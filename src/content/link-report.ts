/**
 * Download links on the page that are not the index's URL for a checked file (#17.5): found by a
 * scan of the page's links once the worker has sent the index's URLs, plus any such link the user
 * clicked. They are sent to the worker, which re-checks each against its own copy of the index and
 * records them in the tab's state, so that the toolbar popup (which the page cannot draw over)
 * names them. No DOM writes here. Loaded with the first index URL the worker sends (the controller
 * schedules the scans), not with the script every page loads (issue #16).
 */
import { MAX_LINK_MISMATCHES, MAX_LINK_URL, type LinkMismatchRequest } from '../messages';
import type { PageInfo } from './detect/types';
import type { FileView } from '../ui/types';
import { filenameOfLink } from './download-guard';
import { downloadUrlMismatch } from './download-url';

export interface PageLink {
  filename: string;
  /** The link's absolute URL as the page has it. */
  href: string;
}

/** At most this many links are reported per page, each at most this long: the bounds the worker accepts. */
const MAX_REPORTED_LINKS = MAX_LINK_MISMATCHES;
const MAX_HREF = MAX_LINK_URL;

/** The page's links to a checked file that are not the index's download URL for it (only #sha256= is ignored). */
export function mismatchingLinks(doc: Document, view: (filename: string) => FileView | undefined): PageLink[] {
  const out: PageLink[] = [];
  const seen = new Set<string>();
  for (const a of doc.querySelectorAll('a[href]')) {
    if (out.length >= MAX_REPORTED_LINKS) break;
    const href = (a as HTMLAnchorElement).href;
    if (typeof href !== 'string' || href.length > MAX_HREF) continue;
    const filename = filenameOfLink(href);
    const listed = filename === null ? undefined : view(filename)?.downloadUrl;
    if (filename === null || !listed || !downloadUrlMismatch(href, listed)) continue;
    const key = `${filename}\n${href}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ filename, href });
  }
  return out;
}

/** Scan and clicks merged, deduplicated, bounded; `changed` says whether the list differs from the last one sent. */
export class LinkReport {
  private clicked: PageLink[] = [];
  private sent: string | null = null;

  click(link: PageLink): void {
    if (link.href.length > MAX_HREF || this.clicked.some((l) => l.filename === link.filename && l.href === link.href)) return;
    if (this.clicked.length < MAX_REPORTED_LINKS) this.clicked.push(link);
  }

  /** The links to send now, or null when the worker already has this list. */
  next(scanned: PageLink[]): PageLink[] | null {
    const all: PageLink[] = [];
    for (const l of [...this.clicked, ...scanned]) {
      if (all.length >= MAX_REPORTED_LINKS) break;
      if (!all.some((x) => x.filename === l.filename && x.href === l.href)) all.push(l);
    }
    const key = JSON.stringify(all);
    if (key === this.sent) return null;
    this.sent = key;
    return all;
  }
}

export interface LinkReporter {
  /** Scan the page's links and send the list if it changed. */
  scan(): void;
  /** A clicked link that is not the index's URL for its file: add it, and send. */
  click(link: PageLink): void;
}

export function createLinkReporter(d: {
  doc: Document;
  page: Pick<PageInfo, 'index' | 'project' | 'version'>;
  view(filename: string): FileView | undefined;
  send(message: LinkMismatchRequest): Promise<unknown>;
}): LinkReporter {
  const report = new LinkReport();
  const scan = (): void => {
    const links = report.next(mismatchingLinks(d.doc, d.view));
    if (links === null) return;
    const { index, project, version } = d.page;
    void Promise.resolve()
      .then(() => d.send({ type: 'link-mismatches', index, project, version, links }))
      .catch(() => undefined);
  };
  return {
    scan,
    click(link) {
      report.click(link);
      scan();
    },
  };
}
