/**
 * Bounded JSON (src/verify/bounded-json.ts) and bounded verdicts (src/verify/bounded-verdict.ts):
 * whatever the provenance, the verdict serialises, within MAX_VERDICT_JSON_CHARS, and carries
 * nothing from a statement whose signature failed. Real sampleproject provenance, real verifier.
 */
import { describe, expect, it } from 'vitest';
import { verifyProvenance } from '../../src/verify/index';
import { checkJsonShape, parseBoundedJson, SIGNED_DOCUMENT_LIMITS, textDepthExceeds } from '../../src/verify/bounded-json';
import { boundVerdict, MAX_COPIED_STRING, MAX_VERDICT_JSON_CHARS } from '../../src/verify/bounded-verdict';
import type { Verdict } from '../../src/verify/verdict';
import { b64decode, b64encode, clone, codes, prodTrust, readJSON } from './helpers';

const SP = 'sampleproject/sampleproject-4.0.0.tar.gz.provenance';
const SP_DIST = { filename: 'sampleproject-4.0.0.tar.gz', sha256: '0ace7980f82c5815ede4cd7bf9f6693684cec2ae47b9b7ade9add533b8627c6b' };
const SLSA = 'pypi-attestations/pypi_attestations-0.0.19.tar.gz.slsa.attestation';
const PA_DIST = { filename: 'pypi_attestations-0.0.19.tar.gz', sha256: '9bb1add04b1b4e182be6b0b80931593f7a291eb49d69b4fd728a5d4cbcdc4bd3' };

type Prov = any;
const att = (p: Prov) => p.attestation_bundles[0].attestations[0];

/** The real statement text with its predicate replaced by `predicateJson` (text, so any depth). */
function statementWithPredicate(p: Prov, predicateJson: string): string {
  const st = JSON.parse(b64decode(att(p).envelope.statement).toString('utf8'));
  st.predicate = '@PREDICATE@';
  return JSON.stringify(st).replace('"@PREDICATE@"', predicateJson);
}

const deepObject = (depth: number): string => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

/** The sampleproject provenance whose statement's predicate is `depth` objects deep (≈6 bytes a level). */
function deepStatementProvenance(depth: number): Prov {
  const p = clone(readJSON(SP));
  att(p).envelope.statement = b64encode(Buffer.from(statementWithPredicate(p, deepObject(depth))));
  return p;
}

function expectBounded(v: Verdict): string {
  const json = JSON.stringify(v);
  expect(json.length).toBeLessThanOrEqual(MAX_VERDICT_JSON_CHARS);
  expect(() => structuredClone(v)).not.toThrow();
  return json;
}

describe('bounded JSON', () => {
  it('counts nesting in the text, skipping brackets and escaped quotes inside strings', () => {
    expect(textDepthExceeds('[[[]]]', 3)).toBe(false);
    expect(textDepthExceeds('[[[[]]]]', 3)).toBe(true);
    expect(textDepthExceeds('{"a":"[[[[[[\\"[[[[", "b":[[1]]}', 3)).toBe(false);
    expect(textDepthExceeds('{"a":"\\\\", "b":[[[1]]]}', 3)).toBe(true);
  });

  it('enforces depth, node count and string length, with the limit named', () => {
    const limits = { maxDepth: 3, maxNodes: 10, maxStringLength: 5 };
    expect(parseBoundedJson('{"a":[1,2]}', limits)).toEqual({ ok: true, value: { a: [1, 2] } });
    expect(parseBoundedJson('[[[[1]]]]', limits)).toMatchObject({ ok: false, problem: 'too-deep' });
    expect(parseBoundedJson('[1,2,3,4,5,6,7,8,9,10]', limits)).toMatchObject({ ok: false, problem: 'too-many-nodes' });
    expect(parseBoundedJson('["abcdef"]', limits)).toMatchObject({ ok: false, problem: 'string-too-long' });
    expect(parseBoundedJson('{"abcdef":1}', limits)).toMatchObject({ ok: false, problem: 'string-too-long' });
    expect(parseBoundedJson('{"a":', limits)).toMatchObject({ ok: false, problem: 'not-json' });
    // the same limits on an already-parsed value, 200,000 levels deep, without recursion
    let deep: unknown = 1;
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(checkJsonShape(deep, limits)).toMatchObject({ problem: 'too-deep' });
  });

  it('lets every real statement and Rekor body through', () => {
    for (const p of [readJSON(SP), { attestation_bundles: [{ attestations: [readJSON(SLSA)] }] }]) {
      const a = att(p);
      expect(parseBoundedJson(b64decode(a.envelope.statement).toString('utf8'), SIGNED_DOCUMENT_LIMITS).ok).toBe(true);
      const body = b64decode(a.verification_material.transparency_entries[0].canonicalizedBody).toString('utf8');
      expect(parseBoundedJson(body, SIGNED_DOCUMENT_LIMITS).ok).toBe(true);
    }
  });
});

describe('deep statements (issue #17.1): one bounded, failed verdict', () => {
  for (const depth of [5_000, 100_000]) {
    it(`sampleproject provenance with a predicate ${depth.toLocaleString('en')} objects deep`, async () => {
      const p = deepStatementProvenance(depth);
      for (const input of [p, JSON.stringify(p)]) {
        const v = await verifyProvenance(input, SP_DIST, prodTrust());
        expect(v.state).toBe('failed');
        expect(codes(v)).toContain('STATEMENT_MALFORMED');
        expect(v.reasons.find((r) => r.code === 'STATEMENT_MALFORMED')?.detail).toMatch(/nested deeper than 32 levels/);
        const json = expectBounded(v);
        expect(json).not.toContain('{"a":{"a":');
        expect(v.attestations[0]!.predicate).toBeNull();
        expect(v.attestations[0]!.subject).toBeNull();
      }
    });
  }

  it('a deep Rekor entry body is refused before anything walks it', async () => {
    const p = clone(readJSON(SP));
    att(p).verification_material.transparency_entries[0].canonicalizedBody = b64encode(Buffer.from(deepObject(50_000)));
    const v = await verifyProvenance(p, SP_DIST, prodTrust());
    expect(v.state).toBe('failed');
    expect(codes(v)).toEqual(['ATTESTATION_MALFORMED']);
    expect(v.reasons[0]!.detail).toMatch(/canonicalizedBody: nested deeper than 32 levels/);
    expectBounded(v);
  });

  it('a statement with 20,000 values or a 100 kB string is refused the same way', async () => {
    for (const predicate of [`[${Array.from({ length: 20_000 }, () => '0').join(',')}]`, JSON.stringify({ x: 'x'.repeat(100_000) })]) {
      const p = clone(readJSON(SP));
      att(p).envelope.statement = b64encode(Buffer.from(statementWithPredicate(p, predicate)));
      const v = await verifyProvenance(p, SP_DIST, prodTrust());
      expect(v.state).toBe('failed');
      expect(v.reasons.find((r) => r.code === 'STATEMENT_MALFORMED')?.detail).toMatch(/more than 10000 JSON values|longer than 65536/);
      expectBounded(v);
    }
  });
});

describe('a verdict carries only bounded, checked data', () => {
  it('no subject or predicate from a statement whose signature failed', async () => {
    const p = clone(readJSON(SP));
    att(p).envelope.statement = b64encode(Buffer.from(statementWithPredicate(p, '{"builder":"evil"}')));
    const v = await verifyProvenance(p, SP_DIST, prodTrust());
    expect(v.state).toBe('failed');
    expect(codes(v)).toContain('TLOG_BODY_MISMATCH'); // the log entry records the signed payload's hash
    expect(v.attestations[0]!.subject).toBeNull();
    expect(v.attestations[0]!.predicate).toBeNull();
    expect(JSON.stringify(v)).not.toContain('evil');
  });

  it('a verified SLSA predicate is kept', async () => {
    const v = await verifyProvenance(readJSON(SLSA), PA_DIST, prodTrust());
    expect(v.state).toBe('verified');
    expect(v.attestations[0]!.predicate).toMatchObject({ buildDefinition: { buildType: expect.any(String) } });
    expect(v.attestations[0]!.subject).toEqual({ name: PA_DIST.filename, sha256: PA_DIST.sha256 });
  });

  it('strings copied from the provenance are capped (a 1.5 MB repository name)', async () => {
    const p = clone(readJSON(SP));
    p.attestation_bundles[0].publisher.repository = 'a'.repeat(1_500_000);
    p.attestation_bundles[0].publisher.environment = 'e'.repeat(1_500_000);
    const v = await verifyProvenance(p, SP_DIST, prodTrust());
    expect(v.state).toBe('failed');
    expect(v.publisher!.repository!.length).toBe(MAX_COPIED_STRING);
    expect(v.publisher!.environment!.length).toBe(MAX_COPIED_STRING);
    for (const r of v.reasons) expect((r.detail ?? '').length).toBeLessThanOrEqual(MAX_COPIED_STRING);
    expectBounded(v);
  });

  it('over the size bound: certificate views are left out and said so; state and results kept', async () => {
    const v = await verifyProvenance(readJSON(SP), SP_DIST, prodTrust());
    expect(v.state).toBe('verified');
    const full = JSON.stringify(v).length;
    const small = boundVerdict(v, full - 1);
    expect(JSON.stringify(small).length).toBeLessThanOrEqual(full - 1);
    expect(small.state).toBe('verified');
    expect(small.attestations.map((a) => a.ok)).toEqual([true]);
    expect(small.attestations[0]!.certificate).toBeNull();
    expect(small.attestations[0]!.identity).toEqual(v.attestations[0]!.identity);
    expect(codes(small)).toEqual(['VERDICT_DETAILS_OMITTED']);
    // a bound nothing fits in: never "verified" with its evidence dropped
    const none = boundVerdict(v, 10);
    expect(none.state).toBe('error');
    expect(codes(none)).toEqual(['INTERNAL_ERROR']);
    expect(none.attestations).toEqual([]);
  });

  it('a verdict that is not plain data becomes plain data (cycles, functions, bigint)', () => {
    const cyclic: Record<string, unknown> = { a: 1n, f: () => 1 };
    cyclic.self = cyclic;
    const v = {
      state: 'failed',
      filename: 'x-1.tar.gz',
      sha256: '0'.repeat(64),
      reasons: [{ code: 'INTERNAL_ERROR', message: 'm', detail: 'd'.repeat(100_000) }],
      publisher: null,
      attestations: [],
      trustRootId: '',
      checkedAt: '',
      extra: cyclic,
    } as unknown as Verdict;
    const b = boundVerdict(v);
    expectBounded(b);
    expect(b.state).toBe('failed');
    expect(b.reasons[0]!.detail!.length).toBe(MAX_COPIED_STRING);
  });
});
