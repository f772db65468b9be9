/**
 * The bundled Sigstore trust root, loaded once per worker (or CLI) life (memoised in module scope;
 * the bundled file cannot change while it runs). The worker loads it at start-up with
 * `preloadBundledTrust` (the root's id through WebCrypto); `bundledTrust` loads it synchronously
 * if it is asked first (same result).
 *
 * `public/trust/meta.json` records when the TUF root metadata the trusted root came from expires.
 * After that date we cannot know whether Sigstore rotated keys, so attested files become `error`
 * ("could not check"), never `verified`: the user must update the extension.
 */
import rootText from '../../public/trust/trusted_root.json?raw';
import bundledMeta from '../../public/trust/meta.json';
import { t } from '../i18n';
import { loadTrust, loadTrustAsync, type LoadedTrust } from '../verify/trust';
import { reason, type Reason } from '../verify/verdict';

export type TrustState = { ok: true; trust: LoadedTrust } | { ok: false; trustRootId: string; reason: Reason };

export interface TrustMeta {
  trustedRootSha256?: unknown;
  tufRootExpires?: unknown;
}

/** "Could not check: the bundled Sigstore trust root is out of date; update the extension." */
const outdatedMessage = (): string => t('trust_root_outdated');

type Loaded = { ok: true; trust: LoadedTrust } | { ok: false; detail: string };

/** Load a root text and judge it against its meta at time `now`. Pure apart from the parse. */
export function evaluateTrust(loaded: Loaded, meta: TrustMeta, now: Date): TrustState {
  if (!loaded.ok) return { ok: false, trustRootId: '', reason: reason('TRUST_ROOT_INVALID', { detail: loaded.detail }) };
  const trust = loaded.trust;
  if (typeof meta.trustedRootSha256 === 'string' && meta.trustedRootSha256 !== trust.id) {
    return {
      ok: false,
      trustRootId: trust.id,
      reason: reason('TRUST_ROOT_INVALID', { detail: 'trusted_root.json does not match meta.json' }),
    };
  }
  const expires = typeof meta.tufRootExpires === 'string' ? Date.parse(meta.tufRootExpires) : NaN;
  if (Number.isNaN(expires)) {
    return {
      ok: false,
      trustRootId: trust.id,
      reason: reason('TRUST_ROOT_INVALID', { message: outdatedMessage(), detail: 'meta.json has no TUF root expiry' }),
    };
  }
  if (now.getTime() >= expires) {
    return {
      ok: false,
      trustRootId: trust.id,
      reason: reason('TRUST_ROOT_INVALID', {
        message: outdatedMessage(),
        detail: `TUF root metadata expired ${new Date(expires).toISOString()}`,
      }),
    };
  }
  return { ok: true, trust };
}

const failed = (e: unknown): Loaded => ({ ok: false, detail: e instanceof Error ? e.message : String(e) });

export function tryLoadTrust(text: string): Loaded {
  try {
    return { ok: true, trust: loadTrust(text) };
  } catch (e) {
    return failed(e);
  }
}

/** tryLoadTrust through loadTrustAsync (the id by WebCrypto). */
export function tryLoadTrustAsync(text: string): Promise<Loaded> {
  return loadTrustAsync(text).then((trust): Loaded => ({ ok: true, trust }), failed);
}

let memo: Loaded | null = null;

/** The bundled trust root's state at `now` (parsed once). */
export function bundledTrust(now: Date): TrustState {
  memo ??= tryLoadTrust(rootText);
  return evaluateTrust(memo, bundledMeta as TrustMeta, now);
}

/** Load the bundled root ahead of its first use, asynchronously (see loadTrustAsync). */
export async function preloadBundledTrust(): Promise<void> {
  if (memo) return;
  const loaded = await tryLoadTrustAsync(rootText);
  memo ??= loaded;
}

export const BUNDLED_TRUST_META: Readonly<TrustMeta> = bundledMeta;
