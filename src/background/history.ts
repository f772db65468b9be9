/**
 * Publisher history in the worker: after a release page's own verdicts are out, look at the
 * provenance of a FEW earlier releases (same release line first; see src/history/releases.ts
 * `selectEarlier`), verify it with the same `verifyProvenance`, and compute the release's history
 * (src/history/compute.ts). Requests are bounded: the nearest earlier releases of the same line
 * are tried one at a time until one verifies (at most limits.sameLine), then, only if none did,
 * the nearest releases before the line (at most limits.overall); one file per release, the sdist
 * preferred; at most `concurrency` history requests at once across pages (on top of the client's
 * own worker-wide limit).
 *
 * Results are cached "forever" (storage.local, bounded by size): a file's provenance is bound to its
 * sha256 and PyPI only ever ADDS attestations, so an earlier release's verified identity does not
 * change. Only `verified` and `failed` outcomes are cached; `error` is retried next time.
 */
import type { FileVerdictMessage, IndexLocation } from '../messages';
import { computeHistory, type PageFileResult } from '../history/compute';
import { identityOf } from '../history/identity';
import { groupReleases, representativeFile, selectEarlier, type IndexFileInfo, type Release } from '../history/releases';
import {
  DEFAULT_HISTORY_LIMITS,
  type ExaminedRelease,
  type HistoryLimits,
  type PublisherIdentity,
  type ReleaseHistory,
} from '../history/types';
import { canonicalizeVersion } from '../verify/version';
import type { LoadedTrust } from '../verify/trust';
import type { VerifyOptions } from '../verify/verdict';
import { BoundedStore, type StorageAreaLike } from './bounded-store';
import type { CheckInput, VerifyFn } from './checker';
import { createLimiter, type Limiter } from './limiter';
import type { PypiClient } from './pypi-client';
import { isBad, type SimpleIndex } from './simple-index';
import type { TrustState } from '../trust/bundled-root';

export type EarlierOutcome = { outcome: 'verified'; identity: PublisherIdentity } | { outcome: 'failed' };

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const optStr = (v: unknown) => v === undefined || typeof v === 'string';

export function validateOutcome(v: unknown): EarlierOutcome | null {
  if (!isObj(v)) return null;
  if (v.outcome === 'failed') return { outcome: 'failed' };
  if (v.outcome !== 'verified' || !isObj(v.identity)) return null;
  const id = v.identity;
  if (typeof id.kind !== 'string' || !optStr(id.repository) || !optStr(id.workflow) || !optStr(id.email)) return null;
  if (id.environment !== undefined && id.environment !== null && typeof id.environment !== 'string') return null;
  return { outcome: 'verified', identity: id as unknown as PublisherIdentity };
}

/** Earlier releases' outcomes, storage.local (prefix `history:`), kept until evicted by size. */
export class HistoryStore {
  private readonly store: BoundedStore<EarlierOutcome>;
  constructor(storage: StorageAreaLike, onError?: (e: unknown) => void) {
    this.store = new BoundedStore<EarlierOutcome>(storage, {
      prefix: 'history:',
      maxEntries: 5000,
      maxBytes: 1024 * 1024,
      memoryEntries: 500,
      validate: (v) => validateOutcome(v),
      onError,
    });
  }
  static key(index: IndexLocation, filename: string, sha256: string, trustRootId: string): string {
    return `${index}|${filename}|${sha256}|${trustRootId}`;
  }
  get(key: string): Promise<EarlierOutcome | null> {
    return this.store.get(key);
  }
  put(key: string, v: EarlierOutcome): Promise<void> {
    return this.store.set(key, v, Date.now());
  }
  clear(): Promise<void> {
    return this.store.clear();
  }
}

export interface HistoryDeps {
  client: PypiClient;
  verify: VerifyFn;
  verifyOptions?: Omit<VerifyOptions, 'now'>;
  trust(now: Date): TrustState;
  store: HistoryStore;
  limits?: HistoryLimits;
  /** Integrity requests for history at once (default 2). */
  concurrency?: number;
  now?(): Date;
  onError?(e: unknown): void;
}

export interface HistoryService {
  /** The history of the request's release (or, on simple pages, only absence reasons). */
  forRequest(req: CheckInput, idx: SimpleIndex, verdicts: FileVerdictMessage[]): Promise<ReleaseHistory>;
  clear(): Promise<void>;
}

export function indexFiles(idx: SimpleIndex): IndexFileInfo[] {
  const out: IndexFileInfo[] = [];
  for (const e of idx.files.values()) {
    if (isBad(e)) continue;
    out.push({ filename: e.filename, sha256: e.sha256, provenanceUrl: e.provenanceUrl, uploadTime: e.uploadTime });
  }
  return out;
}

export function createHistoryService(deps: HistoryDeps): HistoryService {
  const limits = deps.limits ?? DEFAULT_HISTORY_LIMITS;
  const limiter: Limiter = createLimiter(deps.concurrency ?? 2);
  const now = deps.now ?? (() => new Date());
  const onError = deps.onError ?? (() => {});
  const inflight = new Map<string, Promise<EarlierOutcome | null>>();

  async function outcomeUncached(
    index: IndexLocation,
    file: IndexFileInfo & { provenanceUrl: string },
    trust: LoadedTrust,
    key: string,
  ): Promise<EarlierOutcome | null> {
    const cached = await deps.store.get(key);
    if (cached) return cached;
    const res = await limiter.run(() => deps.client.getProvenance(index, file.provenanceUrl, null));
    if (res.kind !== 'ok') return null;
    if (res.text === null) return { outcome: 'failed' };
    let result: EarlierOutcome | null;
    try {
      const v = await deps.verify(res.text, { filename: file.filename, sha256: file.sha256 }, trust, { ...deps.verifyOptions, now: now() });
      const id = v.filename === file.filename && v.sha256 === file.sha256 ? identityOf(v) : null;
      result = id ? { outcome: 'verified', identity: id } : v.state === 'failed' ? { outcome: 'failed' } : null;
    } catch (e) {
      onError(e);
      result = null;
    }
    if (result) deps.store.put(key, result).catch(onError);
    return result;
  }

  function outcome(
    index: IndexLocation,
    file: IndexFileInfo & { provenanceUrl: string },
    trust: LoadedTrust,
  ): Promise<EarlierOutcome | null> {
    const key = HistoryStore.key(index, file.filename, file.sha256, trust.id);
    const running = inflight.get(key);
    if (running) return running;
    const p = outcomeUncached(index, file, trust, key)
      .catch((e) => {
        onError(e);
        return null;
      })
      .finally(() => inflight.delete(key));
    inflight.set(key, p);
    return p;
  }

  /** Nearest first, one at a time, stopping at the first verified release (that is the one compared with). */
  async function examine(
    index: IndexLocation,
    releases: Release[],
    sameLine: boolean,
    trust: LoadedTrust | null,
  ): Promise<ExaminedRelease[]> {
    const out: ExaminedRelease[] = [];
    for (const r of releases) {
      const file = representativeFile(r)!;
      const o = trust ? await outcome(index, file, trust) : null;
      if (o?.outcome === 'verified') {
        out.push({ version: r.version, sameLine, filename: file.filename, identity: o.identity, outcome: 'verified' });
        break;
      }
      out.push({ version: r.version, sameLine, filename: file.filename, identity: null, outcome: o ? 'failed' : 'error' });
    }
    return out;
  }

  return {
    async forRequest(req, idx, verdicts) {
      const releases = groupReleases(indexFiles(idx));
      const pageFiles: PageFileResult[] = verdicts.map((m) => ({
        filename: m.filename,
        state: m.verdict.state,
        identity: identityOf(m.verdict),
      }));
      const version = req.version === null ? null : canonicalizeVersion(req.version);
      let examined: ExaminedRelease[] = [];
      let earlierWithProvenance = 0;
      if (version !== null) {
        const sel = selectEarlier(releases, version, limits);
        earlierWithProvenance = sel.earlierWithProvenance;
        const trust = deps.trust(now());
        const t = trust.ok ? trust.trust : null;
        // Same line first; releases before the line only when no release of the line verified.
        const a = await examine(req.index, sel.sameLine, true, t);
        const b = a.some((e) => e.outcome === 'verified') ? [] : await examine(req.index, sel.overall, false, t);
        examined = [...a, ...b];
      }
      return computeHistory({ project: req.project, version: req.version, releases, pageFiles, examined, earlierWithProvenance, limits });
    },
    clear: () => deps.store.clear(),
  };
}
