/**
 * A trust root refreshed through TUF, read back from a stored state, and whether it may still be
 * used. One rule for the worker and the CLI: a refreshed root is usable while the TUF root
 * metadata it was verified under has not expired (after that, Sigstore may have rotated keys we
 * cannot learn about; the caller falls back to the bundled root, which has its own expiry).
 */
import { loadTrustAsync, withRefreshedAt, type LoadedTrust } from '../verify/trust';
import type { TufState } from './storage';

export interface RefreshedRoot {
  /** The loaded root, with `refreshedAt` set (known current as of that time). */
  trust: LoadedTrust;
  state: TufState;
  tufRootVersion: number | null;
  tufRootExpires: string | null;
  timestampExpires: string | null;
}

function signedField(text: string | undefined, key: 'version' | 'expires'): unknown {
  try {
    return text === undefined ? undefined : (JSON.parse(text) as { signed?: Record<string, unknown> })?.signed?.[key];
  } catch {
    return undefined;
  }
}

/** The refreshed root a stored state holds, or null (none yet, or one this version cannot load). */
export async function refreshedRoot(state: TufState | null | undefined): Promise<RefreshedRoot | null> {
  if (!state?.trustedRoot || !state.refreshedAt || Number.isNaN(Date.parse(state.refreshedAt))) return null;
  try {
    const trust = withRefreshedAt(await loadTrustAsync(state.trustedRoot), new Date(state.refreshedAt));
    const version = signedField(state.root, 'version');
    const expires = signedField(state.root, 'expires');
    const tsExpires = signedField(state.timestamp, 'expires');
    return {
      trust,
      state,
      tufRootVersion: typeof version === 'number' ? version : null,
      tufRootExpires: typeof expires === 'string' ? expires : null,
      timestampExpires: typeof tsExpires === 'string' ? tsExpires : null,
    };
  } catch {
    return null;
  }
}

/** The root if it may be used at `at`: its TUF root metadata has a readable expiry that is later. */
export function usableAt(root: RefreshedRoot | null, at: Date): RefreshedRoot | null {
  if (!root) return null;
  const expires = root.tufRootExpires ? Date.parse(root.tufRootExpires) : NaN;
  return Number.isNaN(expires) || at.getTime() >= expires ? null : root;
}
