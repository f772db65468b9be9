/**
 * The shipped TUF root (the starting point of refreshes) and its release hygiene: it is the one
 * public/trust/meta.json describes, it verifies itself under its own threshold (tuf-js), and the
 * test suite fails when it expires within 60 days, so no release ships a root about to expire.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TrustedMetadataStore } from 'tuf-js/dist/store';

const dir = fileURLToPath(new URL('../../public/trust/', import.meta.url));
const tufRoot = readFileSync(`${dir}tuf_root.json`);
const meta = JSON.parse(readFileSync(`${dir}meta.json`, 'utf8'));

describe('bundled TUF root', () => {
  it('is a TUF root that verifies under its own keys and threshold, and matches meta.json', () => {
    const store = new TrustedMetadataStore(tufRoot);
    expect(store.root.signed.version).toBe(meta.tufRootVersion);
    expect(store.root.signed.expires).toBe(meta.tufRootExpires);
    expect(store.root.signed.consistentSnapshot).toBe(true);
  });

  it('does not expire within 60 days (run npm run update-trust-root with a newer @sigstore/tuf)', () => {
    const expires = Date.parse(meta.tufRootExpires);
    const days = (expires - Date.now()) / 86_400_000;
    expect(days, `the bundled TUF root expires ${meta.tufRootExpires}, in ${Math.floor(days)} days`).toBeGreaterThan(60);
  });
});
