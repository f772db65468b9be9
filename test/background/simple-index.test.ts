import { describe, expect, it } from 'vitest';
import { checkProvenanceUrl, fromStored, isBad, parseSimpleIndex, toStored, type SimpleFile } from '../../src/background/simple-index';
import { SAMPLE_SDIST, simpleJson } from './helpers';

const H = 'a'.repeat(64);
const URL_OK = `https://pypi.org/integrity/sampleproject/4.0.0/${SAMPLE_SDIST}/provenance`;

function doc(files: unknown[], over: Record<string, unknown> = {}) {
  return { meta: { 'api-version': '1.4', '_last-serial': 1 }, name: 'sampleproject', files, versions: [], ...over };
}
function file(over: Record<string, unknown> = {}) {
  return {
    filename: SAMPLE_SDIST,
    hashes: { sha256: H },
    provenance: URL_OK,
    'upload-time': '2024-10-01T00:00:00Z',
    yanked: false,
    ...over,
  };
}
function one(over: Record<string, unknown>) {
  const r = parseSimpleIndex(doc([file(over)]), 'pypi.org', 'sampleproject');
  if (!r.ok) throw new Error(r.detail);
  return r.index.files.get(SAMPLE_SDIST);
}

describe('parseSimpleIndex: whole-document checks', () => {
  it.each([
    ['null', null],
    ['an array', []],
    ['a string', 'x'],
    ['no meta', { name: 'sampleproject', files: [] }],
    ['api-version 2.0', doc([], { meta: { 'api-version': '2.0' } })],
    ['api-version a number', doc([], { meta: { 'api-version': 1.4 } })],
    ['another project', doc([], { name: 'evil' })],
    ['no name', doc([], { name: undefined })],
    ['files an object', doc([], { files: { a: 1 } })],
    ['files missing', doc([], { files: undefined })],
  ])('rejects %s', (_, json) => {
    expect(parseSimpleIndex(json, 'pypi.org', 'sampleproject').ok).toBe(false);
  });

  it('accepts a non-normalised name that normalises to the project', () => {
    expect(parseSimpleIndex(doc([], { name: 'SampleProject' }), 'pypi.org', 'sampleproject').ok).toBe(true);
  });

  it('skips entries it cannot attribute to a valid filename', () => {
    const r = parseSimpleIndex(
      doc([null, 3, 'x', { filename: '../etc/passwd' }, { filename: '__proto__' }, file()]),
      'pypi.org',
      'sampleproject',
    );
    expect(r.ok && [...r.index.files.keys()]).toEqual([SAMPLE_SDIST]);
  });

  it('a file listed twice is bad (cannot tell which hash is right)', () => {
    const r = parseSimpleIndex(doc([file(), file({ hashes: { sha256: 'b'.repeat(64) } })]), 'pypi.org', 'sampleproject');
    expect(r.ok && isBad(r.index.files.get(SAMPLE_SDIST)!)).toBe(true);
  });

  it('round-trips the real fixture through storage form', () => {
    const r = parseSimpleIndex(JSON.parse(simpleJson('sampleproject')), 'pypi.org', 'sampleproject');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const back = fromStored(JSON.parse(JSON.stringify(toStored(r.index))), 'pypi.org', 'sampleproject');
    expect(back).toEqual(r.index);
    expect(fromStored(JSON.parse(JSON.stringify(toStored(r.index))), 'pypi.org', 'pycrypto')).toBeNull();
  });
});

describe('parseSimpleIndex: per-file checks', () => {
  it('a well-formed entry', () => {
    const f = one({}) as SimpleFile;
    expect(f).toEqual({ filename: SAMPLE_SDIST, sha256: H, provenanceUrl: URL_OK, uploadTime: '2024-10-01T00:00:00Z', yanked: false });
  });

  it('provenance null → no provenance (absent)', () => {
    expect((one({ provenance: null }) as SimpleFile).provenanceUrl).toBeNull();
  });

  it.each([
    ['sha256 upper case', { hashes: { sha256: 'A'.repeat(64) } }],
    ['sha256 short', { hashes: { sha256: 'a'.repeat(63) } }],
    ['sha256 missing', { hashes: { md5: 'a'.repeat(32) } }],
    ['hashes missing', { hashes: undefined }],
    ['sha256 a number', { hashes: { sha256: 1 } }],
    ['no provenance key', { provenance: undefined }],
    ['provenance not a string', { provenance: 1 }],
    ['provenance over http', { provenance: URL_OK.replace('https:', 'http:') }],
    ['provenance on another host', { provenance: URL_OK.replace('pypi.org', 'evil.example') }],
    ['provenance on the other index', { provenance: URL_OK.replace('pypi.org', 'test.pypi.org') }],
    [
      'provenance with credentials trick',
      { provenance: `https://pypi.org@evil.example/integrity/sampleproject/4.0.0/${SAMPLE_SDIST}/provenance` },
    ],
    ['provenance with a port', { provenance: URL_OK.replace('pypi.org', 'pypi.org:444') }],
    ['provenance with a query', { provenance: `${URL_OK}?x=1` }],
    ['provenance with a fragment', { provenance: `${URL_OK}#x` }],
    ['provenance for another file', { provenance: URL_OK.replace(SAMPLE_SDIST, 'sampleproject-3.0.0.tar.gz') }],
    ['provenance for another project', { provenance: URL_OK.replace('/sampleproject/', '/evil/') }],
    ['provenance not under /integrity/', { provenance: `https://pypi.org/simple/sampleproject/4.0.0/${SAMPLE_SDIST}/provenance` }],
    [
      'provenance with an encoded slash',
      { provenance: `https://pypi.org/integrity/sampleproject/4.0.0%2F..%2F/${SAMPLE_SDIST}/provenance` },
    ],
    ['provenance with dot segments', { provenance: `https://pypi.org/integrity/sampleproject/../x/${SAMPLE_SDIST}/provenance` }],
    ['yanked a number', { yanked: 1 }],
    ['upload-time a number', { 'upload-time': 5 }],
  ])('%s → bad entry (could not check), not absent', (_, over) => {
    const e = one(over);
    expect(e && isBad(e)).toBe(true);
  });

  it('yanked true / reason string are kept', () => {
    expect((one({ yanked: true }) as SimpleFile).yanked).toBe(true);
    expect((one({ yanked: 'bad build' }) as SimpleFile).yanked).toBe('bad build');
  });
});

describe('checkProvenanceUrl', () => {
  it('accepts percent-encoded filename characters', () => {
    const f = 'pkg-1.0+local-py3-none-any.whl';
    expect(
      checkProvenanceUrl(`https://pypi.org/integrity/pkg/1.0%2Blocal/pkg-1.0%2Blocal-py3-none-any.whl/provenance`, 'pypi.org', 'pkg', f),
    ).not.toBeNull();
    expect(checkProvenanceUrl(`https://pypi.org/integrity/pkg/1.0+local/${f}/provenance`, 'pypi.org', 'pkg', f)).not.toBeNull();
    expect(
      checkProvenanceUrl(`https://pypi.org/integrity/pkg/1.0+local/${f}/provenance`, 'pypi.org', 'pkg', 'pkg-1.0-py3-none-any.whl'),
    ).toBeNull();
  });
  it('rejects overlong URLs', () => {
    expect(
      checkProvenanceUrl(`https://pypi.org/integrity/pkg/${'1'.repeat(3000)}/pkg-1.tar.gz/provenance`, 'pypi.org', 'pkg', 'pkg-1.tar.gz'),
    ).toBeNull();
  });
});

describe('parseSimpleIndex: the file URL (hostile)', () => {
  const FH = `https://files.pythonhosted.org/packages/aa/bb/cc/${SAMPLE_SDIST}`;
  const dl = (url: unknown, index: 'pypi.org' | 'test.pypi.org' = 'pypi.org') => {
    const r = parseSimpleIndex(doc([file({ url, provenance: index === 'pypi.org' ? URL_OK : null })]), index, 'sampleproject');
    if (!r.ok) throw new Error(r.detail);
    const e = r.index.files.get(SAMPLE_SDIST)!;
    expect(isBad(e)).toBe(false);
    return (e as SimpleFile).downloadUrl;
  };

  it('keeps an https URL on files.pythonhosted.org, without its #sha256= fragment', () => {
    expect(dl(FH)).toBe(FH);
    expect(dl(`${FH}#sha256=${H}`)).toBe(FH);
  });

  it('accepts test-files.pythonhosted.org and the index origin (relative URLs resolve against it)', () => {
    const t = `https://test-files.pythonhosted.org/packages/aa/${SAMPLE_SDIST}`;
    expect(dl(t, 'test.pypi.org')).toBe(t);
    expect(dl(`../../files/${SAMPLE_SDIST}`)).toBe(`https://pypi.org/files/${SAMPLE_SDIST}`);
  });

  it.each([
    ['another host', `https://evil.example/${SAMPLE_SDIST}`],
    ['a look-alike host', `https://files.pythonhosted.org.evil.example/${SAMPLE_SDIST}`],
    ['http on the file host', FH.replace('https:', 'http:')],
    ['another port', FH.replace('.org/', '.org:8443/')],
    ['credentials', FH.replace('https://', 'https://u:p@')],
    ['a query', `${FH}?a=1`],
    ['another fragment', `${FH}#md5=00`],
    ['another filename', FH.replace(SAMPLE_SDIST, 'evil-1.0.tar.gz')],
    ['an encoded slash in the filename', FH.replace(SAMPLE_SDIST, `x%2F${SAMPLE_SDIST}`)],
    ['javascript:', `javascript:alert(1)//${SAMPLE_SDIST}`],
    ['data:', `data:text/plain,${SAMPLE_SDIST}`],
    ['a number', 42],
    ['null', null],
    ['too long', `https://files.pythonhosted.org/${'a/'.repeat(1100)}${SAMPLE_SDIST}`],
  ])('drops %s (file still checked, no URL kept)', (_, url) => {
    expect(dl(url)).toBeUndefined();
  });

  it('survives storage, and storage cannot smuggle a foreign URL in', () => {
    const r = parseSimpleIndex(doc([file({ url: FH })]), 'pypi.org', 'sampleproject');
    if (!r.ok) throw new Error(r.detail);
    const stored = JSON.parse(JSON.stringify(toStored(r.index))) as { files: Record<string, unknown>[] };
    expect((fromStored(stored, 'pypi.org', 'sampleproject')!.files.get(SAMPLE_SDIST) as SimpleFile).downloadUrl).toBe(FH);
    stored.files[0]!.downloadUrl = `https://evil.example/${SAMPLE_SDIST}`;
    expect((fromStored(stored, 'pypi.org', 'sampleproject')!.files.get(SAMPLE_SDIST) as SimpleFile).downloadUrl).toBeUndefined();
  });
});
