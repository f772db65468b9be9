/** Pin comparison against REAL verified verdicts (GitHub, GitLab, Google publishers). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { certRepository, certWorkflow, checkPin, levelWithPin } from '../../src/background/pins';
import { bundledTrust } from '../../src/trust/bundled-root';
import { makeVerdict } from '../../src/background/verdicts';
import { parseSettings } from '../../src/settings';
import { verifyProvenance } from '../../src/verify/index';
import { reason, type Verdict } from '../../src/verify/verdict';

const FIX = fileURLToPath(new URL('../fixtures/provenance/', import.meta.url));
const NOW = new Date('2026-11-25T12:00:00Z');
let github: Verdict;
let gitlab: Verdict;
let google: Verdict;

beforeAll(async () => {
  const t = bundledTrust(NOW);
  if (!t.ok) throw new Error(t.reason.message);
  github = await verifyProvenance(
    readFileSync(`${FIX}sampleproject/sampleproject-4.0.0.tar.gz.provenance`, 'utf8'),
    { filename: 'sampleproject-4.0.0.tar.gz', sha256: '0ace7980f82c5815ede4cd7bf9f6693684cec2ae47b9b7ade9add533b8627c6b' },
    t.trust,
    { now: NOW },
  );
  gitlab = await verifyProvenance(
    readFileSync(`${FIX}pep740-sampleproject/pep740_sampleproject-1.0.0.tar.gz.provenance`, 'utf8'),
    { filename: 'pep740_sampleproject-1.0.0.tar.gz', sha256: '6cdd4a1a0a49aeef47265e7bf8ec1667257b397d34d731dc7b7af349deca1cd8' },
    t.trust,
    { now: NOW },
  );
  const att = JSON.parse(readFileSync(`${FIX}sampleproject/sampleproject-3.0.0.tar.gz.publish.attestation`, 'utf8'));
  google = await verifyProvenance(
    {
      version: 1,
      attestation_bundles: [
        { publisher: { kind: 'Google', email: '919436158236-compute@developer.gserviceaccount.com' }, attestations: [att] },
      ],
    },
    { filename: 'sampleproject-3.0.0.tar.gz', sha256: '117ed88e5db073bb92969a7545745fd977ee85b7019706dd256a64058f70963d' },
    t.trust,
    { now: NOW },
  );
});

const settings = (pins: unknown[], strict = false) => parseSettings({ pins, strict });

describe('pins', () => {
  it('fixtures verify (precondition)', () => {
    expect([github.state, gitlab.state, google.state]).toEqual(['verified', 'verified', 'verified']);
  });

  it('no pin for the project → none', () => {
    const s = settings([{ project: 'other', kind: 'GitHub', repository: 'a/b' }]);
    expect(checkPin(github, 'sampleproject', s)).toEqual({ status: 'none' });
    expect(levelWithPin(github, { status: 'none' }, s)).toBe('ok');
  });

  it('GitHub: repository compared case-insensitively, workflow if pinned', () => {
    expect(
      checkPin(github, 'sampleproject', settings([{ project: 'SampleProject', kind: 'GitHub', repository: 'PYPA/sampleproject' }])).status,
    ).toBe('match');
    expect(
      checkPin(
        github,
        'sampleproject',
        settings([{ project: 'sampleproject', kind: 'GitHub', repository: 'pypa/sampleproject', workflow: 'release.yml' }]),
      ).status,
    ).toBe('match');
    expect(
      checkPin(
        github,
        'sampleproject',
        settings([
          { project: 'sampleproject', kind: 'GitHub', repository: 'pypa/sampleproject', workflow: '.github/workflows/release.yml' },
        ]),
      ).status,
    ).toBe('match');
    const wf = checkPin(
      github,
      'sampleproject',
      settings([{ project: 'sampleproject', kind: 'GitHub', repository: 'pypa/sampleproject', workflow: 'publish.yml' }]),
    );
    expect(wf.status).toBe('mismatch');
    expect(wf.differences).toEqual(['workflow: publish.yml → release.yml', 'certificate workflow: publish.yml → release.yml']);
    const repo = checkPin(
      github,
      'sampleproject',
      settings([{ project: 'sampleproject', kind: 'GitHub', repository: 'evil/sampleproject' }]),
    );
    expect(repo.status).toBe('mismatch');
    expect(repo.differences).toEqual([
      'repository: evil/sampleproject → pypa/sampleproject',
      'certificate repository: evil/sampleproject → pypa/sampleproject',
    ]);
    expect(levelWithPin(github, repo, settings([]))).toBe('danger');
  });

  it('kind differs → mismatch', () => {
    const r = checkPin(github, 'sampleproject', settings([{ project: 'sampleproject', kind: 'GitLab', repository: 'pypa/sampleproject' }]));
    expect(r).toMatchObject({ status: 'mismatch', differences: ['publisher: GitLab → GitHub'] });
  });

  it('several pins are alternatives', () => {
    const s = settings([
      { project: 'sampleproject', kind: 'GitLab', repository: 'pypa/sampleproject' },
      { project: 'sampleproject', kind: 'GitHub', repository: 'pypa/sampleproject' },
    ]);
    const r = checkPin(github, 'sampleproject', s);
    expect(r.status).toBe('match');
    expect(r.pin?.kind).toBe('GitHub');
  });

  it('GitLab: repository and workflow_filepath from the certificate', () => {
    expect(certRepository(gitlab.attestations[0]!.identity!, 'GitLab')).toBe('pep740-example/sampleproject');
    expect(certWorkflow(gitlab.attestations[0]!.identity!, 'GitLab')).toBe('.gitlab-ci.yml');
    expect(
      checkPin(
        gitlab,
        'pep740-sampleproject',
        settings([
          { project: 'pep740-sampleproject', kind: 'GitLab', repository: 'pep740-example/SampleProject', workflow: '.gitlab-ci.yml' },
        ]),
      ).status,
    ).toBe('match');
    expect(
      checkPin(
        gitlab,
        'pep740-sampleproject',
        settings([
          { project: 'pep740-sampleproject', kind: 'GitLab', repository: 'pep740-example/sampleproject', workflow: 'ci/release.yml' },
        ]),
      ).status,
    ).toBe('mismatch');
  });

  it('Google: service-account e-mail', () => {
    const email = '919436158236-compute@developer.gserviceaccount.com';
    expect(
      checkPin(google, 'sampleproject', settings([{ project: 'sampleproject', kind: 'Google', email: email.toUpperCase() }])).status,
    ).toBe('match');
    const r = checkPin(
      google,
      'sampleproject',
      settings([{ project: 'sampleproject', kind: 'Google', email: 'other@example.iam.gserviceaccount.com' }]),
    );
    expect(r.status).toBe('mismatch');
    expect(r.differences).toContain(`e-mail: other@example.iam.gserviceaccount.com → ${email}`);
  });

  it('absent under a pin → mismatch (danger even outside strict mode); failed/error → none', () => {
    const s = settings([{ project: 'sampleproject', kind: 'GitHub', repository: 'pypa/sampleproject' }]);
    const base = { filename: 'sampleproject-3.0.0.tar.gz', sha256: 'a'.repeat(64), trustRootId: '', now: NOW };
    const absent = makeVerdict('absent', base, [reason('NO_PROVENANCE')]);
    const r = checkPin(absent, 'sampleproject', s);
    expect(r.status).toBe('mismatch');
    expect(r.differences).toEqual(['no provenance, but you pinned GitHub pypa/sampleproject']);
    expect(levelWithPin(absent, r, s)).toBe('danger');
    const err = makeVerdict('error', base, [reason('INDEX_TIMEOUT')]);
    expect(checkPin(err, 'sampleproject', s).status).toBe('none');
    expect(levelWithPin(err, checkPin(err, 'sampleproject', s), s)).toBe('neutral');
  });
});
