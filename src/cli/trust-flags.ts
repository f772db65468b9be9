/**
 * Trust-root flags shared by the CLIs: where the Sigstore trust root comes from.
 *
 *   (none)                      the bundled trusted_root.json; never known current
 *   --trusted-root FILE         that file; never known current
 *   --tuf-repository URL        refresh through TUF first (https, or http on loopback for tests);
 *   [--tuf-root FILE]           starting from this TUF root.json (default: the bundled one)
 *   [--tuf-cache DIR]           keeping verified metadata in DIR/tuf-state.json between runs
 *
 * After a successful refresh the root is known current as of that refresh (a Sigstore key it
 * lacks is then `failed` for older signatures). When a refresh fails, the last good refreshed root
 * in the cache is used (known current as of its own refresh) while the TUF root it was verified
 * under has not expired (src/trust/refreshed.ts, the worker's rule), else the bundled one, and a note
 * goes to stderr. The bundled root is used as the worker uses it (`bundledTrust`): once the TUF
 * root it came from has expired it is unusable, and every check is `error` ("update").
 * Plug in: spread TRUST_FLAG_SPEC into the parseArgs spec, call resolveCliTrust.
 */
import bundledTufRoot from '../../public/trust/tuf_root.json?raw';
import { refreshTrustedRoot, STATUS_MESSAGES, SIGSTORE_TUF_URL } from '../trust/refresh';
import { checkRepositoryUrl, type FetchLike } from '../trust/fetch';
import { memoryStorage, parseStoredState, type TufState, type TufStorage } from '../trust/storage';
import { refreshedRoot, usableAt } from '../trust/refreshed';
import { loadTrust, withRefreshedAt, type LoadedTrust } from '../verify/trust';
import { bundledTrust, type TrustState } from '../trust/bundled-root';
import { UsageError, type ParsedArgs } from './args';

export const TRUST_FLAG_SPEC = {
  'trusted-root': 'value',
  'tuf-repository': 'value',
  'tuf-root': 'value',
  'tuf-cache': 'value',
} as const;

export const TRUST_FLAGS_USAGE = `  --trusted-root <file>    use this Sigstore trusted_root.json instead of the bundled one
  --tuf-repository <url>   first refresh the trust root from this TUF repository
                           (Sigstore's is ${SIGSTORE_TUF_URL}; http:// only on loopback)
  --tuf-root <file>        the TUF root.json to start from (default: the bundled one)
  --tuf-cache <dir>        keep verified TUF metadata in <dir> between runs
`;

export const TUF_STATE_FILE = 'tuf-state.json';

export interface TrustHost {
  readFile(path: string): Promise<Uint8Array>;
  /** Atomic whole-file write that creates the folder (scripts/cli-host.mjs). */
  writeFile?(path: string, text: string): Promise<void>;
  stderr(text: string): void;
}

/** The root to verify with, or why there is none (the bundled root is out of date: every check is `error`). */
export type CliTrust =
  | {
      ok: true;
      trust: LoadedTrust;
      /** Set when the root was refreshed through TUF (now or in an earlier run): pass as VerifyOptions.trustRootRefreshedAt. */
      refreshedAt?: Date;
    }
  | Extract<TrustState, { ok: false }>;

const text = (b: Uint8Array) => new TextDecoder('utf-8').decode(b);

function fileStorage(host: TrustHost, dir: string): TufStorage {
  const path = `${dir.replace(/\/+$/, '')}/${TUF_STATE_FILE}`;
  return {
    async load(): Promise<TufState | null> {
      try {
        return parseStoredState(JSON.parse(text(await host.readFile(path))));
      } catch {
        return null; // no cache yet, or an unreadable one
      }
    },
    async save(state: TufState): Promise<void> {
      if (!host.writeFile) throw new Error('this host cannot write files');
      await host.writeFile(path, JSON.stringify(state));
    },
  };
}

/**
 * Throws UsageError for conflicting or malformed flags, Error for unreadable files or an unusable
 * --trusted-root. `now` decides whether the bundled root is still usable.
 */
export async function resolveCliTrust(
  args: ParsedArgs,
  host: TrustHost,
  fetchFn: FetchLike = (u, i) => fetch(u, i),
  now: Date = new Date(),
): Promise<CliTrust> {
  const rootPath = args.values.get('trusted-root');
  const repo = args.values.get('tuf-repository');
  const tufRoot = args.values.get('tuf-root');
  const cache = args.values.get('tuf-cache');
  if (repo === undefined) {
    if (tufRoot !== undefined || cache !== undefined) throw new UsageError('--tuf-root and --tuf-cache need --tuf-repository');
    return rootPath === undefined ? bundledTrust(now) : { ok: true, trust: loadTrust(await host.readFile(rootPath)) };
  }
  if (rootPath !== undefined) throw new UsageError('--trusted-root and --tuf-repository exclude each other');
  try {
    checkRepositoryUrl(repo);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (cache !== undefined && !host.writeFile) throw new UsageError('--tuf-cache is not available in this host');
  const storage = cache === undefined ? memoryStorage() : fileStorage(host, cache);
  const bootstrapRoot = tufRoot === undefined ? bundledTufRoot : text(await host.readFile(tufRoot));
  const r = await refreshTrustedRoot({ repositoryUrl: repo, bootstrapRoot, storage, fetch: fetchFn, now });
  if (r.ok) return { ok: true, trust: loadTrust(r.trustedRoot), refreshedAt: new Date(r.info.refreshedAt) };
  host.stderr(`trust root: ${STATUS_MESSAGES[r.status]} (${r.detail})\n`);
  const cached = await refreshedRoot(r.state);
  const usable = usableAt(cached, now);
  if (usable) return { ok: true, trust: usable.trust, refreshedAt: usable.trust.refreshedAt };
  if (cached)
    host.stderr(
      `trust root: the cached refreshed root's TUF metadata expired ${cached.tufRootExpires ?? '(no expiry)'}; using the bundled one\n`,
    );
  return bundledTrust(now);
}

/**
 * For CLIs that take a TrustState (the installed `pypi-provenance`): null without
 * --tuf-repository (the caller keeps its own --trusted-root / bundled handling), else the
 * refreshed root (its LoadedTrust carries refreshedAt).
 */
export async function refreshedTrustState(args: ParsedArgs, host: TrustHost): Promise<((now: Date) => TrustState) | null> {
  if (!args.values.has('tuf-repository')) {
    if (args.values.has('tuf-root') || args.values.has('tuf-cache'))
      throw new UsageError('--tuf-root and --tuf-cache need --tuf-repository');
    return null;
  }
  let r: CliTrust;
  try {
    r = await resolveCliTrust(args, host);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`trust root: ${(e as Error)?.message ?? String(e)}`);
  }
  const state: TrustState = !r.ok ? r : { ok: true, trust: r.refreshedAt ? withRefreshedAt(r.trust, r.refreshedAt) : r.trust };
  return () => state;
}
