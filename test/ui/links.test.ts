import { describe, expect, it } from 'vitest';
import { commitUrl, fileDetailsUrl, githubWorkflowUrl, logEntryUrl, runUrl, safeHref, workflowFileUrl } from '../../src/ui/links';
import { COMMIT } from './factory';

describe('safeHref', () => {
  it('accepts https URLs on the exact allowed hosts', () => {
    expect(safeHref('https://github.com/pypa/sampleproject/commit/' + COMMIT)).toBe(
      'https://github.com/pypa/sampleproject/commit/' + COMMIT,
    );
    expect(safeHref('https://gitlab.com/a/b')).toBe('https://gitlab.com/a/b');
    expect(safeHref('https://search.sigstore.dev/?logIndex=1')).toBe('https://search.sigstore.dev/?logIndex=1');
    expect(safeHref('https://pypi.org/project/x/')).toBe('https://pypi.org/project/x/');
    expect(safeHref('https://test.pypi.org/project/x/')).toBe('https://test.pypi.org/project/x/');
  });

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'http://github.com/pypa/sampleproject',
    '//github.com/pypa/sampleproject',
    '/pypa/sampleproject',
    'https://evil.com/',
    'https://github.com@evil.com/',
    'https://user:pw@github.com/',
    'https://github.com:443@evil.com/',
    'https://github.com:8443/',
    'https://github.com.evil.com/',
    'https://evilgithub.com/',
    'https://github.co/',
    'https://gist.github.com/',
    'https://raw.githubusercontent.com/x',
    'https://xn--gthub-n4a.com/', // gíthub
    'https://gіthub.com/', // Cyrillic і
    'https://github%2ecom/',
    'https://github.com\\@evil.com/',
    'https://github.com./',
    'https://GITHUB.COM@evil.com/',
    'https://search.sigstore.dev.evil.com/',
    'https://docs.pypi.org/',
    'https://github.com/\n',
    '',
  ])('rejects %j', (u) => {
    expect(safeHref(u)).toBeNull();
  });

  it('rejects non-strings', () => {
    expect(safeHref(undefined)).toBeNull();
    expect(safeHref(null)).toBeNull();
    expect(safeHref({ toString: () => 'https://github.com/' })).toBeNull();
  });
});

describe('link builders', () => {
  it('builds immutable workflow and commit links at the sha', () => {
    expect(githubWorkflowUrl('pypa/sampleproject', COMMIT, 'release.yml')).toBe(
      `https://github.com/pypa/sampleproject/blob/${COMMIT}/.github/workflows/release.yml`,
    );
    expect(commitUrl('github', 'pypa/sampleproject', COMMIT)).toBe(`https://github.com/pypa/sampleproject/commit/${COMMIT}`);
    expect(workflowFileUrl('gitlab', 'grp/sub/proj', COMMIT, '.gitlab-ci.yml')).toBe(
      `https://gitlab.com/grp/sub/proj/-/blob/${COMMIT}/.gitlab-ci.yml`,
    );
    expect(commitUrl('gitlab', 'grp/proj', COMMIT)).toBe(`https://gitlab.com/grp/proj/-/commit/${COMMIT}`);
  });

  it('refuses refs, tags, HEAD and path tricks', () => {
    expect(githubWorkflowUrl('pypa/sampleproject', 'refs/tags/v1', 'release.yml')).toBeNull();
    expect(githubWorkflowUrl('pypa/sampleproject', 'HEAD', 'release.yml')).toBeNull();
    expect(commitUrl('github', 'pypa/sampleproject', 'main')).toBeNull();
    expect(commitUrl('github', 'pypa/sampleproject', COMMIT.toUpperCase())).toBeNull();
    expect(githubWorkflowUrl('pypa/sampleproject', COMMIT, '../../evil')).toBeNull();
    expect(workflowFileUrl('gitlab', 'grp/proj', COMMIT, '../x')).toBeNull();
    expect(commitUrl('github', '../evil', COMMIT)).toBeNull();
    expect(commitUrl('github', 'a/b/c', COMMIT)).toBeNull();
    expect(commitUrl('github', 'a@evil.com/b', COMMIT)).toBeNull();
  });

  it('run URL only from github.com/gitlab.com https URIs', () => {
    expect(runUrl('https://github.com/pypa/sampleproject/actions/runs/1/attempts/1')).toBe(
      'https://github.com/pypa/sampleproject/actions/runs/1/attempts/1',
    );
    expect(runUrl('https://pypi.org/x')).toBeNull();
    expect(runUrl('javascript:alert(1)')).toBeNull();
    expect(runUrl(undefined)).toBeNull();
  });

  it('log entry: Rekor v1 by index, Rekor v2 none', () => {
    expect(logEntryUrl({ logIndex: '147137139', rekorVersion: 1 })).toBe('https://search.sigstore.dev/?logIndex=147137139');
    expect(logEntryUrl({ logIndex: '5', rekorVersion: 2 })).toBeNull();
    expect(logEntryUrl({ logIndex: '1&x=javascript:', rekorVersion: 1 })).toBeNull();
  });

  it("PyPI's own file details: https on pypi.org / test.pypi.org only, the raw filename as the fragment", () => {
    const wheel = 'sampleproject-4.0.0-py3-none-any.whl';
    expect(fileDetailsUrl('pypi.org', 'sampleproject', '4.0.0', wheel)).toBe(`https://pypi.org/project/sampleproject/4.0.0/#${wheel}`);
    expect(fileDetailsUrl('test.pypi.org', 'fasthash-lib', '1.2.0', 'fasthash_lib-1.2.0.tar.gz')).toBe(
      'https://test.pypi.org/project/fasthash-lib/1.2.0/#fasthash_lib-1.2.0.tar.gz',
    );
    expect(fileDetailsUrl('github.com', 'sampleproject', '4.0.0', wheel)).toBeNull();
    expect(fileDetailsUrl('pypi.org.evil.com', 'sampleproject', '4.0.0', wheel)).toBeNull();
    expect(fileDetailsUrl('pypi.org', 'sampleproject', null, wheel)).toBeNull();
    expect(fileDetailsUrl('pypi.org', 'Sample/../x', '4.0.0', wheel)).toBeNull();
    expect(fileDetailsUrl('pypi.org', 'sampleproject', '4.0.0', 'a b.whl')).toBeNull();
    expect(fileDetailsUrl('pypi.org', 'sampleproject', '4.0.0', 'x"><script>.whl')).toBeNull();
    expect(fileDetailsUrl('pypi.org', 'sampleproject', '4.0.0', '')).toBeNull();
  });
});
