import { describe, expect, it } from 'vitest';
import { checkPublisher, describePublisher, inferPublisher, ruleFor } from '../../src/verify/index';
import type { PublisherInfo, SigningIdentity } from '../../src/verify/verdict';

const SHA = '08802efe1f8e5fec4ad842d6b8ce97656092ee72';
const gh = (over: Partial<SigningIdentity> = {}): SigningIdentity => ({
  subjectAlternativeName: 'https://github.com/pypa/sampleproject/.github/workflows/release.yml@refs/tags/v1',
  issuer: 'https://token.actions.githubusercontent.com',
  issuerV2: 'https://token.actions.githubusercontent.com',
  sourceRepositoryUri: 'https://github.com/pypa/sampleproject',
  sourceRepositoryDigest: SHA,
  sourceRepositoryRef: 'refs/tags/v1',
  buildConfigUri: 'https://github.com/pypa/sampleproject/.github/workflows/release.yml@refs/tags/v1',
  buildSignerUri: 'https://github.com/pypa/sampleproject/.github/workflows/release.yml@refs/tags/v1',
  ...over,
});
const GH: PublisherInfo = describePublisher('GitHub', {
  kind: 'GitHub',
  repository: 'pypa/sampleproject',
  workflow: 'release.yml',
  environment: '',
});
const codes = (p: PublisherInfo, id: SigningIdentity) => checkPublisher(p, id, 0).map((r) => r.code);

describe('GitHub', () => {
  it('describe reads repository, workflow and environment (never verified)', () => {
    expect(GH).toEqual({
      kind: 'GitHub',
      repository: 'pypa/sampleproject',
      workflow: 'release.yml',
      environment: '',
      fromProvenance: true,
    });
  });
  it('matches on Build Config URI with the ref or the commit', () => {
    expect(codes(GH, gh())).toEqual([]);
    expect(codes(GH, gh({ buildConfigUri: `https://github.com/pypa/sampleproject/.github/workflows/release.yml@${SHA}` }))).toEqual([]);
    expect(codes(GH, gh({ sourceRepositoryRef: undefined }))).toEqual(['IDENTITY_WORKFLOW_MISMATCH']);
    expect(
      codes(
        GH,
        gh({
          sourceRepositoryRef: undefined,
          buildConfigUri: `https://github.com/pypa/sampleproject/.github/workflows/release.yml@${SHA}`,
        }),
      ),
    ).toEqual([]);
  });
  it('reusable workflow: the calling workflow (.18) is the publisher, not the SAN / Build Signer', () => {
    const reusable = 'https://github.com/org/shared/.github/workflows/pypi.yml@refs/heads/main';
    const id = gh({ subjectAlternativeName: reusable, buildSignerUri: reusable });
    expect(codes(GH, id)).toEqual([]);
    const asCalled = describePublisher('GitHub', { kind: 'GitHub', repository: 'pypa/sampleproject', workflow: 'pypi.yml' });
    expect(codes(asCalled, id)).toEqual(['IDENTITY_WORKFLOW_MISMATCH']);
  });
  it('repository, workflow and ref are compared exactly (as pypi-attestations does)', () => {
    // PyPI ran this exact comparison at upload, so a genuine provenance matches byte for byte.
    expect(codes(GH, gh({ sourceRepositoryUri: 'https://github.com/PyPA/SampleProject' }))).toEqual(['IDENTITY_REPOSITORY_MISMATCH']);
    expect(codes(GH, gh({ buildConfigUri: 'https://github.com/PyPA/SampleProject/.github/workflows/release.yml@refs/tags/v1' }))).toEqual([
      'IDENTITY_REPOSITORY_MISMATCH',
    ]);
    const upper = describePublisher('GitHub', { kind: 'GitHub', repository: 'PyPA/SampleProject', workflow: 'release.yml' });
    expect(codes(upper, gh())).toEqual(['IDENTITY_REPOSITORY_MISMATCH', 'IDENTITY_REPOSITORY_MISMATCH']);
    expect(codes(GH, gh({ buildConfigUri: 'https://github.com/pypa/sampleproject/.github/workflows/Release.yml@refs/tags/v1' }))).toEqual([
      'IDENTITY_WORKFLOW_MISMATCH',
    ]);
    expect(codes(GH, gh({ buildConfigUri: 'https://github.com/pypa/sampleproject/.github/workflows/release.yml@refs/tags/v2' }))).toEqual([
      'IDENTITY_WORKFLOW_MISMATCH',
    ]);
  });
  it("a workflow file name containing '@' is allowed (Warehouse's form accepts it) and compared exactly", () => {
    const at = describePublisher('GitHub', { kind: 'GitHub', repository: 'pypa/sampleproject', workflow: 'release@v2.yml' });
    const build = 'https://github.com/pypa/sampleproject/.github/workflows/release@v2.yml@refs/tags/v1';
    expect(codes(at, gh({ buildConfigUri: build }))).toEqual([]);
    expect(codes(at, gh())).toEqual(['IDENTITY_WORKFLOW_MISMATCH']);
    expect(codes(GH, gh({ buildConfigUri: build }))).toEqual(['IDENTITY_WORKFLOW_MISMATCH']);
  });
  it('rejects look-alike repositories and workflows', () => {
    expect(codes(GH, gh({ sourceRepositoryUri: 'https://github.com/pypa/sampleproject2' }))).toEqual(['IDENTITY_REPOSITORY_MISMATCH']);
    expect(codes(GH, gh({ buildConfigUri: 'https://github.com/pypa/sampleproject2/.github/workflows/release.yml@refs/tags/v1' }))).toEqual([
      'IDENTITY_REPOSITORY_MISMATCH',
    ]);
    expect(
      codes(GH, gh({ buildConfigUri: 'https://github.com/pypa/sampleproject/.github/workflows/release.yml.evil@refs/tags/v1' })),
    ).toEqual(['IDENTITY_WORKFLOW_MISMATCH']);
    expect(codes(GH, gh({ buildConfigUri: 'https://github.com/pypa/sampleproject/.github/workflows/x/release.yml@refs/tags/v1' }))).toEqual(
      ['IDENTITY_WORKFLOW_MISMATCH'],
    );
    const prefix = describePublisher('GitHub', { kind: 'GitHub', repository: 'pypa/sample', workflow: 'release.yml' });
    expect(codes(prefix, gh())).toContain('IDENTITY_REPOSITORY_MISMATCH');
  });
  it('issuer is read from .8 only (OIDCIssuerV2), and missing extensions', () => {
    expect(codes(GH, gh({ issuerV2: 'https://gitlab.com', issuer: 'https://gitlab.com' }))).toEqual(['IDENTITY_ISSUER_MISMATCH']);
    expect(codes(GH, gh({ issuerV2: undefined, issuer: null }))).toEqual(['IDENTITY_ISSUER_MISMATCH']);
    // only the legacy .1 carries the right issuer: the reference rejects it (no .8).
    expect(codes(GH, gh({ issuerV2: undefined, issuerV1: 'https://token.actions.githubusercontent.com' }))).toEqual([
      'IDENTITY_ISSUER_MISMATCH',
    ]);
    expect(codes(GH, gh({ issuerV2: 'https://gitlab.com', issuerV1: 'https://token.actions.githubusercontent.com' }))).toEqual([
      'IDENTITY_ISSUER_MISMATCH',
    ]);
    expect(codes(GH, gh({ sourceRepositoryUri: undefined }))).toEqual(['IDENTITY_MISSING_EXTENSION']);
    expect(codes(GH, gh({ sourceRepositoryDigest: undefined, sourceRepositoryRef: undefined }))).toEqual(['IDENTITY_MISSING_EXTENSION']);
    expect(codes(GH, gh({ buildConfigUri: undefined }))).toEqual(['IDENTITY_MISSING_EXTENSION']);
  });
  it('malformed publisher', () => {
    for (const raw of [
      {},
      { repository: 'pypa/sampleproject' },
      { workflow: 'release.yml' },
      { repository: 'sampleproject', workflow: 'r.yml' },
      { repository: 5, workflow: 'r.yml' },
    ]) {
      expect(codes(describePublisher('GitHub', { kind: 'GitHub', ...raw }), gh())).toEqual(['PUBLISHER_MALFORMED']);
    }
  });
  it('infers from the certificate, with the calling workflow', () => {
    expect(inferPublisher(gh())).toEqual({
      kind: 'GitHub',
      repository: 'pypa/sampleproject',
      workflow: 'release.yml',
      fromProvenance: false,
    });
    const reusable = 'https://github.com/org/shared/.github/workflows/pypi.yml@refs/heads/main';
    expect(inferPublisher(gh({ subjectAlternativeName: reusable, buildSignerUri: reusable }))?.workflow).toBe('release.yml');
    expect(inferPublisher(gh({ buildConfigUri: undefined }))).toBeNull();
    expect(inferPublisher(gh({ buildConfigUri: 'https://github.com/other/repo/.github/workflows/release.yml@x' }))).toBeNull();
  });
});

describe('GitLab', () => {
  const id = (over: Partial<SigningIdentity> = {}): SigningIdentity => ({
    subjectAlternativeName: 'https://gitlab.com/group/sub/project//.gitlab-ci.yml@refs/heads/main',
    issuer: 'https://gitlab.com',
    issuerV2: 'https://gitlab.com',
    sourceRepositoryUri: 'https://gitlab.com/group/sub/project',
    sourceRepositoryDigest: SHA,
    sourceRepositoryRef: 'refs/heads/main',
    buildConfigUri: 'https://gitlab.com/group/sub/project//.gitlab-ci.yml@refs/heads/main',
    ...over,
  });
  const GL = describePublisher('GitLab', {
    kind: 'GitLab',
    repository: 'group/sub/project',
    workflow_filepath: '.gitlab-ci.yml',
    environment: null,
  });
  it('matches with the double slash, subgroups allowed', () => {
    expect(GL).toMatchObject({ workflow: '.gitlab-ci.yml', environment: null });
    expect(codes(GL, id())).toEqual([]);
    expect(codes(GL, id({ buildConfigUri: 'https://gitlab.com/group/sub/project/.gitlab-ci.yml@refs/heads/main' }))).toEqual([
      'IDENTITY_WORKFLOW_MISMATCH',
    ]);
    const ci = describePublisher('GitLab', { kind: 'GitLab', repository: 'group/sub/project', workflow_filepath: 'ci/release.yml' });
    expect(codes(ci, id({ buildConfigUri: 'https://gitlab.com/group/sub/project//ci/release.yml@refs/heads/main' }))).toEqual([]);
    expect(codes(GL, id({ issuerV2: 'https://token.actions.githubusercontent.com' }))).toEqual(['IDENTITY_ISSUER_MISMATCH']);
    expect(codes(GL, id({ sourceRepositoryUri: 'https://gitlab.com/group/project' }))).toEqual(['IDENTITY_REPOSITORY_MISMATCH']);
  });
  it('needs both Source Repository Digest and Ref, like the reference and Warehouse', () => {
    expect(codes(GL, id({ sourceRepositoryDigest: undefined }))).toEqual(['IDENTITY_MISSING_EXTENSION']);
    expect(
      codes(GL, id({ sourceRepositoryRef: undefined, buildConfigUri: `https://gitlab.com/group/sub/project//.gitlab-ci.yml@${SHA}` })),
    ).toEqual(['IDENTITY_MISSING_EXTENSION']);
    expect(codes(GL, id({ buildConfigUri: `https://gitlab.com/group/sub/project//.gitlab-ci.yml@${SHA}` }))).toEqual([]);
  });
  it('a GitLab publisher never matches a GitHub certificate', () => {
    const p = describePublisher('GitLab', { kind: 'GitLab', repository: 'pypa/sampleproject', workflow_filepath: 'release.yml' });
    expect(codes(p, gh())).toEqual(expect.arrayContaining(['IDENTITY_ISSUER_MISMATCH', 'IDENTITY_REPOSITORY_MISMATCH']));
  });
  it('infers', () => {
    expect(inferPublisher(id())).toEqual({
      kind: 'GitLab',
      repository: 'group/sub/project',
      workflow: '.gitlab-ci.yml',
      fromProvenance: false,
    });
  });
});

describe('Google', () => {
  const EMAIL = '919436158236-compute@developer.gserviceaccount.com';
  const id = (over: Partial<SigningIdentity> = {}): SigningIdentity => ({
    subjectAlternativeName: EMAIL,
    issuer: 'https://accounts.google.com',
    issuerV1: 'https://accounts.google.com',
    ...over,
  });
  const G = describePublisher('Google', { kind: 'Google', email: EMAIL });
  it('exact e-mail and issuer', () => {
    expect(codes(G, id())).toEqual([]);
    expect(codes(G, id({ subjectAlternativeName: EMAIL.toUpperCase() }))).toEqual(['IDENTITY_EMAIL_MISMATCH']);
    expect(codes(G, id({ subjectAlternativeName: `${EMAIL}.evil` }))).toEqual(['IDENTITY_EMAIL_MISMATCH']);
    expect(codes(G, id({ issuerV1: 'https://github.com/login/oauth' }))).toEqual(['IDENTITY_ISSUER_MISMATCH']);
    // the reference's policy.Identity reads the legacy .1 only: .8 alone is not enough.
    expect(codes(G, id({ issuerV1: undefined, issuerV2: 'https://accounts.google.com' }))).toEqual(['IDENTITY_ISSUER_MISMATCH']);
    expect(codes(describePublisher('Google', { kind: 'Google' }), id())).toEqual(['PUBLISHER_MALFORMED']);
  });
  it('infers only for the Google issuer', () => {
    expect(inferPublisher(id())).toEqual({ kind: 'Google', email: EMAIL, fromProvenance: false });
    expect(inferPublisher(id({ issuerV1: 'https://github.com/login/oauth' }))).toBeNull();
  });
});

describe('ActiveState and unknown kinds', () => {
  it('are never accepted', () => {
    const as = describePublisher('ActiveState', { kind: 'ActiveState', organization: 'org', activestate_project_name: 'proj' });
    expect(as).toMatchObject({ kind: 'ActiveState', repository: 'org/proj' });
    expect(codes(as, gh())).toEqual(['PUBLISHER_UNSUPPORTED']);
    expect(ruleFor('ActiveState')?.infer).toBeUndefined();
    const unknown = describePublisher('Bitbucket', { kind: 'Bitbucket', repository: 'a/b' });
    expect(unknown).toEqual({ kind: 'Bitbucket', fromProvenance: true });
    expect(codes(unknown, gh())).toEqual(['PUBLISHER_UNSUPPORTED']);
    expect(codes({ kind: 'github', fromProvenance: true }, gh())).toEqual(['PUBLISHER_UNSUPPORTED']);
  });
  it('a personal identity cannot be inferred', () => {
    expect(inferPublisher({ subjectAlternativeName: 'someone@example.com', issuer: 'https://github.com/login/oauth' })).toBeNull();
  });
});
