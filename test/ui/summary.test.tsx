// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { attestation, fileView, githubIdentity, verdict } from './factory';
import { summaryBox as mount } from './inline';
import { checkLines } from '../../src/history/wording';
import type { ReleaseChecks } from '../../src/history/types';

afterEach(() => {
  document.body.replaceChildren();
});

const verifiedFile = (i: number, repo = 'pypa/sampleproject', wf = 'release.yml') => {
  const v = verdict('verified', {
    filename: `sampleproject-4.0.${i}.tar.gz`,
    attestations: [attestation({ identity: githubIdentity({}, repo, wf) })],
  });
  return fileView(v);
};

describe('Summary', () => {
  it('counts verified files and names the single publisher', () => {
    const files = [...Array.from({ length: 7 }, (_, i) => verifiedFile(i)), fileView(verdict('absent', { filename: 'x-1.tar.gz' }))];
    const el = mount(files);
    expect(el.getAttribute('aria-live')).toBe('polite');
    expect(el.textContent).toContain('7 of 8 files have verified provenance from pypa/sampleproject · release.yml');
    expect(el.textContent).toContain('1 without provenance');
  });

  it('says when publishers are mixed', () => {
    const el = mount([verifiedFile(1), verifiedFile(2, 'other/fork', 'ci.yml')]);
    expect(el.textContent).toContain(
      '2 of 2 files have verified provenance from 2 different publishers: pypa/sampleproject · release.yml; other/fork · ci.yml',
    );
  });

  it('names every verified publisher of one file and says the file has more than one (#17.4)', () => {
    const two = fileView(
      verdict('verified', {
        filename: 'sampleproject-4.0.0.tar.gz',
        attestations: [
          attestation({ identity: githubIdentity({}, 'pypa/sampleproject', 'release.yml') }),
          attestation({ index: 1, bundleIndex: 1, identity: githubIdentity({}, 'other/fork', 'ci.yml') }),
        ],
      }),
    );
    const el = mount([two, verifiedFile(2)]);
    expect(el.textContent).toContain(
      '2 of 2 files have verified provenance from 2 different publishers: pypa/sampleproject · release.yml; other/fork · ci.yml',
    );
    expect(el.textContent).toContain('1 file attested by more than one publisher');
    // The same identity twice (publish + SLSA attestations) is one publisher.
    const same = fileView(
      verdict('verified', {
        filename: 'sampleproject-4.0.0.tar.gz',
        attestations: [
          attestation({ identity: githubIdentity({}, 'pypa/sampleproject', 'release.yml') }),
          attestation({ index: 1, identity: githubIdentity({}, 'pypa/sampleproject', 'release.yml') }),
        ],
      }),
    );
    const one = mount([same]);
    expect(one.textContent).toContain('1 of 1 file has verified provenance from pypa/sampleproject · release.yml');
    expect(one.textContent).not.toContain('more than one publisher');
  });

  it('shows pending progress and failures in red', () => {
    const el = mount([
      verifiedFile(1),
      fileView(null, { filename: 'a-1.tar.gz' }),
      fileView(null, { filename: 'b-1.tar.gz' }),
      fileView(null, { filename: 'c-1.tar.gz' }),
      fileView(verdict('failed', { filename: 'd-1.tar.gz' })),
      fileView(verdict('error', { filename: 'e-1.tar.gz' })),
    ]);
    expect(el.textContent).toContain('1 of 6 files have verified provenance');
    expect(el.textContent).toContain('checking 3 files…');
    expect(el.querySelector('.sum__failed')!.textContent).toContain('1 file FAILED the provenance check');
    // Failures lead the line, before the verified count.
    expect(el.querySelector('[data-count]')!.className).toBe('sum__failed');
    expect(el.textContent!.indexOf('FAILED')).toBeLessThan(el.textContent!.indexOf('1 of 6 files'));
    expect(el.textContent).toContain('1 could not be checked');
    expect(el.classList.contains('sum--danger')).toBe(true);
  });

  it('failed files never contribute a publisher', () => {
    const el = mount([
      fileView(verdict('failed', { attestations: [attestation({ ok: false, identity: githubIdentity({}, 'evil/claimed') })] })),
    ]);
    expect(el.textContent).not.toContain('evil/claimed');
    expect(el.textContent).toContain('0 of 1 file has verified provenance');
  });

  it('labels the worker sent count only for a file shown verified', () => {
    const claimed = { publishers: ['evil/claimed · x.yml'] };
    const el = mount([
      fileView(verdict('failed'), claimed),
      fileView(verdict('absent', { filename: 'x-1.tar.gz' }), claimed),
      // "verified" with an attestation that did not verify is shown as could-not-check
      fileView(verdict('verified', { filename: 'y-1.tar.gz', attestations: [attestation({ ok: false })] }), claimed),
    ]);
    expect(el.textContent).not.toContain('evil/claimed');
    expect(el.textContent).toContain('0 of 3 files have verified provenance');
  });

  it('one file', () => {
    const el = mount([verifiedFile(1)]);
    expect(el.textContent).toContain('1 of 1 file has verified provenance from pypa/sampleproject · release.yml');
  });
});

describe('release check lines', () => {
  const checks = (coverage: 'all' | 'some' | 'none', total: number, attested: number) =>
    checkLines({ coverage, total, attested, mixedPublishers: false, publishers: [], addedLater: [] } satisfies ReleaseChecks);
  it('say PyPI, and have a singular for a one-file release', () => {
    expect(checks('none', 1, 0)[0]).toBe("The release's only file has no provenance on PyPI.");
    expect(checks('none', 3, 0)[0]).toBe('None of the 3 files of this release has provenance on PyPI.');
    expect(checks('all', 1, 1)[0]).toBe("The release's only file has provenance on PyPI.");
    expect(checks('all', 2, 2)[0]).toBe('All 2 files of this release have provenance on PyPI.');
    expect(checks('some', 3, 2)[0]).toBe('2 of 3 files of this release have provenance on PyPI.');
  });

  it('files added later: five named, then the rest counted, with a singular', () => {
    const later = (n: number) =>
      checkLines({
        coverage: 'all',
        total: n + 1,
        attested: n + 1,
        mixedPublishers: false,
        publishers: [],
        addedLater: Array.from({ length: n }, (_, i) => ({
          filename: `f-${i}.whl`,
          uploadTime: '2025-01-03T00:00:00Z',
          hoursAfter: 30 + i,
        })),
      } satisfies ReleaseChecks);
    expect(later(5).filter((l) => l.includes('more file'))).toEqual([]);
    expect(later(6).at(-1)).toBe('…and 1 more file added later.');
    expect(later(8).at(-1)).toBe('…and 3 more files added later.');
  });
});
