import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { verifyProvenance, verifyAttestationSignature, parseProvenance } from '../../src/verify/index';
import { PROD_FIXTURES, STAGING_FIXTURES, codes, prodTrust, readJSON, readText, sha256File, stagingTrust, wrap } from './helpers';

describe('production fixtures verify against the production trust root', () => {
  for (const f of PROD_FIXTURES) {
    it(f.file, async () => {
      if (f.dist) expect(sha256File(f.dist)).toBe(f.sha256);
      const v = await verifyProvenance(readText(f.file), { filename: f.filename, sha256: f.sha256 }, prodTrust());
      expect(v.reasons.filter((r) => r.code !== 'PUBLISHER_INFERRED')).toEqual([]);
      expect(v.state).toBe('verified');
      expect(v.trustRootId).toBe(prodTrust().id);
      expect(v.publisher).not.toBeNull();
      expect(v.publisher!.kind).toBe(f.kind);
      expect(v.publisher!.fromProvenance).toBe(f.fromProvenance);
      expect(codes(v).includes('PUBLISHER_INFERRED')).toBe(!f.fromProvenance);
      if (f.repository) expect(v.publisher!.repository).toBe(f.repository);
      if (f.workflow) expect(v.publisher!.workflow).toBe(f.workflow);
      if (f.email) expect(v.publisher!.email).toBe(f.email);
      expect(v.attestations.map((a) => a.predicateType)).toEqual(f.predicateTypes);
      for (const a of v.attestations) {
        expect(a.ok).toBe(true);
        expect(a.subject).toEqual({ name: f.filename, sha256: f.sha256 });
        expect(a.tlog?.rekorVersion).toBe(1);
        expect(a.tlog?.logBaseUrl).toBe('https://rekor.sigstore.dev');
        expect(a.tlog?.checkpointOrigin).toMatch(/^rekor\.sigstore\.dev - \d+$/);
        expect(a.tlog?.integratedTime).toMatch(/^20\d\d-/);
        expect(a.certificate?.chain.length).toBeGreaterThan(0);
        expect(a.certificate?.chain.at(-1)?.subject).toBe('O=sigstore.dev, CN=sigstore');
        if (f.kind === 'Google') {
          expect(a.identity?.subjectAlternativeName).toBe(f.email);
          expect(a.identity?.issuer).toBe('https://accounts.google.com');
        } else {
          expect(a.identity?.sourceRepositoryUri?.toLowerCase()).toBe(
            `https://${f.kind === 'GitHub' ? 'github' : 'gitlab'}.com/${f.repository}`,
          );
        }
      }
    });
  }

  it('a bare attestation verifies with its matching Trusted Publisher supplied', async () => {
    const att = readJSON('gitlab-oidc-project/gitlab_oidc_project-0.0.3.tar.gz.publish.attestation');
    const pub = { kind: 'GitLab', repository: 'facutuesca/gitlab-oidc-project', workflow_filepath: '.gitlab-ci.yml', environment: null };
    const v = await verifyProvenance(
      wrap(att, pub),
      { filename: 'gitlab_oidc_project-0.0.3.tar.gz', sha256: 'c1ca9b0d85df1606451098233018534497bf584362e10e4a8c21dfaea92c02a8' },
      prodTrust(),
    );
    expect(v.state).toBe('verified');
    expect(v.reasons).toEqual([]);
    expect(v.publisher).toMatchObject({ kind: 'GitLab', fromProvenance: true, environment: null });
  });

  it('publish and SLSA attestations of one file verify together in one bundle', async () => {
    const pub = { kind: 'GitHub', repository: 'trailofbits/pypi-attestations', workflow: 'release.yml', environment: null };
    const prov = {
      version: 1,
      attestation_bundles: [
        {
          publisher: pub,
          attestations: [
            readJSON('pypi-attestations/pypi_attestations-0.0.19.tar.gz.publish.attestation'),
            readJSON('pypi-attestations/pypi_attestations-0.0.19.tar.gz.slsa.attestation'),
          ],
        },
      ],
    };
    const v = await verifyProvenance(
      prov,
      { filename: 'pypi_attestations-0.0.19.tar.gz', sha256: '9bb1add04b1b4e182be6b0b80931593f7a291eb49d69b4fd728a5d4cbcdc4bd3' },
      prodTrust(),
    );
    expect(v.state).toBe('verified');
    expect(v.attestations).toHaveLength(2);
    expect((v.attestations[1]!.predicate as { buildDefinition?: unknown }).buildDefinition).toBeTruthy();
  });

  it('accepts parsed objects as well as raw text, and an uppercase sha256', async () => {
    const f = PROD_FIXTURES[0]!;
    const v = await verifyProvenance(readJSON(f.file), { filename: f.filename, sha256: f.sha256.toUpperCase() }, prodTrust());
    expect(v.state).toBe('verified');
    expect(v.sha256).toBe(f.sha256);
  });
});

describe('staging fixtures', () => {
  for (const f of STAGING_FIXTURES) {
    it(`${f.file} fails against production with CERTIFICATE_INVALID`, async () => {
      // Against a root refreshed through TUF after the signature: its keys are not Sigstore's.
      const refreshed = { trustRootRefreshedAt: new Date('2026-11-01T00:00:00Z') };
      const v = await verifyProvenance(readText(f.file), { filename: f.filename, sha256: f.sha256 }, prodTrust(), refreshed);
      expect(v.state).toBe('failed');
      expect(codes(v)).toContain('CERTIFICATE_INVALID');
      expect(codes(v)).toContain('TRUST_ROOT_KEY_NOT_TRUSTED');
      expect(v.attestations[0]!.certificate!.chain).toEqual([]);
      // Against a root not known current the keys may be newer than ours, but a personal
      // identity is no Trusted Publisher either way: still failed.
      const stale = await verifyProvenance(readText(f.file), { filename: f.filename, sha256: f.sha256 }, prodTrust());
      expect(stale.state).toBe('failed');
      expect(codes(stale)).toEqual(['TRUST_ROOT_KEY_UNKNOWN', 'PUBLISHER_UNSUPPORTED']);
    });

    it(`${f.file} passes the Sigstore layer against the staging root`, async () => {
      const p = parseProvenance(readText(f.file));
      expect(p.status).toBe('ok');
      if (p.status !== 'ok') return;
      const att = p.bundles[0]!.attestations[0]!;
      expect(verifyAttestationSignature(att, stagingTrust())).toMatchObject({ ok: true });
      expect(verifyAttestationSignature(att, prodTrust()).ok).toBe(false);
      // The whole verdict: everything passes except that a personal identity is no Trusted Publisher.
      const v = await verifyProvenance(readText(f.file), { filename: f.filename, sha256: f.sha256 }, stagingTrust());
      expect(v.state).toBe('failed');
      expect(codes(v)).toEqual(['PUBLISHER_UNSUPPORTED']);
      expect(v.attestations[0]!.identity!.issuer).toBe('https://github.com/login/oauth');
      expect(v.attestations[0]!.tlog!.rekorVersion).toBe(f.rekorVersion);
      expect(v.attestations[0]!.certificate!.chain.length).toBeGreaterThan(0);
    });
  }

  it('a real pre-0.0.12 pypi-attestations asset, base64 line-wrapped at 76 columns, reads as the reference reads it', async () => {
    // pypi-attestations @ 67f2903 (before #48), test/assets/rfc8785-0.1.2-py3-none-any.whl.attestation.
    const wrapped = readFileSync(
      new URL('../fixtures/reference/pypi-attestations/rfc8785-0.1.2-py3-none-any.whl.attestation.wrapped-pre-0.0.12', import.meta.url),
      'utf8',
    );
    expect(wrapped).toMatch(/"certificate": "[A-Za-z0-9+/]{76}\\n/);
    const f = STAGING_FIXTURES[0]!;
    const a = parseProvenance(wrapped);
    const b = parseProvenance(readText(f.file));
    if (a.status !== 'ok' || b.status !== 'ok') throw new Error('not parsed');
    const [x, y] = [a.bundles[0]!.attestations[0]!, b.bundles[0]!.attestations[0]!];
    expect([x.certificate, x.statement, x.signature]).toEqual([y.certificate, y.statement, y.signature]);
    const v = await verifyProvenance(wrapped, { filename: f.filename, sha256: f.sha256 }, stagingTrust());
    expect(codes(v)).toEqual(['PUBLISHER_UNSUPPORTED']); // every check passes; a personal identity is no Trusted Publisher
  });

  it('Rekor v2 entry: RFC 3161 time, checkpoint origin and log URL are reported', async () => {
    const f = STAGING_FIXTURES[3]!;
    const v = await verifyProvenance(readText(f.file), { filename: f.filename, sha256: f.sha256 }, stagingTrust());
    const a = v.attestations[0]!;
    expect(a.tlog).toMatchObject({
      kind: 'dsse',
      version: '0.0.2',
      rekorVersion: 2,
      checkpointOrigin: 'log2025-alpha3.rekor.sigstage.dev',
      logBaseUrl: 'https://log2025-alpha3.rekor.sigstage.dev',
    });
    expect(a.timestamps).toHaveLength(1);
    expect(a.tlog!.integratedTime).toBe(a.timestamps[0]);
    expect(a.subject).toEqual({ name: f.filename, sha256: f.sha256 });
    expect(a.identity?.subjectAlternativeName).toBe('jku@goto.fi');
  });

  it('Rekor v2 entry with a GitHub publisher: Sigstore passes, identity does not (personal cert)', async () => {
    const f = STAGING_FIXTURES[3]!;
    const prov = wrap(readJSON(f.file), { kind: 'GitHub', repository: 'trailofbits/pypi-attestations', workflow: 'release.yml' });
    const v = await verifyProvenance(prov, { filename: f.filename, sha256: f.sha256 }, stagingTrust());
    expect(v.state).toBe('failed');
    expect(codes(v)).toContain('IDENTITY_ISSUER_MISMATCH');
    expect(codes(v).filter((c) => !c.startsWith('IDENTITY_'))).toEqual([]);
  });

  it('spt3g: a wheel name with the compressed tag set in another order matches', async () => {
    const f = STAGING_FIXTURES[2]!;
    const swapped = 'spt3g-1.0-cp310-cp310-manylinux2014_x86_64.manylinux_2_17_x86_64.whl';
    const v = await verifyProvenance(readText(f.file), { filename: swapped, sha256: f.sha256 }, stagingTrust());
    expect(codes(v)).toEqual(['PUBLISHER_UNSUPPORTED']);
    const w = await verifyProvenance(
      readText(f.file),
      { filename: 'spt3g-1.0-cp310-cp310-manylinux2014_x86_64.whl', sha256: f.sha256 },
      stagingTrust(),
    );
    expect(codes(w)).toContain('STATEMENT_SUBJECT_NAME_MISMATCH');
  });
});

describe('options', () => {
  const f = PROD_FIXTURES[0]!;
  const dist = { filename: f.filename, sha256: f.sha256 };
  it('runSigstore runs the synchronous Sigstore work, and its answer is used', async () => {
    let calls = 0;
    const v = await verifyProvenance(readText(f.file), dist, prodTrust(), {
      runSigstore: async (fn) => {
        calls++;
        return fn();
      },
    });
    expect(v.state).toBe('verified');
    expect(calls).toBeGreaterThanOrEqual(1);
  });
  it('a runner that throws makes the verdict failed, never verified, and nothing throws', async () => {
    const v = await verifyProvenance(readText(f.file), dist, prodTrust(), {
      runSigstore: async () => {
        throw new Error('runner broke');
      },
    });
    expect(v.state).toBe('failed');
    expect(codes(v)).toContain('INTERNAL_ERROR');
  });
  it('checkedAt comes from options.now', async () => {
    const v = await verifyProvenance(readText(f.file), dist, prodTrust(), { now: new Date('2030-01-02T03:04:05Z') });
    expect(v.checkedAt).toBe('2030-01-02T03:04:05.000Z');
  });
});
