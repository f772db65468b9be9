/**
 * The CLI's network manners, as a fetch wrapper under the worker's PyPI client
 * (src/background/pypi-client.ts): a User-Agent naming the tool, a timeout per attempt, and
 * retries with exponential backoff on 429 and 5xx (and on connection failures), honouring
 * Retry-After up to a limit. The client above keeps its size caps, status mapping and
 * concurrency limit; what reaches it is the last attempt's answer.
 */
import type { FetchLike } from '../background/http';
import { retryAfterMs } from '../background/http';

export interface PoliteFetchOptions {
  userAgent: string;
  /** Attempts in all (1 = no retry). */
  attempts: number;
  /** First backoff; doubled after every attempt. */
  backoffMs: number;
  /** Longest Retry-After we wait for; a longer one ends the retries (the 429 is the answer). */
  maxRetryAfterMs: number;
  /** One attempt's limit (headers); the client's own timeout covers the whole request. */
  attemptTimeoutMs: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

const RETRY_STATUS = (s: number) => s === 429 || (s >= 500 && s <= 599);

function isAbort(e: unknown): boolean {
  const name = (e as { name?: unknown } | null)?.name;
  return name === 'AbortError' || name === 'TimeoutError';
}

export function politeFetch(inner: FetchLike, o: PoliteFetchOptions): FetchLike {
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const now = o.now ?? (() => Date.now());
  return async (url, init) => {
    const headers = new Headers(init.headers);
    headers.set('User-Agent', o.userAgent);
    let backoff = o.backoffMs;
    for (let attempt = 1; ; attempt++) {
      const signals = [AbortSignal.timeout(o.attemptTimeoutMs), ...(init.signal ? [init.signal] : [])];
      let res: Response;
      try {
        res = await inner(url, { ...init, headers, signal: AbortSignal.any(signals) });
      } catch (e) {
        // A timeout is not retried (the user waits long enough already); a reset connection is.
        if (attempt >= o.attempts || isAbort(e) || init.signal?.aborted) throw e;
        await sleep(backoff);
        backoff *= 2;
        continue;
      }
      if (!RETRY_STATUS(res.status) || attempt >= o.attempts) return res;
      const asked = retryAfterMs(res.headers, now());
      if (asked !== null && asked > o.maxRetryAfterMs) return res;
      const wait = asked ?? backoff;
      await res.body?.cancel().catch(() => {});
      await sleep(wait);
      backoff *= 2;
    }
  };
}
