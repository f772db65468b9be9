/**
 * Test-side helpers that read and tamper with a PEP 740 provenance object served by the local
 * pypi.org. Values the tests compare against are DERIVED here from the fixture bytes (certificate
 * fingerprint, commit), never typed in by hand.
 */
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PAGES_DIR } from '../../scripts/e2e-lib/pypi-fixture';

export interface Provenance {
  version: number;
  attestation_bundles: {
    publisher: Record<string, unknown>;
    attestations: {
      version: number;
      verification_material: { certificate: string; transparency_entries: unknown[] };
      envelope: { statement: string; signature: string };
    }[];
  }[];
}

export function loadProvenance(project: string, version: string, filename: string): Provenance {
  return JSON.parse(readFileSync(join(PAGES_DIR, 'integrity', project, version, filename, 'provenance.json'), 'utf8'));
}

function firstAttestation(p: Provenance) {
  const a = p.attestation_bundles[0]?.attestations[0];
  if (!a) throw new Error('provenance has no attestation');
  return a;
}

/** sha256 fingerprint (lowercase hex, no colons) of the first attestation's certificate. */
export function certificateFingerprint(p: Provenance): string {
  const der = Buffer.from(firstAttestation(p).verification_material.certificate, 'base64');
  return new X509Certificate(der).fingerprint256.replace(/:/g, '').toLowerCase();
}

/** The Fulcio "Source Repository Digest" (OID 1.3.6.1.4.1.57264.1.13): the commit the workflow ran at. */
export function certificateCommit(p: Provenance): string {
  const der = Buffer.from(firstAttestation(p).verification_material.certificate, 'base64');
  const oid = Buffer.from([0x06, 0x0a, 0x2b, 0x06, 0x01, 0x04, 0x01, 0x83, 0xbf, 0x30, 0x01, 0x0d]);
  const at = der.indexOf(oid);
  if (at < 0) throw new Error('certificate has no source repository digest extension');
  const m = /[0-9a-f]{40}/.exec(der.subarray(at + oid.length, at + oid.length + 64).toString('latin1'));
  if (!m) throw new Error('could not read the commit from the certificate');
  return m[0];
}

/** Flip one bit of the DSSE signature of the first attestation. */
export function flipSignatureByte(p: Provenance): Provenance {
  const a = firstAttestation(p);
  const sig = Buffer.from(a.envelope.signature, 'base64');
  sig[sig.length >> 1]! ^= 0x01;
  a.envelope.signature = sig.toString('base64');
  return p;
}

/** Replace the subject sha256 inside the signed statement (the signature then no longer matches). */
export function changeSubjectDigest(p: Provenance, newHex = 'ff'.repeat(32)): Provenance {
  const a = firstAttestation(p);
  const st = JSON.parse(Buffer.from(a.envelope.statement, 'base64').toString('utf8'));
  st.subject[0].digest.sha256 = newHex;
  a.envelope.statement = Buffer.from(JSON.stringify(st), 'utf8').toString('base64');
  return p;
}

/** Claim a different Trusted Publisher repository than the certificate names. */
export function changePublisherRepository(p: Provenance, repo = 'evil-org/sampleproject'): Provenance {
  const b = p.attestation_bundles[0];
  if (!b) throw new Error('no bundle');
  b.publisher.repository = repo;
  return p;
}

/**
 * Replace the statement's predicate with one `depth` objects deep (issue #17: 5,000 levels used to
 * make JSON.stringify of the verdict throw, which closed the worker's port for the whole page).
 * Built as text: no recursive serialiser can handle the value.
 */
export function deepStatement(p: Provenance, depth: number): Provenance {
  const a = firstAttestation(p);
  const st = JSON.parse(Buffer.from(a.envelope.statement, 'base64').toString('utf8'));
  st.predicate = '@PREDICATE@';
  const text = JSON.stringify(st).replace('"@PREDICATE@"', '{"a":'.repeat(depth) + '1' + '}'.repeat(depth));
  a.envelope.statement = Buffer.from(text, 'utf8').toString('base64');
  return p;
}
