/**
 * Ask before downloading a file whose provenance failed (or, in strict mode, is absent / does not
 * match a pin / is linked from somewhere that is not the index's download URL for it).
 * One capture-phase listener on the document; matches any http(s) link whose last path segment is
 * the name of a file on the page (the file list, the details panel's "Download URL" link, or a
 * link elsewhere on the page that carries the filename).
 *
 * The question is asked asynchronously (an in-page dialog, download-dialog.ts): the click is
 * stopped at once, and "Download anyway" replays it on the same link (only if its URL did not
 * change meanwhile).
 */
import type { Settings } from '../settings';
import type { FileView } from '../ui/types';
import { t } from '../i18n';
import { downloadUrlMismatch } from './download-url';
import { needsConfirmation, type HistoryQuestion } from './file-view';

export interface DownloadGuardDeps {
  getView(filename: string): FileView | undefined;
  getSettings(): Pick<Settings, 'strict' | 'confirmFailedDownloads'>;
  /** Strict mode's question about a file the release's history concerns. */
  historyQuestion: HistoryQuestion;
  /** Ask the user; resolves true for "download anyway". `link` gets the focus back afterwards. */
  ask(question: string, link: HTMLAnchorElement): Promise<boolean>;
  /** A clicked link that is not the index's download URL for a checked file (the popup names it). */
  onMismatch?(filename: string, href: string): void;
}

/**
 * What to ask before this click, or null: the verdict's question first; else, in strict mode, a
 * link that is not the index's download URL for the file (only a #sha256= fragment is ignored).
 */
export function guardQuestion(
  view: FileView,
  settings: Pick<Settings, 'strict' | 'confirmFailedDownloads'>,
  href: string,
  historyQuestion: HistoryQuestion,
): string | null {
  const question = needsConfirmation(view, settings, historyQuestion);
  if (question !== null || !settings.strict) return question;
  return downloadUrlMismatch(href, view.downloadUrl) ? t('confirm_download_url', view.filename) : null;
}

/** The filename a link would download: the decoded last path segment of an http(s) URL, or null. */
export function filenameOfLink(absoluteUrl: string): string | null {
  let u: URL;
  try {
    u = new URL(absoluteUrl);
  } catch {
    return null;
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
  const last = u.pathname.slice(u.pathname.lastIndexOf('/') + 1);
  if (last === '' || last.length > 1024) return null;
  try {
    return decodeURIComponent(last);
  } catch {
    return null;
  }
}

function anchorFromEvent(ev: Event): HTMLAnchorElement | null {
  const path = typeof ev.composedPath === 'function' ? ev.composedPath() : [];
  const first = (path[0] ?? ev.target) as Node | null;
  const el = first instanceof Element ? first : (first?.parentElement ?? null);
  const a = el?.closest('a[href]');
  return a instanceof HTMLAnchorElement ? a : null;
}

export function installDownloadGuard(doc: Document, deps: DownloadGuardDeps): () => void {
  /** The link whose click we replay after "Download anyway", with the URL that was asked about. */
  let replaying: { a: HTMLAnchorElement; href: string } | null = null;
  let asking = false;

  const replay = (a: HTMLAnchorElement, href: string) => {
    if (a.href !== href || !a.isConnected) return; // the page changed the link meanwhile: not what was asked
    replaying = { a, href };
    try {
      a.click();
    } finally {
      replaying = null;
    }
  };

  const onClick = (ev: MouseEvent) => {
    try {
      if (ev.type === 'auxclick' && ev.button !== 1) return;
      const a = anchorFromEvent(ev);
      if (!a) return;
      const href = a.href;
      if (replaying && replaying.a === a && replaying.href === href) return;
      const filename = filenameOfLink(href);
      if (filename === null) return;
      const view = deps.getView(filename);
      if (!view) return;
      if (downloadUrlMismatch(href, view.downloadUrl)) deps.onMismatch?.(filename, href);
      const question = guardQuestion(view, deps.getSettings(), href, deps.historyQuestion);
      if (question === null) return;
      ev.preventDefault();
      ev.stopImmediatePropagation();
      if (asking) return; // one question at a time
      asking = true;
      Promise.resolve()
        .then(() => deps.ask(question, a))
        .then(
          (ok) => {
            if (ok) replay(a, href);
          },
          () => undefined, // could not ask: the download stays blocked
        )
        .finally(() => {
          asking = false;
        });
    } catch {
      // never break the page
    }
  };
  doc.addEventListener('click', onClick, true);
  doc.addEventListener('auxclick', onClick, true);
  return () => {
    doc.removeEventListener('click', onClick, true);
    doc.removeEventListener('auxclick', onClick, true);
  };
}
