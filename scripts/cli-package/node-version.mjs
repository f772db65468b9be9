/**
 * Whether a Node.js version satisfies the package's `engines.node` range, in the only form this
 * repository writes it: `||`-separated `^X.Y.Z` and `>=X.Y.Z` clauses (package.json). The
 * installed `pypi-provenance` refuses to start on any other Node (the bundled Sigstore and TUF
 * code needs those versions), with the range it read from its own package.json.
 */
const parse = (v) => {
  const m = /^v?(\d+)\.(\d+)\.(\d+)/.exec(String(v).trim());
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
};
const cmp = (a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

/** @param {string} version e.g. process.version  @param {string} range e.g. "^22.22.2 || >=26.0.0" */
export function satisfiesEngines(version, range) {
  const v = parse(version);
  if (!v) return false;
  return String(range)
    .split('||')
    .map((c) => c.trim())
    .some((clause) => {
      const caret = /^\^(.+)$/.exec(clause);
      const atLeast = /^>=(.+)$/.exec(clause);
      const min = parse((caret ?? atLeast)?.[1] ?? '');
      if (!min || !(caret || atLeast)) return false;
      if (cmp(v, min) < 0) return false;
      return atLeast ? true : v[0] === min[0]; // ^X.Y.Z (X >= 1): below the next major
    });
}
