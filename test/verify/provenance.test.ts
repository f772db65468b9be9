import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseProvenance } from '../../src/verify/index';
import { readFileSync } from 'node:fs';
import { decodeBase64Lenient, decodeBase64Strict, encodeBase64 } from '../../src/verify/base64';
import { PROD_FIXTURES, STAGING_FIXTURES, clone, readJSON, readText } from './helpers';

const SP = 'sampleproject/sampleproject-4.0.0.tar.gz.provenance';
const codeOf = (r: ReturnType<typeof parseProvenance>) => (r.status === 'invalid' ? r.reasons.map((x) => x.code) : r.status);

describe('strict base64', () => {
  it('round-trips with Node on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const s = encodeBase64(bytes);
        expect(s).toBe(Buffer.from(bytes).toString('base64'));
        expect(decodeBase64Strict(s)).toEqual(bytes);
      }),
    );
  });
  it('rejects anything non-canonical', () => {
    for (const s of ['QQ', 'QQ=', 'QR==', 'QUJ=', 'Q===', 'QUJD\n', ' QUJD', 'QU JD', 'QUJD====', '-_-_', 'QUJD=QUJD', 'QUI=QUJD']) {
      expect(decodeBase64Strict(s)).toBeNull();
    }
    expect(decodeBase64Strict('')).toEqual(new Uint8Array());
    expect(decodeBase64Strict('QQ==')).toEqual(new Uint8Array([65]));
  });
});

describe('pydantic Base64Bytes-compatible base64 (CPython b64decode, validate=False)', () => {
  const vectors = JSON.parse(readFileSync(new URL('../fixtures/reference/base64-vectors.json', import.meta.url), 'utf8')) as {
    cases: [string, string | null][];
  };
  it('agrees with CPython on every recorded vector', () => {
    expect(vectors.cases.length).toBeGreaterThan(90);
    for (const [input, hex] of vectors.cases) {
      const got = decodeBase64Lenient(input);
      expect(got === null ? null : Buffer.from(got).toString('hex'), JSON.stringify(input)).toBe(hex);
    }
  });
  it('decodes what strict base64 decodes, to the same bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.integer({ min: 1, max: 80 }), (bytes, width) => {
        const s = encodeBase64(bytes);
        expect(decodeBase64Lenient(s)).toEqual(bytes);
        expect(decodeBase64Lenient(s.replace(new RegExp(`(.{${width}})`, 'g'), '$1\n'))).toEqual(bytes);
      }),
    );
  });
});

describe('parseProvenance', () => {
  it('parses every fixture (objects and bare attestations)', () => {
    for (const f of [...PROD_FIXTURES, ...STAGING_FIXTURES]) {
      const r = parseProvenance(readText(f.file));
      expect(r.status, f.file).toBe('ok');
      if (r.status !== 'ok') continue;
      const bare = !f.file.endsWith('.provenance');
      expect(r.bundles[0]!.publisher === null).toBe(bare);
      expect(r.bundles[0]!.attestations[0]!.certificateDer[0]).toBe(0x30);
    }
  });

  it('flattens attestation indices across bundles', () => {
    const p = clone(readJSON(SP));
    p.attestation_bundles.push(clone(p.attestation_bundles[0]), clone(p.attestation_bundles[0]));
    p.attestation_bundles[1].attestations.push(clone(p.attestation_bundles[1].attestations[0]));
    const r = parseProvenance(p);
    expect(r.status).toBe('ok');
    if (r.status !== 'ok') return;
    expect(r.bundles.flatMap((b) => b.attestations.map((a) => [a.bundleIndex, a.index]))).toEqual([
      [0, 0],
      [1, 1],
      [1, 2],
      [2, 3],
    ]);
  });

  it('ignores unknown keys and a missing or null claims', () => {
    const p = clone(readJSON(SP));
    p.extra = { anything: [1, 2] };
    p.attestation_bundles[0].publisher.claims = null;
    p.attestation_bundles[0].attestations[0].unknown = true;
    expect(parseProvenance(p).status).toBe('ok');
  });

  it('absent: null, "null", PyPI 404 body', () => {
    expect(parseProvenance(null).status).toBe('absent');
    expect(parseProvenance('null').status).toBe('absent');
    expect(parseProvenance({ message: 'No provenance available for foo-1.0.tar.gz' }).status).toBe('absent');
    expect(codeOf(parseProvenance({ message: 'something else' }))).toEqual(['PROVENANCE_UNSUPPORTED_VERSION']);
  });

  it('rejections carry reason codes', () => {
    const bad: [unknown, string][] = [
      ['{', 'PROVENANCE_NOT_JSON'],
      ['[]', 'PROVENANCE_MALFORMED'],
      [42, 'PROVENANCE_MALFORMED'],
      [{ version: 2, attestation_bundles: [] }, 'PROVENANCE_UNSUPPORTED_VERSION'],
      [{ version: '1', attestation_bundles: [] }, 'PROVENANCE_UNSUPPORTED_VERSION'],
      [{ version: 1 }, 'PROVENANCE_MALFORMED'],
      [{ version: 1, attestation_bundles: {} }, 'PROVENANCE_MALFORMED'],
      [{ version: 1, attestation_bundles: [] }, 'PROVENANCE_NO_BUNDLES'],
      [{ version: 1, attestation_bundles: [{ publisher: { kind: 'GitHub' }, attestations: [] }] }, 'PROVENANCE_NO_ATTESTATIONS'],
      [{ version: 1, attestation_bundles: [{ publisher: { kind: 5 }, attestations: [{}] }] }, 'PROVENANCE_MALFORMED'],
      [{ version: 1, attestation_bundles: [{ publisher: null, attestations: [{}] }] }, 'PROVENANCE_MALFORMED'],
      [{ version: 1, attestation_bundles: [{ publisher: { kind: 'GitHub' }, attestations: [{}] }] }, 'ATTESTATION_UNSUPPORTED_VERSION'],
      [{ version: 1, attestation_bundles: [{ publisher: { kind: 'GitHub' }, attestations: [{ version: 1 }] }] }, 'ATTESTATION_MALFORMED'],
      [{ version: 1, attestation_bundles: Array.from({ length: 17 }, () => ({})) }, 'PROVENANCE_TOO_LARGE'],
    ];
    for (const [input, code] of bad) expect(codeOf(parseProvenance(input)), JSON.stringify(input).slice(0, 80)).toEqual([code]);
  });

  it('caps: string size, attestations per bundle, depth, node count', () => {
    expect(codeOf(parseProvenance(readText(SP), { maxBytes: 100 }))).toEqual(['PROVENANCE_TOO_LARGE']);
    // multi-byte characters count as bytes, not UTF-16 units
    expect(codeOf(parseProvenance(JSON.stringify({ x: 'é'.repeat(60) }), { maxBytes: 100 }))).toEqual(['PROVENANCE_TOO_LARGE']);
    const p = clone(readJSON(SP));
    p.attestation_bundles[0].attestations = Array.from({ length: 17 }, () => p.attestation_bundles[0].attestations[0]);
    expect(codeOf(parseProvenance(p))).toEqual(['PROVENANCE_TOO_LARGE']);
    const wide = clone(readJSON(SP));
    wide.junk = Array.from({ length: 200_000 }, () => 0);
    expect(codeOf(parseProvenance(wide))).toEqual(['PROVENANCE_TOO_LARGE']);
    const deepText = '['.repeat(5000) + ']'.repeat(5000);
    expect(parseProvenance(`{"version":1,"x":${deepText}}`).status).toBe('invalid');
  });

  it('transparency entries and timestamps are bounded', () => {
    const p = clone(readJSON(SP));
    const vm = p.attestation_bundles[0].attestations[0].verification_material;
    vm.transparency_entries = Array.from({ length: 9 }, () => vm.transparency_entries[0]);
    expect(codeOf(parseProvenance(p))).toEqual(['ATTESTATION_MALFORMED']);
    const q = clone(readJSON(SP));
    q.attestation_bundles[0].attestations[0].verification_material.timestamps = 'abc';
    expect(codeOf(parseProvenance(q))).toEqual(['ATTESTATION_MALFORMED']);
  });

  it('never throws on random JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (v) => {
        const r = parseProvenance(v);
        expect(['ok', 'absent', 'invalid']).toContain(r.status);
        const t = parseProvenance(JSON.stringify(v) ?? 'null');
        expect(['ok', 'absent', 'invalid']).toContain(t.status);
      }),
      { numRuns: 300 },
    );
  });
});
