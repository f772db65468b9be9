/**
 * Trust-root updates in the worker: which Sigstore trust root is in use (the last one refreshed
 * through TUF, else the bundled one) and when to refresh (src/trust/refresh.ts does the TUF work).
 *
 * - The state (verified TUF metadata, the refreshed trusted_root.json, last attempt) is one key
 *   of storage.local, written once at the end of a successful refresh: a worker stopped
 *   mid-refresh leaves the last good state, and the next start or alarm simply refreshes again.
 * - At most one refresh per REFRESH_INTERVAL_MS in the background (worker start, daily alarm);
 *   "Check now" in the options page refreshes at once. Nothing else triggers a request.
 * - The request is a GET of Sigstore's public metadata: it carries nothing about the pages visited.
 * - A refreshed root is used while its TUF root metadata has not expired; verifications then know
 *   when it was current (LoadedTrust.refreshedAt), see src/verify/freshness.ts.
 */
import { refreshTrustedRoot, SIGSTORE_TUF_URL, STATUS_MESSAGES, type RefreshResult, type RefreshStatus } from '../trust/refresh';
import type { FetchLike } from '../trust/fetch';
import { parseStoredState, type TufAttempt, type TufState, type TufStorage } from '../trust/storage';
import { refreshedRoot, usableAt, type RefreshedRoot } from '../trust/refreshed';
import type { StorageAreaLike } from './bounded-store';
import type { TrustState } from '../trust/bundled-root';

export const TUF_STATE_KEY = 'trust.tufState';
export const REFRESH_INTERVAL_MS = 24 * 60 * 60 * 1000;

export function tufStorage(area: StorageAreaLike): TufStorage {
  return {
    async load() {
      const got = await area.get(TUF_STATE_KEY);
      return parseStoredState(got[TUF_STATE_KEY]);
    },
    async save(state: TufState) {
      await area.set({ [TUF_STATE_KEY]: state });
    },
  };
}

/** What the options page shows about the trust root in use. */
export interface TrustRootStatus {
  enabled: boolean;
  source: 'bundled' | 'refreshed';
  trustedRootSha256: string;
  /** TUF root metadata version and expiry of the root in use (bundled: from meta.json). */
  tufRootVersion: number | null;
  tufRootExpires: string | null;
  /** When the refreshed root was last confirmed current (null: bundled). */
  refreshedAt: string | null;
  /** Expiry of the refreshed timestamp metadata: the next refresh is due before this. */
  timestampExpires: string | null;
  lastAttempt: (TufAttempt & { message: string }) | null;
}

export interface TrustUpdaterDeps {
  area: StorageAreaLike;
  fetch: FetchLike;
  bootstrapRoot: string;
  bundled(now: Date): TrustState;
  /** Loads the bundled root ahead of `bundled` (part of `ready`), e.g. preloadBundledTrust. */
  preloadBundled?(): Promise<void>;
  bundledMeta: { trustedRootSha256?: unknown; tufRootVersion?: unknown; tufRootExpires?: unknown };
  /** Whether updates are on (user setting and managed policy). */
  enabled(): Promise<boolean>;
  repositoryUrl?: string;
  now?(): Date;
  onError?(e: unknown): void;
}

export interface TrustUpdater {
  /**
   * Load the stored state and the bundled root (once per worker life; `current` uses the bundled
   * root until then, loading it synchronously if it was not loaded yet).
   */
  readonly ready: Promise<void>;
  /** The trust root to verify with at `now`. */
  current(now: Date): TrustState;
  /** Refresh if on and the last attempt is older than REFRESH_INTERVAL_MS (or `force`). */
  refresh(opts?: { force?: boolean }): Promise<RefreshResult | null>;
  status(): Promise<TrustRootStatus>;
}

export function createTrustUpdater(deps: TrustUpdaterDeps): TrustUpdater {
  const storage = tufStorage(deps.area);
  const now = () => deps.now?.() ?? new Date();
  let refreshed: RefreshedRoot | null = null;
  let last: TufState | null = null;
  let inflight: Promise<RefreshResult> | null = null;

  const ready = Promise.all([
    storage
      .load()
      .then(async (s) => {
        last = s;
        refreshed = await refreshedRoot(s);
      })
      .catch((e) => deps.onError?.(e)),
    deps.preloadBundled?.().catch((e) => deps.onError?.(e)),
  ]).then(() => undefined);

  const usable = (at: Date): RefreshedRoot | null => usableAt(refreshed, at);

  async function run(): Promise<RefreshResult> {
    const r = await refreshTrustedRoot({
      repositoryUrl: deps.repositoryUrl ?? SIGSTORE_TUF_URL,
      bootstrapRoot: deps.bootstrapRoot,
      storage,
      fetch: deps.fetch,
      now: now(),
    });
    last = r.state ?? last;
    if (r.ok) refreshed = (await refreshedRoot(r.state)) ?? refreshed;
    return r;
  }

  return {
    ready,
    current(at: Date): TrustState {
      const r = usable(at);
      return r ? { ok: true, trust: r.trust } : deps.bundled(at);
    },
    async refresh(opts = {}) {
      await ready;
      if (!(await deps.enabled())) return null;
      if (!opts.force && last?.lastAttempt) {
        const at = Date.parse(last.lastAttempt.at);
        if (!Number.isNaN(at) && now().getTime() - at < REFRESH_INTERVAL_MS && now().getTime() >= at) return null;
      }
      inflight ??= run().finally(() => (inflight = null));
      return inflight;
    },
    async status(): Promise<TrustRootStatus> {
      await ready;
      const r = usable(now());
      const bundled = deps.bundledMeta;
      const attempt = last?.lastAttempt ?? null;
      return {
        enabled: await deps.enabled(),
        source: r ? 'refreshed' : 'bundled',
        trustedRootSha256: r ? r.trust.id : String(bundled.trustedRootSha256 ?? ''),
        tufRootVersion: r ? r.tufRootVersion : typeof bundled.tufRootVersion === 'number' ? bundled.tufRootVersion : null,
        tufRootExpires: r ? r.tufRootExpires : typeof bundled.tufRootExpires === 'string' ? bundled.tufRootExpires : null,
        refreshedAt: r ? (r.state.refreshedAt ?? null) : null,
        timestampExpires: r ? r.timestampExpires : null,
        lastAttempt: attempt ? { ...attempt, message: STATUS_MESSAGES[attempt.status as RefreshStatus] ?? attempt.status } : null,
      };
    },
  };
}
