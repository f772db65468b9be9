/**
 * Pure decision for the download guard's URL check: is the clicked link the index's download URL
 * for the file? Only a `#sha256=<hex>` fragment on the link is ignored (PyPI's pages add none, pip's
 * simple pages do); anything else that differs - host, path, query, other fragment - is a mismatch.
 * No DOM here, so it is unit-tested directly.
 */

/**
 * true = the link is not the index's URL (or is not a URL at all); false = it is, or we cannot
 * tell because the index gave no acceptable URL for the file.
 */
export function downloadUrlMismatch(clickedAbsoluteUrl: string, indexUrl: string | null | undefined): boolean {
  if (indexUrl === null || indexUrl === undefined) return false;
  let clicked: URL;
  let listed: URL;
  try {
    clicked = new URL(clickedAbsoluteUrl);
    listed = new URL(indexUrl);
  } catch {
    return true;
  }
  if (/^#sha256=[0-9a-fA-F]*$/.test(clicked.hash)) clicked.hash = '';
  listed.hash = '';
  return clicked.href !== listed.href;
}
