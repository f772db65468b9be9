import { describe, expect, it } from 'vitest';
import { parseBuildConfigUri, pinFromVerdict, provenIdentity } from '../../src/ui/identity';
import { parsePin } from '../../src/settings';
import { attestation, COMMIT, githubIdentity, verdict } from './factory';

describe('identity', () => {
  it('parses Build Config URIs per forge', () => {
    expect(parseBuildConfigUri('github', 'https://github.com/pypa/sampleproject/.github/workflows/release.yml@refs/tags/v1')).toEqual({
      repository: 'pypa/sampleproject',
      path: '.github/workflows/release.yml',
    });
    expect(parseBuildConfigUri('gitlab', 'https://gitlab.com/g/sub/p//ci/release.yml@refs/heads/main')).toEqual({
      repository: 'g/sub/p',
      path: 'ci/release.yml',
    });
    expect(parseBuildConfigUri('github', 'https://github.com.evil.com/a/b/.github/workflows/x.yml@x')).toBeNull();
    expect(parseBuildConfigUri('github', 'https://github.com/a/b/other/x.yml@x')).toBeNull();
    expect(parseBuildConfigUri('gitlab', 'https://gitlab.com/g/p//../x@y')).toBeNull();
  });

  it('reads the identity only from the certificate, requires a sha for the commit', () => {
    const id = provenIdentity(githubIdentity({ sourceRepositoryDigest: 'main' }));
    expect(id).toMatchObject({ kind: 'forge', repository: 'pypa/sampleproject', workflowName: 'release.yml', commit: null });
    expect(provenIdentity(githubIdentity())).toMatchObject({ commit: COMMIT });
    expect(provenIdentity({ subjectAlternativeName: 'x', issuer: 'https://evil.example' })).toEqual({
      kind: 'other',
      san: 'x',
      issuer: 'https://evil.example',
    });
  });

  it('builds a pin from a verified verdict only, valid for parsePin', () => {
    const pin = pinFromVerdict('sampleproject', verdict('verified'));
    expect(pin).toEqual({ project: 'sampleproject', kind: 'GitHub', repository: 'pypa/sampleproject', workflow: 'release.yml' });
    expect(parsePin(pin)).toEqual(pin);
    expect(pinFromVerdict('sampleproject', verdict('failed'))).toBeNull();
    const g = verdict('verified', {
      attestations: [
        attestation({ identity: { subjectAlternativeName: 'sa@p.iam.gserviceaccount.com', issuer: 'https://accounts.google.com' } }),
      ],
    });
    expect(pinFromVerdict('x', g)).toEqual({ project: 'x', kind: 'Google', email: 'sa@p.iam.gserviceaccount.com' });
  });
});
