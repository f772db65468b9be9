/**
 * Log entry facts come from the signed/proven structure only (issue #19): the staging Rekor v2
 * entry (real, verifies against the staging root) with its unsigned top-level fields changed.
 */
import { describe, expect, it } from 'vitest';
import { parseProvenance, verifyAttestationSignature, verifyProvenance } from '../../src/verify/index';
import { clone, prodTrust, readJSON, stagingTrust } from './helpers';

const V2 = 'staging/pypi-attestations/pypi_attestations-0.0.19.tar.gz.publish.attestation.with_rekor2_timestamp';
const V2_DIST = { filename: 'pypi_attestations-0.0.19.tar.gz', sha256: '9bb1add04b1b4e182be6b0b80931593f7a291eb49d69b4fd728a5d4cbcdc4bd3' };
const SP = 'sampleproject/sampleproject-4.0.0.tar.gz.provenance';
const SP_DIST = { filename: 'sampleproject-4.0.0.tar.gz', sha256: '0ace7980f82c5815ede4cd7bf9f6693684cec2ae47b9b7ade9add533b8627c6b' };

const entryOf = (a: any) => a.verification_material.transparency_entries[0];

async function v2With(edit: (entry: any) => void) {
  const a = clone(readJSON(V2));
  edit(entryOf(a));
  const parsed = parseProvenance(a);
  if (parsed.status !== 'ok') throw new Error(`did not parse: ${JSON.stringify(parsed)}`);
  const sigstoreLayer = verifyAttestationSignature(parsed.bundles[0]!.attestations[0]!, stagingTrust()).ok;
  const verdict = await verifyProvenance(a, V2_DIST, stagingTrust());
  return { sigstoreLayer, tlog: verdict.attestations[0]!.tlog!, verdict };
}

describe('Rekor v2: the index and time shown are the proven ones', () => {
  it('unchanged: index 27301 from the inclusion proof, time from the RFC 3161 timestamp', async () => {
    const { sigstoreLayer, tlog, verdict } = await v2With(() => {});
    expect(sigstoreLayer).toBe(true);
    expect(tlog).toMatchObject({ rekorVersion: 2, logIndex: '27301', checkpointOrigin: 'log2025-alpha3.rekor.sigstage.dev' });
    expect(tlog.integratedTime).toBe(verdict.attestations[0]!.timestamps[0]);
    expect(tlog.integratedTime).toMatch(/^20\d\d-/);
  });

  it('top-level logIndex set to 1 (real 27301): ignored, the verdict shows 27301 and never 1', async () => {
    const base = await v2With(() => {});
    const { sigstoreLayer, tlog, verdict } = await v2With((e) => (e.logIndex = '1'));
    expect(sigstoreLayer).toBe(true); // unsigned in Rekor v2: the Merkle proof binds inclusionProof.logIndex only
    expect(tlog.logIndex).toBe('27301');
    expect(tlog).toEqual(base.tlog);
    expect(JSON.stringify(verdict)).not.toMatch(/"logIndex":"1"/);
  });

  it('top-level integratedTime set (unsigned without a SET): not shown as the log time', async () => {
    const base = await v2With(() => {});
    const { tlog } = await v2With((e) => (e.integratedTime = '1600000000'));
    expect(tlog.integratedTime).toBe(base.tlog.integratedTime);
    expect(tlog.integratedTime).not.toBe(new Date(1600000000 * 1000).toISOString());
  });

  it('a changed proven index fails the Sigstore layer (it is bound by the Merkle proof)', async () => {
    const { sigstoreLayer, verdict } = await v2With((e) => (e.inclusionProof.logIndex = '27300'));
    expect(sigstoreLayer).toBe(false);
    expect(verdict.state).toBe('failed');
  });
});

describe('Rekor v1: the SET-signed global index and integrated time', () => {
  it('sampleproject shows 147137139 (signed by the SET), not the shard-local proof index 25232877', async () => {
    const p = readJSON(SP);
    expect(entryOf(p.attestation_bundles[0].attestations[0]).inclusionProof.logIndex).toBe('25232877');
    const v = await verifyProvenance(p, SP_DIST, prodTrust());
    expect(v.state).toBe('verified');
    expect(v.attestations[0]!.tlog).toMatchObject({ rekorVersion: 1, logIndex: '147137139', integratedTime: '2024-11-06T22:37:07.000Z' });
  });
});
