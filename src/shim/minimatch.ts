/**
 * The one `minimatch` call the browser bundles make, in far less code (the bundler aliases
 * `minimatch` to this file, see scripts/build-config.ts; minimatch and brace-expansion were
 * ≈28 kB of the worker's ≈400 kB).
 *
 * Its only caller is @tufjs/models (DelegatedRole.isDelegatedPath, TUF §5.6.7): a delegation's
 * `paths` pattern and the target path are split on "/" and each target segment is matched with
 * `minimatch(segment, patternSegment)`, default options. So neither argument has a "/".
 *
 * Same answer as minimatch 10 for every segment pattern made of literal characters, `*` and `?`
 * (test/unit/minimatch-shim.test.ts compares them, exhaustively for short strings and with
 * fast-check). A pattern using anything else (`[...]`, `{a,b}`, extglobs, `!`/`#` at the start,
 * backslash escapes, "/") matches nothing: such a delegation is not followed, so a target only it
 * would vouch for is not found and the trust-root update fails, keeping the current root. That
 * is stricter than tuf-js, never looser. Sigstore's repository delegates no paths that the
 * trusted root is looked up under (trusted_root.json is in the top-level targets).
 */
const UNSUPPORTED = /[[\]{}()!#+@\\|/]/;

export function minimatch(target: string, pattern: string): boolean {
  if (typeof pattern !== 'string') throw new TypeError('glob pattern string required'); // as minimatch
  if (typeof target !== 'string' || UNSUPPORTED.test(pattern) || target.includes('/')) return false;
  if (!/[*?]/.test(pattern)) return target === pattern;
  // minimatch's defaults (dot: false): a wildcard never matches "." or "..", nor a leading dot;
  // a target that starts with a dot needs a pattern that starts with one.
  if (target === '.' || target === '..') return false;
  if (target.startsWith('.') && !pattern.startsWith('.')) return false;
  if (pattern === '**') return true; // globstar: any segment, even an empty one
  if (/^\*+$/.test(pattern) && target === '') return false; // "*" alone needs at least one character
  return glob(target, pattern);
}

/** `*`: any run of characters (even none), `?`: exactly one (UTF-16 code units, like minimatch's RegExp). */
function glob(s: string, p: string): boolean {
  let i = 0;
  let j = 0;
  let star = -1;
  let mark = 0;
  while (i < s.length) {
    if (j < p.length && (p[j] === '?' || (p[j] !== '*' && p[j] === s[i]))) {
      i++;
      j++;
    } else if (j < p.length && p[j] === '*') {
      star = j++;
      mark = i;
    } else if (star >= 0) {
      j = star + 1;
      i = ++mark;
    } else return false;
  }
  while (j < p.length && p[j] === '*') j++;
  return j === p.length;
}
