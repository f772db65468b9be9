/**
 * Pure URL classification for pypi.org / test.pypi.org pages (pypi-dom.md §1, §6.1).
 * Accepts any spelling of the project name in the path (PyPI 301s to the display name).
 */
import type { IndexHost } from '../../messages';
import { normalizeProjectName } from '../../project-name';

export interface ParsedPypiUrl {
  index: IndexHost;
  kind: 'project' | 'release' | 'simple';
  /** The name segment as it appears in the path (percent-decoded), not normalised. */
  name: string;
  version?: string;
}

/** Project-name rule of PEP 508 (what PyPI accepts), used to reject junk path segments. */
const NAME_RE = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$/;
/** PyPI version strings as stored (permissive, but no slashes or spaces). */
const VERSION_RE = /^[A-Za-z0-9][A-Za-z0-9._+!-]{0,99}$/;

/**
 * Second path segments under /project/<name>/ that are not versions. Warehouse has
 * `/project/<name>/submit-malware-report/`; anything else that is not a valid version is
 * rejected by VERSION_RE, and the project-page detector also requires the h1 + #files.
 */
const NON_VERSION_SEGMENTS = new Set(['submit-malware-report']);

function decodeSegment(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}

export function parsePypiUrl(url: string | URL): ParsedPypiUrl | null {
  let u: URL;
  try {
    u = typeof url === 'string' ? new URL(url) : url;
  } catch {
    return null;
  }
  if (u.protocol !== 'https:') return null;
  const host = u.hostname.toLowerCase();
  if (host !== 'pypi.org' && host !== 'test.pypi.org') return null;
  if (u.port !== '') return null;
  const index: IndexHost = host;

  const m = /^\/(project|simple)\/([^/]+)\/(?:([^/]+)\/)?$/.exec(u.pathname);
  if (!m) return null;
  const section = m[1];
  const name = decodeSegment(m[2] ?? '');
  if (name === null || !NAME_RE.test(name) || name.length > 200) return null;

  if (section === 'simple') {
    if (m[3] !== undefined) return null;
    return { index, kind: 'simple', name };
  }
  if (m[3] === undefined) return { index, kind: 'project', name };
  const version = decodeSegment(m[3]);
  if (version === null || NON_VERSION_SEGMENTS.has(version.toLowerCase()) || !VERSION_RE.test(version)) return null;
  return { index, kind: 'release', name, version };
}

/** True when two project names are the same project after PEP 503 normalisation. */
export function sameProject(a: string, b: string): boolean {
  return normalizeProjectName(a) === normalizeProjectName(b);
}
