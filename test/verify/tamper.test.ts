/**
 * Tampered variants of real fixtures. We cannot re-sign, so each change must be caught by the
 * layer that owns it, with the reason code that names it.
 */
import { describe, expect, it } from 'vitest';
import { verifyProvenance } from '../../src/verify/index';
import type { Verdict } from '../../src/verify/verdict';
import { b64decode, b64encode, clone, codes, flipByte, prodTrust, readJSON, readText, wrap } from './helpers';

const SP = 'sampleproject/sampleproject-4.0.0.tar.gz.provenance';
const SP_DIST = { filename: 'sampleproject-4.0.0.tar.gz', sha256: '0ace7980f82c5815ede4cd7bf9f6693684cec2ae47b9b7ade9add533b8627c6b' };
const GOOGLE = 'sampleproject/sampleproject-3.0.0.tar.gz.publish.attestation';
const GOOGLE_DIST = { filename: 'sampleproject-3.0.0.tar.gz', sha256: '117ed88e5db073bb92969a7545745fd977ee85b7019706dd256a64058f70963d' };
const GOOGLE_EMAIL = '919436158236-compute@developer.gserviceaccount.com';

type Prov = any;
const att = (p: Prov) => p.attestation_bundles[0].attestations[0];
const entry = (p: Prov) => att(p).verification_material.transparency_entries[0];
const publisher = (p: Prov) => p.attestation_bundles[0].publisher;

async function run(mutate: (p: Prov) => void, dist = SP_DIST): Promise<Verdict> {
  const p = clone(readJSON(SP));
  mutate(p);
  return verifyProvenance(p, dist, prodTrust());
}

function expectFailed(v: Verdict, ...expected: string[]): void {
  expect(v.state).toBe('failed');
  for (const c of expected) expect(codes(v)).toContain(c);
  if (v.attestations.length > 0) expect(v.attestations.every((a) => a.ok)).toBe(false);
  for (const r of v.reasons) expect(r.message.length).toBeGreaterThan(10);
}

function editStatement(p: Prov, f: (s: any) => void): void {
  const s = JSON.parse(b64decode(att(p).envelope.statement).toString('utf8'));
  f(s);
  att(p).envelope.statement = b64encode(Buffer.from(JSON.stringify(s)));
}

describe('untampered baseline', () => {
  it('verifies', async () => {
    expect((await run(() => {})).state).toBe('verified');
  });
});

describe('signed content', () => {
  it('subject digest changed: statement and log body both disagree', async () => {
    const v = await run((p) => editStatement(p, (s) => (s.subject[0].digest.sha256 = 'a'.repeat(64))));
    expectFailed(v, 'STATEMENT_DIGEST_MISMATCH', 'TLOG_BODY_MISMATCH');
  });

  it('subject name changed: statement and log body both disagree', async () => {
    const v = await run((p) => editStatement(p, (s) => (s.subject[0].name = 'sampleproject-4.0.1.tar.gz')));
    expectFailed(v, 'STATEMENT_SUBJECT_NAME_MISMATCH', 'TLOG_BODY_MISMATCH');
  });

  it('unknown predicate type (cannot re-sign: the body check fails too)', async () => {
    const v = await run((p) => editStatement(p, (s) => (s.predicateType = 'https://example.com/predicate/v1')));
    expectFailed(v, 'STATEMENT_UNKNOWN_PREDICATE', 'TLOG_BODY_MISMATCH');
  });

  it('signature byte flipped (first and last byte)', async () => {
    for (const at of [10, -1]) {
      const v = await run((p) => (att(p).envelope.signature = flipByte(att(p).envelope.signature, at)));
      // The Rekor dsse 0.0.1 body records the signature, so the body check catches it first.
      expectFailed(v, 'TLOG_BODY_MISMATCH');
    }
  });

  it('certificate swapped for the certificate of another fixture', async () => {
    const other = readJSON('pypi-attestations/pypi_attestations-0.0.19.tar.gz.publish.attestation').verification_material.certificate;
    const v = await run((p) => (att(p).verification_material.certificate = other));
    // Not valid at this entry's log time, and names another repository.
    expectFailed(v, 'CERTIFICATE_INVALID', 'IDENTITY_REPOSITORY_MISMATCH');
  });
});

describe('transparency log entry', () => {
  it('inclusion proof hash altered', async () => {
    expectFailed(
      await run((p) => (entry(p).inclusionProof.hashes[0] = flipByte(entry(p).inclusionProof.hashes[0], 0))),
      'TLOG_INCLUSION_PROOF_INVALID',
    );
  });
  it('inclusion proof hash removed', async () => {
    expectFailed(await run((p) => entry(p).inclusionProof.hashes.pop()), 'TLOG_INCLUSION_PROOF_INVALID');
  });
  it('unsigned rootHash field contradicts the checkpoint', async () => {
    expectFailed(
      await run((p) => (entry(p).inclusionProof.rootHash = flipByte(entry(p).inclusionProof.rootHash, 0))),
      'TLOG_INCLUSION_PROOF_INVALID',
    );
  });
  it('unsigned treeSize field contradicts the checkpoint', async () => {
    expectFailed(
      await run((p) => (entry(p).inclusionProof.treeSize = String(Number(entry(p).inclusionProof.treeSize) + 1))),
      'TLOG_INCLUSION_PROOF_INVALID',
    );
  });
  it('signed entry timestamp (SET) altered', async () => {
    const v = await run(
      (p) => (entry(p).inclusionPromise.signedEntryTimestamp = flipByte(entry(p).inclusionPromise.signedEntryTimestamp, -3)),
    );
    expectFailed(v, 'TLOG_INCLUSION_PROMISE_INVALID');
  });
  it('integratedTime altered', async () => {
    expectFailed(
      await run((p) => (entry(p).integratedTime = String(Number(entry(p).integratedTime) + 1))),
      'TLOG_INCLUSION_PROMISE_INVALID',
    );
  });
  it('logIndex altered', async () => {
    expectFailed(await run((p) => (entry(p).logIndex = '1')), 'TLOG_INCLUSION_PROMISE_INVALID');
  });
  it('checkpoint altered', async () => {
    const v = await run((p) => {
      const cp = entry(p).inclusionProof.checkpoint;
      cp.envelope = cp.envelope.replace(/\n(\d+)\n/, (_m: string, n: string) => `\n${Number(n) + 1}\n`);
    });
    expectFailed(v, 'TLOG_INCLUSION_PROOF_INVALID');
  });
  it('canonicalizedBody altered', async () => {
    expectFailed(
      await run((p) => (entry(p).canonicalizedBody = flipByte(entry(p).canonicalizedBody, 40))),
      'TLOG_INCLUSION_PROMISE_INVALID',
    );
  });
  it('kindVersion changed to dsse/0.0.2', async () => {
    expectFailed(await run((p) => (entry(p).kindVersion.version = '0.0.2')), 'TLOG_BODY_MISMATCH');
  });
  it('inclusion promise removed: no trusted signing time is left', async () => {
    expectFailed(await run((p) => delete entry(p).inclusionPromise), 'TIMESTAMP_INVALID');
  });
  it('inclusion proof removed: not a v0.3 bundle', async () => {
    expectFailed(await run((p) => delete entry(p).inclusionProof), 'BUNDLE_CONVERSION_FAILED');
  });
  it('log id of an unknown log: could not check while the root may be behind, failed after a refresh', async () => {
    const p = clone(readJSON(SP));
    entry(p).logId.keyId = flipByte(entry(p).logId.keyId, 0);
    const stale = await verifyProvenance(p, SP_DIST, prodTrust());
    expect(stale.state).toBe('error');
    expect(codes(stale)).toEqual(['TRUST_ROOT_KEY_UNKNOWN']);
    expectFailed(await verifyProvenance(p, SP_DIST, prodTrust(), { trustRootRefreshedAt: new Date('2026-01-01T00:00:00Z') }));
  });
});

describe('publisher / identity', () => {
  it('repository changed', async () => {
    expectFailed(await run((p) => (publisher(p).repository = 'pypa/sampleproject2')), 'IDENTITY_REPOSITORY_MISMATCH');
  });
  it('repository owner changed', async () => {
    expectFailed(await run((p) => (publisher(p).repository = 'evil/sampleproject')), 'IDENTITY_REPOSITORY_MISMATCH');
  });
  it('repository differing only in case does not match (exact, as pypi-attestations compares)', async () => {
    expectFailed(await run((p) => (publisher(p).repository = 'PyPA/SampleProject')), 'IDENTITY_REPOSITORY_MISMATCH');
  });
  it('workflow changed', async () => {
    expectFailed(await run((p) => (publisher(p).workflow = 'publish.yml')), 'IDENTITY_WORKFLOW_MISMATCH');
  });
  it('workflow with a path prefix does not match', async () => {
    expectFailed(await run((p) => (publisher(p).workflow = 'sub/release.yml')), 'IDENTITY_WORKFLOW_MISMATCH');
  });
  it('environment is not in the certificate: changing it changes nothing', async () => {
    const v = await run((p) => (publisher(p).environment = 'pypi'));
    expect(v.state).toBe('verified');
    expect(v.publisher?.environment).toBe('pypi');
  });
  it('kind changed to GitLab', async () => {
    const v = await run(
      (p) => (p.attestation_bundles[0].publisher = { kind: 'GitLab', repository: 'pypa/sampleproject', workflow_filepath: 'release.yml' }),
    );
    expectFailed(v, 'IDENTITY_ISSUER_MISMATCH', 'IDENTITY_REPOSITORY_MISMATCH');
  });
  it('kind changed to Google', async () => {
    const v = await run((p) => (p.attestation_bundles[0].publisher = { kind: 'Google', email: 'x@example.iam.gserviceaccount.com' }));
    expectFailed(v, 'IDENTITY_ISSUER_MISMATCH', 'IDENTITY_EMAIL_MISMATCH');
  });
  it('kind ActiveState is never verified', async () => {
    const v = await run(
      (p) => (p.attestation_bundles[0].publisher = { kind: 'ActiveState', organization: 'o', activestate_project_name: 'p' }),
    );
    expectFailed(v, 'PUBLISHER_UNSUPPORTED');
  });
  it('unknown kind is never verified', async () => {
    expectFailed(await run((p) => (publisher(p).kind = 'Bitbucket')), 'PUBLISHER_UNSUPPORTED');
  });
  it('GitHub publisher without a workflow is malformed', async () => {
    expectFailed(await run((p) => delete publisher(p).workflow), 'PUBLISHER_MALFORMED');
  });
  it('publisher missing entirely from a bundle', async () => {
    expectFailed(await run((p) => delete p.attestation_bundles[0].publisher), 'PROVENANCE_MALFORMED');
  });
  it('Google: email changed', async () => {
    const v = await verifyProvenance(
      wrap(readJSON(GOOGLE), { kind: 'Google', email: 'other-compute@developer.gserviceaccount.com' }),
      GOOGLE_DIST,
      prodTrust(),
    );
    expectFailed(v, 'IDENTITY_EMAIL_MISMATCH');
  });
  it('Google: matching email verifies; the email compare is exact', async () => {
    const ok = await verifyProvenance(wrap(readJSON(GOOGLE), { kind: 'Google', email: GOOGLE_EMAIL }), GOOGLE_DIST, prodTrust());
    expect(ok.state).toBe('verified');
    const upper = await verifyProvenance(
      wrap(readJSON(GOOGLE), { kind: 'Google', email: GOOGLE_EMAIL.toUpperCase() }),
      GOOGLE_DIST,
      prodTrust(),
    );
    expectFailed(upper, 'IDENTITY_EMAIL_MISMATCH');
  });
  it('a second bundle with a wrong publisher fails the whole verdict', async () => {
    const p = clone(readJSON(SP));
    p.attestation_bundles.push({ publisher: { ...publisher(p), repository: 'evil/x' }, attestations: [clone(att(p))] });
    const v = await verifyProvenance(p, SP_DIST, prodTrust());
    expectFailed(v, 'IDENTITY_REPOSITORY_MISMATCH');
    expect(v.attestations.map((a) => a.ok)).toEqual([true, false]);
    expect(v.attestations[1]!.bundleIndex).toBe(1);
    expect(v.reasons.every((r) => r.attestation === 1)).toBe(true);
  });
  it('the same predicate type twice in a bundle', async () => {
    const p = clone(readJSON(SP));
    p.attestation_bundles[0].attestations.push(clone(att(p)));
    const v = await verifyProvenance(p, SP_DIST, prodTrust());
    expectFailed(v, 'STATEMENT_DUPLICATE_PREDICATE');
  });
});

describe('distribution mismatch', () => {
  it('wrong filename', async () => {
    expectFailed(await run(() => {}, { ...SP_DIST, filename: 'sampleproject-4.0.1.tar.gz' }), 'STATEMENT_SUBJECT_NAME_MISMATCH');
    expectFailed(await run(() => {}, { ...SP_DIST, filename: 'sampleproject-4.0.0.zip' }), 'STATEMENT_SUBJECT_NAME_MISMATCH');
    expectFailed(await run(() => {}, { ...SP_DIST, filename: 'otherproject-4.0.0.tar.gz' }), 'STATEMENT_SUBJECT_NAME_MISMATCH');
  });
  it('an equivalent spelling of the filename matches', async () => {
    expect((await run(() => {}, { ...SP_DIST, filename: 'SampleProject-4.0.tar.gz' })).state).toBe('verified');
  });
  it('wrong sha256', async () => {
    const v = await run(() => {}, { ...SP_DIST, sha256: 'f'.repeat(64) });
    expectFailed(v, 'STATEMENT_DIGEST_MISMATCH');
    expect(codes(v)).toEqual(['STATEMENT_DIGEST_MISMATCH']);
  });
});

describe('malformed input', () => {
  it('truncated JSON text', async () => {
    const text = readText(SP);
    expectFailed(await verifyProvenance(text.slice(0, text.length / 2), SP_DIST, prodTrust()), 'PROVENANCE_NOT_JSON');
  });
  it('missing fields', async () => {
    expectFailed(await run((p) => delete att(p).verification_material), 'ATTESTATION_MALFORMED');
    expectFailed(await run((p) => delete att(p).envelope), 'ATTESTATION_MALFORMED');
    expectFailed(await run((p) => delete att(p).envelope.signature), 'ATTESTATION_MALFORMED');
    expectFailed(await run((p) => delete att(p).verification_material.certificate), 'ATTESTATION_MALFORMED');
    expectFailed(await run((p) => delete att(p).verification_material.transparency_entries), 'ATTESTATION_MALFORMED');
    expectFailed(await run((p) => (att(p).verification_material.transparency_entries = [])), 'ATTESTATION_NO_TLOG_ENTRY');
    expectFailed(await run((p) => (att(p).verification_material.transparency_entries = ['x'])), 'ATTESTATION_MALFORMED');
    expectFailed(await run((p) => delete entry(p).kindVersion), 'ATTESTATION_MALFORMED');
  });
  it("certificate, statement and signature decode as pydantic's Base64Bytes (what pypi-attestations reads)", async () => {
    // Characters outside the alphabet are skipped: the same bytes, so the same verdict as the reference.
    expect((await run((p) => (att(p).envelope.statement = ' ' + att(p).envelope.statement))).state).toBe('verified');
    expect((await run((p) => (att(p).verification_material.certificate += '\n'))).state).toBe('verified');
    const wrap = (s: string) => s.replace(/(.{76})/g, '$1\n');
    expect((await run((p) => (att(p).envelope.signature = wrap(att(p).envelope.signature)))).state).toBe('verified');
    // Other bytes: never verified.
    expectFailed(await run((p) => (att(p).envelope.signature = '-' + att(p).envelope.signature.slice(1))), 'ATTESTATION_BAD_BASE64');
    expectFailed(
      await run((p) => (att(p).verification_material.certificate = att(p).verification_material.certificate.slice(0, -1))),
      'ATTESTATION_BAD_BASE64',
    );
    // Other signature bytes: @sigstore/verify finds the log body disagreeing first.
    expectFailed(await run((p) => (att(p).envelope.signature = 'A' + att(p).envelope.signature.slice(1))), 'TLOG_BODY_MISMATCH');
    expectFailed(await run((p) => (att(p).envelope.signature = '')), 'ATTESTATION_MALFORMED');
    expectFailed(await run((p) => (att(p).envelope.signature = '!!!!')), 'ATTESTATION_MALFORMED');
  });
  it('non-base64 and non-canonical base64 elsewhere (timestamps) is refused', async () => {
    // Padding missing, and non-zero unused bits (AB== and AA== decode to the same byte).
    for (const t of ['@@@@', 'QQ', 'AB=='])
      expectFailed(await run((p) => (att(p).verification_material.timestamps = [t])), 'ATTESTATION_BAD_BASE64');
  });
  it('transparency entry fields must be canonical (protobuf JSON decoding would be lenient)', async () => {
    const malformed: [string, (p: Prov) => void][] = [
      ['logIndex with a leading zero', (p) => (entry(p).logIndex = '0' + entry(p).logIndex)],
      ['logIndex in hex', (p) => (entry(p).logIndex = '0x' + Number(entry(p).logIndex).toString(16))],
      ['logIndex as a number', (p) => (entry(p).logIndex = Number(entry(p).logIndex))],
      ['logIndex as an array', (p) => (entry(p).logIndex = [entry(p).logIndex])],
      ['integratedTime with a space', (p) => (entry(p).integratedTime = ' ' + entry(p).integratedTime)],
      ['treeSize as an array', (p) => (entry(p).inclusionProof.treeSize = [entry(p).inclusionProof.treeSize])],
      ['kind as an array', (p) => (entry(p).kindVersion.kind = [entry(p).kindVersion.kind])],
      [
        'too many proof hashes',
        (p) => (entry(p).inclusionProof.hashes = Array.from({ length: 65 }, () => entry(p).inclusionProof.hashes[0])),
      ],
      ['no checkpoint', (p) => delete entry(p).inclusionProof.checkpoint],
    ];
    for (const [label, f] of malformed) expect(codes(await run(f)), label).toContain('ATTESTATION_MALFORMED');
    const badBase64: [string, (p: Prov) => void][] = [
      ['keyId with junk appended', (p) => (entry(p).logId.keyId += '%_')],
      ['keyId with a newline', (p) => (entry(p).logId.keyId = entry(p).logId.keyId.slice(0, 4) + '\n' + entry(p).logId.keyId.slice(4))],
      ['canonicalizedBody with junk appended', (p) => (entry(p).canonicalizedBody += '!!')],
      [
        'SET with a leading space',
        (p) => (entry(p).inclusionPromise.signedEntryTimestamp = ' ' + entry(p).inclusionPromise.signedEntryTimestamp),
      ],
      ['proof hash with junk appended', (p) => (entry(p).inclusionProof.hashes[0] += '%')],
      [
        'rootHash url-safe',
        (p) => (entry(p).inclusionProof.rootHash = entry(p).inclusionProof.rootHash.replace(/\+/g, '-').replace(/\//g, '_') + '-'),
      ],
    ];
    for (const [label, f] of badBase64) expect(codes(await run(f)), label).toContain('ATTESTATION_BAD_BASE64');
  });
  it('a certificate that is not DER', async () => {
    expectFailed(
      await run((p) => (att(p).verification_material.certificate = b64encode(Buffer.from('not a certificate')))),
      'ATTESTATION_MALFORMED',
    );
  });
  it('a truncated DER certificate', async () => {
    const v = await run((p) => {
      const der = b64decode(att(p).verification_material.certificate);
      // keep the outer length consistent with the shorter content so the shape check passes
      const inner = der.subarray(4, der.length - 20);
      const out = Buffer.concat([Buffer.from([0x30, 0x82, inner.length >> 8, inner.length & 255]), inner]);
      att(p).verification_material.certificate = b64encode(out);
    });
    expectFailed(v);
    expect(v.attestations[0]!.certificate).toBeNull();
  });
  it('version 2', async () => {
    expectFailed(await run((p) => (p.version = 2)), 'PROVENANCE_UNSUPPORTED_VERSION');
    expectFailed(await run((p) => (att(p).version = 2)), 'ATTESTATION_UNSUPPORTED_VERSION');
  });
  it('empty bundles and attestations', async () => {
    expectFailed(await run((p) => (p.attestation_bundles = [])), 'PROVENANCE_NO_BUNDLES');
    expectFailed(await run((p) => (p.attestation_bundles[0].attestations = [])), 'PROVENANCE_NO_ATTESTATIONS');
  });
  it('huge input', async () => {
    const big = JSON.stringify({ ...readJSON(SP), padding: 'x'.repeat(3 * 1024 * 1024) });
    const v = await verifyProvenance(big, SP_DIST, prodTrust());
    expectFailed(v, 'PROVENANCE_TOO_LARGE');
    expectFailed(await verifyProvenance(readText(SP), SP_DIST, prodTrust(), { maxBytes: 1000 }), 'PROVENANCE_TOO_LARGE');
  });
  it('deeply nested input', async () => {
    let deep: unknown = {};
    for (let i = 0; i < 200; i++) deep = { a: deep };
    expectFailed(await run((p) => (p.extra = deep)), 'PROVENANCE_MALFORMED');
  });
  it('absurd shapes never throw', async () => {
    for (const input of [
      undefined,
      1,
      true,
      'x',
      '"str"',
      '[]',
      [],
      {},
      { version: 1 },
      { version: 1, attestation_bundles: [null] },
      new Uint8Array(3),
    ]) {
      const v = await verifyProvenance(input, SP_DIST, prodTrust());
      expect(v.state).toBe('failed');
      expect(v.reasons.length).toBeGreaterThan(0);
    }
  });
});

describe('absent and bad dist input', () => {
  it('JSON null and the PyPI 404 body are absent', async () => {
    for (const input of [
      null,
      'null',
      { message: 'No provenance available for sampleproject-4.0.0.tar.gz' },
      '{"message": "No provenance available for x"}',
    ]) {
      const v = await verifyProvenance(input, SP_DIST, prodTrust());
      expect(v.state).toBe('absent');
      expect(codes(v)).toEqual(['NO_PROVENANCE']);
    }
  });
  it('bad dist input is DIST_INVALID (state error, never verified)', async () => {
    const prov = readJSON(SP);
    for (const dist of [
      { filename: '', sha256: SP_DIST.sha256 },
      { filename: SP_DIST.filename, sha256: '' },
      { filename: SP_DIST.filename, sha256: SP_DIST.sha256.slice(1) },
      { filename: SP_DIST.filename, sha256: 'g'.repeat(64) },
      { filename: SP_DIST.filename, sha256: ` ${SP_DIST.sha256}` },
      undefined as any,
      { filename: 5, sha256: SP_DIST.sha256 } as any,
    ]) {
      const v = await verifyProvenance(prov, dist, prodTrust());
      expect(v.state).toBe('error');
      expect(codes(v)).toEqual(['DIST_INVALID']);
    }
  });
});
