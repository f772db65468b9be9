/**
 * requirements.txt as pip reads it (pip's req_file.py): comments (`#` at the start or after
 * whitespace), line continuations (a trailing `\`), `-r`/`--requirement` includes (relative to
 * the including file), `-c` constraints (not installed by themselves: ignored), global options
 * (`--index-url`, `--extra-index-url`, `--find-links`, `--require-hashes`, `--pre`, …), and
 * requirement lines `name[extras]==version ; markers --hash=sha256:…`.
 *
 * Markers are not evaluated: every pinned requirement is checked, whatever the platform.
 * Anything that is not `name==version` from the index (a URL, a path, `-e`, a VCS link, a range)
 * is reported as not checkable; what cannot be parsed is an error naming the file and line.
 */
import { LockFileError, sha256Of, type LockEntry } from './types';

export interface RequirementsHost {
  read(path: string): Promise<string>;
  resolve(fromFile: string, ref: string): string;
}

const NAME_RE = /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(\[[^\]]*\])?\s*(.*)$/s;
const VERSION_RE = /^(?:==|===)\s*([A-Za-z0-9!+._*-]+)\s*$/;
/** Options pip accepts in a requirements file that do not change WHICH files are installed. */
const GLOBAL_FLAGS = new Set(['--require-hashes', '--pre', '--prefer-binary', '--no-index']);
const GLOBAL_VALUES = new Set([
  '--extra-index-url',
  '-f',
  '--find-links',
  '--trusted-host',
  '--no-binary',
  '--only-binary',
  '--use-feature',
]);
const MAX_INCLUDE_DEPTH = 10;

interface Line {
  text: string;
  number: number;
}

/** Join continuations and drop comments; keep the number of each logical line's first physical line. */
export function logicalLines(text: string): Line[] {
  const out: Line[] = [];
  let buf = '';
  let start = 0;
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((raw, i) => {
      if (buf === '') start = i + 1;
      const line = raw.replace(/(^|\s)#.*$/, '');
      if (line.endsWith('\\')) {
        buf += line.slice(0, -1) + ' ';
        return;
      }
      buf += line;
      if (buf.trim() !== '') out.push({ text: buf.trim(), number: start });
      buf = '';
    });
  if (buf.trim() !== '') out.push({ text: buf.trim(), number: start });
  return out;
}

/** Split a line into shell-like words (pip uses shlex for options). */
function words(s: string): string[] {
  return s.split(/\s+/).filter(Boolean);
}

function optionValue(ws: string[], i: number, opt: string, path: string, line: number): [string, number] {
  const w = ws[i]!;
  if (w.includes('=') && w.startsWith('--')) return [w.slice(w.indexOf('=') + 1), i];
  if (w.length > 2 && !w.startsWith('--')) return [w.slice(2), i]; // -rfile
  const v = ws[i + 1];
  if (v === undefined) throw new LockFileError(path, line, `${opt} needs a value`);
  return [v, i + 1];
}

export async function parseRequirements(
  path: string,
  host: RequirementsHost,
  depth = 0,
  seen = new Set<string>(),
): Promise<{ entries: LockEntry[]; indexUrl: string | null }> {
  if (depth > MAX_INCLUDE_DEPTH) throw new LockFileError(path, null, `more than ${MAX_INCLUDE_DEPTH} levels of -r includes`);
  if (seen.has(path)) throw new LockFileError(path, null, 'included twice (an -r include loop)');
  seen.add(path);
  const text = await host.read(path);
  const entries: LockEntry[] = [];
  let indexUrl: string | null = null;
  for (const { text: line, number } of logicalLines(text)) {
    const source = { path, line: number };
    if (line.startsWith('-')) {
      const ws = words(line);
      const opt = ws[0]!.replace(/=.*$/, '');
      const short = opt.startsWith('--') ? opt : opt.slice(0, 2);
      if (short === '-r' || opt === '--requirement') {
        const [ref] = optionValue(ws, 0, opt, path, number);
        const target = host.resolve(path, ref);
        let inc: Awaited<ReturnType<typeof parseRequirements>>;
        try {
          inc = await parseRequirements(target, host, depth + 1, seen);
        } catch (e) {
          if (e instanceof LockFileError) throw e;
          throw new LockFileError(path, number, `cannot read the included file ${ref}: ${(e as Error)?.message ?? e}`);
        }
        entries.push(...inc.entries);
        indexUrl ??= inc.indexUrl;
      } else if (short === '-c' || opt === '--constraint') {
        optionValue(ws, 0, opt, path, number); // constraints pin nothing by themselves
      } else if (short === '-i' || opt === '--index-url') {
        indexUrl = optionValue(ws, 0, opt, path, number)[0];
      } else if (short === '-e' || opt === '--editable') {
        const [what] = optionValue(ws, 0, opt, path, number);
        entries.push({
          kind: 'not-checkable',
          name: what,
          version: null,
          what,
          why: 'an editable install (-e) is built from source',
          source,
        });
      } else if (GLOBAL_FLAGS.has(opt)) {
        // no effect on which files are pinned
      } else if (GLOBAL_VALUES.has(opt) || GLOBAL_VALUES.has(short)) {
        optionValue(ws, 0, opt, path, number);
      } else {
        throw new LockFileError(path, number, `unknown option ${JSON.stringify(opt)}`);
      }
      continue;
    }
    entries.push(parseRequirementLine(line, path, number));
  }
  return { entries, indexUrl };
}

/** One requirement line (without comments and continuations). */
export function parseRequirementLine(line: string, path: string, number: number): LockEntry {
  const source = { path, line: number };
  // Per-requirement options come after the requirement (and its markers).
  const optAt = line.search(/\s--(hash|config-settings|global-option|install-option)\b/);
  const req = (optAt >= 0 ? line.slice(0, optAt) : line).trim();
  const hashes: string[] = [];
  if (optAt >= 0) {
    const ws = words(line.slice(optAt));
    for (let i = 0; i < ws.length; i++) {
      const w = ws[i]!;
      if (w === '--hash' || w.startsWith('--hash=')) {
        const v = w === '--hash' ? ws[++i] : w.slice('--hash='.length);
        if (v === undefined) throw new LockFileError(path, number, '--hash needs a value (sha256:…)');
        if (/^sha256:/i.test(v)) {
          const h = sha256Of(v);
          if (!h) throw new LockFileError(path, number, `--hash ${JSON.stringify(v)} is not sha256: followed by 64 hex digits`);
          hashes.push(h);
        } else if (!/^(sha384|sha512):[0-9a-fA-F]+$/.test(v)) {
          throw new LockFileError(path, number, `--hash ${JSON.stringify(v)} is not ALGORITHM:HEX`);
        }
      } else if (w.startsWith('--config-settings') || w.startsWith('--global-option') || w.startsWith('--install-option')) {
        if (!w.includes('=')) i++;
      } else {
        throw new LockFileError(path, number, `unexpected ${JSON.stringify(w)} after the requirement`);
      }
    }
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(req) || /^(\.{1,2}[/\\]|[/\\]|[A-Za-z]:[/\\])/.test(req)) {
    return { kind: 'not-checkable', name: req, version: null, what: req, why: 'a URL or a local path, not a release on the index', source };
  }
  const [spec] = req.split(';', 1) as [string];
  const m = NAME_RE.exec(spec.trim());
  if (!m) throw new LockFileError(path, number, `cannot read the requirement ${JSON.stringify(req.slice(0, 100))}`);
  const name = m[1]!;
  const rest = m[3]!.trim();
  if (rest.startsWith('@')) {
    return {
      kind: 'not-checkable',
      name,
      version: null,
      what: rest.slice(1).trim(),
      why: 'installed from a URL (name @ URL), not from the index',
      source,
    };
  }
  const v = VERSION_RE.exec(rest);
  if (!v || v[1]!.includes('*')) {
    if (rest === '' || /^(~=|!=|<=|>=|<|>|==|===)/.test(rest)) {
      return {
        kind: 'not-checkable',
        name,
        version: null,
        what: `${name}${rest ? ` ${rest}` : ''}`,
        why: 'not pinned to one version (name==version)',
        source,
      };
    }
    throw new LockFileError(path, number, `cannot read the version specifier ${JSON.stringify(rest.slice(0, 100))}`);
  }
  return { kind: 'hashes', name, version: v[1]!, hashes, source };
}
