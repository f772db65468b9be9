/**
 * `npm run verify -- <provenance.json> --filename <name> --sha256 <hex> [--strict] [--trusted-root <file>] [--pretty]`
 *
 * Prints the Verdict (plus its `level`) as one JSON line on stdout. Exit codes: 0 verified,
 * 1 failed (also: error/pending, i.e. anything that is not a verdict the user can rely on),
 * 2 bad input (usage, unreadable file, bad sha256, invalid --trusted-root), 3 absent.
 * A provenance file that is not JSON or is malformed is a *failed* verdict, not bad input.
 *
 * Built as a browser-platform bundle (vite.cli.config.ts) with the worker's shims; the host
 * (scripts/cli.mjs) provides file reading and output.
 */
import '../shim/buffer-global';
import { verifyProvenance } from '../verify/index';
import { runWithNativeSignatures } from '../shim/native-verify';
import type { LoadedTrust } from '../verify/trust';
import { DEFAULT_MAX_BYTES } from '../verify/provenance';
import { levelFor, reason, type Verdict } from '../verify/verdict';
import { hasMultiplePublishers } from '../verify/level';
import { parseArgs, UsageError } from './args';
import { withConsequences } from './consequences';
import { resolveCliTrust, TRUST_FLAG_SPEC, TRUST_FLAGS_USAGE, type CliTrust } from './trust-flags';
import { makeVerdict } from '../background/verdicts';
import type { CappedRead, CliHost } from './host';

export const VERIFY_USAGE = `Usage: npm run verify -- <provenance.json> --filename <name> --sha256 <hex> [options]

Verifies a PEP 740 provenance object (as served by PyPI's Integrity API) for one distribution file
and prints the verdict as one JSON line.

Options:
  --filename <name>        the distribution filename (required)
  --sha256 <hex>           the file's sha256, 64 hex digits (required)
  --strict                 strict mode: "absent" is reported at level "warning"
${TRUST_FLAGS_USAGE}  --pretty                 indent the JSON
  --help                   show this help

Exit codes: 0 verified, 1 failed (or could not be checked), 2 bad input, 3 absent (no provenance).
`;

export const EXIT = { verified: 0, failed: 1, badInput: 2, absent: 3 } as const;

export function exitCodeFor(state: Verdict['state']): number {
  if (state === 'verified') return EXIT.verified;
  if (state === 'absent') return EXIT.absent;
  return EXIT.failed; // failed, error, pending: never "verified"
}

/** The body PyPI's Integrity API sends with its 404: {"message": "No provenance available for <file>"}. */
function isNoProvenanceBody(json: unknown): boolean {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return false;
  const keys = Object.keys(json);
  const message = (json as { message?: unknown }).message;
  return keys.length === 1 && typeof message === 'string' && /^No provenance available\b/.test(message);
}

/**
 * What to hand to verifyProvenance: `null` for "no provenance" (a JSON `null` file, or PyPI's 404
 * body), otherwise the raw text (the core parses and size-checks it, so garbage becomes "failed").
 */
export function provenanceInput(text: string): string | null {
  try {
    const json: unknown = JSON.parse(text);
    if (json === null || isNoProvenanceBody(json)) return null;
  } catch {
    // not JSON: the core reports PROVENANCE_NOT_JSON
  }
  return text;
}

/**
 * The verdict for a provenance file larger than the core accepts, decided from its size alone
 * (issue #17.3): nothing of it is decoded or parsed, and no more than the cap + 1 byte is read.
 */
export function tooLargeVerdict(
  dist: { filename: string; sha256: string },
  trust: LoadedTrust,
  size: number | null,
  now = new Date(),
): Verdict {
  return {
    state: 'failed',
    filename: dist.filename,
    sha256: dist.sha256,
    reasons: [
      reason('PROVENANCE_TOO_LARGE', { detail: `${size === null ? 'more than' : `${size} bytes, more than`} ${DEFAULT_MAX_BYTES} bytes` }),
    ],
    publisher: null,
    attestations: [],
    trustRootId: trust.id,
    checkedAt: now.toISOString(),
  };
}

export async function main(argv: string[], host: CliHost): Promise<number> {
  const fail = (message: string): number => {
    host.stderr(`verify: ${message}\n`);
    return EXIT.badInput;
  };

  let args;
  try {
    args = parseArgs(argv, { filename: 'value', sha256: 'value', strict: 'flag', ...TRUST_FLAG_SPEC, pretty: 'flag', help: 'flag' });
  } catch (e) {
    if (e instanceof UsageError) return fail(`${e.message}\n\n${VERIFY_USAGE}`);
    throw e;
  }
  if (args.flags.has('help')) {
    host.stdout(VERIFY_USAGE);
    return 0;
  }
  if (args.positionals.length !== 1) return fail(`expected exactly one provenance file\n\n${VERIFY_USAGE}`);
  const filename = args.values.get('filename');
  if (!filename) return fail('--filename is required');
  const sha256 = args.values.get('sha256')?.toLowerCase();
  if (!sha256) return fail('--sha256 is required');
  if (!/^[0-9a-f]{64}$/.test(sha256)) return fail('--sha256 must be 64 hexadecimal digits');
  const strict = args.flags.has('strict');
  const pretty = args.flags.has('pretty');
  const print = (verdict: Verdict): number => {
    const { state, reasons, ...rest } = verdict;
    const out = {
      state,
      reasons: withConsequences(reasons),
      level: levelFor(state, { strict, multiplePublishers: hasMultiplePublishers(reasons) }),
      ...rest,
    };
    host.stdout(JSON.stringify(out, null, pretty ? 2 : undefined) + '\n');
    return exitCodeFor(state);
  };

  let resolved: CliTrust;
  const rootPath = args.values.get('trusted-root');
  try {
    resolved = await resolveCliTrust(args, host);
  } catch (e) {
    if (e instanceof UsageError) return fail(`${e.message}\n\n${VERIFY_USAGE}`);
    return fail(`cannot use trusted root${rootPath ? ` ${rootPath}` : ''}: ${(e as Error)?.message ?? String(e)}`);
  }
  if (!resolved.ok) {
    // The bundled root is out of date (its TUF root expired): nothing can be checked, as in the worker.
    return print(makeVerdict('error', { filename, sha256, trustRootId: resolved.trustRootId, now: new Date() }, [resolved.reason]));
  }
  const { trust, refreshedAt: trustRootRefreshedAt } = resolved;

  const path = args.positionals[0]!;
  let read: CappedRead;
  try {
    // Size first (bounded read): a huge file is refused before a byte of it is decoded or parsed.
    read = await host.readFileCapped(path, DEFAULT_MAX_BYTES);
  } catch (e) {
    return fail(`cannot read ${path}: ${(e as Error)?.message ?? String(e)}`);
  }
  let verdict: Verdict;
  if (read.tooLarge) {
    verdict = tooLargeVerdict({ filename, sha256 }, trust, read.size);
  } else {
    // Invalid UTF-8 is replaced (not rejected): the result is then not valid JSON -> "failed".
    const text = new TextDecoder('utf-8').decode(read.bytes);
    verdict = await verifyProvenance(provenanceInput(text), { filename, sha256 }, trust, {
      strict,
      // A local bare attestation file: the publisher is inferred from the certificate and the
      // verdict says so (PUBLISHER_INFERRED). The worker refuses that shape (PUBLISHER_MISSING).
      bareAttestation: 'infer',
      ...(trustRootRefreshedAt ? { trustRootRefreshedAt } : {}),
      runSigstore: runWithNativeSignatures,
    });
  }
  return print(verdict);
}
