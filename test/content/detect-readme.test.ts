// @vitest-environment jsdom
/**
 * Issue #18.1: no README content can add, remove or move a file entry, a details panel or a page
 * sha256. The hostile READMEs use only what readme_renderer lets through (hostile-readme.ts).
 */
import { describe, expect, test } from 'vitest';
import { detectPage, findFilesPanel } from '../../src/content/detect';
import { pageSha256For } from '../../src/content/detect/project-page';
import { assertSanitiserAllows, hostileReadmes, pageWithReadme } from './hostile-readme';
import { TOKENS } from './fixtures';

const SAMPLE = ['sampleproject-4.0.0.tar.gz', 'sampleproject-4.0.0-py3-none-any.whl'];
const LAYOUTS = [
  { name: 'current', rel: 'project/sampleproject/4.0.0/index.html', url: 'https://pypi.org/project/sampleproject/4.0.0/' },
  { name: 'legacy', rel: 'legacy-2025/project/sampleproject/index.html', url: 'https://pypi.org/project/sampleproject/' },
] as const;

const inReadme = (el: Element) => el.closest('.project-description') !== null;

describe('the allow-list check itself', () => {
  test('rejects what readme_renderer strips (data-*, class on tr/table/a, <time>, javascript:)', () => {
    expect(() => assertSanitiserAllows('<div data-project-tabs-target="content" id="files"></div>')).toThrow(/data-project-tabs-target/);
    expect(() => assertSanitiserAllows('<table class="table--files"></table>')).toThrow(/class/);
    expect(() => assertSanitiserAllows('<table><tbody><tr class="file-row"></tr></tbody></table>')).toThrow(/class/);
    expect(() => assertSanitiserAllows('<a class="x" href="https://a">x</a>')).toThrow(/class/);
    expect(() => assertSanitiserAllows('<time>x</time>')).toThrow(/time/);
    expect(() => assertSanitiserAllows('<a href="javascript:alert(1)">x</a>')).toThrow(/href/);
    expect(() =>
      assertSanitiserAllows('<div id="files" class="card file__card"><span class="file-info__name">x</span></div>'),
    ).not.toThrow();
  });
});

for (const layout of LAYOUTS) {
  describe(`${layout.name} layout: hostile READMEs`, () => {
    for (const [name, html] of Object.entries(hostileReadmes(SAMPLE))) {
      test(name, () => {
        const doc = pageWithReadme(layout.rel, html);
        const page = detectPage(doc, layout.url);
        expect(page).not.toBeNull();
        expect(page!.files.map((f) => f.filename)).toEqual(SAMPLE);
        expect(inReadme(page!.fileList)).toBe(false);
        expect(page!.fileList.getAttribute('data-project-tabs-target')).toBe('content');
        for (const f of page!.files) {
          expect(f.pageSha256).toBe(TOKENS[f.filename]!.sha256);
          expect(inReadme(f.anchor)).toBe(false);
          expect(inReadme(f.mountPoint)).toBe(false);
          expect(page!.fileList.contains(f.mountPoint)).toBe(true);
        }
      });
    }

    test('control: the README does win getElementById, so these tests can fail', () => {
      const doc = pageWithReadme(layout.rel, hostileReadmes(SAMPLE)['everything at once']!);
      expect(inReadme(doc.getElementById('files')!)).toBe(true);
      expect(inReadme(doc.getElementById(SAMPLE[0]!)!)).toBe(true);
      expect(inReadme(findFilesPanel(doc)!)).toBe(false);
    });

    test('a release without files: a README #files full of links is no file list', () => {
      const doc = pageWithReadme(layout.rel, hostileReadmes(SAMPLE)['nested lists of links to files.pythonhosted.org']!);
      const real = findFilesPanel(doc)!;
      for (const f of SAMPLE) doc.querySelector(`[data-project-tabs-target="content"][id="${f}"]`)?.remove();
      real.remove();
      expect(findFilesPanel(doc)).toBeNull();
      expect(detectPage(doc, layout.url)).toBeNull();
      expect(pageSha256For(doc, SAMPLE[0]!)).toBeNull();
    });

    test('no details panels on the page: a README element named like the file gives no sha256', () => {
      const doc = pageWithReadme(layout.rel, hostileReadmes(SAMPLE)['an element per filename with a fake <code> digest']!);
      for (const f of SAMPLE) doc.querySelector(`[data-project-tabs-target="content"][id="${f}"]`)!.remove();
      const page = detectPage(doc, layout.url)!;
      expect(page.files.map((f) => f.pageSha256)).toEqual([null, null]);
    });
  });
}

test('FastHash_Lib: 7 files, none taken from a README listing all of them twice', () => {
  const names = Object.keys(TOKENS).filter((n) => n.startsWith('fasthash_lib-1.2.0'));
  expect(names).toHaveLength(7);
  const doc = pageWithReadme('project/FastHash_Lib/1.2.0/index.html', hostileReadmes(names)['everything at once']!);
  const page = detectPage(doc, 'https://pypi.org/project/FastHash_Lib/1.2.0/')!;
  expect(page.files.map((f) => f.filename).sort()).toEqual([...names].sort());
  for (const f of page.files) expect(f.pageSha256).toBe(TOKENS[f.filename]!.sha256);
});
