import { beforeAll, describe, expect, it } from 'vitest';
import { BoundedStore } from '../../src/background/bounded-store';
import { FRESH_MS, isFresh, RawProvenanceCache, SimpleIndexCache, VerdictCache, verdictCacheKey } from '../../src/background/cache';
import { parseSimpleIndex } from '../../src/background/simple-index';
import { bundledTrust } from '../../src/trust/bundled-root';
import { errorVerdict, makeVerdict } from '../../src/background/verdicts';
import { verifyProvenance } from '../../src/verify/index';
import type { LoadedTrust } from '../../src/verify/trust';
import { reason, type Verdict } from '../../src/verify/verdict';
import { FakeStorage, provenanceBytes, SAMPLE_SDIST, SAMPLE_WHL, sha, simpleJson } from './helpers';

const NOW = new Date('2026-11-25T12:00:00Z');
let trust: LoadedTrust;
let verified: Verdict;
let failed: Verdict;

beforeAll(async () => {
  const t = bundledTrust(NOW);
  if (!t.ok) throw new Error(t.reason.message);
  trust = t.trust;
  const text = new TextDecoder().decode(provenanceBytes('sampleproject', '4.0.0', SAMPLE_SDIST));
  verified = await verifyProvenance(text, { filename: SAMPLE_SDIST, sha256: sha(SAMPLE_SDIST) }, trust, { now: NOW });
  // the sdist's provenance presented for the wheel: really fails
  failed = await verifyProvenance(text, { filename: SAMPLE_WHL, sha256: sha(SAMPLE_WHL) }, trust, { now: NOW });
});

const entry = (v: Verdict, fetchedAt = NOW.getTime()) => ({
  verdict: v,
  provenanceEtag: '"e"',
  provenanceSha256: 'c'.repeat(64),
  fetchedAt,
});

describe('verdict cache', () => {
  it('the real verdicts used here are what we think', () => {
    expect(verified.state).toBe('verified');
    expect(failed.state).toBe('failed');
  });

  it('key = index|filename|sha256|trustRootId', () => {
    expect(verdictCacheKey('pypi.org', SAMPLE_SDIST, sha(SAMPLE_SDIST), trust.id)).toBe(
      `pypi.org|${SAMPLE_SDIST}|${sha(SAMPLE_SDIST)}|${trust.id}`,
    );
  });

  it('stores verified and failed, survives a worker restart (new instance, same storage)', async () => {
    const storage = new FakeStorage();
    const c = new VerdictCache(storage);
    const k1 = verdictCacheKey('pypi.org', SAMPLE_SDIST, sha(SAMPLE_SDIST), trust.id);
    const k2 = verdictCacheKey('pypi.org', SAMPLE_WHL, sha(SAMPLE_WHL), trust.id);
    expect(await c.put(k1, entry(verified))).toBe(true);
    expect(await c.put(k2, entry(failed))).toBe(true);
    const again = new VerdictCache(storage);
    expect((await again.get(k1))?.verdict).toEqual(verified);
    expect((await again.get(k2))?.verdict.state).toBe('failed');
    expect(await again.size()).toBe(2);
  });

  it('preload: one storage read for many keys, then answered from memory; bad entries dropped; newer values kept', async () => {
    const storage = new FakeStorage();
    const c = new VerdictCache(storage);
    const k1 = verdictCacheKey('pypi.org', SAMPLE_SDIST, sha(SAMPLE_SDIST), trust.id);
    const k2 = verdictCacheKey('pypi.org', SAMPLE_WHL, sha(SAMPLE_WHL), trust.id);
    const kMissing = verdictCacheKey('pypi.org', 'other-1.0.tar.gz', 'd'.repeat(64), trust.id);
    const kBad = verdictCacheKey('pypi.org', 'bad-1.0.tar.gz', 'e'.repeat(64), trust.id);
    await c.put(k1, entry(verified));
    await c.put(k2, entry(failed));
    storage.data.set(`verdict:e:${kBad}`, JSON.stringify(entry(verified))); // about another file than its key
    const again = new VerdictCache(storage); // a restarted worker: nothing in memory
    const before = storage.ops.get;
    await again.preload([k1, k2, kMissing, k1]);
    expect(storage.ops.get - before).toBe(1);
    expect((await again.get(k1))?.verdict).toEqual(verified);
    expect((await again.get(k2))?.verdict.state).toBe('failed');
    expect(storage.ops.get - before).toBe(1); // both from memory
    await again.preload([kBad]);
    expect(await again.get(kBad)).toBeNull();
    await again.flush();
    expect(storage.data.has(`verdict:e:${kBad}`)).toBe(false);
    // a value stored while the read was under way is not replaced by the older stored one
    const third = new VerdictCache(storage);
    const reading = third.preload([k1]);
    await third.put(k1, entry(failed, NOW.getTime() + 1));
    await reading;
    expect((await third.get(k1))?.verdict.state).toBe('failed');
    // a failing storage: preload resolves, get still works (from storage, here failing too: null)
    const broken = new VerdictCache(
      { ...storage, get: async () => Promise.reject(new Error('gone')) } as never,
      undefined,
      () => undefined,
    );
    await expect(broken.preload([k1])).resolves.toBeUndefined();
  });

  it('never stores error, pending or absent', async () => {
    const storage = new FakeStorage();
    const c = new VerdictCache(storage);
    const base = { filename: SAMPLE_SDIST, sha256: sha(SAMPLE_SDIST), trustRootId: trust.id, now: NOW };
    const k = verdictCacheKey('pypi.org', SAMPLE_SDIST, sha(SAMPLE_SDIST), trust.id);
    expect(await c.put(k, entry(errorVerdict(base, reason('INDEX_TIMEOUT'))))).toBe(false);
    expect(await c.put(k, entry(makeVerdict('pending', base, [])))).toBe(false);
    expect(await c.put(k, entry(makeVerdict('absent', base, [reason('NO_PROVENANCE')])))).toBe(false);
    expect(storage.data.size).toBe(0);
  });

  it('rejects a stored entry that is not about what its key says (storage can hold anything)', async () => {
    const storage = new FakeStorage();
    const kWhl = verdictCacheKey('pypi.org', SAMPLE_WHL, sha(SAMPLE_WHL), trust.id);
    // a verified verdict for the sdist planted under the wheel's key
    await storage.set({ [`verdict:e:${kWhl}`]: entry(verified) });
    expect(await new VerdictCache(storage).get(kWhl)).toBeNull();
    // under another trust root's key
    const kOther = verdictCacheKey('pypi.org', SAMPLE_SDIST, sha(SAMPLE_SDIST), 'f'.repeat(64));
    await storage.set({ [`verdict:e:${kOther}`]: entry(verified) });
    expect(await new VerdictCache(storage).get(kOther)).toBeNull();
    // garbage
    const kS = verdictCacheKey('pypi.org', SAMPLE_SDIST, sha(SAMPLE_SDIST), trust.id);
    await storage.set({ [`verdict:e:${kS}`]: { verdict: 'verified' } });
    expect(await new VerdictCache(storage).get(kS)).toBeNull();
    await storage.set({ [`verdict:e:${kS}`]: { ...entry(verified), provenanceSha256: 'x' } });
    expect(await new VerdictCache(storage).get(kS)).toBeNull();
  });

  it('clear removes every cache key and nothing else', async () => {
    const storage = new FakeStorage();
    await storage.set({ unrelated: 1 });
    const c = new VerdictCache(storage);
    const k = verdictCacheKey('pypi.org', SAMPLE_SDIST, sha(SAMPLE_SDIST), trust.id);
    await c.put(k, entry(verified));
    await storage.set({ 'verdict:e:orphan': 1 });
    await c.clear();
    expect([...storage.data.keys()]).toEqual(['unrelated']);
    expect(await c.get(k)).toBeNull();
  });

  it('freshness window is 10 minutes', () => {
    const t = NOW.getTime();
    expect(FRESH_MS).toBe(600_000);
    expect(isFresh(t, t + 599_999)).toBe(true);
    expect(isFresh(t, t + 600_000)).toBe(false);
    expect(isFresh(t + 1000, t)).toBe(false); // from the future: not trusted as fresh
  });
});

describe('bounded store (LRU by time, pruned on write)', () => {
  const validate = (v: unknown) => (typeof v === 'object' && v !== null ? (v as { n: number }) : null);

  it('keeps at most maxEntries, dropping the oldest by timestamp', async () => {
    const storage = new FakeStorage();
    const s = new BoundedStore(storage, { prefix: 't:', maxEntries: 3, maxBytes: 1e6, memoryEntries: 10, validate });
    await s.set('a', { n: 1 }, 10);
    await s.set('b', { n: 2 }, 30);
    await s.set('c', { n: 3 }, 20);
    await s.set('d', { n: 4 }, 40);
    expect(await s.size()).toBe(3);
    expect(storage.data.has('t:e:a')).toBe(false);
    const fresh = new BoundedStore(storage, { prefix: 't:', maxEntries: 3, maxBytes: 1e6, memoryEntries: 10, validate });
    expect(await fresh.get('a')).toBeNull();
    expect(await fresh.get('c')).toEqual({ n: 3 });
    // touching c (new time) makes b the oldest
    await fresh.set('c', { n: 3 }, 50);
    await fresh.set('e', { n: 5 }, 60);
    expect(await fresh.get('b')).toBeNull();
    expect(await fresh.get('c')).toEqual({ n: 3 });
  });

  it('keeps total size under maxBytes', async () => {
    const storage = new FakeStorage();
    const s = new BoundedStore(storage, { prefix: 't:', maxEntries: 100, maxBytes: 250, memoryEntries: 10, validate });
    for (let i = 0; i < 10; i++) await s.set(`k${i}`, { n: i, pad: 'x'.repeat(80) } as { n: number }, i);
    const kept = [...storage.data.keys()].filter((k) => k.startsWith('t:e:'));
    expect(kept.length).toBe(2);
    expect(kept.sort()).toEqual(['t:e:k8', 't:e:k9']);
  });

  it('concurrent writes do not lose index rows', async () => {
    const storage = new FakeStorage();
    const s = new BoundedStore(storage, { prefix: 't:', maxEntries: 100, maxBytes: 1e6, memoryEntries: 10, validate });
    await Promise.all(Array.from({ length: 20 }, (_, i) => s.set(`k${i}`, { n: i }, i)));
    const fresh = new BoundedStore(storage, { prefix: 't:', maxEntries: 100, maxBytes: 1e6, memoryEntries: 10, validate });
    expect(await fresh.size()).toBe(20);
  });

  it('a failing storage is not fatal', async () => {
    const broken = {
      get: async () => {
        throw new Error('quota');
      },
      set: async () => {
        throw new Error('quota');
      },
      remove: async () => {
        throw new Error('quota');
      },
    };
    const errors: unknown[] = [];
    const s = new BoundedStore(broken, {
      prefix: 't:',
      maxEntries: 3,
      maxBytes: 1e6,
      memoryEntries: 10,
      validate,
      onError: (e) => errors.push(e),
    });
    await s.set('a', { n: 1 }, 1);
    expect(await s.get('a')).toEqual({ n: 1 }); // memory layer
    expect(await s.get('b')).toBeNull();
    expect(errors.length).toBeGreaterThan(0);
  });
});

describe('bounded store: a value that cannot be serialised (#17.2)', () => {
  it('does not throw, is reported, is not kept, and does not disturb the other entries', async () => {
    const validate = (v: unknown) => (typeof v === 'object' && v !== null ? (v as { n: number }) : null);
    const storage = new FakeStorage();
    const errors: unknown[] = [];
    const s = new BoundedStore(storage, {
      prefix: 't:',
      maxEntries: 10,
      maxBytes: 1e6,
      memoryEntries: 10,
      validate,
      onError: (e) => errors.push(e),
    });
    const cyclic: Record<string, unknown> = { n: 1 };
    cyclic.self = cyclic;
    await s.set('a', { n: 0 }, 1);
    await expect(s.set('bad', cyclic as { n: number }, 2)).resolves.toBeUndefined();
    await s.set('b', { n: 2 }, 3);
    expect(errors).toHaveLength(1);
    expect(await s.get('bad')).toBeNull();
    expect(await s.get('a')).toEqual({ n: 0 });
    expect(await new BoundedStore(storage, { prefix: 't:', maxEntries: 10, maxBytes: 1e6, memoryEntries: 10, validate }).size()).toBe(2);
  });
});

describe('simple index cache', () => {
  it('round-trips a parsed index through storage (session) and re-validates it', async () => {
    const storage = new FakeStorage();
    const parsed = parseSimpleIndex(JSON.parse(simpleJson('sampleproject')), 'pypi.org', 'sampleproject');
    if (!parsed.ok) throw new Error(parsed.detail);
    await new SimpleIndexCache(storage).put('pypi.org', { index: parsed.index, etag: '"s"', fetchedAt: 5 });
    const back = await new SimpleIndexCache(storage).get('pypi.org', 'sampleproject');
    expect(back?.etag).toBe('"s"');
    expect(back?.index.files.get(SAMPLE_WHL)).toEqual(parsed.index.files.get(SAMPLE_WHL));
    expect(await new SimpleIndexCache(storage).get('test.pypi.org', 'sampleproject')).toBeNull();
    // tampered storage: provenance URL moved to another host → rejected
    const key = 'simple:e:pypi.org|sampleproject';
    const raw = JSON.parse(storage.data.get(key)!);
    raw.stored.files[0].provenanceUrl = 'https://evil.example/integrity/x';
    storage.data.set(key, JSON.stringify(raw));
    expect(await new SimpleIndexCache(storage).get('pypi.org', 'sampleproject')).toBeNull();
  });
});

describe('raw provenance cache', () => {
  it('is bounded by total size', () => {
    const c = new RawProvenanceCache(10);
    c.put('a', '12345');
    c.put('b', '12345');
    c.put('c', '123');
    expect(c.get('a')).toBeNull();
    expect(c.get('b')).toBe('12345');
    c.put('big', 'x'.repeat(11));
    expect(c.get('big')).toBeNull();
  });
});
