// @vitest-environment jsdom
import { describe, expect, test } from 'vitest';
import { createHash } from 'node:crypto';
import { parsePypiUrl } from '../../src/content/detect/url';
import { detectPage } from '../../src/content/detect';
import { detectProjectPage, splitHeader, pageSha256For } from '../../src/content/detect/project-page';
import { detectSimpleIndex, sha256FromFragment } from '../../src/content/detect/simple-index';
import { filenameFromDownloadHref } from '../../src/content/detect/files';
import { fixtureDoc, TOKENS } from './fixtures';

describe('parsePypiUrl', () => {
  test('project, release and simple pages', () => {
    expect(parsePypiUrl('https://pypi.org/project/sampleproject/')).toEqual({ index: 'pypi.org', kind: 'project', name: 'sampleproject' });
    expect(parsePypiUrl('https://pypi.org/project/sampleproject/4.0.0/')).toEqual({
      index: 'pypi.org',
      kind: 'release',
      name: 'sampleproject',
      version: '4.0.0',
    });
    expect(parsePypiUrl('https://pypi.org/simple/iniconfig/')).toEqual({ index: 'pypi.org', kind: 'simple', name: 'iniconfig' });
    expect(parsePypiUrl('https://test.pypi.org/project/FastHash_Lib/1.2.0/')?.index).toBe('test.pypi.org');
  });

  test('any spelling of the name; hash and query ignored', () => {
    for (const name of ['FastHash_Lib', 'fasthash-lib', 'FASTHASH.LIB', 'fasthash__lib']) {
      expect(parsePypiUrl(`https://pypi.org/project/${name}/1.2.0/#files`)).toMatchObject({ kind: 'release', name, version: '1.2.0' });
    }
    expect(parsePypiUrl('https://pypi.org/project/sampleproject/?x=1#sampleproject-4.0.0.tar.gz')?.kind).toBe('project');
    expect(parsePypiUrl('https://pypi.org/project/x/1.0rc1+local.1/')?.version).toBe('1.0rc1+local.1');
  });

  test('excludes non-release subpages and non-project paths', () => {
    expect(parsePypiUrl('https://pypi.org/project/sampleproject/submit-malware-report/')).toBeNull();
    expect(parsePypiUrl('https://pypi.org/project/sampleproject/Submit-Malware-Report/')).toBeNull();
    expect(parsePypiUrl('https://pypi.org/project/sampleproject/4.0.0/extra/')).toBeNull();
    expect(parsePypiUrl('https://pypi.org/project/sampleproject')).toBeNull();
    expect(parsePypiUrl('https://pypi.org/project/')).toBeNull();
    expect(parsePypiUrl('https://pypi.org/simple/')).toBeNull();
    expect(parsePypiUrl('https://pypi.org/simple/x/y/')).toBeNull();
    expect(parsePypiUrl('https://pypi.org/search/?q=x')).toBeNull();
    expect(parsePypiUrl('https://pypi.org/user/someone/')).toBeNull();
    expect(parsePypiUrl('https://pypi.org/manage/project/x/')).toBeNull();
    expect(parsePypiUrl('https://pypi.org/pypi/x/json')).toBeNull();
    expect(parsePypiUrl('https://pypi.org/integrity/x/1.0/x-1.0.tar.gz/provenance')).toBeNull();
  });

  test('only https on the two index hosts', () => {
    expect(parsePypiUrl('http://pypi.org/project/x/')).toBeNull();
    expect(parsePypiUrl('https://evil.org/project/x/')).toBeNull();
    expect(parsePypiUrl('https://pypi.org.evil.org/project/x/')).toBeNull();
    expect(parsePypiUrl('https://pypi.org:8443/project/x/')).toBeNull();
    expect(parsePypiUrl('https://files.pythonhosted.org/project/x/')).toBeNull();
    expect(parsePypiUrl('not a url')).toBeNull();
  });

  test('rejects names that are not project names', () => {
    expect(parsePypiUrl('https://pypi.org/project/-bad/')).toBeNull();
    expect(parsePypiUrl('https://pypi.org/project/a%2Fb/')).toBeNull();
    expect(parsePypiUrl('https://pypi.org/project/%E0%A4%A/')).toBeNull();
    expect(parsePypiUrl('https://pypi.org/project/x/1.0%20beta/')).toBeNull();
  });
});

describe('small helpers', () => {
  test('splitHeader splits at the last whitespace run', () => {
    expect(splitHeader('  FastHash_Lib \n  1.2.0 ')).toEqual({ name: 'FastHash_Lib', version: '1.2.0' });
    expect(splitHeader('sampleproject')).toBeNull();
    expect(splitHeader('a b c')).toBeNull();
  });
  test('download hrefs', () => {
    expect(filenameFromDownloadHref('https://files.pythonhosted.org/packages/ab/cd/ef/x-1.0.tar.gz#sha256=00')).toBe('x-1.0.tar.gz');
    expect(filenameFromDownloadHref('https://files.pythonhosted.org/packages/ab/cd/ef/x%2B1-1.0.tar.gz')).toBe('x+1-1.0.tar.gz');
    expect(filenameFromDownloadHref('https://files.pythonhosted.org.evil/packages/x-1.0.tar.gz')).toBeNull();
    expect(filenameFromDownloadHref('https://example.org/packages/x-1.0.tar.gz')).toBeNull();
  });
  test('sha256 fragment', () => {
    const h = 'a'.repeat(64);
    expect(sha256FromFragment(`https://files.pythonhosted.org/packages/x.tar.gz#sha256=${h}`)).toBe(h);
    expect(sha256FromFragment(`https://files.pythonhosted.org/packages/x.tar.gz#sha256=${h.toUpperCase()}`)).toBeNull();
    expect(sha256FromFragment(`https://files.pythonhosted.org/packages/x.tar.gz#md5=${h}`)).toBeNull();
    expect(sha256FromFragment('https://files.pythonhosted.org/packages/x.tar.gz')).toBeNull();
  });
});

const SAMPLE_FILES = ['sampleproject-4.0.0.tar.gz', 'sampleproject-4.0.0-py3-none-any.whl'];

describe('project / release pages (fixtures)', () => {
  const cases = [
    { rel: 'project/sampleproject/index.html', url: 'https://pypi.org/project/sampleproject/', kind: 'project' },
    { rel: 'project/sampleproject/4.0.0/index.html', url: 'https://pypi.org/project/sampleproject/4.0.0/', kind: 'release' },
    { rel: 'legacy-2025/project/sampleproject/index.html', url: 'https://pypi.org/project/sampleproject/', kind: 'project' },
  ] as const;
  for (const c of cases) {
    test(`${c.rel}: 2 files, real sha256 cross-checked`, () => {
      const doc = fixtureDoc(c.rel);
      const page = detectPage(doc, c.url);
      expect(page).not.toBeNull();
      expect(page!.kind).toBe(c.kind);
      expect(page!.project).toBe('sampleproject');
      expect(page!.displayName).toBe('sampleproject');
      expect(page!.version).toBe('4.0.0');
      expect(page!.files.map((f) => f.filename)).toEqual(SAMPLE_FILES);
      expect(page!.files[0]!.pageSha256).toBe('0ace7980f82c5815ede4cd7bf9f6693684cec2ae47b9b7ade9add533b8627c6b');
      expect(page!.files[1]!.pageSha256).toBe('c23e447ea90d796d1e645c35c4b2de125040add12a845825546f91c93f391b6b');
      for (const f of page!.files) {
        expect(f.mountPoint.classList.contains('file__card')).toBe(true);
        expect(doc.getElementById('files')!.contains(f.mountPoint)).toBe(true);
        expect(f.mountPoint.firstElementChild).toBe(f.anchor);
        expect(f.anchor.textContent!.trim()).toBe(f.filename);
      }
    });
  }

  test('FastHash_Lib 1.2.0: 7 files, normalised name, fixture sha256 = sha256("fixture:"+filename)', () => {
    const doc = fixtureDoc('project/FastHash_Lib/1.2.0/index.html');
    // The page was reached through a non-canonical spelling: still accepted.
    const page = detectPage(doc, 'https://pypi.org/project/fasthash-lib/1.2.0/');
    expect(page).not.toBeNull();
    expect(page!.kind).toBe('release');
    expect(page!.project).toBe('fasthash-lib');
    expect(page!.displayName).toBe('FastHash_Lib');
    expect(page!.version).toBe('1.2.0');
    expect(page!.files).toHaveLength(7);
    expect(page!.files.filter((f) => f.filename.endsWith('.tar.gz'))).toHaveLength(1);
    expect(page!.files.map((f) => f.filename)).toContain('fasthash_lib-1.2.0-cp311-cp311-win_amd64.whl');
    for (const f of page!.files) {
      const expected = createHash('sha256')
        .update('fixture:' + f.filename)
        .digest('hex');
      expect(f.pageSha256).toBe(expected);
      expect(TOKENS[f.filename]!.sha256).toBe(expected);
    }
  });

  test('provenance cards (.file__card inside details panels) are not file entries', () => {
    const doc = fixtureDoc('project/FastHash_Lib/1.2.0/index.html');
    const allCards = doc.querySelectorAll('.file__card').length;
    expect(allCards).toBeGreaterThan(7);
    const page = detectPage(doc, 'https://pypi.org/project/FastHash_Lib/1.2.0/')!;
    expect(new Set(page.files.map((f) => f.mountPoint)).size).toBe(7);
  });

  test('pycrypto: a single sdist, no provenance section', () => {
    const doc = fixtureDoc('project/pycrypto/index.html');
    const page = detectPage(doc, 'https://pypi.org/project/pycrypto/')!;
    expect(page.project).toBe('pycrypto');
    expect(page.version).toBe('2.6.1');
    expect(page.files.map((f) => f.filename)).toEqual(['pycrypto-2.6.1.tar.gz']);
    expect(page.files[0]!.pageSha256).toBe(TOKENS['pycrypto-2.6.1.tar.gz']!.sha256);
  });

  test('page sha256 reflects what the page shows (a substituted mismatch is read as-is)', () => {
    const other = 'f'.repeat(64);
    const doc = fixtureDoc('project/sampleproject/index.html', { 'sampleproject-4.0.0.tar.gz': other });
    expect(pageSha256For(doc, 'sampleproject-4.0.0.tar.gz')).toBe(other);
    expect(pageSha256For(doc, 'no-such-file-1.0.tar.gz')).toBeNull();
  });

  test('bails: wrong project in path, version mismatch, no #files, no h1, malware-report page', () => {
    const doc = fixtureDoc('project/sampleproject/index.html');
    expect(detectPage(doc, 'https://pypi.org/project/otherproject/')).toBeNull();
    expect(detectPage(doc, 'https://pypi.org/project/sampleproject/3.0.0/')).toBeNull();
    expect(detectPage(doc, 'https://pypi.org/project/sampleproject/submit-malware-report/')).toBeNull();
    expect(detectPage(doc, 'https://pypi.org/simple/sampleproject/')).toBeNull(); // project markup is not a simple index
    const noFiles = fixtureDoc('project/sampleproject/index.html');
    noFiles.getElementById('files')!.remove();
    expect(detectProjectPage(noFiles, 'https://pypi.org/project/sampleproject/')).toBeNull();
    const noH1 = fixtureDoc('project/sampleproject/index.html');
    noH1.querySelector('h1.project-header__name')!.remove();
    expect(detectProjectPage(noH1, 'https://pypi.org/project/sampleproject/')).toBeNull();
  });

  test('bails when the canonical link names another project', () => {
    const doc = fixtureDoc('project/sampleproject/index.html');
    doc.querySelector('link[rel=canonical]')!.setAttribute('href', 'https://pypi.org/project/evil/');
    expect(detectProjectPage(doc, 'https://pypi.org/project/sampleproject/')).toBeNull();
  });

  test('a link whose text differs from its URL filename is skipped', () => {
    const doc = fixtureDoc('project/sampleproject/index.html');
    const a = doc.querySelector<HTMLAnchorElement>('#files a[href^="https://files.pythonhosted.org/packages/"]')!;
    a.textContent = 'sampleproject-9.9.9.tar.gz';
    const page = detectProjectPage(doc, 'https://pypi.org/project/sampleproject/')!;
    expect(page.files.map((f) => f.filename)).toEqual(['sampleproject-4.0.0-py3-none-any.whl']);
  });
});

describe('simple index (fixtures)', () => {
  test('simple/sampleproject: 13 files, sha256 from fragments', () => {
    const doc = fixtureDoc('simple/sampleproject/index.html');
    const page = detectPage(doc, 'https://pypi.org/simple/sampleproject/')!;
    expect(page.kind).toBe('simple');
    expect(page.project).toBe('sampleproject');
    expect(page.version).toBeNull();
    expect(page.files).toHaveLength(13);
    for (const f of page.files) {
      expect(f.pageSha256).toBe(TOKENS[f.filename]!.sha256);
      expect(f.mountPoint).toBe(doc.body);
    }
  });

  test('simple/iniconfig real capture: 16 files with real sha256 values', () => {
    const doc = fixtureDoc('simple/iniconfig/index.html');
    const page = detectSimpleIndex(doc, 'https://pypi.org/simple/iniconfig/')!;
    expect(page.files).toHaveLength(16);
    expect(page.files[0]).toMatchObject({
      filename: 'iniconfig-0.1.tar.gz',
      pageSha256: 'f0a16b26d6439c6cf0841a1d77d8fe93c6bacdeff9e7d45dadf8fc83a2e56ae1',
    });
    expect(page.files.every((f) => f.pageSha256 !== null && /^[0-9a-f]{64}$/.test(f.pageSha256))).toBe(true);
  });

  test('simple/fasthash-lib and simple/pycrypto', () => {
    expect(detectPage(fixtureDoc('simple/fasthash-lib/index.html'), 'https://pypi.org/simple/fasthash-lib/')!.files).toHaveLength(36);
    const p = detectPage(fixtureDoc('simple/pycrypto/index.html'), 'https://pypi.org/simple/pycrypto/')!;
    expect(p.files).toHaveLength(9);
    expect(p.files.every((f) => f.pageSha256 === TOKENS[f.filename]!.sha256)).toBe(true);
  });

  test('a project page is not a simple index', () => {
    expect(detectSimpleIndex(fixtureDoc('project/sampleproject/index.html'), 'https://pypi.org/simple/sampleproject/')).toBeNull();
  });
});
