/**
 * The local Sigstore TUF repository of the browser tests (Chromium and Firefox): built with the
 * unit tests' TufRepo (test/trust/tuf-repo.ts: @tufjs/models metadata, fresh ECDSA P-256 keys)
 * and served on 127.0.0.1 under the name https://tuf-repo-cdn.sigstore.dev.
 *
 * How the extension comes to trust it. The built extension starts every refresh from the newer of
 * its bundled TUF root (Sigstore's v16, inlined in the worker) and the last root it verified,
 * which it keeps in storage.local (src/trust/refresh.ts `startingRoot`). A local repository cannot
 * chain from Sigstore's root (its keys are Sigstore's), so the tests write a "last verified" state
 * holding this repository's root v16 into storage.local from an extension page, the same key a
 * successful refresh writes (trust.tufState). The shipped build is the one under test: no build
 * flag, no test root in dist/ (e2e/shipped-trust-root.spec.ts checks that), nothing the web can reach.
 *
 * From there a refresh is the real thing: root v16 → v17 (a key rotation, signed by old and new
 * root keys), timestamp, snapshot, targets, the trusted_root.json target, every check by tuf-js.
 * The target is the bundled trusted root plus one Rekor log (the staging log2025-alpha3 key), so
 * its sha256 differs from the bundled one; root v17 and the timestamp have their own expiry dates.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { inDays, makeRoleKeys, sha256Hex, TufRepo } from '../../test/trust/tuf-repo';

const trustDir = fileURLToPath(new URL('../../test/fixtures/trust/', import.meta.url));
/** Sigstore's production trusted root (the one the extension bundles). */
export const FULL_ROOT = readFileSync(`${trustDir}trusted_root.json`, 'utf8');
const STAGING_ROOT = readFileSync(`${trustDir}trusted_root.staging.json`, 'utf8');

/**
 * storage.local key of the worker's TUF state: src/background/trust-updates.ts TUF_STATE_KEY, not
 * imported (Playwright's loader cannot follow that module's tuf-js deep imports). A wrong key fails
 * the tests: the extension would then refresh from Sigstore's root, which this repository does not chain from.
 */
export const TUF_STATE_KEY = 'trust.tufState';
export { formatUtc } from '../../src/ui/time';
export const TUF_HOST = 'tuf-repo-cdn.sigstore.dev';

/** The production root plus the staging Rekor v2 log2025-alpha3 key: "upstream added a Rekor log". */
export function rootWithAddedRekorLog(): string {
  const r = JSON.parse(FULL_ROOT) as { tlogs: { baseUrl: string }[] };
  const staging = JSON.parse(STAGING_ROOT) as { tlogs: { baseUrl: string }[] };
  const added = staging.tlogs.find((t) => t.baseUrl === 'https://log2025-alpha3.rekor.sigstage.dev');
  if (!added) throw new Error('the staging trusted root has no log2025-alpha3 log');
  r.tlogs.push(added);
  return JSON.stringify(r);
}

/** The production root without the Rekor v1 log key: what the extension had before Sigstore "added" it. */
export function rootWithoutRekorV1(): string {
  const r = JSON.parse(FULL_ROOT) as { tlogs: { baseUrl: string }[] };
  r.tlogs = r.tlogs.filter((t) => t.baseUrl !== 'https://rekor.sigstore.dev');
  return JSON.stringify(r);
}

export interface TrustScenario {
  repo: TufRepo;
  /** What the extension stores after verifying this repository's root v16 (no trusted root yet). */
  seed: { root: string };
  /** What the options page must show after a refresh. */
  expected: {
    tufRootVersion: number;
    tufRootExpires: string;
    timestampExpires: string;
    trustedRootSha256: string;
  };
}

export function trustScenario(): TrustScenario {
  const repo = new TufRepo(makeRoleKeys(), { firstVersion: 16 });
  const seed = { root: repo.bootstrapRoot };
  const tufRootExpires = inDays(400);
  repo.rotateRoot(makeRoleKeys(), { expires: tufRootExpires });
  const timestampExpires = inDays(6);
  const target = rootWithAddedRekorLog();
  repo.publish(target, { timestamp: 7, snapshot: 7, targets: 7 }, { timestampExpires });
  return {
    repo,
    seed,
    expected: { tufRootVersion: 17, tufRootExpires, timestampExpires, trustedRootSha256: sha256Hex(target) },
  };
}
