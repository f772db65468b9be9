// @vitest-environment jsdom
/** test.pypi.org pages: same DOM as pypi.org, files served from test-files.pythonhosted.org. */
import { describe, expect, test } from 'vitest';
import { detectPage } from '../../src/content/detect';
import { filenameFromDownloadHref } from '../../src/content/detect/files';
import { fixtureHtml } from './fixtures';

/** A pypi.org fixture page as test.pypi.org serves it. */
function asTestPypi(rel: string): Document {
  const html = fixtureHtml(rel)
    .replaceAll('https://files.pythonhosted.org/', 'https://test-files.pythonhosted.org/')
    .replaceAll('https://pypi.org/', 'https://test.pypi.org/');
  return new DOMParser().parseFromString(html, 'text/html');
}

describe('test.pypi.org', () => {
  test('download links on test-files.pythonhosted.org are files', () => {
    expect(filenameFromDownloadHref('https://test-files.pythonhosted.org/packages/ab/cd/x-1.0.tar.gz')).toBe('x-1.0.tar.gz');
    expect(filenameFromDownloadHref('https://test-files.pythonhosted.org.evil/packages/x-1.0.tar.gz')).toBeNull();
    expect(filenameFromDownloadHref('https://evil-test-files.pythonhosted.org/packages/x-1.0.tar.gz')).toBeNull();
  });

  test('project page: same files as on pypi.org, index test.pypi.org', () => {
    const prod = detectPage(
      new DOMParser().parseFromString(fixtureHtml('project/sampleproject/index.html'), 'text/html'),
      'https://pypi.org/project/sampleproject/',
    );
    const page = detectPage(asTestPypi('project/sampleproject/index.html'), 'https://test.pypi.org/project/sampleproject/');
    expect(page).not.toBeNull();
    expect(page!.index).toBe('test.pypi.org');
    expect(page!.files.length).toBe(2);
    expect(page!.files.map((f) => [f.filename, f.pageSha256])).toEqual(prod!.files.map((f) => [f.filename, f.pageSha256]));
  });

  test('simple index page', () => {
    const page = detectPage(asTestPypi('simple/sampleproject/index.html'), 'https://test.pypi.org/simple/sampleproject/');
    expect(page!.index).toBe('test.pypi.org');
    expect(page!.files.length).toBe(13);
  });
});
