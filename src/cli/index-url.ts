/**
 * `--index URL`: which package index the CLI talks to. https on any host (PyPI, TestPyPI, a
 * mirror); http only on loopback hosts (127.0.0.1, localhost, [::1]) so tests can serve a local
 * index. A path of `/` or `/simple/` is accepted and dropped: the CLI uses PyPI's paths under the
 * origin (`/simple/<project>/`, `/integrity/…`).
 */
import type { IndexLocation } from '../messages';
import { LOOPBACK_HOSTS } from '../net/bounded-read';
import { UsageError } from './args';

export const DEFAULT_INDEX = 'https://pypi.org';
/** Hosts whose JSON a mirror may serve as is; see SimpleParseOptions.foreignIntegrityOrigins. */
const PYPI_ORIGINS = ['https://pypi.org', 'https://test.pypi.org'];

export interface IndexChoice {
  /** What the worker's client is given: 'pypi.org' / 'test.pypi.org', or the origin. */
  location: IndexLocation;
  origin: string;
  /** Integrity URLs from these origins are rebased onto `origin` (a mirror of pypi.org). */
  foreignIntegrityOrigins: string[];
}

export function parseIndexUrl(raw: string): IndexChoice {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new UsageError(`--index ${JSON.stringify(raw)} is not a URL (example: --index https://test.pypi.org)`);
  }
  if (u.username || u.password) throw new UsageError('--index must not contain a user name or password');
  if (u.search || u.hash) throw new UsageError('--index must not have a query or fragment');
  if (!['', '/', '/simple', '/simple/'].includes(u.pathname)) {
    throw new UsageError(`--index takes the index's address (e.g. https://pypi.org), not ${u.pathname}`);
  }
  if (u.protocol === 'http:' && !LOOPBACK_HOSTS.has(u.hostname)) {
    throw new UsageError('--index: http:// is accepted only for 127.0.0.1, localhost or [::1]; use https://');
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new UsageError('--index must be an https:// URL');
  const origin = u.origin;
  if (origin === 'https://pypi.org') return { location: 'pypi.org', origin, foreignIntegrityOrigins: [] };
  if (origin === 'https://test.pypi.org') return { location: 'test.pypi.org', origin, foreignIntegrityOrigins: [] };
  return { location: origin as IndexLocation, origin, foreignIntegrityOrigins: PYPI_ORIGINS };
}

/** Whether files a lock file says came from `indexUrl` can be checked against this --index. */
export function servesIndex(choice: IndexChoice, indexUrl: string): boolean {
  let origin: string;
  try {
    origin = new URL(indexUrl).origin;
  } catch {
    return false;
  }
  return origin === choice.origin || choice.foreignIntegrityOrigins.includes(origin);
}
