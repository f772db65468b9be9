/**
 * Ask before downloading a file whose provenance failed (or, in strict mode, is absent / does not match a pin).
 * One capture-phase listener on the document; matches any files.pythonhosted.org link whose filename is on the page
 * (the file list and the details panel's "Download URL" link).
 */
import type { Settings } from '../settings';
import type { FileView } from '../ui/types';
import { filenameFromDownloadHref } from './detect/files';
import { t } from '../i18n';
import { downloadUrlMismatch } from './download-url';
import { needsConfirmation } from './file-view';

export interface DownloadGuardDeps {
  getView(filename: string): FileView | undefined;
  getSettings(): Settings;
  confirm(message: string): boolean;
}

/**
 * What to ask before this click, or null: the verdict's question first; else, in strict mode, a
 * link that is not the index's download URL for the file (only a #sha256= fragment is ignored).
 */
export function guardQuestion(view: FileView, settings: Pick<Settings, 'strict' | 'confirmFailedDownloads'>, href: string): string | null {
  const question = needsConfirmation(view, settings);
  if (question !== null || !settings.strict) return question;
  return downloadUrlMismatch(href, view.downloadUrl) ? t('confirm_download_url', view.filename) : null;
}

function anchorFromEvent(ev: Event): HTMLAnchorElement | null {
  const path = typeof ev.composedPath === 'function' ? ev.composedPath() : [];
  const first = (path[0] ?? ev.target) as Node | null;
  const el = first instanceof Element ? first : (first?.parentElement ?? null);
  const a = el?.closest('a[href]');
  return a instanceof HTMLAnchorElement ? a : null;
}

export function installDownloadGuard(doc: Document, deps: DownloadGuardDeps): () => void {
  const onClick = (ev: MouseEvent) => {
    try {
      if (ev.type === 'auxclick' && ev.button !== 1) return;
      const a = anchorFromEvent(ev);
      if (!a) return;
      const filename = filenameFromDownloadHref(a.getAttribute('href') ?? '');
      if (filename === null) return;
      const view = deps.getView(filename);
      if (!view) return;
      const question = guardQuestion(view, deps.getSettings(), a.href);
      if (question === null) return;
      if (!deps.confirm(question)) {
        ev.preventDefault();
        ev.stopImmediatePropagation();
      }
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
