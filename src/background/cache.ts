/**
 * What the worker caches, and for how long.
 *
 * - Verdicts (`browser.storage.local` + memory), keyed by index, filename, the index's sha256 and
 *   the trust root id. A file's bytes never change, but PyPI may add attestations to its
 *   provenance later, so a verdict is a snapshot: younger than 10 minutes (PyPI's max-age) it is
 *   served as is; older, the provenance is revalidated with If-None-Match, and a 304 or the same
 *   bytes (sha256 of the raw provenance) reuse the verdict without verifying again.
 *   Only `verified` and `failed` verdicts are stored: `error` is retryable, `pending` is not an
 *   answer, `absent` is read from the (cached) simple index each time.
 * - Simple index answers (`browser.storage.session` + memory) for 10 minutes, then revalidated
 *   with their ETag.
 * - Raw provenance text (memory only, small) for "save raw provenance".
 */
import type { IndexLocation } from '../messages';
import type { Verdict } from '../verify/verdict';
import { BoundedStore, type StorageAreaLike } from './bounded-store';
import { fromStored, toStored, type SimpleIndex } from './simple-index';

export const FRESH_MS = 10 * 60 * 1000;

const SHA256_RE = /^[0-9a-f]{64}$/;

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function verdictCacheKey(index: IndexLocation, filename: string, sha256: string, trustRootId: string): string {
  return `${index}|${filename}|${sha256}|${trustRootId}`;
}

export interface CachedVerdict {
  verdict: Verdict;
  provenanceEtag: string | null;
  /** sha256 of the raw provenance bytes the verdict was computed from. */
  provenanceSha256: string;
  /** ms since epoch of the last fetch or successful revalidation. */
  fetchedAt: number;
}

export function isFresh(fetchedAt: number, now: number): boolean {
  return now - fetchedAt >= 0 && now - fetchedAt < FRESH_MS;
}

/** Only these states are worth keeping (see the header). */
export function isCacheable(v: Verdict): boolean {
  return v.state === 'verified' || v.state === 'failed';
}

function validateCachedVerdict(v: unknown, key: string): CachedVerdict | null {
  if (!isObj(v) || !isObj(v.verdict)) return null;
  const verdict = v.verdict as unknown as Verdict;
  if (verdict.state !== 'verified' && verdict.state !== 'failed') return null;
  if (!Array.isArray(verdict.reasons) || !Array.isArray(verdict.attestations)) return null;
  // The stored verdict must be about exactly what the key says.
  const [, filename, sha256, trustRootId] = key.split('|');
  if (verdict.filename !== filename || verdict.sha256 !== sha256 || verdict.trustRootId !== trustRootId) return null;
  if (typeof v.provenanceSha256 !== 'string' || !SHA256_RE.test(v.provenanceSha256)) return null;
  if (typeof v.fetchedAt !== 'number' || !Number.isFinite(v.fetchedAt)) return null;
  if (v.provenanceEtag !== null && typeof v.provenanceEtag !== 'string') return null;
  return { verdict, provenanceEtag: v.provenanceEtag as string | null, provenanceSha256: v.provenanceSha256, fetchedAt: v.fetchedAt };
}

export interface CacheLimits {
  maxEntries: number;
  maxBytes: number;
  memoryEntries: number;
}

/**
 * chrome.storage.local holds 10 MB without the unlimitedStorage permission; a verdict with
 * certificate chains is a few kB, so bytes bound us before the 2000-entry count does.
 */
export const VERDICT_LIMITS: CacheLimits = { maxEntries: 2000, maxBytes: 8 * 1024 * 1024, memoryEntries: 500 };
/** storage.session holds 10 MB in Chrome and also keeps the per-tab states: leave room. */
export const SIMPLE_LIMITS: CacheLimits = { maxEntries: 30, maxBytes: 6 * 1024 * 1024, memoryEntries: 10 };

export class VerdictCache {
  private readonly store: BoundedStore<CachedVerdict>;

  constructor(storage: StorageAreaLike, limits: CacheLimits = VERDICT_LIMITS, onError?: (e: unknown) => void) {
    this.store = new BoundedStore<CachedVerdict>(storage, { prefix: 'verdict:', ...limits, validate: validateCachedVerdict, onError });
  }

  get(key: string): Promise<CachedVerdict | null> {
    return this.store.get(key);
  }

  /** One storage read for many keys; later `get`s of them are answered from memory. */
  preload(keys: readonly string[]): Promise<void> {
    return this.store.preload(keys);
  }

  /** Stores only cacheable verdicts; returns whether it stored. */
  async put(key: string, entry: CachedVerdict): Promise<boolean> {
    if (!isCacheable(entry.verdict)) return false;
    await this.store.set(key, entry, entry.fetchedAt);
    return true;
  }

  delete(key: string): Promise<void> {
    return this.store.delete(key);
  }

  clear(): Promise<void> {
    return this.store.clear();
  }

  size(): Promise<number> {
    return this.store.size();
  }

  /** Resolves when queued storage writes are done. */
  flush(): Promise<void> {
    return this.store.flush();
  }
}

export interface CachedSimpleIndex {
  index: SimpleIndex;
  etag: string | null;
  fetchedAt: number;
}

export function simpleCacheKey(index: IndexLocation, project: string): string {
  return `${index}|${project}`;
}

export class SimpleIndexCache {
  private readonly store: BoundedStore<CachedSimpleIndex>;

  constructor(storage: StorageAreaLike, limits: CacheLimits = SIMPLE_LIMITS, onError?: (e: unknown) => void) {
    this.store = new BoundedStore<CachedSimpleIndex>(storage, {
      prefix: 'simple:',
      ...limits,
      onError,
      serialize: (e) => ({ stored: toStored(e.index), etag: e.etag, fetchedAt: e.fetchedAt }),
      validate: (v, key) => {
        if (!isObj(v) || typeof v.fetchedAt !== 'number' || (v.etag !== null && typeof v.etag !== 'string')) return null;
        const [index, project] = key.split('|') as [IndexLocation, string];
        const idx = fromStored(v.stored, index, project);
        return idx ? { index: idx, etag: v.etag as string | null, fetchedAt: v.fetchedAt } : null;
      },
    });
  }

  get(index: IndexLocation, project: string): Promise<CachedSimpleIndex | null> {
    return this.store.get(simpleCacheKey(index, project));
  }

  put(host: IndexLocation, entry: CachedSimpleIndex): Promise<void> {
    return this.store.set(simpleCacheKey(host, entry.index.project), entry, entry.fetchedAt);
  }

  clear(): Promise<void> {
    return this.store.clear();
  }

  flush(): Promise<void> {
    return this.store.flush();
  }
}

/** Raw provenance text, memory only, for "save raw provenance" (bounded by total bytes). */
export class RawProvenanceCache {
  private readonly map = new Map<string, string>();
  private bytes = 0;

  constructor(private readonly maxBytes = 8 * 1024 * 1024) {}

  static key(index: IndexLocation, filename: string): string {
    return `${index}|${filename}`;
  }

  get(key: string): string | null {
    return this.map.get(key) ?? null;
  }

  put(key: string, text: string): void {
    this.delete(key);
    if (text.length > this.maxBytes) return;
    this.map.set(key, text);
    this.bytes += text.length;
    while (this.bytes > this.maxBytes) {
      const oldest = this.map.keys().next().value;
      if (oldest === undefined) break;
      this.delete(oldest);
    }
  }

  delete(key: string): void {
    const old = this.map.get(key);
    if (old !== undefined) {
      this.bytes -= old.length;
      this.map.delete(key);
    }
  }

  clear(): void {
    this.map.clear();
    this.bytes = 0;
  }
}
