/**
 * Distribution filenames (sdist and wheel) parsed and compared the way PyPI / pypi-attestations do:
 * sdist -> (normalized name, version, extension); wheel -> (normalized name, version, build tag, set of tags).
 */
import { canonicalizeVersion } from './version';

export type ParsedDistFilename =
  | { type: 'sdist'; name: string; version: string; ext: '.tar.gz' | '.zip' }
  | { type: 'wheel'; name: string; version: string; build: string | null; tags: string[] /* sorted, unique */ };

/** PEP 503 normalisation: lowercase, runs of -_. become a single dash. */
export function normalizeDistName(name: string): string {
  return name.replace(/[-_.]+/g, '-').toLowerCase();
}

const SDIST_NAME_RE = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$/;
const WHEEL_NAME_RE = /^[A-Za-z0-9._]+$/;
const TAG_PART_RE = /^[A-Za-z0-9_]+$/;

function parseSdist(filename: string): ParsedDistFilename | null {
  const ext = filename.endsWith('.tar.gz') ? '.tar.gz' : filename.endsWith('.zip') ? '.zip' : null;
  if (ext === null) return null;
  const stem = filename.slice(0, -ext.length);
  const dash = stem.lastIndexOf('-');
  if (dash <= 0) return null;
  const namePart = stem.slice(0, dash);
  if (!SDIST_NAME_RE.test(namePart)) return null;
  const version = canonicalizeVersion(stem.slice(dash + 1));
  if (version === null) return null;
  return { type: 'sdist', name: normalizeDistName(namePart), version, ext };
}

function parseWheel(filename: string): ParsedDistFilename | null {
  if (!filename.endsWith('.whl')) return null;
  const parts = filename.slice(0, -'.whl'.length).split('-');
  if (parts.length !== 5 && parts.length !== 6) return null;
  const namePart = parts[0]!;
  if (namePart.length === 0 || namePart.includes('__') || !WHEEL_NAME_RE.test(namePart)) return null;
  const version = canonicalizeVersion(parts[1]!);
  if (version === null) return null;
  let build: string | null = null;
  if (parts.length === 6) {
    const m = /^([0-9]+)(.*)$/.exec(parts[2]!);
    if (!m) return null;
    build = `${m[1]!.replace(/^0+(?=.)/, '')}${m[2]!}`;
  }
  const [py, abi, plat] = parts.slice(-3) as [string, string, string];
  const split = (s: string) => s.split('.');
  const sets = [split(py), split(abi), split(plat)];
  if (sets.some((set) => set.some((p) => !TAG_PART_RE.test(p)))) return null;
  const tags = new Set<string>();
  for (const i of sets[0]!) for (const a of sets[1]!) for (const p of sets[2]!) tags.add(`${i}-${a}-${p}`.toLowerCase());
  return { type: 'wheel', name: normalizeDistName(namePart), version, build, tags: [...tags].sort() };
}

/** Parse an sdist (.tar.gz, .zip) or wheel filename; null if it is neither. */
export function parseDistFilename(filename: string): ParsedDistFilename | null {
  if (typeof filename !== 'string' || filename.length === 0 || filename.length > 512 || /[/\\\s]/.test(filename)) return null;
  return filename.endsWith('.whl') ? parseWheel(filename) : parseSdist(filename);
}

function sameParsed(a: ParsedDistFilename, b: ParsedDistFilename): boolean {
  if (a.type !== b.type || a.name !== b.name || a.version !== b.version) return false;
  // Stricter than packaging's parse_sdist_filename (which drops the extension): a .zip is not the .tar.gz.
  if (a.type === 'sdist' && b.type === 'sdist') return a.ext === b.ext;
  if (a.type === 'wheel' && b.type === 'wheel') {
    return a.build === b.build && a.tags.length === b.tags.length && a.tags.every((t, i) => t === b.tags[i]);
  }
  return true;
}

/** True iff both are valid distribution filenames naming the same distribution (PyPI's rule). */
export function filenameMatches(a: string, b: string): boolean {
  const pa = parseDistFilename(a);
  const pb = parseDistFilename(b);
  return pa !== null && pb !== null && sameParsed(pa, pb);
}
