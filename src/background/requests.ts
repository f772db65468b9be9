/**
 * Shape checks of what content scripts and extension pages send the worker (the types are in
 * src/messages.ts). Here, not in messages.ts, because only the worker runs them: the module the
 * content script shares with the worker then carries only the checks of what the worker sends.
 */
import {
  INDEX_HOSTS,
  isValidFilename,
  MAX_FILES_PER_REQUEST,
  MAX_LINK_MISMATCHES,
  MAX_LINK_URL,
  type CheckRequest,
  type IndexHost,
  type RuntimeRequest,
} from '../messages';
import { isRecord as isObj } from '../verify/provenance';

const SHA256_RE = /^[0-9a-f]{64}$/;

/** index, PEP 503 project name and version (or null) of a check or page-without-list request. */
function isReleasePage(v: Record<string, unknown>): boolean {
  if (!INDEX_HOSTS.includes(v.index as IndexHost)) return false;
  if (typeof v.project !== 'string' || !/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(v.project) || v.project.length > 200) return false;
  return v.version === null || (typeof v.version === 'string' && /^[A-Za-z0-9._+!-]{1,100}$/.test(v.version));
}

export function isCheckRequest(v: unknown): v is CheckRequest {
  if (!isObj(v) || v.type !== 'check') return false;
  if (typeof v.requestId !== 'string' || v.requestId.length === 0 || v.requestId.length > 100) return false;
  if (!isReleasePage(v)) return false;
  if (v.force !== undefined && typeof v.force !== 'boolean') return false;
  if (!Array.isArray(v.files) || v.files.length > MAX_FILES_PER_REQUEST) return false;
  return v.files.every(
    (f) =>
      isObj(f) &&
      isValidFilename(f.filename) &&
      (f.pageSha256 === null || (typeof f.pageSha256 === 'string' && SHA256_RE.test(f.pageSha256))),
  );
}

export function isRuntimeRequest(v: unknown): v is RuntimeRequest {
  if (!isObj(v)) return false;
  switch (v.type) {
    case 'get-provenance':
      return INDEX_HOSTS.includes(v.index as IndexHost) && typeof v.project === 'string' && isValidFilename(v.filename);
    case 'clear-cache':
    case 'prefetch':
    case 'release-verdicts':
    case 'page-settings':
      return true;
    case 'tab-status':
      return typeof v.tabId === 'number';
    case 'trust-status':
      return v.refresh === undefined || typeof v.refresh === 'boolean';
    case 'page-without-list':
      return isReleasePage(v);
    case 'link-mismatches':
      return (
        isReleasePage(v) &&
        Array.isArray(v.links) &&
        v.links.length <= MAX_LINK_MISMATCHES &&
        v.links.every((l) => isObj(l) && isValidFilename(l.filename) && typeof l.href === 'string' && l.href.length <= MAX_LINK_URL)
      );
    default:
      return false;
  }
}
