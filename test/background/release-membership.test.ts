import { describe, expect, it } from 'vitest';
import { releaseMembership } from '../../src/background/release-membership';

const prov = (v: string, f: string) => `https://pypi.org/integrity/x/${v}/${f}/provenance`;

describe('releaseMembership', () => {
  it('sdist and wheel names, PEP 440 equality', () => {
    expect(releaseMembership({ filename: 'x-1.0.0.tar.gz', provenanceUrl: null }, '1.0')).toEqual({ ok: true });
    expect(releaseMembership({ filename: 'x-1.0rc1-py3-none-any.whl', provenanceUrl: null }, '1.0.0-RC1')).toEqual({ ok: true });
    expect(releaseMembership({ filename: 'x-1.0.1.tar.gz', provenanceUrl: null }, '1.0')).toEqual({
      ok: false,
      fileVersion: '1.0.1',
      pageVersion: '1.0',
    });
    expect(releaseMembership({ filename: 'x-2.0-1-py3-none-any.whl', provenanceUrl: null }, '2.0.post1').ok).toBe(false);
  });

  it('the Integrity API URL must name the page version too', () => {
    expect(releaseMembership({ filename: 'x-1.0.tar.gz', provenanceUrl: prov('1.0', 'x-1.0.tar.gz') }, '1.0').ok).toBe(true);
    expect(releaseMembership({ filename: 'x-1.0.tar.gz', provenanceUrl: prov('0.9', 'x-1.0.tar.gz') }, '1.0').ok).toBe(false);
    // an old format whose name tells nothing: the provenance URL decides
    expect(releaseMembership({ filename: 'x-1.0.win32.exe', provenanceUrl: prov('0.9', 'x-1.0.win32.exe') }, '1.0').ok).toBe(false);
  });

  it('names that tell no version are not judged; a non-PEP 440 page version is compared as written', () => {
    expect(releaseMembership({ filename: 'x-1.0.win32-py2.7.exe', provenanceUrl: null }, '9.9')).toEqual({ ok: true });
    expect(releaseMembership({ filename: 'x-1.0.tar.bz2', provenanceUrl: null }, '9.9')).toEqual({ ok: true });
    expect(releaseMembership({ filename: 'x-1.0.tar.gz', provenanceUrl: null }, '2004d').ok).toBe(false);
  });
});
