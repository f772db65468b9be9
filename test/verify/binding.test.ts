import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { certificateProfileProblem } from '../../src/verify/binding';
import { PROD_FIXTURES, readJSON } from './helpers';

const der = (b64: string) => new Uint8Array(Buffer.from(b64, 'base64'));
const leafOf = (file: string): string => {
  const v = readJSON(file);
  return (v.attestation_bundles?.[0]?.attestations?.[0] ?? v).verification_material.certificate;
};

describe('certificateProfileProblem (sigstore-python verifier step 3: digital signature + code signing)', () => {
  it('every real Fulcio leaf is a digital-signature, code-signing certificate', () => {
    for (const f of PROD_FIXTURES) expect(certificateProfileProblem(der(leafOf(f.file))), f.file).toBeNull();
  });
  it('a CA certificate of the trust root is not (Key Usage: certificate sign only)', () => {
    const root = JSON.parse(readFileSync(new URL('../fixtures/trust/trusted_root.json', import.meta.url), 'utf8'));
    const cas = root.certificateAuthorities.flatMap((ca: any) => ca.certChain.certificates.map((c: any) => c.rawBytes as string));
    expect(cas.length).toBeGreaterThan(0);
    for (const c of cas) expect(certificateProfileProblem(der(c))).toMatch(/digital signatures|code signing/);
  });
  it('bytes that are no certificate', () => {
    expect(certificateProfileProblem(new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01]))).toEqual(expect.any(String));
  });
});
