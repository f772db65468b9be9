/**
 * Where the TUF client keeps what it verified: the latest trusted TUF metadata, the verified
 * trusted_root.json and the last attempt. The worker stores it in storage.local, the CLI in a
 * cache folder, tests in memory. One `save` writes one whole state (the worker's storage.local.set
 * of one key), so a worker stopped mid-refresh leaves the last good state, never half of a new one.
 */
import { isRecord } from '../verify/provenance';

export interface TufAttempt {
  /** ISO time the attempt started. */
  at: string;
  ok: boolean;
  /** A RefreshStatus code (refresh.ts). */
  status: string;
  detail?: string;
}

export interface TufState {
  /** JSON text of the latest trusted TUF metadata, as downloaded. */
  root: string;
  timestamp?: string;
  snapshot?: string;
  targets?: string;
  /** The verified trusted_root.json (Sigstore's), as downloaded. */
  trustedRoot?: string;
  /** ISO time of the last successful refresh (the root was current then). */
  refreshedAt?: string;
  lastAttempt?: TufAttempt;
}

export interface TufStorage {
  load(): Promise<TufState | null>;
  save(state: TufState): Promise<void>;
}

/** In-memory storage (tests; a CLI run without a cache folder). */
export function memoryStorage(initial: TufState | null = null): TufStorage & { state: TufState | null } {
  const s = {
    state: initial,
    async load() {
      return s.state === null ? null : (JSON.parse(JSON.stringify(s.state)) as TufState);
    },
    async save(state: TufState) {
      s.state = JSON.parse(JSON.stringify(state)) as TufState;
    },
  };
  return s;
}

const optionalString = (v: unknown): v is string | undefined => v === undefined || typeof v === 'string';

/** A stored state read back from storage (hostile until checked: it may be from an older version or damaged). */
export function parseStoredState(v: unknown): TufState | null {
  if (!isRecord(v) || typeof v.root !== 'string') return null;
  const out: TufState = { root: v.root };
  for (const k of ['timestamp', 'snapshot', 'targets', 'trustedRoot', 'refreshedAt'] as const) {
    const x = v[k];
    if (!optionalString(x)) return null;
    if (x !== undefined) out[k] = x;
  }
  const a = v.lastAttempt;
  if (isRecord(a) && typeof a.at === 'string' && typeof a.ok === 'boolean' && typeof a.status === 'string' && optionalString(a.detail)) {
    out.lastAttempt = { at: a.at, ok: a.ok, status: a.status, ...(typeof a.detail === 'string' ? { detail: a.detail } : {}) };
  }
  return out;
}
