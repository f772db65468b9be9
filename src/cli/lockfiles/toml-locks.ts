/**
 * uv.lock and pylock.toml (PEP 751), parsed with smol-toml (docs/dependencies.md). Each package
 * becomes the files it pins (wheels and sdist, by file name, with the lock's sha256), or "not
 * checkable" when it comes from another index, a URL, a path, a directory or VCS. A file that is
 * not TOML, or a package table missing what the format requires, is an error naming the file
 * (and the line, for TOML syntax errors).
 */
import { parse, TomlError } from 'smol-toml';
import { parseDistFilename } from '../../verify/filename';
import { LockFileError, sha256Of, urlFilename, type LockEntry, type LockSource } from './types';

type Table = Record<string, unknown>;
const isTable = (v: unknown): v is Table => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);

export interface IndexMatch {
  /** Whether files from this index URL can be checked against the --index in use. */
  (indexUrl: string): boolean;
}

function readToml(path: string, text: string): Table {
  try {
    return parse(text) as Table;
  } catch (e) {
    if (e instanceof TomlError) throw new LockFileError(path, e.line ?? null, `not valid TOML: ${e.message.split('\n')[0]}`);
    throw new LockFileError(path, null, `not valid TOML: ${(e as Error)?.message ?? e}`);
  }
}

function str(t: Table, key: string): string | null {
  return typeof t[key] === 'string' ? (t[key] as string) : null;
}

/** Approximate line of a package table: the line of its `name = "…"` (TOML parsers give no positions). */
function lineOf(lines: string[], name: string, version: string | null): number | undefined {
  const quoted = JSON.stringify(name);
  const quotedVersion = version === null ? null : JSON.stringify(version);
  const nameLine = new RegExp(`^\\s*name\\s*=\\s*${quoted.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
  for (let i = 0; i < lines.length; i++) {
    if (nameLine.test(lines[i]!)) {
      if (quotedVersion === null) return i + 1;
      for (let j = i + 1; j < Math.min(lines.length, i + 4); j++) if (lines[j]!.includes(quotedVersion)) return i + 1;
    }
  }
  return undefined;
}

/** One distribution file of a lock entry: its name (given, or from the URL) and sha256. */
function lockedFile(path: string, pkg: string, f: unknown, what: string): { filename: string; sha256: string | null } {
  if (!isTable(f)) throw new LockFileError(path, null, `${pkg}: ${what} is not a table`);
  const filename = str(f, 'name') ?? urlFilename(f.url) ?? (typeof f.path === 'string' ? f.path.split(/[/\\]/).at(-1)! : null);
  if (!filename) throw new LockFileError(path, null, `${pkg}: ${what} has neither a name nor a url`);
  let sha256: string | null = null;
  if (isTable(f.hashes)) {
    if (f.hashes.sha256 !== undefined) {
      sha256 = typeof f.hashes.sha256 === 'string' && /^[0-9a-fA-F]{64}$/.test(f.hashes.sha256) ? f.hashes.sha256.toLowerCase() : null;
      if (sha256 === null) throw new LockFileError(path, null, `${pkg}: ${what} hashes.sha256 is not 64 hex digits`);
    }
  } else if (f.hash !== undefined) {
    sha256 = sha256Of(f.hash);
    if (sha256 === null && typeof f.hash === 'string' && f.hash.startsWith('sha256:')) {
      throw new LockFileError(path, null, `${pkg}: ${what} hash is not sha256: followed by 64 hex digits`);
    }
  }
  return { filename, sha256 };
}

function filesOf(path: string, pkg: string, sdist: unknown, wheels: unknown): { filename: string; sha256: string | null }[] {
  const out: { filename: string; sha256: string | null }[] = [];
  if (sdist !== undefined) out.push(lockedFile(path, pkg, sdist, 'sdist'));
  if (wheels !== undefined) {
    if (!Array.isArray(wheels)) throw new LockFileError(path, null, `${pkg}: wheels is not a list`);
    wheels.forEach((w, i) => out.push(lockedFile(path, pkg, w, `wheels[${i}]`)));
  }
  return out;
}

/** The package tables under `key` (uv.lock: "package", pylock.toml: "packages"), each with its name, version and line. */
function packageTables(
  path: string,
  text: string,
  doc: Table,
  key: string,
): { p: Table; name: string; version: string | null; src: LockSource }[] {
  const packages = doc[key] ?? [];
  if (!Array.isArray(packages)) throw new LockFileError(path, null, `"${key}" is not an array of tables`);
  const lines = text.split(/\r?\n/);
  return packages.map((p, i) => {
    if (!isTable(p)) throw new LockFileError(path, null, `${key}[${i}] is not a table`);
    const name = str(p, 'name');
    if (!name) throw new LockFileError(path, null, `${key}[${i}] has no name`);
    const version = str(p, 'version');
    const line = lineOf(lines, name, version);
    return { p, name, version, src: { path, ...(line !== undefined ? { line } : {}) } };
  });
}

/** uv.lock: `[[package]]` with name, version, source = {registry | git | url | path | directory | editable | virtual}. */
export function parseUvLock(path: string, text: string, checkable: IndexMatch): LockEntry[] {
  const doc = readToml(path, text);
  if (typeof doc.version !== 'number') throw new LockFileError(path, null, 'not a uv.lock: no top-level "version" number');
  return packageTables(path, text, doc, 'package').map(({ p, name, version, src }): LockEntry => {
    const source = isTable(p.source) ? p.source : {};
    const registry = str(source, 'registry');
    if (registry === null) {
      const [kind, where] = Object.entries(source).find(([, v]) => typeof v === 'string') ?? ['unknown', ''];
      return {
        kind: 'not-checkable',
        name,
        version,
        what: `${kind} ${String(where)}`.trim(),
        why: `comes from ${kind === 'editable' || kind === 'virtual' ? 'the project itself' : `a ${kind} source`}, not from the index`,
        source: src,
      };
    }
    if (!checkable(registry)) {
      return { kind: 'not-checkable', name, version, what: registry, why: `comes from another index (${registry})`, source: src };
    }
    if (!version) throw new LockFileError(path, src.line ?? null, `${name}: a registry package without a version`);
    const files = filesOf(path, name, p.sdist, p.wheels);
    if (files.length === 0) return { kind: 'hashes', name, version, hashes: [], source: src };
    return { kind: 'files', name, version, files, source: src };
  });
}

/** pylock.toml (PEP 751): `[[packages]]` with name, version, index, sdist / wheels / vcs / directory / archive. */
export function parsePylock(path: string, text: string, checkable: IndexMatch): LockEntry[] {
  const doc = readToml(path, text);
  const lockVersion = str(doc, 'lock-version');
  if (!lockVersion) throw new LockFileError(path, null, 'not a pylock.toml: no "lock-version"');
  if (!/^1(\.\d+)?$/.test(lockVersion)) throw new LockFileError(path, null, `lock-version ${lockVersion} is not supported (1.x is)`);
  return packageTables(path, text, doc, 'packages').map(({ p, name, version, src }): LockEntry => {
    for (const kind of ['vcs', 'directory', 'archive'] as const) {
      if (p[kind] !== undefined) {
        const t = isTable(p[kind]) ? p[kind] : {};
        const where = str(t, 'url') ?? str(t, 'path') ?? '';
        return {
          kind: 'not-checkable',
          name,
          version,
          what: `${kind} ${where}`.trim(),
          why: `comes from a ${kind === 'vcs' ? 'VCS checkout' : kind}, not from the index`,
          source: src,
        };
      }
    }
    const index = str(p, 'index');
    if (index !== null && !checkable(index)) {
      return { kind: 'not-checkable', name, version, what: index, why: `comes from another index (${index})`, source: src };
    }
    const files = filesOf(path, name, p.sdist, p.wheels);
    if (files.length === 0) throw new LockFileError(path, src.line ?? null, `${name}: no sdist, wheels, vcs, directory or archive`);
    const ver = version ?? files.map((f) => parseDistFilename(f.filename)?.version).find((v) => v !== undefined) ?? null;
    if (!ver) throw new LockFileError(path, src.line ?? null, `${name}: no version, and none in the file names`);
    return { kind: 'files', name, version: ver, files, source: src };
  });
}
