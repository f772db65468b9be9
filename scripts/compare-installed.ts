/**
 * npm run compare-installed -- <release zip> <installed extension>
 *
 * Compares the files of a release zip with an extension a store installed, where the zip's own
 * sha256 cannot help: the Chrome Web Store and AMO re-sign and repackage what we upload.
 * <installed extension> is the unpacked folder Chrome installed
 * (…/Extensions/<id>/<version>_0), a .crx, or Firefox's .xpi from the profile's extensions/ folder.
 *
 * What the stores add is set aside, and said so: `_metadata/` (Chrome's verified_contents.json),
 * `META-INF/` (AMO's signature files), and the manifest keys `key` and `update_url`. Every other
 * file must be byte-identical; manifest.json is compared as JSON without those two keys.
 * Exit 0: same files; 1: differences (listed); 2: bad input.
 */
import { lstatSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { unzipSync } from 'fflate';
import { listFiles } from './reproducible-zip.ts';

export const STORE_FOLDERS = ['_metadata/', 'META-INF/'];
export const STORE_MANIFEST_KEYS = ['key', 'update_url'];

type Files = Map<string, Uint8Array>;

/** A CRX3 file is "Cr24", version 3, a header length, the header, then a plain zip. */
export function crxZip(bytes: Uint8Array): Uint8Array {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 12 || new TextDecoder().decode(bytes.subarray(0, 4)) !== 'Cr24') return bytes;
  if (v.getUint32(4, true) !== 3) throw new Error(`CRX version ${v.getUint32(4, true)} is not supported (only CRX3)`);
  return bytes.subarray(12 + v.getUint32(8, true));
}

export function readExtension(path: string): Files {
  if (lstatSync(path).isDirectory()) return new Map(listFiles(path).map((f) => [f, readFileSync(join(path, ...f.split('/')))]));
  const entries = unzipSync(crxZip(readFileSync(path)));
  return new Map(Object.entries(entries).filter(([name]) => !name.endsWith('/')));
}

function manifestWithoutStoreKeys(bytes: Uint8Array): string {
  const m = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
  for (const k of STORE_MANIFEST_KEYS) delete m[k];
  return JSON.stringify(m);
}

export interface Comparison {
  same: string[];
  differ: string[];
  missing: string[];
  extra: string[];
  storeAdded: string[];
}

export function compareExtension(release: Files, installed: Files): Comparison {
  const out: Comparison = { same: [], differ: [], missing: [], extra: [], storeAdded: [] };
  for (const [name, bytes] of release) {
    const other = installed.get(name);
    if (!other) out.missing.push(name);
    else if (
      name === 'manifest.json' ? manifestWithoutStoreKeys(bytes) === manifestWithoutStoreKeys(other) : Buffer.compare(bytes, other) === 0
    )
      out.same.push(name);
    else out.differ.push(name);
  }
  for (const name of installed.keys()) {
    if (release.has(name)) continue;
    if (STORE_FOLDERS.some((p) => name.startsWith(p))) out.storeAdded.push(name);
    else out.extra.push(name);
  }
  for (const list of Object.values(out)) list.sort();
  return out;
}

function main(argv: string[]): number {
  if (argv.length !== 2) {
    console.error('usage: npm run compare-installed -- <release zip> <installed folder | .crx | .xpi>');
    return 2;
  }
  let result: Comparison;
  try {
    result = compareExtension(readExtension(argv[0]!), readExtension(argv[1]!));
  } catch (e) {
    console.error(`compare-installed: ${e instanceof Error ? e.message : String(e)}`);
    return 2;
  }
  console.log(
    `${result.same.length} files identical to the release zip (manifest.json compared without ${STORE_MANIFEST_KEYS.join(', ')}).`,
  );
  if (result.storeAdded.length) console.log(`Added by the store, set aside: ${result.storeAdded.join(', ')}`);
  for (const [label, list] of [
    ['DIFFERENT', result.differ],
    ['MISSING from the installed copy', result.missing],
    ['EXTRA in the installed copy', result.extra],
  ] as const) {
    if (list.length) console.log(`${label}:\n  ${list.join('\n  ')}`);
  }
  const ok = !result.differ.length && !result.missing.length && !result.extra.length;
  console.log(ok ? 'OK: the installed extension is the release.' : 'NOT the same files as the release.');
  return ok ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exit(main(process.argv.slice(2)));
