/**
 * The worker's history service with the REAL verifier and REAL provenance: a SYNTHETIC simple index
 * (the sampleproject fixture plus an "older release" whose file is the real
 * pypi_attestations-0.0.19.tar.gz with its real sha256 and real provenance, published from another
 * repository). Only the network and storage are fakes.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createHistoryService, HistoryStore, validateOutcome } from '../../src/background/history';
import { createPypiClient } from '../../src/background/pypi-client';
import { parseSimpleIndex } from '../../src/background/simple-index';
import { bundledTrust } from '../../src/trust/bundled-root';
import { identityOf } from '../../src/history/identity';
import { isReleaseHistory } from '../../src/history/parse';
import { isBackgroundToContent, type CheckRequest, type FileVerdictMessage } from '../../src/messages';
import { verifyProvenance } from '../../src/verify/index';
import type { Verdict } from '../../src/verify/verdict';
import { fakeFetch, FakeStorage, provenanceBytes, respond, SAMPLE_OLD, SAMPLE_SDIST, SAMPLE_WHL, sha, simpleJson } from './helpers';

const PA = 'pypi_attestations-0.0.19.tar.gz';
const PA_SHA = '9bb1add04b1b4e182be6b0b80931593f7a291eb49d69b4fd728a5d4cbcdc4bd3';
const PA_URL = `https://pypi.org/integrity/sampleproject/0.0.19/${PA}/provenance`;
const PA_PROV = readFileSync(fileURLToPath(new URL(`../fixtures/provenance/pypi-attestations/${PA}.provenance`, import.meta.url)));

function syntheticIndex() {
  const json = JSON.parse(simpleJson('sampleproject'));
  json.files.unshift({
    filename: PA,
    hashes: { sha256: PA_SHA },
    provenance: PA_URL,
    'upload-time': '2024-12-04T23:14:05Z',
    yanked: false,
  });
  const r = parseSimpleIndex(json, 'pypi.org', 'sampleproject');
  if (!r.ok) throw new Error(r.detail);
  return r.index;
}

function env(prov: Uint8Array = PA_PROV, local = new FakeStorage()) {
  const fetch = fakeFetch((url) =>
    url === PA_URL ? respond(url, prov, { status: 200 }) : respond(url, '{"message":"Not Found"}', { status: 404 }),
  );
  const verified: string[] = [];
  const svc = createHistoryService({
    client: createPypiClient({ fetch, sleep: async () => {} }),
    verify: (p, d, t, o) => {
      verified.push(d.filename);
      return verifyProvenance(p, d, t, o);
    },
    trust: bundledTrust,
    store: new HistoryStore(local),
  });
  return { svc, fetch, verified, local };
}

async function pageVerdicts(version: string, files: string[]): Promise<FileVerdictMessage[]> {
  const trust = bundledTrust(new Date());
  if (!trust.ok) throw new Error('trust');
  return Promise.all(
    files.map(async (filename) => {
      let verdict: Verdict;
      if (version === '4.0.0')
        verdict = await verifyProvenance(
          new TextDecoder().decode(provenanceBytes('sampleproject', '4.0.0', filename)),
          { filename, sha256: sha(filename) },
          trust.trust,
        );
      else
        verdict = {
          state: 'absent',
          filename,
          sha256: sha(filename),
          reasons: [],
          publisher: null,
          attestations: [],
          trustRootId: trust.trust.id,
          checkedAt: new Date().toISOString(),
        };
      return {
        type: 'verdict',
        requestId: 'r1',
        filename,
        verdict,
        level: verdict.state === 'verified' ? 'ok' : 'neutral',
        pin: { status: 'none' },
      } as FileVerdictMessage;
    }),
  );
}

const req = (version: string, files: string[]): CheckRequest => ({
  type: 'check',
  requestId: 'r1',
  index: 'pypi.org',
  project: 'sampleproject',
  version,
  files: files.map((filename) => ({ filename, pageSha256: null })),
});

describe('history service (real provenance of an earlier release)', () => {
  it('changed: 4.0.0 (pypa/sampleproject) vs the older release from trailofbits/pypi-attestations; cached forever', async () => {
    const e = env();
    const files = [SAMPLE_SDIST, SAMPLE_WHL];
    const v = await pageVerdicts('4.0.0', files);
    expect(v.every((m) => m.verdict.state === 'verified')).toBe(true);
    const h = await e.svc.forRequest(req('4.0.0', files), syntheticIndex(), v);
    expect(h.state).toBe('changed');
    expect(h.compared).toMatchObject({ version: '0.0.19', filename: PA, sameLine: false, outcome: 'verified' });
    expect(h.changes).toEqual([{ field: 'repository', before: 'trailofbits/pypi-attestations', after: 'pypa/sampleproject' }]);
    expect(h.checks).toMatchObject({ total: 2, attested: 2, coverage: 'all', mixedPublishers: false, addedLater: [] });
    expect(e.verified).toEqual([PA]);
    expect(isReleaseHistory(h)).toBe(true);
    expect(isBackgroundToContent({ type: 'history', requestId: 'r1', history: h })).toBe(true);
    // again: from the store, no request, no verification (also from a new worker with the same storage)
    await e.svc.forRequest(req('4.0.0', files), syntheticIndex(), v);
    const e2 = env(PA_PROV, e.local);
    await e2.svc.forRequest(req('4.0.0', files), syntheticIndex(), v);
    expect(e.fetch.calls.filter((c) => c.url === PA_URL)).toHaveLength(1);
    expect(e2.fetch.calls).toHaveLength(0);
  });

  it('lost: 3.0.0 has no provenance, the older release had; 3.0.0 predates attestations', async () => {
    const e = env();
    const h = await e.svc.forRequest(req('3.0.0', [SAMPLE_OLD]), syntheticIndex(), await pageVerdicts('3.0.0', [SAMPLE_OLD]));
    expect(h.state).toBe('lost');
    expect(h.compared?.identity?.repository).toBe('trailofbits/pypi-attestations');
    expect(h.absence).toEqual({ [SAMPLE_OLD]: 'predates-attestations' });
  });

  it('a tampered earlier provenance is "failed", never history', async () => {
    const prov = JSON.parse(PA_PROV.toString('utf8'));
    const sig: string = prov.attestation_bundles[0].attestations[0].envelope.signature;
    const b = Buffer.from(sig, 'base64');
    b[10]! ^= 1;
    prov.attestation_bundles[0].attestations[0].envelope.signature = b.toString('base64');
    const e = env(new TextEncoder().encode(JSON.stringify(prov)));
    const h = await e.svc.forRequest(req('4.0.0', [SAMPLE_SDIST]), syntheticIndex(), await pageVerdicts('4.0.0', [SAMPLE_SDIST]));
    expect(h.examined).toEqual([{ version: '0.0.19', sameLine: false, filename: PA, identity: null, outcome: 'failed' }]);
    expect(h.state).toBe('unknown');
    expect(h.compared).toBeNull();
  });

  it('simple pages: no earlier provenance is fetched', async () => {
    const e = env();
    const h = await e.svc.forRequest(
      { ...req('x', [SAMPLE_OLD]), version: null },
      syntheticIndex(),
      await pageVerdicts('3.0.0', [SAMPLE_OLD]),
    );
    expect(h.version).toBeNull();
    expect(e.fetch.calls).toHaveLength(0);
    expect(h.absence[SAMPLE_OLD]).toBe('predates-attestations');
  });

  it('stored outcomes are re-validated', () => {
    expect(validateOutcome({ outcome: 'verified', identity: { kind: 'GitHub', repository: 'a/b' } })).not.toBeNull();
    expect(validateOutcome({ outcome: 'verified', identity: { kind: 1 } })).toBeNull();
    expect(validateOutcome({ outcome: 'verified' })).toBeNull();
    expect(validateOutcome('x')).toBeNull();
    expect(identityOf(null)).toBeNull();
  });

  it('isReleaseHistory rejects malformed history', () => {
    const base = {
      project: 'p',
      version: '1',
      state: 'changed',
      line: '1',
      current: [],
      compared: null,
      changes: [],
      examined: [],
      earlierWithProvenance: 0,
      firstWithProvenance: null,
      checks: null,
      absence: {},
      limits: { sameLine: 3, overall: 2 },
    };
    expect(isReleaseHistory(base)).toBe(false); // changed without compared
    expect(isReleaseHistory({ ...base, state: 'never' })).toBe(true);
    expect(isReleaseHistory({ ...base, state: 'bogus' })).toBe(false);
    expect(isReleaseHistory({ ...base, state: 'never', absence: { 'x y': 'never' } })).toBe(false);
    expect(isReleaseHistory({ ...base, state: 'never', absence: { 'a-1.tar.gz': 'because' } })).toBe(false);
  });
});
