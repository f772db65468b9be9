import { describe, expect, it } from 'vitest';
import { checkStatement, PYPI_PUBLISH_V1, SLSA_PROVENANCE_V1 } from '../../src/verify/index';

const SHA = '0ace7980f82c5815ede4cd7bf9f6693684cec2ae47b9b7ade9add533b8627c6b';
const DIST = { filename: 'sampleproject-4.0.0.tar.gz', sha256: SHA };
const enc = (v: unknown) => new TextEncoder().encode(typeof v === 'string' ? v : JSON.stringify(v));
const stmt = (over: Record<string, unknown> = {}) => ({
  _type: 'https://in-toto.io/Statement/v1',
  subject: [{ name: 'sampleproject-4.0.0.tar.gz', digest: { sha256: SHA } }],
  predicateType: PYPI_PUBLISH_V1,
  predicate: null,
  ...over,
});
const codes = (v: unknown, dist = DIST) => checkStatement(enc(v), dist, 3).reasons.map((r) => r.code);

describe('checkStatement', () => {
  it('accepts publish/v1 with predicate null, {} or absent, and SLSA with an object', () => {
    expect(codes(stmt())).toEqual([]);
    expect(codes(stmt({ predicate: {} }))).toEqual([]);
    const { predicate: _omit, ...noPredicate } = stmt();
    expect(codes(noPredicate)).toEqual([]);
    const r = checkStatement(enc(stmt({ predicateType: SLSA_PROVENANCE_V1, predicate: { buildDefinition: { buildType: 'x' } } })), DIST);
    expect(r).toMatchObject({
      ok: true,
      predicateType: SLSA_PROVENANCE_V1,
      predicate: { buildDefinition: { buildType: 'x' } },
      subject: { name: DIST.filename, sha256: SHA },
    });
  });

  it('reasons carry the attestation index', () => {
    const r = checkStatement(enc(stmt({ _type: 'x' })), DIST, 3);
    expect(r.reasons[0]).toMatchObject({ code: 'STATEMENT_BAD_TYPE', attestation: 3 });
  });

  it('rejects', () => {
    expect(codes('not json')).toEqual(['STATEMENT_MALFORMED']);
    expect(checkStatement(new Uint8Array([0xff, 0xfe, 0x7b]), DIST).reasons.map((r) => r.code)).toEqual(['STATEMENT_MALFORMED']);
    expect(codes([])).toEqual(['STATEMENT_MALFORMED']);
    expect(codes(stmt({ _type: 'https://in-toto.io/Statement/v0.1' }))).toEqual(['STATEMENT_BAD_TYPE']);
    expect(codes(stmt({ subject: [] }))).toEqual(['STATEMENT_SUBJECT_COUNT']);
    expect(codes(stmt({ subject: [stmt().subject[0], stmt().subject[0]] }))).toEqual(['STATEMENT_SUBJECT_COUNT']);
    expect(codes(stmt({ subject: 'x' }))).toEqual(['STATEMENT_SUBJECT_COUNT']);
    expect(codes(stmt({ subject: [{ digest: { sha256: SHA } }] }))).toEqual(['STATEMENT_MALFORMED']);
    expect(codes(stmt({ subject: [{ name: 'sampleproject', digest: { sha256: SHA } }] }))).toEqual(['STATEMENT_SUBJECT_NAME_INVALID']);
    expect(codes(stmt({ subject: [{ name: 'sampleproject-4.0.1.tar.gz', digest: { sha256: SHA } }] }))).toEqual([
      'STATEMENT_SUBJECT_NAME_MISMATCH',
    ]);
    expect(codes(stmt({ subject: [{ name: DIST.filename, digest: {} }] }))).toEqual(['STATEMENT_DIGEST_MISSING']);
    expect(codes(stmt({ subject: [{ name: DIST.filename, digest: { sha512: 'ab' } }] }))).toEqual(['STATEMENT_DIGEST_MISSING']);
    expect(codes(stmt({ subject: [{ name: DIST.filename, digest: { sha256: SHA.toUpperCase() } }] }))).toEqual([
      'STATEMENT_DIGEST_MISMATCH',
    ]);
    expect(codes(stmt({ subject: [{ name: DIST.filename, digest: { sha256: SHA + '00' } }] }))).toEqual(['STATEMENT_DIGEST_MISMATCH']);
    expect(codes(stmt({ predicateType: 'https://example.com/v1' }))).toEqual(['STATEMENT_UNKNOWN_PREDICATE']);
    expect(codes(stmt({ predicateType: undefined }))).toEqual(['STATEMENT_UNKNOWN_PREDICATE']);
    expect(codes(stmt({ predicate: { extra: 1 } }))).toEqual(['STATEMENT_MALFORMED']);
    expect(codes(stmt({ predicateType: SLSA_PROVENANCE_V1, predicate: null }))).toEqual(['STATEMENT_MALFORMED']);
    expect(checkStatement(new Uint8Array(1024 * 1024 + 1), DIST).reasons.map((r) => r.code)).toEqual(['STATEMENT_MALFORMED']);
  });

  it('compares the file sha256 case-insensitively on the dist side only', () => {
    expect(codes(stmt(), { ...DIST, sha256: SHA.toUpperCase() })).toEqual([]);
  });

  it('reports every problem, not just the first', () => {
    expect(codes({ _type: 'x', subject: [{ name: 'a-1.tar.gz', digest: { sha256: 'b'.repeat(64) } }], predicateType: 'y' }).sort()).toEqual(
      ['STATEMENT_BAD_TYPE', 'STATEMENT_DIGEST_MISMATCH', 'STATEMENT_SUBJECT_NAME_MISMATCH', 'STATEMENT_UNKNOWN_PREDICATE'].sort(),
    );
  });
});
