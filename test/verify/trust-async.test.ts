/**
 * loadTrustAsync (the worker's loader: the root's id through WebCrypto) is loadTrust: the same id
 * (sha256 of exactly the input bytes), the same material and verdicts, the same errors; and without
 * WebCrypto it still hashes (through @noble).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { verifyProvenance } from '../../src/verify/index';
import { loadTrust, loadTrustAsync, TrustRootError } from '../../src/verify/trust';
import { PROD_FIXTURES, readText } from './helpers';

const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));
const ROOT_FILES = ['trust/trusted_root.json', 'trust/trusted_root.staging.json', '../../public/trust/trusted_root.json'];
const sha = (b: string | Uint8Array) => createHash('sha256').update(b).digest('hex');

afterEach(() => vi.unstubAllGlobals());

describe('loadTrustAsync', () => {
  it.each(ROOT_FILES)('%s: same id (sha256 of the bytes), tlogs and material shape as loadTrust, text or bytes', async (rel) => {
    const bytes = readFileSync(fixtures + rel);
    const text = bytes.toString('utf8');
    for (const input of [text, new Uint8Array(bytes)]) {
      const a = await loadTrustAsync(input);
      const s = loadTrust(input);
      expect(a.id).toBe(sha(bytes));
      expect(a.id).toBe(s.id);
      expect(a.tlogs).toEqual(s.tlogs);
      expect(a.problems).toEqual([]);
      expect(a.material.certificateAuthorities.length).toBe(s.material.certificateAuthorities.length);
      expect(a.material.tlogs.map((l) => l.logID.toString('hex'))).toEqual(s.material.tlogs.map((l) => l.logID.toString('hex')));
      expect(a.material.ctlogs.map((l) => l.validFor)).toEqual(s.material.ctlogs.map((l) => l.validFor));
    }
  });

  it('the same verdicts as loadTrust on every production fixture', async () => {
    const text = readFileSync(fixtures + 'trust/trusted_root.json', 'utf8');
    const a = await loadTrustAsync(text);
    const s = loadTrust(text);
    const now = new Date('2026-11-25T12:00:00Z');
    for (const f of PROD_FIXTURES) {
      const dist = { filename: f.filename, sha256: f.sha256 };
      const va = await verifyProvenance(readText(f.file), dist, a, { now });
      const vs = await verifyProvenance(readText(f.file), dist, s, { now });
      expect({ ...va, checkedAt: '' }).toEqual({ ...vs, checkedAt: '' });
    }
  });

  it('an id that is not of these bytes is impossible: one byte more, another id', async () => {
    const text = readFileSync(fixtures + 'trust/trusted_root.json', 'utf8');
    expect((await loadTrustAsync(text + '\n')).id).toBe(sha(text + '\n'));
    expect((await loadTrustAsync(text + '\n')).id).not.toBe((await loadTrustAsync(text)).id);
  });

  it('rejects what loadTrust rejects, with the same TrustRootError', async () => {
    for (const bad of [
      'not json',
      '{"mediaType":"nope"}',
      '[]',
      JSON.stringify({ mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1', tlogs: [{}] }),
    ]) {
      let sync: unknown;
      try {
        loadTrust(bad);
      } catch (e) {
        sync = e;
      }
      expect(sync).toBeInstanceOf(TrustRootError);
      await expect(loadTrustAsync(bad)).rejects.toThrow(TrustRootError);
      await expect(loadTrustAsync(bad)).rejects.toThrow((sync as Error).message);
    }
  });

  it('without WebCrypto (or with a failing one) the id is still the sha256 of the bytes', async () => {
    const text = readFileSync(fixtures + 'trust/trusted_root.json', 'utf8');
    vi.stubGlobal('crypto', undefined);
    expect((await loadTrustAsync(text)).id).toBe(sha(text));
    vi.stubGlobal('crypto', { subtle: { digest: () => Promise.reject(new Error('no')) } });
    expect((await loadTrustAsync(text)).id).toBe(sha(text));
    vi.stubGlobal('crypto', { subtle: { digest: async () => new Uint8Array(32).buffer } });
    expect((await loadTrustAsync(text)).id).toBe('0'.repeat(64)); // the digest used is WebCrypto's own
  });
});
