/**
 * Rekor v2 DSSE-as-hashedrekord 0.0.2 (#11.3): sigstore-python's real staging asset
 * (test/assets/a.dsse.staging-rekor-v2.txt.sigstore.json @ v4.5.0) converted to a PEP 740
 * attestation passes every Sigstore check under the staging root and binds to its log entry;
 * mutations of the logged body or of the attestation do not.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sha256, sha384 } from '@noble/hashes/sha2.js';
import { parseProvenance, verifyAttestationSignature, verifyProvenance } from '../../src/verify/index';
import { hashedRekordV2Mismatch, INTOTO_PAYLOAD_TYPE, preAuthEncoding } from '../../src/verify/hashedrekord';
import type { ParsedAttestation } from '../../src/verify/provenance';
import { asProvenance, bundleToAttestation } from '../differential/convert';
import { codes, prodTrust, readJSON, stagingTrust } from './helpers';

const BUNDLE = JSON.parse(
  readFileSync(new URL('../fixtures/reference/sigstore-python/a.dsse.staging-rekor-v2.txt.sigstore.json', import.meta.url), 'utf8'),
);
const ATT = bundleToAttestation(BUNDLE)!;
const PUBLISHER = {
  kind: 'GitHub',
  repository: 'sigstore-conformance/extremely-dangerous-public-oidc-beacon',
  workflow: 'extremely-dangerous-oidc-beacon.yml',
  environment: null,
};
// The statement's own subject (a.txt, sha256 a0cf…): no distribution filename.
const DIST = { filename: 'a.txt', sha256: 'a0cfc71271d6e278e57cd332ff957c3f7043fdda354c4cbb190a30d56efa01bf' };

function parsed(v: unknown): ParsedAttestation {
  const p = parseProvenance(v);
  if (p.status !== 'ok') throw new Error(JSON.stringify(p));
  return p.bundles[0]!.attestations[0]!;
}
const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');
const body = (att: ParsedAttestation): any =>
  JSON.parse(Buffer.from(att.transparencyEntries[0]!.canonicalizedBody as string, 'base64').toString('utf8'));
const envelopeOf = (att: ParsedAttestation) => ({
  certificateDer: att.certificateDer,
  statementBytes: att.statementBytes,
  signatureBytes: new Uint8Array(Buffer.from(att.signature, 'base64')),
});

describe('Rekor v2 hashedrekord 0.0.2 entry for a DSSE envelope', () => {
  const att = parsed(ATT);

  it('the asset is what the issue describes: a hashedrekord 0.0.2 entry whose digest is SHA-256 of the DSSE PAE', () => {
    expect(att.transparencyEntries[0]!.kindVersion).toEqual({ kind: 'hashedrekord', version: '0.0.2' });
    const b = body(att);
    expect(b.spec.hashedRekordV002.data.algorithm).toBe('SHA2_256');
    expect(b.spec.hashedRekordV002.data.digest).toBe(b64(sha256(preAuthEncoding(INTOTO_PAYLOAD_TYPE, att.statementBytes))));
  });

  it('passes every Sigstore check under the staging root, and none under production', () => {
    expect(verifyAttestationSignature(att, stagingTrust())).toMatchObject({ ok: true });
    expect(verifyAttestationSignature(att, prodTrust()).ok).toBe(false);
  });

  it('with its Trusted Publisher, the whole verdict fails only the subject check (a.txt is no distribution filename)', async () => {
    const v = await verifyProvenance(asProvenance(ATT, PUBLISHER), DIST, stagingTrust());
    expect(v.state).toBe('failed');
    expect(codes(v)).toEqual(['STATEMENT_SUBJECT_NAME_INVALID']);
    expect(v.attestations[0]!.tlog).toMatchObject({ kind: 'hashedrekord', version: '0.0.2', rekorVersion: 2 });
  });

  it('binds: the real body matches; it is checked field by field', () => {
    expect(hashedRekordV2Mismatch(body(att), att.transparencyEntries[0]!.kindVersion, envelopeOf(att))).toBeNull();
  });

  const mutations: [string, (b: any, env: ReturnType<typeof envelopeOf>) => unknown][] = [
    [
      'wrong digest (SHA-256 of the statement, not of the PAE)',
      (b) => (b.spec.hashedRekordV002.data.digest = b64(sha256(att.statementBytes))),
    ],
    ['wrong digest (one bit)', (b) => (b.spec.hashedRekordV002.data.digest = flip(b.spec.hashedRekordV002.data.digest))],
    [
      'wrong algorithm (SHA2_384 with the SHA-384 of the PAE)',
      (b) => {
        b.spec.hashedRekordV002.data.algorithm = 'SHA2_384';
        b.spec.hashedRekordV002.data.digest = b64(sha384(preAuthEncoding(INTOTO_PAYLOAD_TYPE, att.statementBytes)));
      },
    ],
    ['wrong key details', (b) => (b.spec.hashedRekordV002.signature.verifier.keyDetails = 'PKIX_ECDSA_P384_SHA_384')],
    ['other signature', (b) => (b.spec.hashedRekordV002.signature.content = flip(b.spec.hashedRekordV002.signature.content))],
    ['other certificate', (b) => (b.spec.hashedRekordV002.signature.verifier.x509Certificate.rawBytes = otherCertificate())],
    ['non-canonical digest spelling', (b) => (b.spec.hashedRekordV002.data.digest += '\n')],
    ['no verifier', (b) => delete b.spec.hashedRekordV002.signature.verifier],
    ['kind differs from the entry kindVersion', (b) => (b.apiVersion = '0.0.1')],
  ];
  for (const [label, mutate] of mutations) {
    it(`does not bind: ${label}`, () => {
      const b = body(att);
      const env = envelopeOf(att);
      mutate(b, env);
      expect(hashedRekordV2Mismatch(b, att.transparencyEntries[0]!.kindVersion, env)).toEqual(expect.any(String));
    });
  }

  it('does not bind another statement or signature than the logged ones', () => {
    const env = envelopeOf(att);
    const otherStatement = new Uint8Array([...att.statementBytes.slice(0, -1), 0x20, 0x7d]);
    expect(hashedRekordV2Mismatch(body(att), att.transparencyEntries[0]!.kindVersion, { ...env, statementBytes: otherStatement })).toMatch(
      /digest/,
    );
    const otherSig = env.signatureBytes.slice();
    otherSig[10]! ^= 1;
    expect(hashedRekordV2Mismatch(body(att), att.transparencyEntries[0]!.kindVersion, { ...env, signatureBytes: otherSig })).toMatch(
      /signature/,
    );
  });

  it('through the whole verifier, a tampered signature fails the Sigstore layer', async () => {
    const t = structuredClone(ATT) as any;
    t.envelope.signature = flip(t.envelope.signature);
    const v = await verifyProvenance(asProvenance(t, PUBLISHER), DIST, stagingTrust());
    expect(v.state).toBe('failed');
    // The RFC 3161 timestamp covers the signature: it is the first Sigstore check to fail.
    expect(codes(v)).toEqual(['TIMESTAMP_INVALID', 'STATEMENT_SUBJECT_NAME_INVALID']);
  });
});

/** Flip one bit in the middle of a base64 string (keeps it canonical base64). */
function flip(s: string): string {
  const bytes = Buffer.from(s, 'base64');
  bytes[Math.floor(bytes.length / 2)]! ^= 1;
  return bytes.toString('base64');
}

function otherCertificate(): string {
  return readJSON('pypi-attestations/pypi_attestations-0.0.19.tar.gz.publish.attestation').verification_material.certificate;
}
