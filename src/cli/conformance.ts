/**
 * Sigstore client conformance protocol, `verify-bundle` only (sigstore-conformance docs/cli_protocol.md):
 *
 *   verify-bundle --bundle B --certificate-identity I --certificate-oidc-issuer O [--trusted-root T] FILE_OR_DIGEST
 *   verify-bundle --bundle B --key K [--trusted-root T] FILE_OR_DIGEST
 *
 * FILE_OR_DIGEST is an artifact path or `sha256:<hex>`. Exit 0 when verified; otherwise non-zero
 * with the reason on stderr. Built like the worker (browser platform, same shims), so this is the
 * worker's crypto path being tested.
 *
 * This file is the command line only (arguments, files, exit codes); the verification itself is
 * `verifyConformanceBundle` (src/conformance/verify-bundle.ts), which the worker's test hook also
 * runs inside the built service worker (e2e/conformance-worker.spec.ts).
 */
import '../shim/buffer-global';
import productionTrustedRoot from '../../public/trust/trusted_root.json?raw';
import { parseSha256Digest, verifyConformanceBundle, type ConformanceArtifact } from '../conformance/verify-bundle';
import { parseArgs, UsageError } from './args';
import type { CliHost } from './host';

export const CONFORMANCE_USAGE = `Usage:
  conformance verify-bundle --bundle B --certificate-identity I --certificate-oidc-issuer O [--trusted-root T] FILE_OR_sha256:DIGEST
  conformance verify-bundle --bundle B --key K [--trusted-root T] FILE_OR_sha256:DIGEST
`;

/** A verification failure with a message for stderr. */
class Rejected extends Error {}

async function verifyBundle(argv: string[], host: CliHost): Promise<void> {
  const args = parseArgs(argv, {
    bundle: 'value',
    'certificate-identity': 'value',
    'certificate-oidc-issuer': 'value',
    key: 'value',
    'trusted-root': 'value',
  });
  const bundlePath = args.values.get('bundle');
  const identity = args.values.get('certificate-identity');
  const issuer = args.values.get('certificate-oidc-issuer');
  const keyPath = args.values.get('key');
  if (!bundlePath) throw new UsageError('--bundle is required');
  if (args.positionals.length !== 1) throw new UsageError('expected exactly one FILE or sha256:DIGEST');
  if (keyPath ? identity || issuer : !identity || !issuer) {
    throw new UsageError('give either --key, or both --certificate-identity and --certificate-oidc-issuer');
  }
  const target = args.positionals[0]!;
  let digest: Uint8Array | null = null;
  if (target.startsWith('sha256:')) {
    digest = parseSha256Digest(target);
    if (!digest) throw new UsageError('sha256:DIGEST must be 64 hex digits');
  }

  // Files (an unreadable file is "not verified", exit 1).
  const rootPath = args.values.get('trusted-root');
  const trustedRoot = rootPath === undefined ? productionTrustedRoot : await host.readFile(rootPath);
  const keyPem = keyPath ? new TextDecoder().decode(await host.readFile(keyPath)) : undefined;
  const artifact: ConformanceArtifact = digest ? { kind: 'digest', sha256: digest } : { kind: 'bytes', bytes: await host.readFile(target) };
  const bundle = await host.readFile(bundlePath);

  const result = await verifyConformanceBundle(
    keyPem !== undefined
      ? { bundle, trustedRoot, keyPem, artifact }
      : { bundle, trustedRoot, identity: identity!, issuer: issuer!, artifact },
  );
  if (!result.ok) throw new Rejected(result.reason);
}

export async function main(argv: string[], host: CliHost): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--help' || command === 'help') {
    host.stdout(CONFORMANCE_USAGE);
    return 0;
  }
  if (command !== 'verify-bundle') {
    host.stderr(`conformance: unsupported command ${JSON.stringify(command ?? '')}\n${CONFORMANCE_USAGE}`);
    return 2;
  }
  try {
    await verifyBundle(rest, host);
    host.stderr('OK\n');
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      host.stderr(`conformance: ${e.message}\n${CONFORMANCE_USAGE}`);
      return 2;
    }
    // Anything else (our checks, @sigstore errors, TypeErrors on odd input, unreadable files) = not verified.
    if (e instanceof Rejected) {
      host.stderr(`verification failed: ${e.message}\n`);
      return 1;
    }
    const err = e as Error & { code?: string };
    host.stderr(`verification failed: ${err?.code ? `${err.code}: ` : ''}${err?.message ?? String(e)}\n`);
    return 1;
  }
}
