/**
 * Refresh Sigstore's trusted_root.json through its TUF repository (TUF client workflow, spec
 * §5), with tuf-js doing every check: `TrustedMetadataStore` verifies each role's signatures and
 * thresholds, versions (rollback), expiry (freeze), snapshot/targets hashes and lengths
 * (mix-and-match) and delegations; `TargetFile.verify` checks the target's length and hashes.
 * What tuf-js's `Updater` adds on top is file-system and Node-HTTP plumbing; this module is that
 * plumbing over `fetch` and a `TufStorage`, in the Updater's order (docs/trust-updates.md).
 *
 * All or nothing: the new state is saved in one write after the whole refresh verified, so any
 * failure (attack, outage, worker stopped) leaves the last good state in use.
 */
import { Metadata, MetadataKind, type Root, type TargetFile, type Targets } from '@tufjs/models';
import { LengthOrHashMismatchError, UnsignedMetadataError } from '@tufjs/models/dist/error';
import { BadVersionError, EqualVersionError, ExpiredMetadataError } from 'tuf-js/dist/error';
import { TrustedMetadataStore } from 'tuf-js/dist/store';
import { isCouldNotCheck } from '../shim/could-not-check';
import { runWithNativeSignatures } from '../shim/native-verify';
import { loadTrustAsync } from '../verify/trust';
import { checkRepositoryUrl, fetchBytes, TufFetchError, type FetchLike } from './fetch';
import type { TufState, TufStorage } from './storage';

export const TRUSTED_ROOT_TARGET = 'trusted_root.json';
export const SIGSTORE_TUF_URL = 'https://tuf-repo-cdn.sigstore.dev/';

/** tuf-js's own defaults (config.ts), except the target cap, which comes from targets.json. */
export const LIMITS = {
  maxRootRotations: 256,
  maxDelegations: 32,
  rootMaxLength: 512_000,
  timestampMaxLength: 16_384,
  snapshotMaxLength: 2_000_000,
  targetsMaxLength: 5_000_000,
  timeoutMs: 30_000,
} as const;

/** Why a refresh did not succeed. Each has a sentence in STATUS_MESSAGES. */
export type RefreshStatus =
  | 'ok'
  | 'network'
  | 'timeout'
  | 'http'
  | 'too-large'
  | 'rollback'
  | 'expired'
  | 'hash-mismatch'
  | 'signature'
  | 'malformed'
  | 'no-target'
  | 'bad-trusted-root'
  | 'bad-bootstrap'
  | 'unchecked';

export const STATUS_MESSAGES: Record<RefreshStatus, string> = {
  ok: 'The trust root was updated from Sigstore.',
  network: "Sigstore's update server could not be reached; the last good trust root stays in use.",
  timeout: "Sigstore's update server took too long to answer; the last good trust root stays in use.",
  http: "Sigstore's update server answered with an error; the last good trust root stays in use.",
  'too-large': "Sigstore's update server sent more data than allowed; the update was refused and the last good trust root stays in use.",
  rollback: 'The update offered older data than already trusted (a rollback); it was refused and the last good trust root stays in use.',
  expired: 'The update offered expired data (a freeze); it was refused and the last good trust root stays in use.',
  'hash-mismatch':
    'The update offered files that do not match their signed hashes or lengths; it was refused and the last good trust root stays in use.',
  signature: 'The update was not signed by enough trusted keys; it was refused and the last good trust root stays in use.',
  malformed: 'The update data is malformed; it was refused and the last good trust root stays in use.',
  'no-target': "The update server does not list Sigstore's trusted root; the last good trust root stays in use.",
  'bad-trusted-root':
    'The signed trusted root could not be used by this version; the last good trust root stays in use: update the extension.',
  'bad-bootstrap': "This extension's own TUF root is unusable: update the extension.",
  unchecked:
    'The update is signed with an algorithm this browser cannot check, so it could not be checked; the last good trust root stays in use.',
};

export interface RefreshedRootInfo {
  /** TUF root metadata version and expiry. */
  tufRootVersion: number;
  tufRootExpires: string;
  /** Expiry of the timestamp metadata: the next refresh must happen before this to stay current. */
  timestampExpires: string;
  /** ISO time of the successful refresh. */
  refreshedAt: string;
  /** sha256 of the trusted_root.json bytes (LoadedTrust.id). */
  trustedRootSha256: string;
}

export type RefreshResult =
  | { ok: true; status: 'ok'; trustedRoot: string; info: RefreshedRootInfo; state: TufState }
  | { ok: false; status: Exclude<RefreshStatus, 'ok'>; detail: string; state: TufState };

export interface RefreshOptions {
  /** Repository base URL (metadata at its root, targets under targets/). */
  repositoryUrl?: string;
  /** The TUF root.json this build ships (trusted on first use). */
  bootstrapRoot: string;
  storage: TufStorage;
  fetch: FetchLike;
  /** Start time (recorded as refreshedAt); tuf-js checks expiry against the real clock. */
  now?: Date;
  timeoutMs?: number;
}

const enc = new TextEncoder();
const dec = new TextDecoder('utf-8', { fatal: true });
const buf = (b: Uint8Array | string): Buffer => Buffer.from(typeof b === 'string' ? enc.encode(b) : b);

function rootVersion(text: string): number {
  try {
    const v = (JSON.parse(text) as { signed?: { version?: unknown } })?.signed?.version;
    return typeof v === 'number' && Number.isSafeInteger(v) ? v : -1;
  } catch {
    return -1;
  }
}

/** The status for an exception from tuf-js or the fetcher. */
export function statusFor(e: unknown): Exclude<RefreshStatus, 'ok'> {
  if (e instanceof TufFetchError) return e.kind;
  if (isCouldNotCheck(e)) return 'unchecked';
  if (e instanceof ExpiredMetadataError) return 'expired';
  if (e instanceof BadVersionError) return 'rollback';
  if (e instanceof LengthOrHashMismatchError) return 'hash-mismatch';
  if (e instanceof UnsignedMetadataError) return 'signature';
  return 'malformed';
}

/**
 * tuf-js checks every metadata signature synchronously, through the crypto shim in the browser
 * builds: each store call goes through the native signature runner (src/shim/native-verify.ts),
 * which may run it more than once. The store's only state is its set of trusted roles, replaced
 * (never mutated) by a successful update: every run starts from the set as it was before the call,
 * and the set is put back if the call could not be checked.
 */
async function storeCall<T>(store: TrustedMetadataStore, op: () => T): Promise<T> {
  const s = store as unknown as { trustedSet: Record<string, unknown> };
  const before = { ...s.trustedSet };
  try {
    return await runWithNativeSignatures(() => {
      s.trustedSet = { ...before };
      return op();
    });
  } catch (e) {
    if (isCouldNotCheck(e)) s.trustedSet = { ...before };
    throw e;
  }
}

/** The store for `root` (its self-signature checked through the runner). */
function openStore(root: string): Promise<TrustedMetadataStore> {
  return runWithNativeSignatures(() => new TrustedMetadataStore(buf(root)));
}

class Session {
  readonly saved: Partial<Record<'timestamp' | 'snapshot' | 'targets', string>> = {};
  constructor(
    readonly store: TrustedMetadataStore,
    public root: string,
    readonly base: string,
    readonly opts: RefreshOptions,
    readonly prev: TufState | null,
  ) {}

  call<T>(op: (store: TrustedMetadataStore) => T): Promise<T> {
    return storeCall(this.store, () => op(this.store));
  }

  get(path: string, max: number): Promise<Uint8Array> {
    return fetchBytes(this.opts.fetch, new URL(path, this.base).href, max, this.opts.timeoutMs ?? LIMITS.timeoutMs);
  }

  /** §5.3: every newer root version in turn, until the repository has no next one (403/404). */
  async updateRoot(): Promise<void> {
    const first = this.store.root.signed.version + 1;
    for (let v = first; v < first + LIMITS.maxRootRotations; v++) {
      let bytes: Uint8Array;
      try {
        bytes = await this.get(`${v}.root.json`, LIMITS.rootMaxLength);
      } catch (e) {
        if (e instanceof TufFetchError && e.kind === 'http' && (e.status === 403 || e.status === 404)) return;
        throw e;
      }
      await this.call((s) => s.updateRoot(buf(bytes)));
      this.root = dec.decode(bytes);
    }
  }

  /** §5.4: the stored timestamp first (for rollback checks), then the remote one. */
  async updateTimestamp(): Promise<void> {
    if (this.prev?.timestamp) {
      try {
        await this.call((s) => s.updateTimestamp(buf(this.prev!.timestamp!)));
        this.saved.timestamp = this.prev.timestamp;
      } catch {
        /* e.g. signed by keys of a rotated-out root: the remote one decides */
      }
    }
    const bytes = await this.get('timestamp.json', LIMITS.timestampMaxLength);
    try {
      await this.call((s) => s.updateTimestamp(buf(bytes)));
      this.saved.timestamp = dec.decode(bytes);
    } catch (e) {
      if (!(e instanceof EqualVersionError)) throw e;
    }
  }

  /** §5.5: the stored snapshot if it is still the one the timestamp names, else the remote one. */
  async updateSnapshot(): Promise<void> {
    if (this.prev?.snapshot) {
      try {
        await this.call((s) => s.updateSnapshot(buf(this.prev!.snapshot!), true));
        this.saved.snapshot = this.prev.snapshot;
        return;
      } catch {
        /* outdated or invalid: fetch (the stored one still guards against rollback) */
      }
    }
    const meta = this.store.timestamp!.signed.snapshotMeta;
    const name = this.store.root.signed.consistentSnapshot ? `${meta.version}.snapshot.json` : 'snapshot.json';
    const bytes = await this.get(name, meta.length ?? LIMITS.snapshotMaxLength);
    await this.call((s) => s.updateSnapshot(buf(bytes)));
    this.saved.snapshot = dec.decode(bytes);
  }

  /** §5.6 for the top-level targets role (stored copy if the snapshot still names it). */
  async updateTargets(): Promise<void> {
    if (this.prev?.targets) {
      try {
        await this.call((s) => s.updateDelegatedTargets(buf(this.prev!.targets!), MetadataKind.Targets, MetadataKind.Root));
        this.saved.targets = this.prev.targets;
        return;
      } catch {
        /* outdated or invalid: fetch */
      }
    }
    const bytes = await this.getRole(MetadataKind.Targets);
    await this.call((s) => s.updateDelegatedTargets(buf(bytes), MetadataKind.Targets, MetadataKind.Root));
    this.saved.targets = dec.decode(bytes);
  }

  getRole(role: string): Promise<Uint8Array> {
    const meta = this.store.snapshot!.signed.meta[`${role}.json`];
    if (!meta) throw new Error(`snapshot does not list ${role}.json`);
    const encoded = encodeURIComponent(role);
    const name = this.store.root.signed.consistentSnapshot ? `${meta.version}.${encoded}.json` : `${encoded}.json`;
    return this.get(name, meta.length ?? LIMITS.targetsMaxLength);
  }

  /** §5.6.7: preorder depth-first search of the delegations for `path` (delegated roles are not stored). */
  async findTarget(path: string): Promise<TargetFile | undefined> {
    const stack: { role: string; parent: string }[] = [{ role: MetadataKind.Targets, parent: MetadataKind.Root }];
    const visited = new Set<string>();
    while (stack.length > 0 && visited.size <= LIMITS.maxDelegations) {
      const { role, parent } = stack.pop()!;
      if (visited.has(role)) continue;
      let md: Metadata<Targets> | undefined = this.store.getRole(role);
      if (!md) {
        const bytes = await this.getRole(role);
        await this.call((s) => s.updateDelegatedTargets(buf(bytes), role, parent));
        md = this.store.getRole(role);
      }
      const found = md?.signed.targets[path];
      if (found) return found;
      visited.add(role);
      const children: { role: string; parent: string }[] = [];
      for (const { role: child, terminating } of md?.signed.delegations?.rolesForTarget(path) ?? []) {
        children.push({ role: child, parent: role });
        if (terminating) {
          stack.splice(0);
          break;
        }
      }
      stack.push(...children.reverse());
    }
    return undefined;
  }

  /** §5.7: the stored copy if it still matches, else download; length and hashes checked by tuf-js. */
  async target(info: TargetFile): Promise<string> {
    if (this.prev?.trustedRoot !== undefined) {
      try {
        await info.verify([buf(this.prev.trustedRoot)] as unknown as Parameters<TargetFile['verify']>[0]);
        return this.prev.trustedRoot;
      } catch {
        /* changed upstream */
      }
    }
    const hashes = Object.values(info.hashes);
    const file = this.store.root.signed.consistentSnapshot && hashes[0] ? `${hashes[0]}.${info.path}` : info.path;
    const bytes = await this.get(`targets/${file}`, info.length);
    await info.verify([buf(bytes)] as unknown as Parameters<TargetFile['verify']>[0]);
    return dec.decode(bytes);
  }
}

/** Pick the newer of the shipped root and the stored one (an extension update may ship a newer root). */
function startingRoot(bootstrap: string, prev: TufState | null): string {
  return prev && rootVersion(prev.root) >= rootVersion(bootstrap) ? prev.root : bootstrap;
}

/**
 * One refresh. Never throws: failures come back as a status with the previous state (updated only
 * by `lastAttempt`, which is saved too).
 */
export async function refreshTrustedRoot(opts: RefreshOptions): Promise<RefreshResult> {
  const now = opts.now ?? new Date();
  const prev = await opts.storage.load().catch(() => null);
  const fail = async (status: Exclude<RefreshStatus, 'ok'>, detail: string): Promise<RefreshResult> => {
    // Without a previous state, the shipped root is recorded with the attempt (so that the
    // attempt is known and not retried at once); it holds no trusted_root.json, so nothing changes.
    const state: TufState = {
      ...(prev ?? { root: opts.bootstrapRoot }),
      lastAttempt: { at: now.toISOString(), ok: false, status, detail },
    };
    await opts.storage.save(state).catch(() => undefined);
    return { ok: false, status, detail, state };
  };
  let base: string;
  try {
    base = checkRepositoryUrl(opts.repositoryUrl ?? SIGSTORE_TUF_URL);
  } catch (e) {
    return fail('malformed', (e as Error).message);
  }
  let session: Session;
  const start = startingRoot(opts.bootstrapRoot, prev);
  try {
    session = new Session(await openStore(start), start, base, opts, prev);
  } catch (e) {
    if (isCouldNotCheck(e)) return fail('unchecked', e.message);
    // A damaged stored root: start again from the shipped one.
    try {
      session = new Session(await openStore(opts.bootstrapRoot), opts.bootstrapRoot, base, opts, null);
    } catch (e2) {
      if (isCouldNotCheck(e2)) return fail('unchecked', e2.message);
      return fail('bad-bootstrap', (e as Error)?.message ?? String(e));
    }
  }
  let trustedRoot: string;
  try {
    await session.updateRoot();
    await session.updateTimestamp();
    await session.updateSnapshot();
    await session.updateTargets();
    const info = await session.findTarget(TRUSTED_ROOT_TARGET);
    if (!info) return fail('no-target', `${TRUSTED_ROOT_TARGET} is not a target of this repository`);
    trustedRoot = await session.target(info);
  } catch (e) {
    return fail(statusFor(e), (e as Error)?.message ?? String(e));
  }
  let id: string;
  try {
    id = (await loadTrustAsync(trustedRoot)).id;
  } catch (e) {
    return fail('bad-trusted-root', (e as Error)?.message ?? String(e));
  }
  const root: Metadata<Root> = session.store.root;
  const state: TufState = {
    root: session.root,
    ...session.saved,
    trustedRoot,
    refreshedAt: now.toISOString(),
    lastAttempt: { at: now.toISOString(), ok: true, status: 'ok' },
  };
  await opts.storage.save(state);
  const info: RefreshedRootInfo = {
    tufRootVersion: root.signed.version,
    tufRootExpires: root.signed.expires,
    timestampExpires: session.store.timestamp!.signed.expires,
    refreshedAt: state.refreshedAt!,
    trustedRootSha256: id,
  };
  return { ok: true, status: 'ok', trustedRoot, info, state };
}
