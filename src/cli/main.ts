/**
 * `pypi-provenance` — the installed command-line tool (docs/cli.md):
 *
 *   pypi-provenance check NAME==VERSION | NAME | PROJECT_URL | FILE…  [options]
 *   pypi-provenance audit requirements.txt | pylock.toml | uv.lock    [options]
 *
 * The same core as the extension: the worker's PyPI client, checker and history service
 * (src/background), verifyProvenance (src/verify) and the bundled trust root. This file is the
 * command line: arguments, output, exit codes (src/cli/results.ts).
 */
import '../shim/buffer-global';
import '../i18n/english';
import { version as packageVersion } from '../../package.json';
import { bundledTrust, tryLoadTrust, type TrustState } from '../trust/bundled-root';
import type { FetchLike } from '../background/http';
import { importPins } from '../report/pins-file';
import type { IdentityPin } from '../settings';
import { parseArgs, UsageError, type ParsedArgs } from './args';
import { refreshedTrustState, TRUST_FLAG_SPEC } from './trust-flags';
import { runAudit } from './audit';
import { runCheck } from './check';
import { defaultCacheDir, DiskStorage } from './disk-storage';
import type { CliHost } from './host';
import { DEFAULT_INDEX, parseIndexUrl } from './index-url';
import { offlineFetch } from './offline-fetch';
import { createProgress } from './progress';
import { EXIT_CODES, exitCodeOf, toJson, type RunResult } from './results';
import { toSarif } from './sarif';
import { createSession, type Session } from './session';
import { renderTable } from './table';

export const VERSION: string = packageVersion;
export const USER_AGENT = `pypi-provenance-cli/${VERSION} (PEP 740 provenance checker)`;

export const USAGE = `Usage:
  pypi-provenance check NAME==VERSION | NAME | PROJECT_URL | FILE...  [options]
  pypi-provenance audit requirements.txt | pylock.toml | uv.lock  [options]
  pypi-provenance --version | --help

check   every file of a release (NAME==VERSION, a pypi.org project or release URL, or NAME for
        the latest release), or local distribution files (hashed here, found on the index by
        their name, verified against that hash)
audit   every pinned file of a lock file; the lock's sha256 must equal the index's

Options:
  --index URL          package index (default ${DEFAULT_INDEX}; http:// only on 127.0.0.1/localhost/[::1])
  --json               one JSON object on stdout: {"files": [...], "summary": {...}}
  --sarif              SARIF 2.1.0 on stdout (for code-scanning uploads)
  --strict             files without provenance (or not checkable), or a changed publisher,
                       make the exit code 3
  --pins FILE          identity pins (the extension's pin export format)
  --offline DIR        read the index from DIR (simple/<project>/index.v1.json,
                       integrity/<project>/<version>/<file>/provenance.json); no network
  --trusted-root FILE  use this Sigstore trusted_root.json instead of the bundled one
  --tuf-repository URL refresh the trust root through TUF first (Sigstore's:
                       https://tuf-repo-cdn.sigstore.dev; http:// only on loopback)
  --tuf-root FILE      the TUF root.json to start from (default: the bundled one)
  --tuf-cache DIR      keep verified TUF metadata in DIR between runs
  --concurrency N      Integrity API requests at once (1-16, default 8)
  --timeout SECONDS    give up on one request attempt after this long (default 15)
  --cache-dir DIR      verdict cache folder (default ~/.cache/pypi-provenance/cli)
  --no-cache           do not read or write the verdict cache
  --no-progress        no progress bar on stderr
  --version, --help

Exit codes: 0 all checked files verified (without --strict: or without provenance),
  1 a file failed verification or differs from a pin, 2 bad input,
  3 --strict and a file has no provenance or cannot be checked (or a publisher changed),
  4 a file could not be checked.
`;

/** Options every command takes. (Trust-root refresh flags belong beside 'trusted-root'.) */
const OPTIONS = {
  index: 'value',
  json: 'flag',
  sarif: 'flag',
  strict: 'flag',
  pins: 'value',
  offline: 'value',
  ...TRUST_FLAG_SPEC,
  concurrency: 'value',
  timeout: 'value',
  'cache-dir': 'value',
  'no-cache': 'flag',
  'no-progress': 'flag',
  help: 'flag',
  version: 'flag',
} as const;

export interface RunContext {
  host: CliHost;
  /** How reasons name the index: "pypi.org", "test.pypi.org" or the --index origin. */
  indexName: string;
  session: Session;
  args: ParsedArgs;
  progress: ReturnType<typeof createProgress>;
}

async function loadPins(host: CliHost, path: string | undefined): Promise<IdentityPin[]> {
  if (path === undefined) return [];
  let text: string;
  try {
    const read = await host.readFileCapped(path, 1024 * 1024);
    if (read.tooLarge) throw new UsageError(`--pins ${path}: larger than 1 MB`);
    text = new TextDecoder().decode(read.bytes);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`--pins: cannot read ${path}: ${(e as Error)?.message ?? e}`);
  }
  const imported = importPins(text);
  if (!imported.ok) throw new UsageError(`--pins ${path}: ${imported.error ?? 'not a pins file'}`);
  if (imported.rejected > 0)
    host.stderr(`pypi-provenance: --pins ${path}: ${imported.rejected} entries are not valid pins and were ignored\n`);
  return imported.pins;
}

async function loadTrustState(host: CliHost, path: string | undefined): Promise<(now: Date) => TrustState> {
  if (path === undefined) return bundledTrust;
  let text: string;
  try {
    text = new TextDecoder().decode(await host.readFile(path));
  } catch (e) {
    throw new UsageError(`--trusted-root: cannot read ${path}: ${(e as Error)?.message ?? e}`);
  }
  const loaded = tryLoadTrust(text);
  if (!loaded.ok) throw new UsageError(`--trusted-root ${path}: ${loaded.detail}`);
  const state: TrustState = { ok: true, trust: loaded.trust };
  return () => state;
}

function concurrencyOf(raw: string | undefined): number {
  if (raw === undefined) return 8;
  if (!/^\d{1,2}$/.test(raw) || Number(raw) < 1 || Number(raw) > 16) throw new UsageError('--concurrency must be a number from 1 to 16');
  return Number(raw);
}

function timeoutOf(raw: string | undefined): number {
  if (raw === undefined) return 15_000;
  if (!/^\d{1,3}(\.\d+)?$/.test(raw) || Number(raw) <= 0) throw new UsageError('--timeout must be a number of seconds, e.g. 15');
  return Math.round(Number(raw) * 1000);
}

function print(host: CliHost, args: ParsedArgs, result: RunResult): void {
  if (args.flags.has('json')) host.stdout(toJson(result));
  else if (args.flags.has('sarif')) host.stdout(toSarif(result, VERSION));
  else host.stdout(renderTable(result));
}

export async function main(argv: string[], host: CliHost): Promise<number> {
  const bad = (message: string): number => {
    host.stderr(`pypi-provenance: ${message}\n\nRun 'pypi-provenance --help' for usage.\n`);
    return EXIT_CODES.badInput;
  };
  const [command, ...rest] = argv;
  if (command === '--version' || command === '-V') {
    host.stdout(`pypi-provenance ${VERSION}\n`);
    return 0;
  }
  if (command === undefined) {
    // Bad input like every other usage error: the message on stderr, nothing on stdout.
    host.stderr(`pypi-provenance: no command given\n\n${USAGE}`);
    return EXIT_CODES.badInput;
  }
  if (command === '--help' || command === '-h' || command === 'help') {
    host.stdout(USAGE);
    return 0;
  }
  if (command !== 'check' && command !== 'audit') return bad(`unknown command ${JSON.stringify(command)}`);

  let storage: DiskStorage | undefined;
  try {
    const args = parseArgs(rest, OPTIONS);
    if (args.flags.has('help')) {
      host.stdout(USAGE);
      return 0;
    }
    if (args.flags.has('version')) {
      host.stdout(`pypi-provenance ${VERSION}\n`);
      return 0;
    }
    if (args.flags.has('json') && args.flags.has('sarif')) throw new UsageError('give --json or --sarif, not both');
    if (args.positionals.length === 0) throw new UsageError(`${command}: nothing to check`);
    const index = parseIndexUrl(args.values.get('index') ?? DEFAULT_INDEX);
    const offline = args.values.get('offline');
    const fetchFn: FetchLike = offline !== undefined ? offlineFetch(offline, host) : (url, init) => fetch(url, init);
    const pins = await loadPins(host, args.values.get('pins'));
    const trust = (await refreshedTrustState(args, host)) ?? (await loadTrustState(host, args.values.get('trusted-root')));
    const concurrency = concurrencyOf(args.values.get('concurrency'));
    const attemptTimeoutMs = timeoutOf(args.values.get('timeout'));
    if (!args.flags.has('no-cache') && offline === undefined) {
      const dir = args.values.get('cache-dir') ?? defaultCacheDir(host);
      if (dir) storage = await DiskStorage.open(host, dir);
    }
    const session = createSession({
      index,
      strict: args.flags.has('strict'),
      pins,
      trust,
      fetch: fetchFn,
      userAgent: USER_AGENT,
      concurrency,
      net: { attemptTimeoutMs },
      ...(storage ? { storage } : {}),
    });
    const progress = createProgress(host, !args.flags.has('no-progress') && host.stderrIsTTY);
    const ctx: RunContext = { host, indexName: index.origin.replace(/^https:\/\//, ''), session, args, progress };
    const result = command === 'check' ? await runCheck(ctx, index) : await runAudit(ctx, index);
    progress.done();
    print(host, args, result);
    return exitCodeOf(result);
  } catch (e) {
    if (e instanceof UsageError) return bad(e.message);
    throw e;
  } finally {
    await storage?.save().catch((e: unknown) => host.stderr(`pypi-provenance: could not write the cache: ${(e as Error)?.message ?? e}\n`));
  }
}
