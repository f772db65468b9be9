/**
 * Bounded fetch for TUF metadata and targets: every byte from the network is hostile, so each
 * request has a size cap (read as a stream: endless data stops at the cap), a timeout, no
 * redirects, no credentials, no referrer, no cache. The request carries nothing but the URL.
 */
import { abortion, BodyTooLarge, LOOPBACK_HOSTS, readCapped } from '../net/bounded-read';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export class TufFetchError extends Error {
  override name = 'TufFetchError';
  constructor(
    readonly kind: 'network' | 'timeout' | 'http' | 'too-large',
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** A repository URL we accept: https, or http on a loopback host (tests); no credentials, query or fragment. Returns it with a trailing slash. */
export function checkRepositoryUrl(text: string): string {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    throw new Error(`not a URL: ${text}`);
  }
  const ok = u.protocol === 'https:' || (u.protocol === 'http:' && LOOPBACK_HOSTS.has(u.hostname));
  if (!ok) throw new Error(`a TUF repository must be an https:// URL (http:// only on 127.0.0.1, localhost or [::1]): ${text}`);
  if (u.username || u.password || u.search || u.hash)
    throw new Error(`a TUF repository URL has no credentials, query or fragment: ${text}`);
  return u.href.endsWith('/') ? u.href : `${u.href}/`;
}

/** GET `url` and return its body, at most `maxLength` bytes. Throws TufFetchError. */
export async function fetchBytes(fetchFn: FetchLike, url: string, maxLength: number, timeoutMs: number): Promise<Uint8Array> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const aborted = abortion(controller.signal);
  try {
    let res: Response;
    try {
      res = await Promise.race([
        fetchFn(url, {
          method: 'GET',
          redirect: 'error',
          credentials: 'omit',
          cache: 'no-store',
          referrerPolicy: 'no-referrer',
          signal: controller.signal,
        }),
        aborted,
      ]);
    } catch (e) {
      if (controller.signal.aborted) throw new TufFetchError('timeout', `${url}: no answer within ${timeoutMs} ms`);
      throw new TufFetchError('network', `${url}: ${(e as Error)?.message ?? String(e)}`);
    }
    if (res.status !== 200) {
      await res.body?.cancel().catch(() => undefined);
      throw new TufFetchError('http', `${url}: HTTP ${res.status}`, res.status);
    }
    try {
      return await readCapped(res, maxLength, aborted);
    } catch (e) {
      if (e instanceof BodyTooLarge) throw new TufFetchError('too-large', `${url}: ${e.message}`);
      if (controller.signal.aborted) throw new TufFetchError('timeout', `${url}: body not complete in time`);
      throw new TufFetchError('network', `${url}: ${(e as Error)?.message ?? String(e)}`);
    }
  } finally {
    clearTimeout(timer);
  }
}
