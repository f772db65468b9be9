/**
 * Trust-root freshness (issue 11, point 2): real PyPI provenance under the shipped trust root minus
 * one key is "could not check" (`error`), never `failed` and never `verified`, unless the root was
 * refreshed through TUF after the signature was made; tampering under a known key stays `failed`.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { judgeUnknownKeys, unknownKeys, claimedSignatureTime } from '../../src/verify/freshness';
import { parseProvenance, verifyProvenance } from '../../src/verify/index';
import { loadTrust, type LoadedTrust } from '../../src/verify/trust';
import type { Verdict } from '../../src/verify/verdict';
import { PROD_FIXTURES, STAGING_FIXTURES, b64decode, b64encode, clone, codes, flipByte, readJSON, readText } from './helpers';

const fixtures = fileURLToPath(new URL('../fixtures/trust/', import.meta.url));
const PROD_ROOT = JSON.parse(readFileSync(`${fixtures}trusted_root.json`, 'utf8'));
const STAGING_ROOT = JSON.parse(readFileSync(`${fixtures}trusted_root.staging.json`, 'utf8'));

type Root = typeof PROD_ROOT;
/** The root with one entry of `list` removed (the one `pick` selects). */
function without(
  root: Root,
  list: 'tlogs' | 'ctlogs' | 'certificateAuthorities' | 'timestampAuthorities',
  pick: (e: any) => boolean,
): LoadedTrust {
  const r = clone(root);
  const before = r[list].length;
  r[list] = r[list].filter((e: any) => !pick(e));
  expect(r[list].length).toBe(before - 1);
  return loadTrust(JSON.stringify(r));
}

const url = (u: string) => (e: any) => e.baseUrl === u;
const validFrom = (start: string) => (e: any) => e.validFor?.start === start;

const ROOTS = {
  'Rekor v1 log': () => without(PROD_ROOT, 'tlogs', url('https://rekor.sigstore.dev')),
  'current Fulcio CA': () => without(PROD_ROOT, 'certificateAuthorities', validFrom('2022-04-13T20:06:15Z')),
  '2022 CT log': () => without(PROD_ROOT, 'ctlogs', url('https://ctfe.sigstore.dev/2022')),
} as const;
const KIND: Record<keyof typeof ROOTS, string> = { 'Rekor v1 log': 'rekor', 'current Fulcio CA': 'fulcio', '2022 CT log': 'ctlog' };

const SP = 'sampleproject/sampleproject-4.0.0.tar.gz.provenance';
const SP_DIST = { filename: 'sampleproject-4.0.0.tar.gz', sha256: '0ace7980f82c5815ede4cd7bf9f6693684cec2ae47b9b7ade9add533b8627c6b' };
const att = (p: any) => p.attestation_bundles[0].attestations[0];

function expectCouldNotCheck(v: Verdict): void {
  expect(v.state).toBe('error');
  expect(codes(v).filter((c) => c !== 'PUBLISHER_INFERRED')).toEqual(v.attestations.map(() => 'TRUST_ROOT_KEY_UNKNOWN'));
  expect(v.attestations.every((a) => !a.ok)).toBe(true);
  expect(v.reasons[0]!.message).toMatch(/newer than the trust root in use, so it could not be checked/);
}

describe('a genuine provenance under the shipped root minus one key', () => {
  for (const [name, make] of Object.entries(ROOTS) as [keyof typeof ROOTS, () => LoadedTrust][]) {
    const trust = make();
    for (const f of PROD_FIXTURES) {
      it(`without the ${name}: ${f.file} could not be checked (error), not failed`, async () => {
        const v = await verifyProvenance(readText(f.file), { filename: f.filename, sha256: f.sha256 }, trust);
        expectCouldNotCheck(v);
        expect(v.reasons.find((r) => r.code === 'TRUST_ROOT_KEY_UNKNOWN')!.detail).toMatch(
          { rekor: /Rekor transparency log/, fulcio: /Fulcio certificate authority/, ctlog: /certificate-transparency log/ }[KIND[name]]!,
        );
      });
    }

    it(`without the ${name}: a TUF refresh after the signature still lacking the key → failed`, async () => {
      const after = new Date('2026-01-01T00:00:00Z');
      const v = await verifyProvenance(readText(SP), SP_DIST, trust, { trustRootRefreshedAt: after });
      expect(v.state).toBe('failed');
      expect(codes(v)).toContain('TRUST_ROOT_KEY_NOT_TRUSTED');
      expect(codes(v)).not.toContain('TRUST_ROOT_KEY_UNKNOWN');
    });

    it(`without the ${name}: a TUF refresh before the signature's time does not make the root current → error`, async () => {
      const before = new Date('2024-11-06T22:00:00Z'); // the signature is from 2024-11-06 22:37
      const v = await verifyProvenance(readText(SP), SP_DIST, trust, { trustRootRefreshedAt: before });
      expectCouldNotCheck(v);
    });

    it(`without the ${name}: a tampered DSSE signature is still failed`, async () => {
      const p = clone(readJSON(SP));
      att(p).envelope.signature = flipByte(att(p).envelope.signature, 10);
      const v = await verifyProvenance(p, SP_DIST, trust);
      expect(v.state).toBe('failed');
      expect(codes(v)).not.toContain('TRUST_ROOT_KEY_UNKNOWN');
    });

    it(`without the ${name}: a changed statement is still failed`, async () => {
      const p = clone(readJSON(SP));
      const s = JSON.parse(b64decode(att(p).envelope.statement).toString('utf8'));
      s.subject[0].digest.sha256 = 'a'.repeat(64);
      att(p).envelope.statement = b64encode(Buffer.from(JSON.stringify(s)));
      const v = await verifyProvenance(p, { ...SP_DIST, sha256: 'a'.repeat(64) }, trust);
      expect(v.state).toBe('failed');
    });

    it(`without the ${name}: a different Trusted Publisher is still failed`, async () => {
      const p = clone(readJSON(SP));
      p.attestation_bundles[0].publisher.repository = 'evil/sampleproject';
      const v = await verifyProvenance(p, SP_DIST, trust);
      expect(v.state).toBe('failed');
      expect(codes(v)).toContain('IDENTITY_REPOSITORY_MISMATCH');
    });
  }

  it('the full shipped root verifies the same files (the roots above differ only by the key)', async () => {
    const v = await verifyProvenance(readText(SP), SP_DIST, loadTrust(JSON.stringify(PROD_ROOT)));
    expect(v.state).toBe('verified');
  });
});

describe('tampering that a known key catches stays failed', () => {
  it('without the Rekor log: a certificate changed under the known Fulcio CA → failed', async () => {
    const p = clone(readJSON(SP));
    att(p).verification_material.certificate = flipByte(att(p).verification_material.certificate, -20);
    const v = await verifyProvenance(p, SP_DIST, ROOTS['Rekor v1 log']());
    expect(v.state).toBe('failed');
  });

  it('without the Fulcio CA: a changed signed entry timestamp under the known Rekor log → failed', async () => {
    const p = clone(readJSON(SP));
    const e = att(p).verification_material.transparency_entries[0];
    e.inclusionPromise.signedEntryTimestamp = flipByte(e.inclusionPromise.signedEntryTimestamp, -5);
    const v = await verifyProvenance(p, SP_DIST, ROOTS['current Fulcio CA']());
    expect(v.state).toBe('failed');
    expect(codes(v)).toContain('TLOG_INCLUSION_PROMISE_INVALID');
  });

  it('without the CT log: a changed signed entry timestamp under the known Rekor log → failed', async () => {
    const p = clone(readJSON(SP));
    const e = att(p).verification_material.transparency_entries[0];
    e.inclusionPromise.signedEntryTimestamp = flipByte(e.inclusionPromise.signedEntryTimestamp, -5);
    const v = await verifyProvenance(p, SP_DIST, ROOTS['2022 CT log']());
    expect(v.state).toBe('failed');
  });

  it('a log id that no root knows, under the full root, is error only while the root is not known current', async () => {
    const p = clone(readJSON(SP));
    att(p).verification_material.transparency_entries[0].logId.keyId = b64encode(Buffer.alloc(32, 7));
    const full = loadTrust(JSON.stringify(PROD_ROOT));
    expect((await verifyProvenance(p, SP_DIST, full)).state).toBe('error');
    const v = await verifyProvenance(p, SP_DIST, full, { trustRootRefreshedAt: new Date('2026-06-01T00:00:00Z') });
    expect(v.state).toBe('failed');
  });
});

describe('Rekor v2 and timestamp authorities (staging material)', () => {
  const f = STAGING_FIXTURES[3]!;
  const parsed = parseProvenance(readText(f.file));
  if (parsed.status !== 'ok') throw new Error('fixture does not parse');
  const a = parsed.bundles[0]!.attestations[0]!;

  it('full staging root: no unknown key; the signature time is the RFC 3161 time', () => {
    const trust = loadTrust(JSON.stringify(STAGING_ROOT));
    expect(unknownKeys(a, trust)).toEqual([]);
    expect(judgeUnknownKeys(a, trust, undefined)).toBeNull();
    expect(claimedSignatureTime(a)!.getTime()).toBeGreaterThanOrEqual(Date.parse('2025-09-22T00:00:00Z'));
  });

  it('without the Rekor v2 shard: could not check; refreshed after the signature: failed', () => {
    const trust = without(STAGING_ROOT, 'tlogs', url('https://log2025-alpha3.rekor.sigstage.dev'));
    expect(unknownKeys(a, trust).map((k) => k.kind)).toEqual(['rekor']);
    expect(judgeUnknownKeys(a, trust, undefined)).toMatchObject({ kind: 'behind', reason: { code: 'TRUST_ROOT_KEY_UNKNOWN' } });
    expect(judgeUnknownKeys(a, trust, new Date('2027-01-01T00:00:00Z'))).toMatchObject({ kind: 'failed' });
  });

  it('without the timestamp authority: could not check; a tampered DSSE signature: failed', () => {
    const trust = without(STAGING_ROOT, 'timestampAuthorities', () => true);
    expect(unknownKeys(a, trust).map((k) => k.kind)).toEqual(['tsa']);
    expect(judgeUnknownKeys(a, trust, undefined)).toMatchObject({ kind: 'behind' });
    const bad = { ...a, signature: flipByte(a.signature, 10) };
    const j = judgeUnknownKeys(bad, trust, undefined);
    expect(j?.kind).toBe('failed');
    // The (known) Rekor v2 log's entry holds the signature, so the body binding catches it first.
    expect(j?.kind === 'failed' && j.reasons.map((r) => r.code)).toEqual(['TLOG_BODY_MISMATCH']);
  });

  it('a staging attestation under the production root stays failed: its identity is no Trusted Publisher', async () => {
    const v = await verifyProvenance(readText(f.file), { filename: f.filename, sha256: f.sha256 }, loadTrust(JSON.stringify(PROD_ROOT)));
    expect(v.state).toBe('failed');
    expect(codes(v)).toContain('PUBLISHER_UNSUPPORTED');
  });
});
