/**
 * The worker's trust-root updater (src/background/trust-updates.ts) over a storage.local-like area
 * and a local TUF repository: which root is in use, when it refreshes, worker restarts.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTrustUpdater, TUF_STATE_KEY, type TrustUpdaterDeps } from '../../src/background/trust-updates';
import { BUNDLED_TRUST_META, bundledTrust } from '../../src/trust/bundled-root';
import type { StorageAreaLike } from '../../src/background/bounded-store';
import { verifyProvenance } from '../../src/verify/index';
import { TufRepo } from '../trust/tuf-repo';

const fx = fileURLToPath(new URL('../fixtures/', import.meta.url));
const FULL_ROOT = readFileSync(`${fx}trust/trusted_root.json`, 'utf8');
const OTHER_ROOT = (() => {
  const r = JSON.parse(FULL_ROOT);
  r.tlogs = r.tlogs.filter((t: { baseUrl: string }) => t.baseUrl !== 'https://rekor.sigstore.dev');
  return JSON.stringify(r);
})();
const SP = readFileSync(`${fx}provenance/sampleproject/sampleproject-4.0.0.tar.gz.provenance`, 'utf8');
const SP_DIST = { filename: 'sampleproject-4.0.0.tar.gz', sha256: '0ace7980f82c5815ede4cd7bf9f6693684cec2ae47b9b7ade9add533b8627c6b' };

function area(): StorageAreaLike & { m: Map<string, unknown> } {
  const m = new Map<string, unknown>();
  return {
    m,
    async get(keys) {
      const list = keys === null ? [...m.keys()] : Array.isArray(keys) ? keys : [keys];
      return Object.fromEntries(list.filter((k) => m.has(k)).map((k) => [k, structuredClone(m.get(k))]));
    },
    async set(items) {
      for (const [k, v] of Object.entries(items)) m.set(k, structuredClone(v));
    },
    async remove(keys) {
      for (const k of Array.isArray(keys) ? keys : [keys]) m.delete(k);
    },
  };
}

let repo: TufRepo;
let enabled = true;
beforeEach(async () => {
  repo = new TufRepo();
  await repo.start();
  enabled = true;
});
afterEach(async () => repo.stop());

const NOW = new Date();
const updater = (a: StorageAreaLike, extra: Partial<TrustUpdaterDeps> = {}) =>
  createTrustUpdater({
    area: a,
    fetch: globalThis.fetch,
    bootstrapRoot: repo.bootstrapRoot,
    bundled: bundledTrust,
    bundledMeta: BUNDLED_TRUST_META,
    enabled: async () => enabled,
    repositoryUrl: repo.url,
    ...extra,
  });

describe('trust-root updater (worker)', () => {
  it('bundled until a refresh; then the refreshed root, known current, kept across worker restarts', async () => {
    repo.publish(OTHER_ROOT, { timestamp: 1, snapshot: 1, targets: 1 });
    const a = area();
    const u = updater(a);
    await u.ready;
    const before = u.current(NOW);
    expect(before.ok && before.trust.id).toBe(BUNDLED_TRUST_META.trustedRootSha256);
    expect((await u.status()).source).toBe('bundled');
    const r = await u.refresh();
    expect(r?.ok, r && !r.ok ? r.detail : '').toBe(true);
    const after = u.current(NOW);
    expect(after.ok && after.trust.refreshedAt).toBeInstanceOf(Date);
    expect(await u.status()).toMatchObject({
      enabled: true,
      source: 'refreshed',
      tufRootVersion: 1,
      lastAttempt: { ok: true, status: 'ok' },
    });
    // The refreshed root lacks the Rekor v1 key and is current: the 2024 signature is failed.
    expect(after.ok && (await verifyProvenance(SP, SP_DIST, after.trust)).state).toBe('failed');

    const restarted = updater(a);
    await restarted.ready;
    const again = restarted.current(NOW);
    expect(again.ok && again.trust.id).toBe(after.ok && after.trust.id);
    expect(a.m.has(TUF_STATE_KEY)).toBe(true);
  });

  it('ready waits for the bundled root to be preloaded (a failing preload is reported, not thrown)', async () => {
    let done = false;
    const u = updater(area(), {
      preloadBundled: () => new Promise<void>((r) => setTimeout(() => ((done = true), r()), 30)),
    });
    await u.ready;
    expect(done).toBe(true);
    const errors: unknown[] = [];
    const v = updater(area(), { preloadBundled: () => Promise.reject(new Error('boom')), onError: (e) => errors.push(e) });
    await v.ready;
    expect(errors.map(String)).toEqual(['Error: boom']);
    expect(v.current(NOW).ok).toBe(true); // the bundled root, loaded synchronously
  });

  it('at most once a day unless forced; nothing at all when off', async () => {
    repo.publish(FULL_ROOT, { timestamp: 1, snapshot: 1, targets: 1 });
    const u = updater(area());
    expect((await u.refresh())?.ok).toBe(true);
    const n = repo.requests.length;
    expect(await u.refresh()).toBeNull();
    expect(repo.requests.length).toBe(n);
    expect((await u.refresh({ force: true }))?.ok).toBe(true);
    enabled = false;
    const m = repo.requests.length;
    expect(await u.refresh({ force: true })).toBeNull();
    expect(repo.requests.length).toBe(m);
    expect((await u.status()).enabled).toBe(false);
  });

  it('a failed first refresh is recorded (not retried at once) and the bundled root stays', async () => {
    const u = updater(area());
    const r = await u.refresh(); // nothing published: 404 on timestamp.json
    expect(r).toMatchObject({ ok: false, status: 'http' });
    expect(await u.refresh()).toBeNull();
    expect(await u.status()).toMatchObject({ source: 'bundled', lastAttempt: { ok: false, status: 'http' } });
    expect((await u.status()).lastAttempt!.message).toMatch(/last good trust root stays in use/);
  });

  it('a worker stopped mid-refresh: the next worker has the last good root and refreshes again', async () => {
    repo.publish(OTHER_ROOT, { timestamp: 1, snapshot: 1, targets: 1 });
    const a = area();
    expect((await updater(a).refresh())?.ok).toBe(true);
    const good = structuredClone(a.m.get(TUF_STATE_KEY));
    repo.publish(FULL_ROOT, { timestamp: 2, snapshot: 2, targets: 2 });
    const hanging = updater(a, {
      fetch: (url, init) => (url.endsWith('2.snapshot.json') ? new Promise(() => {}) : globalThis.fetch(url, init)),
    });
    void hanging.refresh({ force: true });
    await new Promise((r) => setTimeout(r, 200));
    expect(a.m.get(TUF_STATE_KEY)).toEqual(good); // nothing half-written
    const next = updater(a);
    const r = await next.refresh({ force: true });
    expect(r?.ok).toBe(true);
    const t = next.current(NOW);
    expect(t.ok && (await verifyProvenance(SP, SP_DIST, t.trust)).state).toBe('verified');
  });

  it('a stored root whose TUF root metadata has expired is not used', async () => {
    repo.publish(FULL_ROOT, { timestamp: 1, snapshot: 1, targets: 1 });
    const u = updater(area());
    await u.refresh();
    const later = new Date(Date.now() + 400 * 86_400_000); // the test root expires in 365 days
    const t = u.current(later);
    expect(t.ok ? t.trust.refreshedAt : 'bundled-expired').not.toBeInstanceOf(Date);
  });
});

describe('router: trust-status', () => {
  it('extension pages get the status (and refresh with refresh: true); other senders are refused', async () => {
    const { handleMessage } = await import('../../src/background/router');
    repo.publish(FULL_ROOT, { timestamp: 1, snapshot: 1, targets: 1 });
    const u = updater(area());
    const env = { runtimeId: 'id', extensionBaseUrl: 'chrome-extension://id/', trust: u } as any;
    const page = { id: 'id', url: 'chrome-extension://id/src/options/index.html' };
    const before: any = await handleMessage({ type: 'trust-status' }, page, env);
    expect(before).toMatchObject({ ok: true, status: { source: 'bundled', lastAttempt: null } });
    const after: any = await handleMessage({ type: 'trust-status', refresh: true }, page, env);
    expect(after).toMatchObject({ ok: true, status: { source: 'refreshed', lastAttempt: { ok: true } } });
    const refused: any = await handleMessage(
      { type: 'trust-status', refresh: true },
      { id: 'id', url: 'https://pypi.org/project/x/' },
      env,
    );
    expect(refused.ok).toBe(false);
    expect(handleMessage({ type: 'trust-status', refresh: 'yes' }, page, env)).toBeUndefined();
  });
});
