/**
 * History logic over SYNTHETIC release histories whose publisher identities are REAL: each one is
 * the verified identity of a real provenance fixture (test/fixtures/provenance), arranged as releases.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { computeHistory, releaseChecks, type PageFileResult } from '../../src/history/compute';
import { diffIdentity, identityKey } from '../../src/history/identity';
import { groupReleases, representativeFile, selectEarlier, type IndexFileInfo, type Release } from '../../src/history/releases';
import type { ExaminedRelease, PublisherIdentity } from '../../src/history/types';
import { historyLevel, historySentence } from '../../src/history/wording';
import { canonicalizeVersion } from '../../src/verify/version';
import { realIdentities, type RealIdentities } from './real-identities';

let ID: RealIdentities;
beforeAll(async () => {
  ID = await realIdentities();
});

const P = 'demo';
const sha = (s: string) => s.padEnd(64, '0').slice(0, 64);
const AFTER = '2025-03-01T10:00:00Z';

/** One release: sdist + wheel, both attested (or not), uploaded at `t`. */
function files(version: string, attested: boolean, t = AFTER): IndexFileInfo[] {
  return [`demo-${version}.tar.gz`, `demo-${version}-py3-none-any.whl`].map((filename, i) => ({
    filename,
    sha256: sha(`${i}${version.replace(/\D/g, '')}`),
    provenanceUrl: attested ? `https://pypi.org/integrity/${P}/${version}/${filename}/provenance` : null,
    uploadTime: t,
  }));
}

interface Spec {
  version: string;
  /** verified identity of the release (null = no provenance in the index) */
  id: PublisherIdentity | null;
  t?: string;
}

/**
 * Run the same selection the worker runs, then "examine" the chosen releases by looking up the
 * identity the spec gives them (the worker verifies their provenance; here the identities are
 * the already verified real ones).
 */
function history(specs: Spec[], shown: string, opts: { failedVersions?: string[] } = {}) {
  const all = specs.flatMap((s) => files(s.version, s.id !== null, s.t));
  const releases = groupReleases(all);
  const sel = selectEarlier(releases, shown, { sameLine: 3, overall: 2 });
  const idOf = (r: Release) => specs.find((s) => canonicalizeVersion(s.version) === r.version)!.id;
  // like the worker: nearest first, stop at the first verified release
  const examine = (rs: Release[], sameLine: boolean): ExaminedRelease[] => {
    const out: ExaminedRelease[] = [];
    for (const r of rs) {
      const failed = opts.failedVersions?.some((v) => canonicalizeVersion(v) === r.version) ?? false;
      const id = failed ? null : idOf(r);
      out.push({
        version: r.version,
        sameLine,
        filename: representativeFile(r)!.filename,
        identity: id,
        outcome: failed ? 'failed' : 'verified',
      });
      if (!failed) break;
    }
    return out;
  };
  const a = examine(sel.sameLine, true);
  const examined = a.some((e) => e.outcome === 'verified') ? a : [...a, ...examine(sel.overall, false)];
  const cur = specs.find((s) => s.version === shown)!;
  const pageFiles: PageFileResult[] = files(shown, cur.id !== null, cur.t).map((f) => ({
    filename: f.filename,
    state: cur.id ? 'verified' : 'absent',
    identity: cur.id,
  }));
  return computeHistory({ project: P, version: shown, releases, pageFiles, examined, earlierWithProvenance: sel.earlierWithProvenance });
}

describe('publisher history (real identities, synthetic releases)', () => {
  it('release line split: 1.x from repo A, 2.x from repo B — 2.3 vs 2.2 is "same", not "changed"', () => {
    const specs: Spec[] = [
      { version: '1.8', id: ID.attestationModels },
      { version: '1.9', id: ID.attestationModels },
      { version: '2.0', id: ID.sampleproject },
      { version: '2.2', id: ID.sampleproject },
      { version: '2.3', id: ID.sampleproject },
      { version: '1.9.1', id: ID.attestationModels }, // backport released after 2.x
    ];
    const h23 = history(specs, '2.3');
    expect(h23.state).toBe('same');
    expect(h23.compared?.version).toBe('2.2');
    expect(h23.line).toBe('2');
    expect(h23.examined.map((e) => e.version)).toEqual(['2.2']); // nearest of the line verified: nothing else looked at
    expect(historyLevel(h23.state)).toBe('neutral');
    // the backport is compared within 1.x, not with the newer 2.x
    const back = history(specs, '1.9.1');
    expect(back.state).toBe('same');
    expect(back.compared?.version).toBe('1.9');
    // the first release of the new line IS a change (nearest release overall)
    const h20 = history(specs, '2.0');
    expect(h20.state).toBe('changed');
    expect(h20.compared).toMatchObject({ version: '1.9.1', sameLine: false }); // nearest by version, not by date
    expect(h20.changes).toEqual([{ field: 'repository', before: 'trailofbits/pypi-attestation-models', after: 'pypa/sampleproject' }]);
  });

  it('transfer / rename of the repository: changed (repository), amber, benign wording', () => {
    const h = history(
      [
        { version: '0.0.4', id: ID.attestationModels },
        { version: '0.0.5', id: ID.attestationModels },
        { version: '0.0.19', id: ID.pypiAttestations },
      ],
      '0.0.19',
    );
    expect(h.state).toBe('changed');
    expect(h.changes.map((c) => c.field)).toEqual(['repository']);
    expect(h.changes[0]).toEqual({
      field: 'repository',
      before: 'trailofbits/pypi-attestation-models',
      after: 'trailofbits/pypi-attestations',
    });
    expect(historyLevel(h.state)).toBe('warning');
    const text = historySentence(h);
    expect(text).toContain('0.0.5');
    expect(text).toContain('move to an organisation');
    expect(text).not.toMatch(/malicious|compromis|attack|danger/i);
  });

  it('a change of publisher kind (GitHub → GitLab → Google) lists kind and the other fields', () => {
    const h = history(
      [
        { version: '3.0', id: ID.sampleproject },
        { version: '3.1', id: ID.gitlab },
      ],
      '3.1',
    );
    expect(h.state).toBe('changed');
    expect(h.changes[0]).toEqual({ field: 'kind', before: 'GitHub', after: 'GitLab' });
    expect(h.changes.map((c) => c.field)).toContain('repository');
    expect(h.changes.map((c) => c.field)).toContain('workflow');
    const g = history(
      [
        { version: '3.0', id: ID.gitlab },
        { version: '3.1', id: ID.google },
      ],
      '3.1',
    );
    expect(g.changes.map((c) => c.field)).toEqual(['kind', 'repository', 'workflow', 'email']);
  });

  it('lost and regained provenance', () => {
    const specs: Spec[] = [
      { version: '4.0', id: ID.sampleproject },
      { version: '4.1', id: null },
      { version: '4.2', id: ID.sampleproject },
    ];
    const lost = history(specs, '4.1');
    expect(lost.state).toBe('lost');
    expect(lost.compared?.version).toBe('4');
    expect(historyLevel('lost')).toBe('warning');
    expect(Object.values(lost.absence)).toEqual(['lost', 'lost']);
    const regained = history(specs, '4.2');
    expect(regained.state).toBe('same'); // 4.1 has no provenance: not looked at, 4.0 is
    expect(regained.compared?.version).toBe('4');
    expect(regained.examined.map((e) => e.version)).toEqual(['4']);
  });

  it('never: no release has provenance (neutral), absence says so; old files predate attestations', () => {
    const h = history(
      [
        { version: '1.0', id: null, t: '2023-01-01T00:00:00Z' },
        { version: '1.1', id: null },
      ],
      '1.1',
    );
    expect(h.state).toBe('never');
    expect(historyLevel(h.state)).toBe('neutral');
    expect(Object.values(h.absence)).toEqual(['never', 'never']);
    const old = history([{ version: '1.0', id: null, t: '2023-01-01T00:00:00Z' }], '1.0');
    expect(Object.values(old.absence)).toEqual(['predates-attestations', 'predates-attestations']);
  });

  it('new: first release with provenance; not-yet: an older release before the first one', () => {
    const specs: Spec[] = [
      { version: '5.0', id: null },
      { version: '5.1', id: ID.google },
    ];
    const h = history(specs, '5.1');
    expect(h.state).toBe('new');
    expect(h.examined).toEqual([]);
    expect(h.firstWithProvenance).toBe('5.1');
    expect(historySentence(h)).toBe('First release of this project with provenance.');
    const before = history(specs, '5.0');
    expect(before.state).toBe('not-yet');
    expect(Object.values(before.absence)).toEqual(['not-yet', 'not-yet']);
  });

  it('only verified identities count: a failed earlier release is never compared with', () => {
    const specs: Spec[] = [
      { version: '6.0', id: ID.gitlab },
      { version: '6.1', id: ID.pypiAttestations }, // its provenance "fails" below
      { version: '6.2', id: ID.sampleproject },
    ];
    const h = history(specs, '6.2', { failedVersions: ['6.1'] });
    expect(h.compared?.version).toBe('6');
    expect(h.state).toBe('changed');
    expect(h.examined.map((e) => [e.version, e.outcome])).toEqual([
      ['6.1', 'failed'],
      ['6', 'verified'],
    ]);
    const allFailed = history(specs, '6.2', { failedVersions: ['6', '6.1'] });
    expect(allFailed.state).toBe('unknown');
    expect(allFailed.compared).toBeNull();
  });

  it('bounded: nearest first until one verifies; at most 3 of the line, 2 before it only if none of the line verified', () => {
    const specs: Spec[] = ['2.0', '2.1', '2.2', '2.3', '2.4', '2.5'].map((version) => ({ version, id: ID.sampleproject }));
    specs.push(...['1.0', '1.1', '1.2'].map((version) => ({ version, id: ID.attestationModels })));
    expect(history(specs, '2.5').examined.map((e) => e.version)).toEqual(['2.4']);
    expect(history(specs, '2.5', { failedVersions: ['2.4'] }).examined.map((e) => e.version)).toEqual(['2.4', '2.3']);
    const none = history(specs, '2.5', { failedVersions: ['2.4', '2.3', '2.2'] });
    expect(none.examined.map((e) => e.version)).toEqual(['2.4', '2.3', '2.2', '1.2']);
    const nothing = history(specs, '2.5', { failedVersions: ['2.4', '2.3', '2.2', '1.2', '1.1'] });
    expect(nothing.examined.map((e) => e.version)).toEqual(['2.4', '2.3', '2.2', '1.2', '1.1']);
    expect(nothing.state).toBe('unknown');
    expect(none.state).toBe('changed'); // compared with 1.2, the nearest verified
    expect(none.earlierWithProvenance).toBe(8);
  });

  it('environment (stated by PyPI, not signed) never decides; it is a note beside a signed change (#19)', () => {
    expect(diffIdentity({ ...ID.sampleproject }, { ...ID.sampleproject, repository: ID.sampleproject.repository!.toUpperCase() })).toEqual(
      [],
    );
    expect(diffIdentity({ ...ID.sampleproject, environment: null }, { ...ID.sampleproject, environment: 'pypi' })).toEqual([]);
    expect(identityKey({ ...ID.sampleproject, environment: 'pypi' })).toBe(identityKey({ ...ID.sampleproject, environment: 'release' }));
    expect(
      diffIdentity({ ...ID.sampleproject, environment: 'pypi' }, { ...ID.sampleproject, workflow: 'other.yml', environment: 'release' }),
    ).toEqual([
      { field: 'workflow', before: ID.sampleproject.workflow, after: 'other.yml' },
      { field: 'environment', before: 'pypi', after: 'release' },
    ]);
    expect(diffIdentity(ID.google, { ...ID.google, email: ID.google.email!.toUpperCase() })).toEqual([]);
  });
});

describe('release checks', () => {
  it('all / some / none attested, mixed publishers, files added later (> 24 h)', () => {
    const fs: IndexFileInfo[] = [
      {
        filename: 'demo-1.0.tar.gz',
        sha256: sha('a'),
        provenanceUrl: 'https://pypi.org/integrity/demo/1.0/demo-1.0.tar.gz/provenance',
        uploadTime: '2025-01-01T00:00:00Z',
      },
      {
        filename: 'demo-1.0-py3-none-any.whl',
        sha256: sha('b'),
        provenanceUrl: 'https://pypi.org/integrity/demo/1.0/demo-1.0-py3-none-any.whl/provenance',
        uploadTime: '2025-01-01T23:00:00Z',
      },
      { filename: 'demo-1.0-cp311-cp311-win_amd64.whl', sha256: sha('c'), provenanceUrl: null, uploadTime: '2025-01-03T06:00:00.123456Z' },
    ];
    const [r] = groupReleases(fs);
    const c = releaseChecks(r!, [ID.sampleproject, ID.pypiAttestations, ID.sampleproject]);
    expect(c).toMatchObject({ total: 3, attested: 2, coverage: 'some', mixedPublishers: true });
    expect(c.publishers).toHaveLength(2);
    expect(c.addedLater).toEqual([
      { filename: 'demo-1.0-cp311-cp311-win_amd64.whl', uploadTime: '2025-01-03T06:00:00.123456Z', hoursAfter: 54 },
    ]);
    expect(releaseChecks(groupReleases(fs.slice(0, 2))[0]!, [ID.sampleproject])).toMatchObject({
      coverage: 'all',
      mixedPublishers: false,
      addedLater: [],
    });
    expect(releaseChecks(groupReleases(fs.slice(2))[0]!, []).coverage).toBe('none');
  });

  it('a file without provenance in a partly attested release says so', () => {
    const fs = files('7.0', true);
    fs.push({ filename: 'demo-7.0-cp311-cp311-win_amd64.whl', sha256: sha('w'), provenanceUrl: null, uploadTime: AFTER });
    const h = computeHistory({
      project: P,
      version: '7.0',
      releases: groupReleases(fs),
      pageFiles: [
        { filename: 'demo-7.0.tar.gz', state: 'verified', identity: ID.sampleproject },
        { filename: 'demo-7.0-cp311-cp311-win_amd64.whl', state: 'absent', identity: null },
      ],
      examined: [],
      earlierWithProvenance: 0,
    });
    expect(h.state).toBe('new');
    expect(h.absence).toEqual({ 'demo-7.0-cp311-cp311-win_amd64.whl': 'partial-release' });
  });

  it('simple-index pages (no version): no comparison, absence reasons only', () => {
    const fs = [...files('1.0', false, '2023-05-01T00:00:00Z'), ...files('2.0', true)];
    const h = computeHistory({
      project: P,
      version: null,
      releases: groupReleases(fs),
      pageFiles: fs.map((f) => ({
        filename: f.filename,
        state: f.provenanceUrl ? 'verified' : 'absent',
        identity: f.provenanceUrl ? ID.sampleproject : null,
      })),
      examined: [],
      earlierWithProvenance: 0,
    });
    expect(h.state).toBe('unknown');
    expect(h.checks).toBeNull();
    expect(h.absence).toEqual({ 'demo-1.0.tar.gz': 'predates-attestations', 'demo-1.0-py3-none-any.whl': 'predates-attestations' });
  });
});
