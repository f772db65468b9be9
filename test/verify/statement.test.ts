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
  it('accepts a predicate that is absent, null or any object, for either predicate type (sigstore-python _Statement)', () => {
    const { predicate: _omit, ...noPredicate } = stmt();
    for (const predicateType of [PYPI_PUBLISH_V1, SLSA_PROVENANCE_V1]) {
      expect(codes(stmt({ predicateType }))).toEqual([]);
      expect(codes(stmt({ predicateType, predicate: {} }))).toEqual([]);
      expect(codes(stmt({ predicateType, predicate: { extra: 1 } }))).toEqual([]);
      expect(codes({ ...noPredicate, predicateType })).toEqual([]);
      for (const bad of [[], 'x', 1, true]) expect(codes(stmt({ predicateType, predicate: bad }))).toEqual(['STATEMENT_MALFORMED']);
    }
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
    expect(checkStatement(new Uint8Array(1024 * 1024 + 1), DIST).reasons.map((r) => r.code)).toEqual(['STATEMENT_MALFORMED']);
  });

  it('a digest set with an algorithm outside the six sigstore-python allows is an invalid statement', () => {
    const sub = (digest: unknown) => stmt({ subject: [{ name: DIST.filename, digest }] });
    for (const alg of ['sha384', 'sha512', 'sha3_256', 'sha3_384', 'sha3_512'])
      expect(codes(sub({ sha256: SHA, [alg]: 'ab' }))).toEqual([]);
    expect(codes(sub({ sha256: SHA, md5: 'ab' }))).toEqual(['STATEMENT_MALFORMED']);
    expect(codes(sub({ sha256: SHA, sha1: 'ab' }))).toEqual(['STATEMENT_MALFORMED']);
    expect(codes(sub({ sha256: SHA, SHA256: SHA }))).toEqual(['STATEMENT_MALFORMED']);
    expect(codes(sub({ sha256: SHA, sha512: 5 }))).toEqual(['STATEMENT_MALFORMED']);
    expect(codes(sub({ gitCommit: 'ab' }))).toEqual(['STATEMENT_MALFORMED', 'STATEMENT_DIGEST_MISSING']);
    expect(codes(sub('x'))).toEqual(['STATEMENT_MALFORMED', 'STATEMENT_DIGEST_MISSING']);
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
