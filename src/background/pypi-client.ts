/**
 * The worker's two requests to a package index:
 *  1. the JSON simple index of a project (one per page view, cached): every file's sha256 and
 *     whether it has provenance;
 *  2. the Integrity API, one per attested file, at most `concurrency` at a time across the worker.
 *
 * Everything is injected (fetch, sleep, clock) so tests run without a network or a browser.
 *
 * Status mapping (integrity): 200 → bytes to verify; 304 → not modified; 404 for a file the simple
 * index lists as attested → error INDEX_HTTP_ERROR ("could not check", never "absent": absent
 * comes only from the simple index saying `provenance: null`); 403 → INDEX_DISABLED;
 * 429 → INDEX_RATE_LIMITED (one retry if Retry-After ≤ 5 s); other → INDEX_HTTP_ERROR.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { indexOrigin, type IndexLocation } from '../messages';
import { t } from '../i18n';
import { reason, type Reason } from '../verify/verdict';
import { httpGet, retryAfterMs, type FetchLike, type HttpGetResult } from './http';
import { createLimiter, type Limiter } from './limiter';
import { parseSimpleIndex, type SimpleIndex } from './simple-index';

export const SIMPLE_ACCEPT = 'application/vnd.pypi.simple.v1+json';
export const INTEGRITY_ACCEPT = 'application/vnd.pypi.integrity.v1+json';

export interface PypiClientOptions {
  fetch: FetchLike;
  simpleTimeoutMs?: number;
  integrityTimeoutMs?: number;
  maxSimpleBytes?: number;
  maxProvenanceBytes?: number;
  /** Integrity requests in flight at once (whole worker). */
  concurrency?: number;
  /** Longest Retry-After we wait for (once) on a 429. */
  maxRetryAfterMs?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  /** See SimpleParseOptions (the CLI with a local mirror of pypi.org). */
  foreignIntegrityOrigins?: readonly string[];
}

export type SimpleFetchResult =
  | { kind: 'ok'; index: SimpleIndex; etag: string | null }
  | { kind: 'not-modified'; etag: string | null }
  | { kind: 'error'; reason: Reason };

export type ProvenanceFetchResult =
  /** text is null when the body is not UTF-8 (then it is malformed provenance). */
  | { kind: 'ok'; text: string | null; bytesSha256: string; byteLength: number; etag: string | null }
  | { kind: 'not-modified'; etag: string | null }
  | { kind: 'error'; reason: Reason };

export interface PypiClient {
  getSimpleIndex(index: IndexLocation, project: string, etag?: string | null): Promise<SimpleFetchResult>;
  getProvenance(index: IndexLocation, url: string, etag?: string | null): Promise<ProvenanceFetchResult>;
  readonly limiter: Limiter;
}

export const DEFAULTS = {
  simpleTimeoutMs: 15_000,
  integrityTimeoutMs: 15_000,
  maxSimpleBytes: 20 * 1024 * 1024,
  maxProvenanceBytes: 2 * 1024 * 1024,
  // 8 at once: a release page of ~50 files settles in ~6 round trips, while staying a gentle client
  // (PyPI asks clients to avoid bursts; HTTP/2 multiplexes these over one connection).
  concurrency: 8,
  maxRetryAfterMs: 5_000,
} as const;

const MAX_ETAG_LENGTH = 512;

function etagOf(h: Headers): string | null {
  const e = h.get('etag');
  // Only something we can safely send back as a header value.
  return e !== null && e.length <= MAX_ETAG_LENGTH && /^[\x21-\x7e ]+$/.test(e) ? e : null;
}

function statusReason(status: number, what: 'simple' | 'integrity'): Reason {
  if (status === 429) return reason('INDEX_RATE_LIMITED', { detail: 'HTTP 429' });
  if (what === 'integrity' && status === 403) return reason('INDEX_DISABLED', { detail: 'HTTP 403' });
  if (what === 'integrity' && status === 404) {
    return reason('INDEX_HTTP_ERROR', {
      message: t('index_provenance_not_found'),
      detail: 'HTTP 404',
    });
  }
  if (what === 'simple' && status === 404) {
    return reason('INDEX_HTTP_ERROR', { message: t('index_unknown_project'), detail: 'HTTP 404' });
  }
  return reason('INDEX_HTTP_ERROR', { detail: `HTTP ${status}` });
}

export function createPypiClient(opts: PypiClientOptions): PypiClient {
  const o = { ...DEFAULTS, ...opts };
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const now = opts.now ?? (() => Date.now());
  const limiter = createLimiter(o.concurrency);

  /** GET with one polite retry on a 429 whose Retry-After is short. */
  async function getWithRetry(req: Parameters<typeof httpGet>[1]): Promise<HttpGetResult> {
    const first = await httpGet(o.fetch, req);
    if (first.kind !== 'status' || first.status !== 429) return first;
    const wait = retryAfterMs(first.headers, now());
    if (wait === null || wait > o.maxRetryAfterMs) return first;
    await sleep(wait);
    return httpGet(o.fetch, req);
  }

  return {
    limiter,

    async getSimpleIndex(index, project, etag) {
      const url = `${indexOrigin(index)}/simple/${encodeURIComponent(project)}/`;
      const res = await getWithRetry({
        url,
        index,
        accept: SIMPLE_ACCEPT,
        etag: etag ?? null,
        timeoutMs: o.simpleTimeoutMs,
        maxBytes: o.maxSimpleBytes,
      });
      switch (res.kind) {
        case 'fail':
          return { kind: 'error', reason: res.reason };
        case 'status':
          return { kind: 'error', reason: statusReason(res.status, 'simple') };
        case 'not-modified':
          if (!etag) return { kind: 'error', reason: reason('INDEX_BAD_RESPONSE', { detail: '304 without a conditional request' }) };
          return { kind: 'not-modified', etag: etagOf(res.headers) ?? etag };
        case 'ok': {
          let json: unknown;
          try {
            json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(res.bytes));
          } catch {
            return { kind: 'error', reason: reason('INDEX_BAD_RESPONSE', { detail: 'the simple index is not valid JSON' }) };
          }
          const parsed = parseSimpleIndex(json, index, project, { foreignIntegrityOrigins: o.foreignIntegrityOrigins ?? [] });
          if (!parsed.ok) return { kind: 'error', reason: reason('INDEX_BAD_RESPONSE', { detail: `simple index: ${parsed.detail}` }) };
          return { kind: 'ok', index: parsed.index, etag: etagOf(res.headers) };
        }
      }
    },

    getProvenance(index, url, etag) {
      return limiter.run(async (): Promise<ProvenanceFetchResult> => {
        const res = await getWithRetry({
          url,
          index,
          accept: INTEGRITY_ACCEPT,
          etag: etag ?? null,
          timeoutMs: o.integrityTimeoutMs,
          maxBytes: o.maxProvenanceBytes,
        });
        switch (res.kind) {
          case 'fail':
            return { kind: 'error', reason: res.reason };
          case 'status':
            return { kind: 'error', reason: statusReason(res.status, 'integrity') };
          case 'not-modified':
            if (!etag) return { kind: 'error', reason: reason('INDEX_BAD_RESPONSE', { detail: '304 without a conditional request' }) };
            return { kind: 'not-modified', etag: etagOf(res.headers) ?? etag };
          case 'ok': {
            let text: string | null;
            try {
              text = new TextDecoder('utf-8', { fatal: true }).decode(res.bytes);
            } catch {
              text = null;
            }
            return {
              kind: 'ok',
              text,
              bytesSha256: bytesToHex(sha256(res.bytes)),
              byteLength: res.bytes.byteLength,
              etag: etagOf(res.headers),
            };
          }
        }
      });
    },
  };
}
