/**
 * A local TUF repository for tests, built with tuf-js's own metadata tools (@tufjs/models:
 * Metadata.fromJSON + Metadata.sign, canonical JSON by the library) and real ECDSA P-256 keys
 * (the key type Sigstore's repository uses), served over HTTP on 127.0.0.1.
 */
import { createHash, generateKeyPairSync, sign as nodeSign, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Metadata, MetadataKind, Signature, type Root, type Snapshot, type Targets, type Timestamp } from '@tufjs/models';

export interface TestKey {
  id: string;
  publicPem: string;
  privateKey: KeyObject;
}

export function makeKey(): TestKey {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  return { id: createHash('sha256').update(publicPem).digest('hex'), publicPem, privateKey };
}

const keyJSON = (k: TestKey) => ({ keytype: 'ecdsa', scheme: 'ecdsa-sha2-nistp256', keyval: { public: k.publicPem } });

export const inDays = (d: number): string => new Date(Date.now() + d * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');

type Kind = 'root' | 'timestamp' | 'snapshot' | 'targets';
const KIND: Record<Kind, MetadataKind> = {
  root: MetadataKind.Root,
  timestamp: MetadataKind.Timestamp,
  snapshot: MetadataKind.Snapshot,
  targets: MetadataKind.Targets,
};

/** Sign `signed` (a role's JSON) with `keys` through @tufjs/models; returns the file text. */
export function signMetadata(kind: Kind, signed: Record<string, unknown>, keys: TestKey[]): string {
  const fromJSON = Metadata.fromJSON as (type: MetadataKind, data: unknown) => Metadata<Root | Timestamp | Snapshot | Targets>;
  const md = fromJSON(KIND[kind], { signed: { _type: kind, spec_version: '1.0.31', ...signed }, signatures: [] });
  for (const k of keys) {
    md.sign((bytes: Buffer) => new Signature({ keyID: k.id, sig: nodeSign('sha256', bytes, k.privateKey).toString('hex') }));
  }
  return JSON.stringify(md.toJSON());
}

export const sha256Hex = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');

export interface RoleKeys {
  root: TestKey[];
  timestamp: TestKey[];
  snapshot: TestKey[];
  targets: TestKey[];
}

export function makeRoleKeys(): RoleKeys {
  return { root: [makeKey()], timestamp: [makeKey()], snapshot: [makeKey()], targets: [makeKey()] };
}

export function rootSigned(version: number, keys: RoleKeys, opts: { expires?: string; thresholds?: Partial<Record<Kind, number>> } = {}) {
  const all = [...keys.root, ...keys.timestamp, ...keys.snapshot, ...keys.targets];
  const role = (k: Kind) => ({ keyids: keys[k].map((x) => x.id), threshold: opts.thresholds?.[k] ?? 1 });
  return {
    version,
    expires: opts.expires ?? inDays(365),
    consistent_snapshot: true,
    keys: Object.fromEntries(all.map((k) => [k.id, keyJSON(k)])),
    roles: { root: role('root'), timestamp: role('timestamp'), snapshot: role('snapshot'), targets: role('targets') },
  };
}

/**
 * A repository: files by path. `publish` writes a consistent set of timestamp → snapshot →
 * targets → targets/<sha256>.trusted_root.json for the given trusted root text.
 */
export class TufRepo {
  readonly files = new Map<string, Buffer | ((req: IncomingMessage, res: ServerResponse) => void)>();
  keys: RoleKeys;
  rootVersion: number;
  private readonly firstVersion: number;
  private server: Server | null = null;
  url = '';
  /** Paths requested, in order. */
  readonly requests: string[] = [];

  /** `firstVersion`: the version of the first root (1; the e2e tests start at the bundled root's version). */
  constructor(keys: RoleKeys = makeRoleKeys(), opts: { firstVersion?: number } = {}) {
    this.keys = keys;
    this.firstVersion = this.rootVersion = opts.firstVersion ?? 1;
    const v = this.firstVersion;
    this.files.set(`${v}.root.json`, Buffer.from(signMetadata('root', rootSigned(v, keys), keys.root)));
  }

  /** The first root (what a client trusts before its first refresh). */
  get bootstrapRoot(): string {
    return this.files.get(`${this.firstVersion}.root.json`)!.toString();
  }

  /** Add root version `rootVersion + 1` with `next` keys, signed by the old and the new root keys. */
  rotateRoot(next: RoleKeys, opts: { expires?: string } = {}): void {
    const v = ++this.rootVersion;
    this.files.set(`${v}.root.json`, Buffer.from(signMetadata('root', rootSigned(v, next, opts), [...this.keys.root, ...next.root])));
    this.keys = next;
  }

  publish(
    trustedRoot: string,
    v: { timestamp: number; snapshot: number; targets: number },
    opts: { timestampExpires?: string; targetOverride?: Buffer } = {},
  ): void {
    const target = Buffer.from(trustedRoot);
    const hash = sha256Hex(target);
    const targets = signMetadata(
      'targets',
      { version: v.targets, expires: inDays(90), targets: { 'trusted_root.json': { length: target.length, hashes: { sha256: hash } } } },
      this.keys.targets,
    );
    const snapshot = signMetadata(
      'snapshot',
      { version: v.snapshot, expires: inDays(30), meta: { 'targets.json': { version: v.targets } } },
      this.keys.snapshot,
    );
    const timestamp = signMetadata(
      'timestamp',
      {
        version: v.timestamp,
        expires: opts.timestampExpires ?? inDays(7),
        meta: { 'snapshot.json': { version: v.snapshot, length: Buffer.byteLength(snapshot), hashes: { sha256: sha256Hex(snapshot) } } },
      },
      this.keys.timestamp,
    );
    this.files.set(`${v.targets}.targets.json`, Buffer.from(targets));
    this.files.set(`${v.snapshot}.snapshot.json`, Buffer.from(snapshot));
    this.files.set('timestamp.json', Buffer.from(timestamp));
    this.files.set(`targets/${hash}.trusted_root.json`, opts.targetOverride ?? target);
  }

  /** The answer to a GET of `path` (relative to the repository URL), for servers other than start()'s. */
  respond(path: string): { status: number; contentType: string; body: Buffer } {
    const f = this.files.get(path);
    if (f === undefined || typeof f === 'function') return { status: 404, contentType: 'text/plain', body: Buffer.from('not found') };
    return { status: 200, contentType: 'application/json', body: f };
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const path = decodeURIComponent((req.url ?? '/').replace(/^\//, ''));
      this.requests.push(path);
      const f = this.files.get(path);
      if (typeof f === 'function') return f(req, res);
      const out = this.respond(path);
      res.writeHead(out.status, { 'content-type': out.contentType }).end(out.body);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this.url;
  }

  async stop(): Promise<void> {
    const s = this.server;
    this.server = null;
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  }
}
