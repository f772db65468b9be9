/**
 * PEP 440 version parsing and canonical form, enough to compare distribution filenames the way
 * `packaging.version.Version` equality does (which is what PyPI compares): release trailing zeros
 * ignored, pre/post/dev spellings normalised, local versions lowercased with numeric parts as ints.
 */
const VERSION_RE = new RegExp(
  '^\\s*v?' +
    '(?:(?<epoch>[0-9]+)!)?' +
    '(?<release>[0-9]+(?:\\.[0-9]+)*)' +
    '(?<pre>[-_.]?(?<pre_l>alpha|a|beta|b|preview|pre|c|rc)[-_.]?(?<pre_n>[0-9]+)?)?' +
    '(?<post>(?:-(?<post_n1>[0-9]+))|(?:[-_.]?(?<post_l>post|rev|r)[-_.]?(?<post_n2>[0-9]+)?))?' +
    '(?<dev>[-_.]?(?<dev_l>dev)[-_.]?(?<dev_n>[0-9]+)?)?' +
    '(?:\\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?' +
    '\\s*$',
  'i',
);

/** Decimal string without leading zeros (arbitrary size). */
function int(s: string): string {
  const t = s.replace(/^0+/, '');
  return t === '' ? '0' : t;
}

const PRE_LABELS: Record<string, string> = { alpha: 'a', a: 'a', beta: 'b', b: 'b', c: 'rc', pre: 'rc', preview: 'rc', rc: 'rc' };

/**
 * Canonical string of a PEP 440 version, with trailing `.0` release segments dropped (as
 * `packaging.utils.canonicalize_version` does), or null if it is not a valid PEP 440 version.
 * Two versions are equal under `Version.__eq__` iff their canonical strings are equal.
 */
export function canonicalizeVersion(version: string): string | null {
  if (typeof version !== 'string' || version.length > 256) return null;
  const m = VERSION_RE.exec(version);
  const g = m?.groups;
  if (!g || g.release === undefined) return null;
  let out = '';
  const epoch = g.epoch === undefined ? '0' : int(g.epoch);
  if (epoch !== '0') out += `${epoch}!`;
  const release = g.release.split('.').map(int);
  while (release.length > 1 && release[release.length - 1] === '0') release.pop();
  out += release.join('.');
  if (g.pre_l !== undefined) out += PRE_LABELS[g.pre_l.toLowerCase()]! + int(g.pre_n ?? '0');
  if (g.post !== undefined) out += `.post${int(g.post_n1 ?? g.post_n2 ?? '0')}`;
  if (g.dev !== undefined) out += `.dev${int(g.dev_n ?? '0')}`;
  if (g.local !== undefined) {
    out +=
      '+' +
      g.local
        .toLowerCase()
        .split(/[-_.]/)
        .map((p) => (/^[0-9]+$/.test(p) ? int(p) : p))
        .join('.');
  }
  return out;
}
