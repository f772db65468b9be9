/**
 * PEP 440 ordering and release lines, over canonical versions (src/verify/version.ts).
 * Release line: the major version ("2" for 2.3.1), or major.minor for 0.x ("0.4" for 0.4.2),
 * with the epoch when there is one ("1!2").
 */
import { canonicalizeVersion } from '../verify/version';

interface Key {
  epoch: number;
  release: number[];
  /** [-1] dev-only pre-release position, [0..2, n] a/b/rc, [3] none. */
  pre: [number, number];
  post: number;
  dev: number;
}

const CANON_RE = /^(?:(\d+)!)?(\d+(?:\.\d+)*)(?:(a|b|rc)(\d+))?(?:\.post(\d+))?(?:\.dev(\d+))?(?:\+.*)?$/;
const PRE_RANK: Record<string, number> = { a: 0, b: 1, rc: 2 };

function key(version: string): Key | null {
  const c = canonicalizeVersion(version);
  if (c === null) return null;
  const m = CANON_RE.exec(c);
  if (!m) return null;
  const n = (s: string | undefined) => (s === undefined ? 0 : Math.min(Number(s), Number.MAX_SAFE_INTEGER));
  const hasPre = m[3] !== undefined;
  const hasPost = m[5] !== undefined;
  const hasDev = m[6] !== undefined;
  let pre: [number, number];
  if (hasPre) pre = [PRE_RANK[m[3]!]!, n(m[4])];
  else if (hasDev && !hasPost) pre = [-1, 0];
  else pre = [3, 0];
  return {
    epoch: n(m[1]),
    release: m[2]!.split('.').map((x) => n(x)),
    pre,
    post: hasPost ? n(m[5]) : -1,
    dev: hasDev ? n(m[6]) : Number.POSITIVE_INFINITY,
  };
}

function cmpNum(a: number, b: number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** PEP 440 comparison (local labels ignored); invalid versions sort first, by string. */
export function compareVersions(a: string, b: string): number {
  const ka = key(a);
  const kb = key(b);
  if (!ka || !kb) return ka ? 1 : kb ? -1 : a < b ? -1 : a > b ? 1 : 0;
  let c = cmpNum(ka.epoch, kb.epoch);
  if (c) return c;
  const len = Math.max(ka.release.length, kb.release.length);
  for (let i = 0; i < len; i++) {
    c = cmpNum(ka.release[i] ?? 0, kb.release[i] ?? 0);
    if (c) return c;
  }
  c = cmpNum(ka.pre[0], kb.pre[0]) || cmpNum(ka.pre[1], kb.pre[1]);
  if (c) return c;
  c = cmpNum(ka.post, kb.post);
  if (c) return c;
  return cmpNum(ka.dev, kb.dev);
}

/** Release line of a version ("2", "0.4", "1!3"), or null if it is not a PEP 440 version. */
export function releaseLine(version: string): string | null {
  const c = canonicalizeVersion(version);
  if (c === null) return null;
  const m = CANON_RE.exec(c);
  if (!m) return null;
  const rel = m[2]!.split('.');
  const major = rel[0]!;
  const line = major === '0' ? `0.${rel[1] ?? '0'}` : major;
  return m[1] !== undefined ? `${m[1]}!${line}` : line;
}
