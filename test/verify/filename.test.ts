import { describe, expect, it } from 'vitest';
import { canonicalizeVersion, filenameMatches, normalizeDistName, parseDistFilename } from '../../src/verify/index';

describe('canonicalizeVersion (PEP 440, as packaging compares)', () => {
  const cases: [string, string][] = [
    ['1.0', '1'],
    ['1.0.0', '1'],
    ['0', '0'],
    ['0.0', '0'],
    ['1.10', '1.10'],
    ['01.002', '1.2'],
    ['v1.2', '1.2'],
    ['V1.2', '1.2'],
    ['1.0a1', '1a1'],
    ['1.0alpha1', '1a1'],
    ['1.0-beta.2', '1b2'],
    ['1.0c3', '1rc3'],
    ['1.0pre3', '1rc3'],
    ['1.0preview3', '1rc3'],
    ['1.0RC1', '1rc1'],
    ['1.0a', '1a0'],
    ['1.0-1', '1.post1'],
    ['1.0.post1', '1.post1'],
    ['1.0post', '1.post0'],
    ['1.0-r2', '1.post2'],
    ['1.0rev3', '1.post3'],
    ['1.0.dev', '1.dev0'],
    ['1.0-dev2', '1.dev2'],
    ['1.0a1.post2.dev3', '1a1.post2.dev3'],
    ['1!2.0', '1!2'],
    ['0!2.0', '2'],
    ['1.0+ABC.01', '1+abc.1'],
    ['1.0+abc-def_g', '1+abc.def.g'],
    ['0.0.4a2', '0.0.4a2'],
    ['0.0.19', '0.0.19'],
  ];
  for (const [input, out] of cases) it(`${input} -> ${out}`, () => expect(canonicalizeVersion(input)).toBe(out));

  for (const bad of ['', 'abc', '1.0.', '1..0', '1.0+', '1.0+a..b', 'one', '1.0 2', '1.0/2', 'x'.repeat(300)]) {
    it(`rejects ${JSON.stringify(bad.slice(0, 12))}`, () => expect(canonicalizeVersion(bad)).toBeNull());
  }
});

describe('normalizeDistName', () => {
  it('lowercases and collapses separators', () => {
    expect(normalizeDistName('Foo_Bar')).toBe('foo-bar');
    expect(normalizeDistName('foo.-_bar')).toBe('foo-bar');
    expect(normalizeDistName('PYPI_attestations')).toBe('pypi-attestations');
  });
});

describe('parseDistFilename', () => {
  it('sdist', () => {
    expect(parseDistFilename('pypi_attestations-0.0.19.tar.gz')).toEqual({
      type: 'sdist',
      name: 'pypi-attestations',
      version: '0.0.19',
      ext: '.tar.gz',
    });
    expect(parseDistFilename('Foo.Bar-1.0.zip')).toEqual({ type: 'sdist', name: 'foo-bar', version: '1', ext: '.zip' });
    // The version is after the last dash; the name may contain dashes.
    expect(parseDistFilename('foo-bar-2.0.tar.gz')).toMatchObject({ name: 'foo-bar', version: '2' });
  });

  it('wheel, with build tag and compressed tag sets', () => {
    expect(parseDistFilename('sampleproject-4.0.0-py3-none-any.whl')).toEqual({
      type: 'wheel',
      name: 'sampleproject',
      version: '4',
      build: null,
      tags: ['py3-none-any'],
    });
    expect(parseDistFilename('foo-1.0-1abc-py2.py3-none-any.whl')).toMatchObject({ build: '1abc', tags: ['py2-none-any', 'py3-none-any'] });
    const w = parseDistFilename('spt3g-1.0-cp310-cp310-manylinux_2_17_x86_64.manylinux2014_x86_64.whl');
    expect(w).toMatchObject({ type: 'wheel', tags: ['cp310-cp310-manylinux2014_x86_64', 'cp310-cp310-manylinux_2_17_x86_64'] });
    expect(parseDistFilename('Foo-1.0-CP310-cp310-Win_AMD64.whl')).toMatchObject({ name: 'foo', tags: ['cp310-cp310-win_amd64'] });
  });

  const invalid = [
    '',
    'foo',
    'foo.tar.gz',
    'foo-.tar.gz',
    '-1.0.tar.gz',
    'foo-notaversion.tar.gz',
    'foo-1.0.tar.bz2',
    'foo-1.0.egg',
    'foo-1.0.TAR.GZ',
    'foo-1.0-py3-none.whl',
    'foo-1.0-x-y-py3-none-any.whl',
    'foo__bar-1.0-py3-none-any.whl',
    'foo-bar-1.0-py3-none-any.whl'.replace('foo-bar', 'foo-bar-baz'),
    'foo-1.0-abc-py3-none-any.whl',
    'foo-1.0-py3-none-any..whl',
    'foo-1.0-py3-none-an$y.whl',
    '../foo-1.0.tar.gz',
    'foo 1-1.0.tar.gz',
  ];
  for (const name of invalid) it(`rejects ${JSON.stringify(name)}`, () => expect(parseDistFilename(name)).toBeNull());
});

describe('filenameMatches (PyPI rule)', () => {
  it('is insensitive to name case and separators, and to version spelling', () => {
    expect(filenameMatches('Foo_Bar-1.0.tar.gz', 'foo_bar-1.0.tar.gz')).toBe(true);
    expect(filenameMatches('foo.bar-1.0.tar.gz', 'foo-bar-1.0.0.tar.gz')).toBe(true);
    expect(filenameMatches('foo-1.0a1.tar.gz', 'foo-1.0.0alpha1.tar.gz')).toBe(true);
    expect(filenameMatches('Foo-1.0-py3-none-any.whl', 'foo-1.0.0-py3-none-any.whl')).toBe(true);
  });
  it('is insensitive to the order of a compressed tag set', () => {
    expect(
      filenameMatches(
        'spt3g-1.0-cp310-cp310-manylinux_2_17_x86_64.manylinux2014_x86_64.whl',
        'spt3g-1.0-cp310-cp310-manylinux2014_x86_64.manylinux_2_17_x86_64.whl',
      ),
    ).toBe(true);
    expect(filenameMatches('foo-1.0-py2.py3-none-any.whl', 'foo-1.0-py3.py2-none-any.whl')).toBe(true);
  });
  it('distinguishes different files', () => {
    expect(filenameMatches('foo-1.0.tar.gz', 'foo-1.1.tar.gz')).toBe(false);
    expect(filenameMatches('foo-1.0.tar.gz', 'bar-1.0.tar.gz')).toBe(false);
    expect(filenameMatches('foo-1.0.tar.gz', 'foo-1.0.zip')).toBe(false);
    expect(filenameMatches('foo-1.0.tar.gz', 'foo-1.0-py3-none-any.whl')).toBe(false);
    expect(filenameMatches('foo-1.0-py3-none-any.whl', 'foo-1.0-py2-none-any.whl')).toBe(false);
    expect(filenameMatches('foo-1.0-py2.py3-none-any.whl', 'foo-1.0-py3-none-any.whl')).toBe(false);
    expect(filenameMatches('foo-1.0-1-py3-none-any.whl', 'foo-1.0-py3-none-any.whl')).toBe(false);
    expect(filenameMatches('foo-1.0-1-py3-none-any.whl', 'foo-1.0-01-py3-none-any.whl')).toBe(true);
    expect(filenameMatches('foo-1.0+local-py3-none-any.whl', 'foo-1.0-py3-none-any.whl')).toBe(false);
    expect(filenameMatches('foo-1.0.post1.tar.gz', 'foo-1.0.tar.gz')).toBe(false);
  });
  it('never matches invalid names, even identical ones', () => {
    expect(filenameMatches('foo', 'foo')).toBe(false);
    expect(filenameMatches('foo-1.0.egg', 'foo-1.0.egg')).toBe(false);
  });
});
