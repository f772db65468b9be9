/**
 * The checkable part of an attestation under an unknown key (freshness.ts) runs the same
 * post-Sigstore checks as a full verification (bundle.ts `bindingProblem`), the certificate
 * profile included: a leaf that is not for code signing is `failed`, not "could not check".
 * No real Fulcio leaf lacks code signing, so the profile check is made to object here.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { verifyProvenance } from '../../src/verify/index';
import { loadTrust } from '../../src/verify/trust';
import { clone, codes, readText } from './helpers';

vi.mock('../../src/verify/binding', async (original) => ({
  ...(await original<typeof import('../../src/verify/binding')>()),
  certificateProfileProblem: () => 'the certificate is not for code signing (Extended Key Usage)',
}));

const root = JSON.parse(readFileSync(fileURLToPath(new URL('../fixtures/trust/trusted_root.json', import.meta.url)), 'utf8'));
const SP = 'sampleproject/sampleproject-4.0.0.tar.gz.provenance';
const SP_DIST = { filename: 'sampleproject-4.0.0.tar.gz', sha256: '0ace7980f82c5815ede4cd7bf9f6693684cec2ae47b9b7ade9add533b8627c6b' };

describe('certificate profile under an unknown key', () => {
  it('the full check reports it', async () => {
    const v = await verifyProvenance(readText(SP), SP_DIST, loadTrust(JSON.stringify(root)));
    expect(v.state).toBe('failed');
    expect(codes(v)).toContain('CERTIFICATE_INVALID');
  });
  it('without the Rekor v1 log: failed with CERTIFICATE_INVALID, not TRUST_ROOT_KEY_UNKNOWN', async () => {
    const r = clone(root);
    r.tlogs = r.tlogs.filter((t: { baseUrl: string }) => t.baseUrl !== 'https://rekor.sigstore.dev');
    const v = await verifyProvenance(readText(SP), SP_DIST, loadTrust(JSON.stringify(r)));
    expect(v.state).toBe('failed');
    expect(codes(v)).toContain('CERTIFICATE_INVALID');
    expect(codes(v)).not.toContain('TRUST_ROOT_KEY_UNKNOWN');
  });
});
