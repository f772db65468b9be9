/**
 * One CLI run's connection to an index, built from the extension's worker code: the same PyPI
 * client (size caps, status mapping, concurrency limit), checker (simple index → Integrity API →
 * verifyProvenance → pin check) and publisher-history service, with the CLI's network manners
 * (polite-fetch.ts) and caches (memory, or the on-disk verdict cache).
 */
import { createChecker, type Checker, type VerifyFn } from '../background/checker';
import { createHistoryService, HistoryStore, type HistoryService } from '../background/history';
import { SimpleIndexCache, VerdictCache, type CacheLimits } from '../background/cache';
import type { StorageAreaLike } from '../background/bounded-store';
import type { FetchLike } from '../background/http';
import { createPypiClient, type PypiClient } from '../background/pypi-client';
import type { SimpleIndex } from '../background/simple-index';
import type { TrustState } from '../trust/bundled-root';
import { fileVersion } from '../history/releases';
import type { ReleaseHistory } from '../history/types';
import type { FileVerdictMessage, PageFile } from '../messages';
import { DEFAULT_SETTINGS, normalizeProjectName, type IdentityPin, type Settings } from '../settings';
import { runWithNativeSignatures } from '../shim/native-verify';
import { verifyProvenance } from '../verify/index';
import { reason, type Reason } from '../verify/verdict';
import { canonicalizeVersion } from '../verify/version';
import type { IndexChoice } from './index-url';
import { MemoryStorage } from './memory-storage';
import { politeFetch, type PoliteFetchOptions } from './polite-fetch';

export interface SessionOptions {
  index: IndexChoice;
  strict: boolean;
  pins: IdentityPin[];
  trust(now: Date): TrustState;
  fetch: FetchLike;
  userAgent: string;
  /** Integrity requests in flight at once. */
  concurrency: number;
  /** Where verdicts and earlier releases' outcomes are kept between runs (default: memory). */
  storage?: StorageAreaLike;
  net?: Partial<Omit<PoliteFetchOptions, 'userAgent'>>;
  verify?: VerifyFn;
  onError?(e: unknown): void;
}

/** The disk cache's bounds (docs/cli.md): a few thousand verdicts, 16 MB. */
export const CLI_VERDICT_LIMITS: CacheLimits = { maxEntries: 5000, maxBytes: 16 * 1024 * 1024, memoryEntries: 1000 };

export interface ReleaseResult {
  project: string;
  version: string;
  files: FileVerdictMessage[];
  history: ReleaseHistory | null;
  /** The simple index could not be read: why (then `files` holds only what the caller named). */
  indexError: Reason | null;
}

export interface Session {
  /** The project's simple index, or why it is unavailable. */
  simpleIndex(project: string): Promise<{ ok: true; index: SimpleIndex } | { ok: false; reason: Reason }>;
  /**
   * Check files of one release: `files` named by the caller (a lock file, a local file with its
   * sha256), or 'all' = every file the index lists for that version.
   */
  checkRelease(project: string, version: string, files: PageFile[] | 'all', hooks?: ProgressHooks): Promise<ReleaseResult>;
  readonly client: PypiClient;
}

export interface ProgressHooks {
  /** The number of files about to be checked. */
  onFiles?(n: number): void;
  /** One file's verdict is known. */
  onFile?(): void;
}

let requestCounter = 0;

export function createSession(o: SessionOptions): Session {
  const client = createPypiClient({
    fetch: politeFetch(o.fetch, {
      userAgent: o.userAgent,
      attempts: 4,
      backoffMs: 500,
      maxRetryAfterMs: 30_000,
      attemptTimeoutMs: 15_000,
      ...o.net,
    }),
    concurrency: o.concurrency,
    // The polite fetch retries (and times each attempt); the client's timeout covers them all.
    simpleTimeoutMs: 120_000,
    integrityTimeoutMs: 120_000,
    maxRetryAfterMs: 0,
    foreignIntegrityOrigins: o.index.foreignIntegrityOrigins,
  });
  const storage = o.storage ?? new MemoryStorage();
  const settings: Settings = { ...DEFAULT_SETTINGS, strict: o.strict, pins: o.pins };
  const verify = o.verify ?? verifyProvenance;
  const verifyOptions = { runSigstore: runWithNativeSignatures };
  // Filled by simpleIndex() below, so the checker finds the index it needs already fetched.
  const simpleCache = new SimpleIndexCache(new MemoryStorage());
  const checker: Checker = createChecker({
    client,
    verdicts: new VerdictCache(storage, CLI_VERDICT_LIMITS, o.onError),
    simple: simpleCache,
    verify,
    verifyOptions,
    trust: o.trust,
    settings: async () => settings,
    onError: o.onError,
  });
  const history: HistoryService = createHistoryService({
    client,
    verify,
    verifyOptions,
    trust: o.trust,
    store: new HistoryStore(storage, o.onError),
    concurrency: Math.max(1, Math.min(4, o.concurrency)),
    onError: o.onError,
  });
  const location = o.index.location;

  type SimpleResult = { ok: true; index: SimpleIndex } | { ok: false; reason: Reason };
  const simpleRuns = new Map<string, Promise<SimpleResult>>();

  /** One request per project and run (the answer, or why there is none, is kept for the run). */
  function simpleIndex(project: string): Promise<SimpleResult> {
    const p = normalizeProjectName(project);
    let run = simpleRuns.get(p);
    if (!run) {
      run = client.getSimpleIndex(location, p).then(async (res): Promise<SimpleResult> => {
        if (res.kind !== 'ok') {
          return { ok: false, reason: res.kind === 'error' ? res.reason : reason('INDEX_BAD_RESPONSE', { detail: 'unexpected 304' }) };
        }
        await simpleCache.put(location, { index: res.index, etag: res.etag, fetchedAt: Date.now() });
        return { ok: true, index: res.index };
      });
      simpleRuns.set(p, run);
    }
    return run;
  }

  return {
    client,
    simpleIndex,
    async checkRelease(project, version, files, hooks = {}) {
      const p = normalizeProjectName(project);
      const idx = await simpleIndex(p);
      if (!idx.ok && files === 'all') return { project: p, version, files: [], history: null, indexError: idx.reason };
      const canonical = canonicalizeVersion(version) ?? version;
      const named: PageFile[] =
        files === 'all'
          ? [...(idx.ok ? idx.index.files.values() : [])]
              .filter((f) => fileVersion({ filename: f.filename, provenanceUrl: 'bad' in f ? null : f.provenanceUrl }) === canonical)
              .map((f) => ({ filename: f.filename, pageSha256: null }))
          : files;
      const req = { type: 'check' as const, requestId: `cli-${++requestCounter}`, index: location, project: p, version, files: named };
      hooks.onFiles?.(named.length);
      const verdicts = await checker.check(req, () => hooks.onFile?.());
      const hist = idx.ok ? await history.forRequest(req, idx.index, verdicts) : null;
      return { project: p, version, files: verdicts, history: hist, indexError: idx.ok ? null : idx.reason };
    },
  };
}
