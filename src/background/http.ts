/**
 * One GET to a package index, with the safety rails every index request needs:
 * a timeout covering headers AND body, a size cap enforced while reading the stream,
 * no cookies, and redirects handled hop by hop (`redirect: 'manual'`):
 *  - where the Location is readable (Node's fetch: the CLI), each hop is checked against the index
 *    origin BEFORE it is requested; a hop elsewhere is INDEX_REDIRECT and nothing is sent there;
 *    same-origin hops are followed, at most MAX_REDIRECTS;
 *  - in a browser (extension service worker or background page, Chrome and Firefox), a manual
 *    redirect is an opaque response without Location, so the hop cannot be checked: it is
 *    INDEX_REDIRECT and not followed. The worker asks only for canonical URLs (PEP 503 project
 *    names; the index's own provenance URLs), which pypi.org answers without redirecting.
 * `redirect: 'follow'` would send the request to the other host before we could refuse the answer;
 * `redirect: 'error'` would refuse same-origin hops in the CLI too, and says nothing about where.
 *
 * Caching is ours, not the browser's: requests use `cache: 'no-store'` and we send our own
 * `If-None-Match` with the ETag we stored, so a 304 reaches us (the HTTP cache would otherwise
 * swallow it and hand us a 200 from its own copy).
 */
import { indexOrigin, type IndexLocation } from '../messages';
import { reason, type Reason } from '../verify/verdict';
import { abortion, BodyTooLarge, readCapped } from '../net/bounded-read';

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface HttpGetRequest {
  url: string;
  index: IndexLocation;
  accept: string;
  /** ETag to revalidate with (sent as If-None-Match). */
  etag?: string | null;
  timeoutMs: number;
  maxBytes: number;
}

export type HttpGetResult =
  | { kind: 'ok'; bytes: Uint8Array; headers: Headers }
  | { kind: 'not-modified'; headers: Headers }
  /** Any other HTTP status (body discarded). */
  | { kind: 'status'; status: number; headers: Headers }
  | { kind: 'fail'; reason: Reason };

/** Same-origin redirect hops followed before giving up (only where the Location is readable). */
export const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** The next URL of a redirect response, or a Reason to stop. Never requests anything. */
function nextHop(res: Response, from: string, index: IndexLocation, hops: number): { url: string } | { reason: Reason } {
  if (res.type === 'opaqueredirect')
    return { reason: reason('INDEX_REDIRECT', { detail: `${from} redirects; the browser does not show where, so it was not followed` }) };
  const location = res.headers.get('location');
  let next: URL;
  try {
    if (location === null || location.length === 0 || location.length > 2048) throw new Error('no usable Location');
    next = new URL(location, from);
  } catch {
    return { reason: reason('INDEX_REDIRECT', { detail: `${from} redirects without a usable Location` }) };
  }
  if (!isOnIndexOrigin(next.href, index))
    return { reason: reason('INDEX_REDIRECT', { detail: `${from} redirects to ${next.origin}; not requested` }) };
  if (hops >= MAX_REDIRECTS) return { reason: reason('INDEX_REDIRECT', { detail: `more than ${MAX_REDIRECTS} redirects` }) };
  return { url: next.href };
}

/** true if `url` is exactly on the index's origin (https://{host}, or the CLI's origin): no other host, port or scheme. */
export function isOnIndexOrigin(url: string, index: IndexLocation): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  return (u.protocol === 'https:' || u.protocol === 'http:') && u.origin === indexOrigin(index) && u.username === '' && u.password === '';
}

function isAbort(e: unknown): boolean {
  return (
    typeof e === 'object' &&
    e !== null &&
    ((e as { name?: unknown }).name === 'AbortError' || (e as { name?: unknown }).name === 'TimeoutError')
  );
}

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export async function httpGet(fetchFn: FetchLike, req: HttpGetRequest): Promise<HttpGetResult> {
  if (!isOnIndexOrigin(req.url, req.index)) {
    return { kind: 'fail', reason: reason('INDEX_REDIRECT', { detail: `refusing to fetch ${req.url}` }) };
  }
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, req.timeoutMs);
  const aborted = abortion(controller.signal);
  const headers: Record<string, string> = { Accept: req.accept };
  if (req.etag) headers['If-None-Match'] = req.etag;
  try {
    let res: Response;
    let url = req.url;
    for (let hops = 0; ; hops++) {
      try {
        res = await Promise.race([
          fetchFn(url, {
            method: 'GET',
            headers,
            credentials: 'omit',
            cache: 'no-store',
            redirect: 'manual',
            referrerPolicy: 'no-referrer',
            signal: controller.signal,
          }),
          aborted,
        ]);
      } catch (e) {
        if (timedOut || isAbort(e))
          return { kind: 'fail', reason: reason('INDEX_TIMEOUT', { detail: `no answer within ${req.timeoutMs} ms` }) };
        return { kind: 'fail', reason: reason('INDEX_UNREACHABLE', { detail: describe(e) }) };
      }
      if (res.type !== 'opaqueredirect' && !REDIRECT_STATUSES.has(res.status)) break;
      await res.body?.cancel().catch(() => {});
      const hop = nextHop(res, url, req.index, hops);
      if ('reason' in hop) return { kind: 'fail', reason: hop.reason };
      url = hop.url;
    }
    // Belt and braces: an answer that says it came from elsewhere is refused.
    if (!isOnIndexOrigin(res.url, req.index)) {
      await res.body?.cancel().catch(() => {});
      return { kind: 'fail', reason: reason('INDEX_REDIRECT', { detail: `response came from ${res.url || '(unknown URL)'}` }) };
    }
    if (res.status === 304) {
      await res.body?.cancel().catch(() => {});
      return { kind: 'not-modified', headers: res.headers };
    }
    if (res.status !== 200) {
      await res.body?.cancel().catch(() => {});
      return { kind: 'status', status: res.status, headers: res.headers };
    }
    try {
      const bytes = await readCapped(res, req.maxBytes, aborted);
      return { kind: 'ok', bytes, headers: res.headers };
    } catch (e) {
      if (e instanceof BodyTooLarge) return { kind: 'fail', reason: reason('INDEX_TOO_LARGE', { detail: e.message }) };
      if (timedOut || isAbort(e))
        return { kind: 'fail', reason: reason('INDEX_TIMEOUT', { detail: `body not complete within ${req.timeoutMs} ms` }) };
      return { kind: 'fail', reason: reason('INDEX_UNREACHABLE', { detail: describe(e) }) };
    }
  } finally {
    clearTimeout(timer);
  }
}

/** Retry-After in milliseconds (delta-seconds or HTTP date), or null if absent/unreadable. */
export function retryAfterMs(headers: Headers, now: number): number | null {
  const v = headers.get('retry-after');
  if (v === null) return null;
  const t = v.trim();
  if (/^\d+$/.test(t)) return Number(t) * 1000;
  const d = Date.parse(t);
  if (Number.isNaN(d)) return null;
  return Math.max(0, d - now);
}
