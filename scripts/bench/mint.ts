/**
 * A bench-only Sigstore: a trust root made on this machine and PEP 740 attestations signed under it,
 * so that a page of distinct files can end `verified` through the FULL check (src/verify,
 * @sigstore/verify: Fulcio chain, SCT, Rekor inclusion promise + Merkle inclusion proof against a
 * signed checkpoint, DSSE signature, the log-body binding, the GitHub publisher policy and the
 * statement's one subject).
 *
 * What it makes (shapes as production Sigstore, keys fresh):
 *  - a Fulcio-style CA: self-signed P-384 root and a P-384 intermediate (pathlen 0, EKU code
 *    signing), leaf certificates on a fresh P-256 key signed ecdsa-with-SHA384, Key Usage digital
 *    signature, EKU code signing, SAN URI, SKI/AKI, the GitHub OIDC Fulcio extensions (.1–.6 raw,
 *    .8–.22 DER UTF8String) and an embedded SCT;
 *  - a CT log (P-256) whose SCT signs the precertificate TBS (the TBS without the SCT extension,
 *    RFC 6962 §3.2) — the leaf is generated twice with identical fields, as @sigstore/mock does;
 *  - a Rekor log (P-256): `dsse` 0.0.1 entries, each with a signed entry timestamp (SET) and an
 *    RFC 6962 inclusion proof in one Merkle tree over all entries of a `mintRelease` call, under a
 *    checkpoint signed as a note (key hint = first 4 bytes of the log id);
 *  - the trust root (protobuf-specs TrustedRoot JSON) naming exactly these keys.
 * X.509 encoding: @peculiar/x509 (dev dependency, docs/dependencies.md). Signatures: node:crypto.
 *
 * NEVER shipped: only `npm run bench` (scripts/bench/build.mjs builds a separate worker into
 * .cache/bench/dist-hooked with this root substituted for public/trust/trusted_root.json) and
 * tests use it. dist/ contains neither this code nor a bench root (test/bench/shipped-build.test.ts).
 */
import 'reflect-metadata'; // tsyringe (inside @peculiar/x509) needs the Reflect metadata API
import { createHash, KeyObject, sign as nodeSign, webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

const subtle = webcrypto.subtle as unknown as SubtleCrypto;
x509.cryptoProvider.set(webcrypto as unknown as Crypto);

export const BENCH_REKOR_URL = 'https://rekor.bench.invalid';
export const BENCH_CTLOG_URL = 'https://ctfe.bench.invalid/bench';
export const BENCH_FULCIO_URL = 'https://fulcio.bench.invalid';
export const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com';
const FULCIO = '1.3.6.1.4.1.57264.1.';
const OID_SCT_LIST = '1.3.6.1.4.1.11129.2.4.2';
const INTOTO = 'application/vnd.in-toto+json';
const PUBLISH_V1 = 'https://docs.pypi.org/attestations/publish/v1';

const EC = (namedCurve: 'P-256' | 'P-384') => ({ name: 'ECDSA', namedCurve }) as const;
const SIGN_384 = { name: 'ECDSA', hash: 'SHA-384' } as const;
const b64 = (b: Uint8Array | ArrayBuffer): string => Buffer.from(b instanceof ArrayBuffer ? new Uint8Array(b) : b).toString('base64');
const sha256 = (...parts: Uint8Array[]): Buffer => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};

interface KeyPair {
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  spki: Uint8Array;
}

async function newKey(curve: 'P-256' | 'P-384'): Promise<KeyPair> {
  const pair = (await subtle.generateKey(EC(curve), true, ['sign', 'verify'])) as CryptoKeyPair;
  return { ...pair, spki: new Uint8Array(await subtle.exportKey('spki', pair.publicKey)) };
}

async function importKey(curve: 'P-256' | 'P-384', pkcs8: string, spki: string): Promise<KeyPair> {
  const privateKey = await subtle.importKey('pkcs8', Buffer.from(pkcs8, 'base64'), EC(curve), true, ['sign']);
  const publicKey = await subtle.importKey('spki', Buffer.from(spki, 'base64'), EC(curve), true, ['verify']);
  return { privateKey, publicKey, spki: new Uint8Array(Buffer.from(spki, 'base64')) };
}

/** ECDSA signature, DER-encoded (what Sigstore's SETs, checkpoints, SCTs and DSSE carry). */
function signDer(key: KeyPair, data: Uint8Array, hash = 'sha256'): Buffer {
  return nodeSign(hash, data, { key: KeyObject.from(key.privateKey), dsaEncoding: 'der' });
}

/** DER length + TLV helpers (only for the small values @peculiar/x509 takes pre-encoded). */
function tlv(tag: number, body: Uint8Array): Uint8Array<ArrayBuffer> {
  const n = body.length;
  const len = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff];
  return new Uint8Array(Buffer.concat([Buffer.from([tag, ...len]), body]));
}

/** The first element inside a DER SEQUENCE (a Certificate's TBSCertificate), bytes as encoded. */
function firstInner(der: Uint8Array): Uint8Array {
  const head = (at: number): { len: number; hdr: number } => {
    const b = der[at + 1]!;
    if (b < 0x80) return { len: b, hdr: 2 };
    const k = b & 0x7f;
    let len = 0;
    for (let i = 0; i < k; i++) len = len * 256 + der[at + 2 + i]!;
    return { len, hdr: 2 + k };
  };
  const outer = head(0);
  const inner = head(outer.hdr);
  return der.subarray(outer.hdr, outer.hdr + inner.hdr + inner.len);
}
const utf8String = (s: string) => tlv(0x0c, Buffer.from(s, 'utf8'));

/** The authority: keys, CA certificates and the trust root JSON. Serialisable (toJSON/fromJSON) for the bench's cache. */
export interface BenchAuthority {
  created: string;
  root: KeyPair;
  intermediate: KeyPair;
  rekor: KeyPair;
  ctlog: KeyPair;
  rootCert: x509.X509Certificate;
  intermediateCert: x509.X509Certificate;
  /** trusted_root.json text (protobuf-specs JSON) and its sha256 (LoadedTrust.id). */
  trustedRoot: string;
  trustedRootSha256: string;
  /** What the worker's public/trust/meta.json must say for this root (bench build only). */
  meta: { source: string; trustedRootSha256: string; tufRootVersion: number; tufRootExpires: string };
}

function trustedRootJson(a: Omit<BenchAuthority, 'trustedRoot' | 'trustedRootSha256' | 'meta'>): string {
  const start = new Date(Date.parse(a.created) - 24 * 3600 * 1000).toISOString();
  const log = (url: string, k: KeyPair) => ({
    baseUrl: url,
    hashAlgorithm: 'SHA2_256',
    publicKey: { rawBytes: b64(k.spki), keyDetails: 'PKIX_ECDSA_P256_SHA_256', validFor: { start } },
    logId: { keyId: b64(sha256(k.spki)) },
  });
  return (
    JSON.stringify(
      {
        mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
        tlogs: [log(BENCH_REKOR_URL, a.rekor)],
        certificateAuthorities: [
          {
            subject: { organization: 'bench.invalid', commonName: 'bench-fulcio' },
            uri: BENCH_FULCIO_URL,
            certChain: { certificates: [{ rawBytes: b64(a.intermediateCert.rawData) }, { rawBytes: b64(a.rootCert.rawData) }] },
            validFor: { start },
          },
        ],
        ctlogs: [log(BENCH_CTLOG_URL, a.ctlog)],
        timestampAuthorities: [],
      },
      null,
      2,
    ) + '\n'
  );
}

function finish(a: Omit<BenchAuthority, 'trustedRoot' | 'trustedRootSha256' | 'meta'>): BenchAuthority {
  const trustedRoot = trustedRootJson(a);
  const trustedRootSha256 = sha256(Buffer.from(trustedRoot, 'utf8')).toString('hex');
  const expires = new Date(Date.parse(a.created) + 365 * 24 * 3600 * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
  return {
    ...a,
    trustedRoot,
    trustedRootSha256,
    meta: { source: 'scripts/bench/mint.ts (bench only, never shipped)', trustedRootSha256, tufRootVersion: 1, tufRootExpires: expires },
  };
}

/** Make a new bench authority: CA (root + intermediate), Rekor key, CT log key, trust root. */
export async function createBenchAuthority(now = new Date()): Promise<BenchAuthority> {
  const [root, intermediate, rekor, ctlog] = await Promise.all([newKey('P-384'), newKey('P-384'), newKey('P-256'), newKey('P-256')]);
  const notBefore = new Date(now.getTime() - 24 * 3600 * 1000);
  const notAfter = new Date(now.getTime() + 10 * 365 * 24 * 3600 * 1000);
  const rootName = 'O=bench.invalid, CN=bench-fulcio-root';
  const rootCert = await x509.X509CertificateGenerator.create({
    serialNumber: '01',
    subject: rootName,
    issuer: rootName,
    notBefore,
    notAfter,
    publicKey: root.publicKey,
    signingKey: root.privateKey,
    signingAlgorithm: SIGN_384,
    extensions: [
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      new x509.BasicConstraintsExtension(true, 1, true),
      await x509.SubjectKeyIdentifierExtension.create(root.publicKey),
    ],
  });
  const intermediateCert = await x509.X509CertificateGenerator.create({
    serialNumber: '02',
    subject: 'O=bench.invalid, CN=bench-fulcio-intermediate',
    issuer: rootName,
    notBefore,
    notAfter,
    publicKey: intermediate.publicKey,
    signingKey: root.privateKey,
    signingAlgorithm: SIGN_384,
    extensions: [
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.codeSigning]),
      new x509.BasicConstraintsExtension(true, 0, true),
      await x509.SubjectKeyIdentifierExtension.create(intermediate.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(root.publicKey),
    ],
  });
  return finish({ created: now.toISOString(), root, intermediate, rekor, ctlog, rootCert, intermediateCert });
}

/** Serialise an authority (private keys included: bench cache only, .cache/bench/). */
export async function authorityToJSON(a: BenchAuthority): Promise<string> {
  const k = async (p: KeyPair) => ({ pkcs8: b64(await subtle.exportKey('pkcs8', p.privateKey)), spki: b64(p.spki) });
  return JSON.stringify({
    created: a.created,
    root: await k(a.root),
    intermediate: await k(a.intermediate),
    rekor: await k(a.rekor),
    ctlog: await k(a.ctlog),
    rootCert: b64(a.rootCert.rawData),
    intermediateCert: b64(a.intermediateCert.rawData),
  });
}

export async function authorityFromJSON(text: string): Promise<BenchAuthority> {
  const j = JSON.parse(text);
  const k = (curve: 'P-256' | 'P-384', o: { pkcs8: string; spki: string }) => importKey(curve, o.pkcs8, o.spki);
  return finish({
    created: j.created,
    root: await k('P-384', j.root),
    intermediate: await k('P-384', j.intermediate),
    rekor: await k('P-256', j.rekor),
    ctlog: await k('P-256', j.ctlog),
    rootCert: new x509.X509Certificate(Buffer.from(j.rootCert, 'base64')),
    intermediateCert: new x509.X509Certificate(Buffer.from(j.intermediateCert, 'base64')),
  });
}

/** A GitHub Trusted Publisher identity (what the provenance's publisher says and the certificate carries). */
export interface GithubIdentity {
  repository: string;
  workflow: string;
  ref: string;
  sha: string;
  environment?: string;
}

export const BENCH_IDENTITY: GithubIdentity = {
  repository: 'bench-org/fasthash-lib',
  workflow: 'release.yml',
  ref: 'refs/tags/v1.2.0',
  sha: '4b1ad5c1e2f0a9d8c7b6a5f4e3d2c1b0a9f8e7d6',
  environment: 'pypi',
};

function fulcioExtensions(id: GithubIdentity): x509.Extension[] {
  const repoUri = `https://github.com/${id.repository}`;
  const workflowUri = `${repoUri}/.github/workflows/${id.workflow}@${id.ref}`;
  const raw: [number, string][] = [
    [1, GITHUB_ISSUER],
    [2, 'push'],
    [3, id.sha],
    [4, 'Release'],
    [5, id.repository],
    [6, id.ref],
  ];
  const der: [number, string][] = [
    [8, GITHUB_ISSUER],
    [9, workflowUri],
    [10, id.sha],
    [11, 'github-hosted'],
    [12, repoUri],
    [13, id.sha],
    [14, id.ref],
    [15, '900000001'],
    [16, `https://github.com/${id.repository.split('/')[0]}`],
    [17, '900000002'],
    [18, workflowUri],
    [19, id.sha],
    [20, 'push'],
    [21, `${repoUri}/actions/runs/1/attempts/1`],
    [22, 'public'],
  ];
  return [
    ...raw.map(([arc, v]) => new x509.Extension(FULCIO + arc, false, new Uint8Array(Buffer.from(v, 'utf8')))),
    ...der.map(([arc, v]) => new x509.Extension(FULCIO + arc, false, utf8String(v))),
  ];
}

/** RFC 6962 §3.2 SCT over the precertificate TBS, serialised (TLS encoding). */
function makeSct(a: BenchAuthority, tbs: Uint8Array, issuerSpki: Uint8Array, time: Date): Buffer {
  const ts = Buffer.alloc(8);
  ts.writeBigUInt64BE(BigInt(time.getTime()));
  const tbsLen = Buffer.from([(tbs.length >> 16) & 0xff, (tbs.length >> 8) & 0xff, tbs.length & 0xff]);
  const signed = Buffer.concat([
    Buffer.from([0, 0]), // version v1, signature_type certificate_timestamp
    ts,
    Buffer.from([0, 1]), // entry_type precert_entry
    sha256(issuerSpki),
    tbsLen,
    tbs,
    Buffer.from([0, 0]), // no extensions
  ]);
  const sig = signDer(a.ctlog, signed);
  const sigLen = Buffer.alloc(2);
  sigLen.writeUInt16BE(sig.length);
  return Buffer.concat([Buffer.from([0]), sha256(a.ctlog.spki), ts, Buffer.from([0, 0]), Buffer.from([4, 3]), sigLen, sig]);
}

function sctListExtension(scts: Buffer[]): x509.Extension {
  const items = scts.map((s) => {
    const l = Buffer.alloc(2);
    l.writeUInt16BE(s.length);
    return Buffer.concat([l, s]);
  });
  const body = Buffer.concat(items);
  const total = Buffer.alloc(2);
  total.writeUInt16BE(body.length);
  return new x509.Extension(OID_SCT_LIST, false, tlv(0x04, Buffer.concat([total, body])));
}

let serial = 0x1000;

/** A Fulcio-style leaf for `key`, valid 10 minutes from `time`, with an embedded SCT. */
async function issueLeaf(a: BenchAuthority, key: KeyPair, id: GithubIdentity, time: Date): Promise<Uint8Array> {
  const repoUri = `https://github.com/${id.repository}`;
  const fields = {
    serialNumber: (serial++).toString(16).padStart(8, '0') + createHash('sha256').update(b64(key.spki)).digest('hex').slice(0, 24),
    subject: '',
    issuer: a.intermediateCert.subjectName,
    notBefore: new Date(Math.floor(time.getTime() / 1000) * 1000),
    notAfter: new Date(Math.floor(time.getTime() / 1000) * 1000 + 10 * 60 * 1000),
    publicKey: key.publicKey,
    signingKey: a.intermediate.privateKey,
    signingAlgorithm: SIGN_384,
  };
  const extensions = [
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
    new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.codeSigning]),
    await x509.SubjectKeyIdentifierExtension.create(key.publicKey),
    await x509.AuthorityKeyIdentifierExtension.create(a.intermediate.publicKey),
    new x509.SubjectAlternativeNameExtension([{ type: 'url', value: `${repoUri}/.github/workflows/${id.workflow}@${id.ref}` }], true),
    ...fulcioExtensions(id),
  ];
  const pre = await x509.X509CertificateGenerator.create({ ...fields, extensions });
  const tbs = firstInner(new Uint8Array(pre.rawData));
  const sct = makeSct(a, tbs, a.intermediate.spki, time);
  const leaf = await x509.X509CertificateGenerator.create({ ...fields, extensions: [...extensions, sctListExtension([sct])] });
  return new Uint8Array(leaf.rawData);
}

function pem(der: Uint8Array): string {
  const lines = b64(der).match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

/** DSSE v1 pre-authentication encoding. */
function pae(type: string, body: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from(`DSSEv1 ${Buffer.byteLength(type)} ${type} ${body.length} `, 'utf8'), body]);
}

/** Canonical JSON (RFC 8785 for the plain strings/numbers/objects used here). */
function canonical(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
    .join(',')}}`;
}

// ---- RFC 6962 Merkle tree
const leafHash = (d: Uint8Array) => sha256(Buffer.from([0]), d);
const nodeHash = (l: Uint8Array, r: Uint8Array) => sha256(Buffer.from([1]), l, r);
const split = (n: number) => 2 ** Math.floor(Math.log2(n - 1));
function mth(leaves: Buffer[]): Buffer {
  if (leaves.length === 1) return leaves[0]!;
  const k = split(leaves.length);
  return nodeHash(mth(leaves.slice(0, k)), mth(leaves.slice(k)));
}
function path(m: number, leaves: Buffer[]): Buffer[] {
  if (leaves.length <= 1) return [];
  const k = split(leaves.length);
  return m < k ? [...path(m, leaves.slice(0, k)), mth(leaves.slice(k))] : [...path(m - k, leaves.slice(k)), mth(leaves.slice(0, k))];
}

export interface MintFile {
  filename: string;
  /** sha256 hex of the file. */
  sha256: string;
}

export interface MintOptions {
  identity?: GithubIdentity;
  /** Signing time (default now − 1 minute). */
  time?: Date;
  /** First log index (default 1 000 000: a log with history). */
  firstIndex?: number;
}

/**
 * One PEP 740 provenance object per file (index API JSON text), each with its own signing key,
 * leaf certificate, DSSE signature and Rekor entry; one Merkle tree and checkpoint over them all.
 */
export async function mintRelease(a: BenchAuthority, files: MintFile[], opts: MintOptions = {}): Promise<Map<string, string>> {
  const id = opts.identity ?? BENCH_IDENTITY;
  const time = opts.time ?? new Date(Date.now() - 60_000);
  const integrated = Math.floor(time.getTime() / 1000) + 1;
  const first = opts.firstIndex ?? 1_000_000;
  const logId = sha256(a.rekor.spki);
  const drafts = [];
  for (const f of files) {
    const key = await newKey('P-256');
    const cert = await issueLeaf(a, key, id, time);
    const statement = Buffer.from(
      JSON.stringify({
        _type: 'https://in-toto.io/Statement/v1',
        subject: [{ name: f.filename, digest: { sha256: f.sha256 } }],
        predicateType: PUBLISH_V1,
        predicate: null,
      }),
      'utf8',
    );
    const signature = signDer(key, pae(INTOTO, statement));
    const envelope = { payload: b64(statement), payloadType: INTOTO, signatures: [{ keyid: '', sig: b64(signature) }] };
    const body = Buffer.from(
      canonical({
        apiVersion: '0.0.1',
        kind: 'dsse',
        spec: {
          envelopeHash: { algorithm: 'sha256', value: sha256(Buffer.from(canonical(envelope), 'utf8')).toString('hex') },
          payloadHash: { algorithm: 'sha256', value: sha256(statement).toString('hex') },
          signatures: [{ signature: b64(signature), verifier: b64(Buffer.from(pem(cert), 'utf8')) }],
        },
      }),
      'utf8',
    );
    drafts.push({ f, cert, statement, signature, body });
  }
  // The log: `first` earlier entries (their subtree stands for history we do not hold: one opaque
  // hash per power-of-two block, as a real log's left part), then this release's entries.
  const leaves = drafts.map((d) => leafHash(d.body));
  const history = first > 0 ? historyBlocks(first) : [];
  const size = first + leaves.length;
  const root = treeRoot(history, leaves);
  const origin = `${new URL(BENCH_REKOR_URL).host} - 1`;
  const note = `${origin}\n${size}\n${b64(root)}\n`;
  const noteSig = Buffer.concat([logId.subarray(0, 4), signDer(a.rekor, Buffer.from(note, 'utf8'))]);
  const checkpoint = `${note}\n\u2014 ${new URL(BENCH_REKOR_URL).host} ${b64(noteSig)}\n`;
  const out = new Map<string, string>();
  drafts.forEach((d, i) => {
    const logIndex = first + i;
    const set = signDer(
      a.rekor,
      Buffer.from(canonical({ body: b64(d.body), integratedTime: integrated, logID: logId.toString('hex'), logIndex }), 'utf8'),
    );
    const entry = {
      logIndex: String(logIndex),
      logId: { keyId: b64(logId) },
      kindVersion: { kind: 'dsse', version: '0.0.1' },
      integratedTime: String(integrated),
      inclusionPromise: { signedEntryTimestamp: b64(set) },
      inclusionProof: {
        logIndex: String(logIndex),
        rootHash: b64(root),
        treeSize: String(size),
        hashes: proof(history, leaves, i).map(b64),
        checkpoint: { envelope: checkpoint },
      },
      canonicalizedBody: b64(d.body),
    };
    const provenance = {
      version: 1,
      attestation_bundles: [
        {
          publisher: { kind: 'GitHub', repository: id.repository, workflow: id.workflow, environment: id.environment ?? '', claims: null },
          attestations: [
            {
              version: 1,
              verification_material: { certificate: b64(d.cert), transparency_entries: [entry] },
              envelope: { statement: b64(d.statement), signature: b64(d.signature) },
            },
          ],
        },
      ],
    };
    out.set(d.f.filename, JSON.stringify(provenance));
  });
  return out;
}

/**
 * The log's first `n` leaves as opaque perfect-subtree hashes (largest power of two first), the
 * way a log's older part looks to a client that holds none of it. Deterministic per n.
 */
function historyBlocks(n: number): { size: number; hash: Buffer }[] {
  const out = [];
  let rest = n;
  while (rest > 0) {
    const size = 2 ** Math.floor(Math.log2(rest));
    out.push({ size, hash: sha256(Buffer.from(`bench history ${n - rest}+${size}`)) });
    rest -= size;
  }
  return out;
}

/**
 * Root and proofs of the tree [history blocks…, leaves…] by RFC 6962's recursion over nodes that
 * are either a whole history block or a real leaf. Each history block is a perfect subtree at a
 * multiple of its size (decreasing powers of two), so the recursion never splits one; if it
 * would, this throws rather than compute a wrong tree.
 */
type Node = { size: number; hash: Buffer; start: number };
function positioned(history: { size: number; hash: Buffer }[], leaves: Buffer[]): Node[] {
  const out: Node[] = [];
  let at = 0;
  for (const h of history) {
    out.push({ ...h, start: at });
    at += h.size;
  }
  for (const l of leaves) out.push({ size: 1, hash: l, start: at++ });
  return out;
}
function mthNodes(nodes: Node[], lo: number, hi: number): Buffer {
  const inside = nodes.filter((x) => x.start >= lo && x.start < hi);
  if (inside.length === 0 || inside.some((x) => x.start + x.size > hi)) throw new Error('mint: a history block straddles a split');
  if (inside.length === 1 && inside[0]!.size === hi - lo) return inside[0]!.hash;
  if (hi - lo === 1) throw new Error('mint: tree node mismatch');
  const k = split(hi - lo);
  return nodeHash(mthNodes(inside, lo, lo + k), mthNodes(inside, lo + k, hi));
}
function treeRoot(history: { size: number; hash: Buffer }[], leaves: Buffer[]): Buffer {
  const nodes = positioned(history, leaves);
  return mthNodes(
    nodes,
    0,
    nodes.reduce((s, x) => s + x.size, 0),
  );
}
function proof(history: { size: number; hash: Buffer }[], leaves: Buffer[], i: number): Buffer[] {
  const nodes = positioned(history, leaves);
  const size = nodes.reduce((s, x) => s + x.size, 0);
  const m = history.reduce((s, x) => s + x.size, 0) + i;
  const rec = (lo: number, hi: number): Buffer[] => {
    if (hi - lo <= 1) return [];
    const k = split(hi - lo);
    return m < lo + k ? [...rec(lo, lo + k), mthNodes(nodes, lo + k, hi)] : [...rec(lo + k, hi), mthNodes(nodes, lo, lo + k)];
  };
  return rec(0, size);
}

/** Exported for the unit test: the plain RFC 6962 functions the tree code must agree with. */
export const _merkle = { mth, path, leafHash, treeRoot, proof, historyBlocks };
