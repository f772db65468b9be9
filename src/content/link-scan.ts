/**
 * When the page's links to a file are compared with the index's download URL for it (#17.5), for
 * the popup: 250 ms after the first verdict that carries the index's URL, and on a guarded click.
 * The comparison itself is link-report.ts, loaded on first need.
 */
import type { LinkMismatchRequest } from '../messages';
import type { FileView } from '../ui/types';
import type { PageInfo } from './detect/types';
import type { LinkReporter } from './link-report';

export interface LinkScan {
  /** Scan the page's links soon (once per 250 ms at most). */
  schedule(): void;
  /** A guarded click on a link that is not the index's URL for its file. */
  click(filename: string, href: string): void;
  dispose(): void;
}

export function createLinkScan(d: {
  doc: Document;
  page: PageInfo;
  view(filename: string): FileView | undefined;
  /** Absent: the page reports nothing (tests, or a host without the popup). */
  send: ((message: LinkMismatchRequest) => Promise<unknown>) | undefined;
}): LinkScan {
  const send = d.send;
  let disposed = false;
  let reporter: Promise<LinkReporter> | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;

  function withReporter(use: (r: LinkReporter) => void): void {
    if (disposed || !send) return;
    reporter ??= import('./link-report').then((m) => m.createLinkReporter({ doc: d.doc, page: d.page, view: d.view, send }));
    reporter.then(
      (r) => {
        if (disposed) return;
        try {
          use(r);
        } catch (e) {
          console.warn('pypi-provenance:', e);
        }
      },
      (e: unknown) => {
        reporter = null;
        console.warn('pypi-provenance: could not load the link report:', e);
      },
    );
  }

  return {
    schedule() {
      if (disposed || !send || timer !== null) return;
      timer = setTimeout(() => {
        timer = null;
        withReporter((r) => r.scan());
      }, 250);
    },
    click(filename, href) {
      withReporter((r) => r.click({ filename, href }));
    },
    dispose() {
      disposed = true;
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
  };
}
