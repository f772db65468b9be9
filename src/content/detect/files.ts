/**
 * Shared helpers for reading distribution links (pypi-dom.md §6.3).
 */
import { isValidFilename } from '../../messages';

export const FILES_HOST_PREFIX = 'https://files.pythonhosted.org/packages/';
const SHA256_RE = /^[0-9a-f]{64}$/;

export function isSha256Hex(s: string): boolean {
  return SHA256_RE.test(s);
}

/**
 * The filename a download link points at: the last path segment of a files.pythonhosted.org
 * URL, percent-decoded. Null if the href is not a download URL.
 */
export function filenameFromDownloadHref(href: string): string | null {
  if (!href.startsWith(FILES_HOST_PREFIX)) return null;
  let u: URL;
  try {
    u = new URL(href);
  } catch {
    return null;
  }
  if (u.origin !== 'https://files.pythonhosted.org') return null;
  const last = u.pathname.split('/').pop() ?? '';
  try {
    return decodeURIComponent(last);
  } catch {
    return null;
  }
}

/**
 * The filename of a download anchor, if its trimmed text equals the decoded last URL segment.
 * Anything else is not a file entry. (Whether the name is one the worker accepts is checked
 * separately, see `isCheckableFilename`: such files still get a badge, in the `error` state.)
 */
export function filenameOfAnchor(a: HTMLAnchorElement): string | null {
  const href = a.getAttribute('href') ?? '';
  const fromUrl = filenameFromDownloadHref(href);
  if (fromUrl === null || fromUrl === '' || fromUrl.length > 255 || /[\/\u0000-\u001f]/.test(fromUrl)) return null;
  const text = (a.textContent ?? '').trim();
  return text === fromUrl ? text : null;
}

/** A filename the worker protocol accepts (src/messages.ts `isValidFilename`). */
export function isCheckableFilename(filename: string): boolean {
  return isValidFilename(filename);
}
