/**
 * loadTrust builds the trust material lazily (each CA chain and log key parsed on first use,
 * src/verify/trust.ts). It must be exactly what @sigstore/verify's eager
 * `toTrustMaterial(TrustedRoot.fromJSON(json))` builds, give the same verdicts (including the
 * freshness cases, where a key is absent), and a malformed entry must never be skipped silently.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import { toTrustMaterial, type TrustMaterial } from '@sigstore/verify';
import { verifyProvenance } from '../../src/verify/index';
import { loadTrust, TrustRootError, withRefreshedAt, type LoadedTrust } from '../../src/verify/trust';
import { PROD_FIXTURES, STAGING_FIXTURES, clone, codes, readText } from './helpers';

const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));
const ROOT_FILES = [
  'trust/trusted_root.json',
  'trust/trusted_root.staging.json',
  'sigstore-conformance/trusted_root.production.json',
  '../../public/trust/trusted_root.json',
];
const readRoot = (rel: string): any => JSON.parse(readFileSync(fixtures + rel, 'utf8'));

function eager(json: unknown): TrustMaterial {
  return toTrustMaterial(TrustedRoot.fromJSON(json));
}
/** The same LoadedTrust with @sigstore/verify's eagerly built material. */
function eagerTrust(text: string): LoadedTrust {
  const lazy = loadTrust(text);
  return { id: lazy.id, root: lazy.root, material: eager(JSON.parse(text)), tlogs: lazy.tlogs };
}

const der = (k: { export(o: object): Buffer }) => k.export({ format: 'der', type: 'spki' }).toString('hex');
function describeMaterial(m: TrustMaterial): unknown {
  const cas = (list: TrustMaterial['certificateAuthorities']) =>
    list.map((ca) => ({ validFor: ca.validFor, chain: ca.certChain.map((c) => c.root.toDER().toString('hex')) }));
  const logs = (list: TrustMaterial['tlogs']) =>
    list.map((l) => ({
      baseURL: l.baseURL,
      logID: l.logID.toString('hex'),
      isBuffer: Buffer.isBuffer(l.logID),
      validFor: l.validFor,
      key: der(l.publicKey as never),
    }));
  return {
    certificateAuthorities: cas(m.certificateAuthorities),
    timestampAuthorities: cas(m.timestampAuthorities),
    tlogs: logs(m.tlogs),
    ctlogs: logs(m.ctlogs),
  };
}

describe('lazy trust material = @sigstore/verify toTrustMaterial', () => {
  for (const rel of ROOT_FILES) {
    it(`same material for ${rel}`, () => {
      const json = readRoot(rel);
      const lazy = loadTrust(JSON.stringify(json));
      expect(describeMaterial(lazy.material)).toEqual(describeMaterial(eager(json)));
      expect(() => lazy.material.publicKey('any hint')).toThrow(/key not found/);
      expect(lazy.problems).toEqual([]);
      expect(TrustedRoot.toJSON(lazy.root)).toEqual(TrustedRoot.toJSON(TrustedRoot.fromJSON(json)));
    });
  }

  it('a checkpoint key id, when present, is the log id (as toTrustMaterial does)', () => {
    const json = readRoot('trust/trusted_root.json');
    json.tlogs[0].checkpointKeyId = { keyId: Buffer.alloc(32, 7).toString('base64') };
    json.ctlogs[0].baseUrl = null;
    const lazy = loadTrust(JSON.stringify(json));
    expect(describeMaterial(lazy.material)).toEqual(describeMaterial(eager(json)));
    expect(lazy.material.tlogs[0]!.logID).toEqual(Buffer.alloc(32, 7));
  });

  it('parses each entry only when first used, once', () => {
    const lazy = loadTrust(readFileSync(`${fixtures}trust/trusted_root.json`));
    const ca = lazy.material.certificateAuthorities[0]!;
    expect(ca.certChain).toBe(ca.certChain);
    const log = lazy.material.tlogs[0]!;
    expect(log.publicKey).toBe(log.publicKey);
  });
});

describe('same verdicts, eager and lazy', () => {
  const prodText = readFileSync(`${fixtures}trust/trusted_root.json`, 'utf8');
  const stagingText = readFileSync(`${fixtures}trust/trusted_root.staging.json`, 'utf8');
  const withoutEntry = (list: string, index: number): string => {
    const r = JSON.parse(prodText);
    r[list].splice(index, 1);
    return JSON.stringify(r);
  };
  const cases: [string, string, { file: string; filename: string; sha256: string }[]][] = [
    ['production root', prodText, PROD_FIXTURES],
    ['staging root', stagingText, STAGING_FIXTURES],
    ['production root under the staging fixtures', prodText, STAGING_FIXTURES],
    // Freshness: a key the attestation names is absent (TRUST_ROOT_KEY_UNKNOWN in both).
    ['production root without the Rekor v1 log', withoutEntry('tlogs', 0), PROD_FIXTURES],
    ['production root without the current Fulcio CA', withoutEntry('certificateAuthorities', 1), PROD_FIXTURES],
    ['production root without the 2022 CT log', withoutEntry('ctlogs', 1), PROD_FIXTURES],
  ];
  const now = new Date('2026-12-01T00:00:00Z');
  for (const [name, text, files] of cases) {
    it(name, async () => {
      for (const f of files) {
        const dist = { filename: f.filename, sha256: f.sha256 };
        const lazyV = await verifyProvenance(readText(f.file), dist, loadTrust(text), { now });
        const eagerV = await verifyProvenance(readText(f.file), dist, eagerTrust(text), { now });
        expect(lazyV, f.file).toEqual(eagerV);
        if (name.includes('without')) expect(codes(lazyV)).toContain('TRUST_ROOT_KEY_UNKNOWN');
        if (name === 'production root') expect(lazyV.state, f.file).toBe('verified');
      }
    });
  }
});

describe('a malformed entry is never skipped silently', () => {
  const SP = PROD_FIXTURES.find((f) => f.file.startsWith('sampleproject/'))!;
  const dist = { filename: SP.filename, sha256: SP.sha256 };
  const base = (): any => clone(readRoot('trust/trusted_root.json'));
  const garbage = Buffer.from('not a certificate, not a key').toString('base64');

  it('an entry the structure check sees is rejected at load, as before (TRUST_ROOT_INVALID)', () => {
    const r = base();
    r.certificateAuthorities[0].certChain.certificates[0] = {};
    expect(() => loadTrust(JSON.stringify(r))).toThrow(TrustRootError);
    const k = base();
    k.tlogs[1].publicKey.keyDetails = 'NOT_A_KEY_TYPE';
    expect(() => loadTrust(JSON.stringify(k))).toThrow(TrustRootError);
  });

  const broken: [string, (r: any) => void][] = [
    [
      'the Fulcio CA that issued the leaf has an unparsable certificate',
      (r) => (r.certificateAuthorities[1].certChain.certificates[1].rawBytes = garbage),
    ],
    ['the Rekor log key is unparsable', (r) => (r.tlogs[0].publicKey.rawBytes = garbage)],
    ['the CT log key is unparsable', (r) => (r.ctlogs[1].publicKey.rawBytes = garbage)],
  ];
  for (const [name, breakIt] of broken) {
    it(`${name}: the verification that uses it is error TRUST_ROOT_INVALID (never failed, never verified), and so is every later one`, async () => {
      const r = base();
      breakIt(r);
      const trust = loadTrust(JSON.stringify(r));
      // The eager loader rejects this root outright.
      expect(() => eager(r)).toThrow();
      const v = await verifyProvenance(readText(SP.file), dist, trust);
      expect(v.state).toBe('error');
      expect(codes(v)).toEqual(['TRUST_ROOT_INVALID']);
      expect(v.reasons[0]!.detail).toMatch(/trusted root could not be loaded: (certificateAuthorities|tlogs|ctlogs)\[\d\]/);
      expect(v.attestations.every((a) => !a.ok)).toBe(true);
      expect(trust.problems).toHaveLength(1);
      const again = await verifyProvenance(readText(SP.file), dist, trust);
      expect(again.state).toBe('error');
      expect(codes(again)).toEqual(['TRUST_ROOT_INVALID']);
      expect(trust.problems).toHaveLength(1);
    });
  }

  it('a broken entry the attestation does not use: the verdict stands until the entry is used', async () => {
    const r = base();
    r.timestampAuthorities[0].certChain.certificates[0].rawBytes = garbage;
    const trust = loadTrust(JSON.stringify(r));
    const v = await verifyProvenance(readText(SP.file), dist, trust);
    expect(v.state).toBe('verified');
    expect(trust.problems).toEqual([]);
    expect(() => trust.material.timestampAuthorities[0]!.certChain).toThrow(TrustRootError);
    expect(trust.problems).toHaveLength(1);
    const after = await verifyProvenance(readText(SP.file), dist, trust);
    expect(after.state).toBe('error');
    expect(codes(after)).toEqual(['TRUST_ROOT_INVALID']);
  });
});

describe('withRefreshedAt', () => {
  it('keeps the root lazy (copies the getter, never converts the whole root) and sets refreshedAt on the copy only', () => {
    const text = readFileSync(fixtures + 'trust/trusted_root.json', 'utf8');
    const trust = loadTrust(text);
    const at = new Date('2026-12-01T00:00:00Z');
    const copy = withRefreshedAt(trust, at);
    expect(typeof Object.getOwnPropertyDescriptor(copy, 'root')?.get).toBe('function');
    expect(copy.refreshedAt).toEqual(at);
    expect(trust.refreshedAt).toBeUndefined();
    expect(copy.id).toBe(trust.id);
    expect(copy.material).toBe(trust.material);
    expect(copy.root).toBeInstanceOf(Object);
    expect(copy.root.tlogs.length).toBe(trust.root.tlogs.length);
  });
});
