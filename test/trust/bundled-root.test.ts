import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { BUNDLED_TRUST_META, bundledTrust, evaluateTrust, tryLoadTrust } from '../../src/trust/bundled-root';

const text = readFileSync(fileURLToPath(new URL('../../public/trust/trusted_root.json', import.meta.url)), 'utf8');
const loaded = tryLoadTrust(text);
const NOW = new Date('2026-11-25T12:00:00Z');

describe('bundled trust root', () => {
  it('loads, and meta.json describes exactly these bytes', () => {
    expect(loaded.ok).toBe(true);
    const s = bundledTrust(NOW);
    expect(s.ok).toBe(true);
    if (s.ok && loaded.ok) {
      expect(s.trust.id).toBe(loaded.trust.id);
      expect(s.trust.id).toBe(BUNDLED_TRUST_META.trustedRootSha256);
    }
    expect(bundledTrust(NOW)).toEqual(bundledTrust(NOW)); // memoised: same object inside
  });

  it('after the TUF root metadata expiry: out of date, update the extension', () => {
    const expires = new Date(String(BUNDLED_TRUST_META.tufRootExpires));
    expect(bundledTrust(new Date(expires.getTime() - 1000)).ok).toBe(true);
    const s = bundledTrust(expires);
    expect(s.ok).toBe(false);
    if (!s.ok) {
      expect(s.reason.code).toBe('TRUST_ROOT_INVALID');
      expect(s.reason.message).toMatch(/out of date; update the extension/);
    }
  });

  it('a meta that does not describe the root, or has no expiry, or a broken root → not usable', () => {
    expect(evaluateTrust(loaded, { trustedRootSha256: '0'.repeat(64), tufRootExpires: '2099-01-01T00:00:00Z' }, NOW).ok).toBe(false);
    expect(evaluateTrust(loaded, {}, NOW).ok).toBe(false);
    expect(evaluateTrust(loaded, { tufRootExpires: 'soon' }, NOW).ok).toBe(false);
    const broken = tryLoadTrust('{"mediaType":"nope"}');
    expect(broken.ok).toBe(false);
    const s = evaluateTrust(broken, { tufRootExpires: '2099-01-01T00:00:00Z' }, NOW);
    expect(!s.ok && s.reason.code).toBe('TRUST_ROOT_INVALID');
  });

  it('preloadBundledTrust (the worker, at start-up) loads the same root, and bundledTrust then uses it', async () => {
    vi.resetModules();
    const fresh = await import('../../src/trust/bundled-root');
    await fresh.preloadBundledTrust();
    const s = fresh.bundledTrust(NOW);
    expect(s.ok && loaded.ok && s.trust.id === loaded.trust.id && s.trust.id === fresh.BUNDLED_TRUST_META.trustedRootSha256).toBe(true);
    if (s.ok && loaded.ok) expect(s.trust.tlogs).toEqual(loaded.trust.tlogs);
    await fresh.preloadBundledTrust(); // once: the same object after a second call
    expect(fresh.bundledTrust(NOW)).toEqual(s);
    const broken = await fresh.tryLoadTrustAsync('{"mediaType":"nope"}');
    expect(broken).toEqual(tryLoadTrust('{"mediaType":"nope"}'));
  });
});
