import { describe, expect, it } from 'vitest';
import { X509Certificate as NodeX509 } from 'node:crypto';
import { decodeCertificate } from '../../src/verify/index';
import { parseCertificate } from '../../src/verify/certificate';
import { PROD_FIXTURES, b64decode, prodTrust, readJSON } from './helpers';

const PA = 'pypi-attestations/pypi_attestations-0.0.19.tar.gz.publish.attestation';
const certOf = (rel: string): Buffer => {
  const j = readJSON(rel);
  const a = j.verification_material ? j : j.attestation_bundles[0].attestations[0];
  return b64decode(a.verification_material.certificate);
};

describe('decodeCertificate', () => {
  it('matches what Node reads from the same certificate', () => {
    for (const f of PROD_FIXTURES) {
      const der = certOf(f.file);
      const node = new NodeX509(der);
      const { info } = decodeCertificate(new Uint8Array(der), prodTrust());
      expect(info.fingerprintSha256).toBe(node.fingerprint256.replace(/:/g, '').toLowerCase());
      expect(info.serialNumber.replace(/^0+/, '')).toBe(node.serialNumber.toLowerCase().replace(/^0+/, ''));
      expect(new Date(info.notBefore).getTime()).toBe(new Date(node.validFrom).getTime());
      expect(new Date(info.notAfter).getTime()).toBe(new Date(node.validTo).getTime());
      expect(new NodeX509(info.pem).fingerprint256).toBe(node.fingerprint256);
      expect(info.issuer).toBe('O=sigstore.dev, CN=sigstore-intermediate');
      // the chain really issued the leaf
      expect(info.chain.length).toBe(2);
      expect(node.verify(new NodeX509(info.chain[0]!.pem).publicKey)).toBe(true);
      expect(new NodeX509(info.chain[0]!.pem).subject.replace(/\n/g, ', ')).toBe('O=sigstore.dev, CN=sigstore-intermediate');
      expect(info.chain[1]!.subject).toBe(info.chain[1]!.issuer);
    }
  });

  it('decodes every extension of a GitHub certificate, and the identity', () => {
    const { info, identity } = decodeCertificate(new Uint8Array(certOf(PA)), prodTrust());
    const byOid = new Map(info.extensions.map((e) => [e.oid, e]));
    for (let i = 1; i <= 22; i++) {
      if (i === 7) continue;
      const e = byOid.get(`1.3.6.1.4.1.57264.1.${i}`);
      expect(e, `.${i}`).toBeDefined();
      expect(e!.name.length).toBeGreaterThan(3);
      expect(e!.description.length).toBeGreaterThan(10);
      // eslint-disable-next-line no-control-regex -- asserting that no control characters are shown
      expect(e!.value).not.toMatch(/[\u0000-\u001f]/);
    }
    expect(byOid.get('1.3.6.1.4.1.57264.1.1')!.value).toBe('https://token.actions.githubusercontent.com');
    expect(byOid.get('1.3.6.1.4.1.57264.1.8')!.value).toBe('https://token.actions.githubusercontent.com');
    expect(byOid.get('1.3.6.1.4.1.57264.1.22')!.value).toBe('public');
    expect(byOid.get('2.5.29.37')!.value).toBe('Code Signing');
    expect(byOid.get('2.5.29.15')).toMatchObject({ value: 'Digital Signature', critical: true });
    expect(byOid.get('2.5.29.17')!.value).toBe(
      'URI:https://github.com/trailofbits/pypi-attestations/.github/workflows/release.yml@refs/tags/v0.0.19',
    );
    expect(byOid.get('1.3.6.1.4.1.11129.2.4.2')!.value).toMatch(/^1 SCT: log [0-9a-f]{16}… at 2024-12-04T23:14:01/);
    expect(byOid.get('2.5.29.35')!.value).toMatch(/^[0-9a-f]{40}$/);
    expect(identity).toEqual({
      subjectAlternativeName: 'https://github.com/trailofbits/pypi-attestations/.github/workflows/release.yml@refs/tags/v0.0.19',
      issuer: 'https://token.actions.githubusercontent.com',
      issuerV2: 'https://token.actions.githubusercontent.com',
      issuerV1: 'https://token.actions.githubusercontent.com',
      sourceRepositoryUri: 'https://github.com/trailofbits/pypi-attestations',
      sourceRepositoryDigest: '08802efe1f8e5fec4ad842d6b8ce97656092ee72',
      sourceRepositoryRef: 'refs/tags/v0.0.19',
      sourceRepositoryOwnerUri: 'https://github.com/trailofbits',
      sourceRepositoryVisibility: 'public',
      buildConfigUri: 'https://github.com/trailofbits/pypi-attestations/.github/workflows/release.yml@refs/tags/v0.0.19',
      buildConfigDigest: '08802efe1f8e5fec4ad842d6b8ce97656092ee72',
      buildSignerUri: 'https://github.com/trailofbits/pypi-attestations/.github/workflows/release.yml@refs/tags/v0.0.19',
      buildSignerDigest: '08802efe1f8e5fec4ad842d6b8ce97656092ee72',
      buildTrigger: 'release',
      runInvocationUri: 'https://github.com/trailofbits/pypi-attestations/actions/runs/12169989787/attempts/1',
      runnerEnvironment: 'github-hosted',
    });
  });

  it('a Google certificate has an e-mail SAN and only issuer extensions', () => {
    const { info, identity } = decodeCertificate(new Uint8Array(certOf('sampleproject/sampleproject-3.0.0.tar.gz.publish.attestation')));
    expect(info.subjectAlternativeName).toBe('919436158236-compute@developer.gserviceaccount.com');
    expect(identity).toEqual({
      subjectAlternativeName: '919436158236-compute@developer.gserviceaccount.com',
      issuer: 'https://accounts.google.com',
      issuerV2: 'https://accounts.google.com',
      issuerV1: 'https://accounts.google.com',
    });
    expect(info.chain).toEqual([]); // no trust given
  });

  it('throws on something that is not a certificate', () => {
    expect(() => decodeCertificate(new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01]))).toThrow();
  });
});

describe('parseCertificate (memoised per byte array)', () => {
  it('gives the same parse for the same unchanged array, a new parse for changed bytes', () => {
    const der = new Uint8Array(certOf(PA));
    const first = parseCertificate(der);
    expect(parseCertificate(der)).toBe(first);
    expect(parseCertificate(der.slice())).not.toBe(first);
    const sigBefore = Buffer.from(first.signatureValue).toString('hex');
    der[der.length - 1] = der[der.length - 1]! ^ 1; // change the array in place (last signature byte)
    const again = parseCertificate(der);
    expect(again).not.toBe(first);
    expect(Buffer.from(again.signatureValue).toString('hex')).not.toBe(sigBefore);
  });
});
