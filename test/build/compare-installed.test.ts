import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { compareExtension, crxZip, readExtension } from '../../scripts/compare-installed';
import { reproducibleZip } from '../../scripts/reproducible-zip';

const enc = new TextEncoder();
const manifest = { manifest_version: 3, name: 'x', version: '1.0.0' };
const release = [
  { path: 'manifest.json', data: enc.encode(JSON.stringify(manifest, null, 2)) },
  { path: 'assets/a.js', data: enc.encode('export const a = 1;\n') },
  { path: 'THIRD_PARTY_LICENSES.txt', data: enc.encode('MIT\n') },
];
const tmp: string[] = [];
afterEach(() => {
  for (const d of tmp.splice(0)) rmSync(d, { recursive: true, force: true });
});

function folder(files: Record<string, string>): string {
  const d = mkdtempSync(join(tmpdir(), 'pp-installed-'));
  tmp.push(d);
  for (const [f, text] of Object.entries(files)) {
    mkdirSync(dirname(join(d, f)), { recursive: true });
    writeFileSync(join(d, f), text);
  }
  return d;
}

function releaseZip(): string {
  const d = folder({});
  writeFileSync(join(d, 'release.zip'), reproducibleZip(release, { epoch: 1700000000 }));
  return join(d, 'release.zip');
}

/** What Chrome installs from the Web Store: our files, a manifest with key/update_url, _metadata/. */
const storeInstalled = {
  'manifest.json': JSON.stringify({ ...manifest, key: 'MIIB…', update_url: 'https://clients2.google.com/service/update2/crx' }),
  'assets/a.js': 'export const a = 1;\n',
  'THIRD_PARTY_LICENSES.txt': 'MIT\n',
  '_metadata/verified_contents.json': '[]',
};

describe('compare-installed', () => {
  it('accepts a store-installed copy: store additions set aside, manifest compared as JSON without key/update_url', () => {
    const r = compareExtension(readExtension(releaseZip()), readExtension(folder(storeInstalled)));
    expect(r).toEqual({
      same: ['THIRD_PARTY_LICENSES.txt', 'assets/a.js', 'manifest.json'],
      differ: [],
      missing: [],
      extra: [],
      storeAdded: ['_metadata/verified_contents.json'],
    });
  });

  it('reports a changed file, a changed manifest value, an extra file', () => {
    const r = compareExtension(
      readExtension(releaseZip()),
      readExtension(
        folder({
          ...storeInstalled,
          'manifest.json': JSON.stringify({ ...manifest, permissions: ['tabs'] }),
          'assets/a.js': 'export const a = 2;\n',
          'assets/extra.js': 'evil()',
        }),
      ),
    );
    expect(r.differ).toEqual(['assets/a.js', 'manifest.json']);
    expect(r.extra).toEqual(['assets/extra.js']);
    expect(r.same).toEqual(['THIRD_PARTY_LICENSES.txt']);
  });

  it('reports a file the installed copy lacks', () => {
    const { 'assets/a.js': _dropped, ...rest } = storeInstalled;
    const r = compareExtension(readExtension(releaseZip()), readExtension(folder(rest)));
    expect(r.missing).toEqual(['assets/a.js']);
  });

  it('reads a CRX3 (header then zip) and an XPI with META-INF', () => {
    const zip = reproducibleZip([...release, { path: 'META-INF/cose.sig', data: enc.encode('sig') }], { epoch: 1700000000 });
    const header = new Uint8Array(16);
    const v = new DataView(header.buffer);
    header.set(enc.encode('Cr24'));
    v.setUint32(4, 3, true);
    v.setUint32(8, 4, true); // 4 bytes of (fake) signed header
    const crx = new Uint8Array([...header, ...zip]);
    expect(Buffer.compare(crxZip(crx), zip)).toBe(0);
    const d = folder({});
    writeFileSync(join(d, 'x.crx'), crx);
    const r = compareExtension(readExtension(releaseZip()), readExtension(join(d, 'x.crx')));
    expect(r.same).toHaveLength(3);
    expect(r.storeAdded).toEqual(['META-INF/cose.sig']);
  });
});
