import { describe, expect, it } from 'vitest';
import { downloadUrlMismatch } from '../../src/content/download-url';

const F = 'sampleproject-4.0.0.tar.gz';
const LISTED = `https://files.pythonhosted.org/packages/aa/bb/cc/${F}`;
const HEX = 'ab'.repeat(32);

describe('downloadUrlMismatch', () => {
  it('the index URL itself, or with only a #sha256= fragment, is not a mismatch', () => {
    expect(downloadUrlMismatch(LISTED, LISTED)).toBe(false);
    expect(downloadUrlMismatch(`${LISTED}#sha256=${HEX}`, LISTED)).toBe(false);
  });

  it.each([
    ['another host', `https://evil.example/packages/aa/bb/cc/${F}`],
    ['another path on the file host', `https://files.pythonhosted.org/packages/00/11/22/${F}`],
    ['http instead of https', `http://files.pythonhosted.org/packages/aa/bb/cc/${F}`],
    ['a query', `${LISTED}?x=1`],
    ['another fragment', `${LISTED}#md5=00`],
    ['a look-alike host', `https://files.pythonhosted.org.evil.example/packages/aa/bb/cc/${F}`],
    ['credentials', `https://u:p@files.pythonhosted.org/packages/aa/bb/cc/${F}`],
    ['not a URL', 'not a url'],
  ])('%s is a mismatch', (_, clicked) => {
    expect(downloadUrlMismatch(clicked, LISTED)).toBe(true);
  });

  it('no URL from the index: cannot tell, so no mismatch', () => {
    expect(downloadUrlMismatch(`https://evil.example/${F}`, null)).toBe(false);
    expect(downloadUrlMismatch(`https://evil.example/${F}`, undefined)).toBe(false);
  });
});
