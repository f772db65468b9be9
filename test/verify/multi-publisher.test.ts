/**
 * Multi-bundle honesty (issue #17.4): the verdict lists every bundle's publisher, and a verified
 * file whose bundles name different identities says so (a warning in strict mode).
 */
import { describe, expect, it } from 'vitest';
import { flagMultiplePublishers, verifyProvenance } from '../../src/verify/index';
import { hasMultiplePublishers, levelFor } from '../../src/verify/level';
import type { PublisherInfo, Verdict } from '../../src/verify/verdict';
import { clone, codes, prodTrust, readJSON } from './helpers';

const SP = 'sampleproject/sampleproject-4.0.0.tar.gz.provenance';
const SP_DIST = { filename: 'sampleproject-4.0.0.tar.gz', sha256: '0ace7980f82c5815ede4cd7bf9f6693684cec2ae47b9b7ade9add533b8627c6b' };

/** The real provenance with its bundle listed twice, the second copy's publisher edited. */
function twoBundles(edit: (publisher: Record<string, unknown>) => void) {
  const p = clone(readJSON(SP));
  const second = clone(p.attestation_bundles[0]);
  edit(second.publisher);
  p.attestation_bundles.push(second);
  return p;
}

describe('every bundle has its publisher in the verdict', () => {
  it('two bundles that differ only in the unsigned environment: verified, both listed, not "different publishers"', async () => {
    const v = await verifyProvenance(
      twoBundles((pub) => (pub.environment = 'release')),
      SP_DIST,
      prodTrust(),
    );
    expect(v.state).toBe('verified');
    expect(v.publishers?.map((p) => [p.repository, p.environment])).toEqual([
      ['pypa/sampleproject', ''],
      ['pypa/sampleproject', 'release'],
    ]);
    expect(codes(v)).not.toContain('MULTIPLE_PUBLISHERS');
  });

  it('a second bundle naming another repository does not verify (and is listed)', async () => {
    const v = await verifyProvenance(
      twoBundles((pub) => (pub.repository = 'evil/sampleproject')),
      SP_DIST,
      prodTrust(),
    );
    expect(v.state).toBe('failed');
    expect(v.publisher?.repository).toBe('pypa/sampleproject');
    expect(v.publishers?.map((p) => p.repository)).toEqual(['pypa/sampleproject', 'evil/sampleproject']);
  });
});

describe('verified bundles naming different identities', () => {
  const gh = (repository: string, workflow = 'release.yml'): PublisherInfo => ({
    kind: 'GitHub',
    repository,
    workflow,
    fromProvenance: true,
  });
  const verified = (): Verdict =>
    ({
      state: 'verified',
      filename: 'x-1.tar.gz',
      sha256: '0'.repeat(64),
      reasons: [],
      publisher: null,
      attestations: [],
      trustRootId: '',
      checkedAt: '',
    }) as Verdict;

  it('say so plainly, naming every publisher, whatever the bundle order', () => {
    for (const order of [
      [gh('pypa/sampleproject'), gh('other/fork')],
      [gh('other/fork'), gh('pypa/sampleproject')],
    ]) {
      const v = verified();
      flagMultiplePublishers(v, order);
      expect(codes(v)).toEqual(['MULTIPLE_PUBLISHERS']);
      expect(v.reasons[0]!.message).toMatch(/^This file is attested by two different publishers: /);
      expect(v.reasons[0]!.message).toContain('GitHub pypa/sampleproject (release.yml)');
      expect(v.reasons[0]!.message).toContain('GitHub other/fork (release.yml)');
    }
  });

  it('the same identity twice (repository case, environment) is one publisher', () => {
    const v = verified();
    flagMultiplePublishers(v, [gh('pypa/sampleproject'), { ...gh('PyPA/SampleProject'), environment: 'pypi' }]);
    expect(v.reasons).toEqual([]);
  });

  it('strict mode makes it a warning; otherwise it stays ok; a pin mismatch is still danger', () => {
    const v = verified();
    flagMultiplePublishers(v, [gh('a/b'), gh('a/b', 'other.yml')]);
    const multiplePublishers = hasMultiplePublishers(v.reasons);
    expect(multiplePublishers).toBe(true);
    expect(levelFor('verified', { strict: true, multiplePublishers })).toBe('warning');
    expect(levelFor('verified', { strict: false, multiplePublishers })).toBe('ok');
    expect(levelFor('verified', { strict: true, multiplePublishers, pinMismatch: true })).toBe('danger');
    expect(levelFor('verified', { strict: true })).toBe('ok');
  });
});
