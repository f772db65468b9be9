/**
 * Shared helpers for reading distribution links (pypi-dom.md §6.3).
 */
import { isValidFilename } from '../../messages';

export const FILES_HOST_PREFIX = 'https://files.pythonhosted.org/packages/';
/** test.pypi.org serves its files from test-files.pythonhosted.org. */
export const TEST_FILES_HOST_PREFIX = 'https://test-files.pythonhosted.org/packages/';
const FILES_ORIGINS = ['https://files.pythonhosted.org', 'https://test-files.pythonhosted.org'];
/** CSS selector for download anchors of either index. */
export const DOWNLOAD_LINK_SELECTOR = `a[href^="${FILES_HOST_PREFIX}"], a[href^="${TEST_FILES_HOST_PREFIX}"]`;
const SHA256_RE = /^[0-9a-f]{64}$/;

export function isSha256Hex(s: string): boolean {
  return SHA256_RE.test(s);
}

/**
 * The filename a download link points at: the last path segment of a files.pythonhosted.org
 * (pypi.org) or test-files.pythonhosted.org (test.pypi.org) URL, percent-decoded. Null if the
 * href is not a download URL.
 */
export function filenameFromDownloadHref(href: string): string | null {
  if (!href.startsWith(FILES_HOST_PREFIX) && !href.startsWith(TEST_FILES_HOST_PREFIX)) return null;
  let u: URL;
  try {
    u = new URL(href);
  } catch {
    return null;
  }
  if (!FILES_ORIGINS.includes(u.origin)) return null;
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
  // eslint-disable-next-line no-control-regex -- control characters are exactly what we reject
  if (fromUrl === null || fromUrl === '' || fromUrl.length > 255 || /[/\u0000-\u001f]/.test(fromUrl)) return null;
  const text = (a.textContent ?? '').trim();
  return text === fromUrl ? text : null;
}

/** A filename the worker protocol accepts (src/messages.ts `isValidFilename`). */
export function isCheckableFilename(filename: string): boolean {
  return isValidFilename(filename);
}
