/**
 * The bench minter (scripts/bench/mint.ts) makes real Sigstore material: what it mints passes the
 * FULL check (verifyProvenance with @sigstore/verify) under the bench trust root, and fails under
 * the production root and when any signed byte is changed. Small N: correctness only, no timing.
 */
import { describe, expect, it, beforeAll } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  authorityFromJSON,
  authorityToJSON,
  createBenchAuthority,
  mintRelease,
  _merkle,
  type BenchAuthority,
} from '../../scripts/bench/mint';
import { verifyProvenance } from '../../src/verify/index';
import { loadTrust, type LoadedTrust } from '../../src/verify/trust';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const files = ['fasthash_lib-1.2.0.tar.gz', 'fasthash_lib-1.2.0-cp312-cp312-win_amd64.whl', 'fasthash_lib-1.2.0-cp313-cp313-win32.whl'].map(
  (filename) => ({ filename, sha256: sha('bench:' + filename) }),
);

let authority: BenchAuthority;
let trust: LoadedTrust;
let minted: Map<string, string>;
beforeAll(async () => {
  authority = await createBenchAuthority();
  trust = loadTrust(authority.trustedRoot);
  minted = await mintRelease(authority, files);
});

const b64 = (s: string) => Buffer.from(s, 'base64');
/** Mutate one attestation's JSON (a deep copy) and return the provenance text. */
function tamper(text: string, edit: (att: Record<string, any>) => void): string {
  const p = JSON.parse(text);
  edit(p.attestation_bundles[0].attestations[0]);
  return JSON.stringify(p);
}
const flip = (s: string, at = 40) => {
  const b = b64(s);
  const i = at % b.length;
  b[i] = b[i]! ^ 0x01;
  return b.toString('base64');
};

describe('bench minter', () => {
  it('every minted attestation is verified by the full check, each for its own file', async () => {
    expect(trust.id).toBe(authority.trustedRootSha256);
    for (const f of files) {
      const v = await verifyProvenance(minted.get(f.filename)!, f, trust);
      expect(v.state, JSON.stringify(v.reasons)).toBe('verified');
      expect(v.attestations).toHaveLength(1);
    }
  });

  it('distinct attestations: own key, own certificate, own log entry', () => {
    const certs = new Set<string>();
    const sigs = new Set<string>();
    const idx = new Set<string>();
    for (const text of minted.values()) {
      const a = JSON.parse(text).attestation_bundles[0].attestations[0];
      certs.add(a.verification_material.certificate);
      sigs.add(a.envelope.signature);
      idx.add(a.verification_material.transparency_entries[0].logIndex);
    }
    expect([certs.size, sigs.size, idx.size]).toEqual([files.length, files.length, files.length]);
  });

  it('a minted attestation is not for another file', async () => {
    const v = await verifyProvenance(minted.get(files[0]!.filename)!, files[1]!, trust);
    expect(v.state).toBe('failed');
  });

  it('fails under the production trust root', async () => {
    const prod = loadTrust(readFileSync('public/trust/trusted_root.json', 'utf8'));
    const v = await verifyProvenance(minted.get(files[0]!.filename)!, files[0]!, prod);
    expect(v.state).not.toBe('verified');
  });

  const cases: [string, (a: Record<string, any>) => void, string][] = [
    ['DSSE signature', (a) => (a.envelope.signature = flip(a.envelope.signature, 20)), 'failed'],
    ['statement', (a) => (a.envelope.statement = flip(a.envelope.statement, 30)), 'failed'],
    ['certificate (TBS byte)', (a) => (a.verification_material.certificate = flip(a.verification_material.certificate, 300)), 'failed'],
    [
      'signed entry timestamp',
      (a) => {
        const e = a.verification_material.transparency_entries[0];
        e.inclusionPromise.signedEntryTimestamp = flip(e.inclusionPromise.signedEntryTimestamp, 12);
      },
      'failed',
    ],
    [
      'integrated time',
      (a) => {
        const e = a.verification_material.transparency_entries[0];
        e.integratedTime = String(Number(e.integratedTime) + 1);
      },
      'failed',
    ],
    [
      'inclusion proof hash',
      (a) => {
        const p = a.verification_material.transparency_entries[0].inclusionProof;
        p.hashes[0] = flip(p.hashes[0], 3);
      },
      'failed',
    ],
    [
      'checkpoint signature',
      (a) => {
        const p = a.verification_material.transparency_entries[0].inclusionProof;
        const env: string = p.checkpoint.envelope;
        const sig = /\u2014 \S+ (\S+)\n$/.exec(env)![1]!;
        p.checkpoint.envelope = env.replace(sig, flip(sig, 20));
      },
      'failed',
    ],
  ];
  for (const [what, edit, state] of cases) {
    it(`a changed ${what} is not verified`, async () => {
      const f = files[1]!;
      const v = await verifyProvenance(tamper(minted.get(f.filename)!, edit), f, trust);
      expect(v.state).toBe(state);
    });
  }

  it('an SCT naming our CT log but signed by another key fails the certificate check', async () => {
    const other = await createBenchAuthority();
    const forged: BenchAuthority = { ...authority, ctlog: { ...other.ctlog, spki: authority.ctlog.spki } };
    const text = (await mintRelease(forged, [files[0]!])).get(files[0]!.filename)!;
    const v = await verifyProvenance(text, files[0]!, trust);
    expect(v.state).toBe('failed');
    expect(v.reasons.map((r) => r.code)).toContain('CERTIFICATE_SCT_INVALID');
  });

  it('a certificate from another CA (unknown to the root) is not verified', async () => {
    const other = await createBenchAuthority();
    const text = (await mintRelease({ ...other, rekor: authority.rekor, ctlog: authority.ctlog }, [files[0]!])).get(files[0]!.filename)!;
    const v = await verifyProvenance(text, files[0]!, trust);
    expect(v.state).not.toBe('verified');
  });

  it('round-trips through its cache form (same root, still verifies)', async () => {
    const again = await authorityFromJSON(await authorityToJSON(authority));
    expect(again.trustedRoot).toBe(authority.trustedRoot);
    const text = (await mintRelease(again, [files[2]!])).get(files[2]!.filename)!;
    expect((await verifyProvenance(text, files[2]!, trust)).state).toBe('verified');
  });

  it('the Merkle tree with opaque history agrees with plain RFC 6962 over real leaves', () => {
    const leaves = Array.from({ length: 77 }, (_, i) => _merkle.leafHash(Buffer.from(`leaf ${i}`)));
    for (const first of [0, 1, 5, 32, 50]) {
      // history blocks made from the real leaves they stand for
      const history: { size: number; hash: Buffer }[] = [];
      let at = 0;
      for (const b of first ? _merkle.historyBlocks(first) : []) {
        history.push({ size: b.size, hash: _merkle.mth(leaves.slice(at, at + b.size)) });
        at += b.size;
      }
      const mine = leaves.slice(first);
      expect(_merkle.treeRoot(history, mine).equals(_merkle.mth(leaves))).toBe(true);
      for (const i of [0, mine.length - 1, mine.length >> 1]) {
        const a = _merkle.proof(history, mine, i).map((x) => x.toString('hex'));
        const b = _merkle.path(first + i, leaves).map((x) => x.toString('hex'));
        expect(a).toEqual(b);
      }
    }
  });
});
