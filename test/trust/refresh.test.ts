/**
 * TUF refresh of the Sigstore trusted root (src/trust) against a local repository built with
 * @tufjs/models and served on 127.0.0.1: upstream changes reach the verifier; every TUF attack
 * and every outage leaves the last good root in use with a clear status.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { refreshTrustedRoot, STATUS_MESSAGES, type RefreshResult } from '../../src/trust/refresh';
import { memoryStorage, parseStoredState, type TufState } from '../../src/trust/storage';
import { checkRepositoryUrl } from '../../src/trust/fetch';
import { verifyProvenance } from '../../src/verify/index';
import { loadTrust } from '../../src/verify/trust';
import { inDays, makeKey, makeRoleKeys, rootSigned, signMetadata, TufRepo } from './tuf-repo';

const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));
const FULL_ROOT = readFileSync(`${fixtures}trust/trusted_root.json`, 'utf8');
const withoutRekorV1 = (() => {
  const r = JSON.parse(FULL_ROOT);
  r.tlogs = r.tlogs.filter((t: { baseUrl: string }) => t.baseUrl !== 'https://rekor.sigstore.dev');
  return JSON.stringify(r);
})();
const withoutFulcio = (() => {
  const r = JSON.parse(FULL_ROOT);
  r.certificateAuthorities = r.certificateAuthorities.filter((c: any) => c.validFor.start !== '2022-04-13T20:06:15Z');
  return JSON.stringify(r);
})();
const SP = readFileSync(`${fixtures}provenance/sampleproject/sampleproject-4.0.0.tar.gz.provenance`, 'utf8');
const SP_DIST = { filename: 'sampleproject-4.0.0.tar.gz', sha256: '0ace7980f82c5815ede4cd7bf9f6693684cec2ae47b9b7ade9add533b8627c6b' };

let repo: TufRepo;
beforeEach(async () => {
  repo = new TufRepo();
  await repo.start();
});
afterEach(async () => {
  await repo.stop();
});

const refresh = (storage: ReturnType<typeof memoryStorage>, bootstrap = repo.bootstrapRoot) =>
  refreshTrustedRoot({ repositoryUrl: repo.url, bootstrapRoot: bootstrap, storage, fetch: globalThis.fetch, timeoutMs: 3000 });

/** A first good refresh (the "last good" state the attacks below must keep). */
async function goodState(trustedRoot = withoutRekorV1) {
  repo.publish(trustedRoot, { timestamp: 2, snapshot: 2, targets: 2 });
  const storage = memoryStorage();
  const r = await refresh(storage);
  expect(r.ok, !r.ok ? r.detail : '').toBe(true);
  return { storage, good: JSON.parse(JSON.stringify(storage.state)) as TufState };
}

function expectKeptLastGood(r: RefreshResult, storage: ReturnType<typeof memoryStorage>, good: TufState, status: string) {
  expect(r.ok).toBe(false);
  expect(r.status).toBe(status);
  expect(STATUS_MESSAGES[r.status]).toMatch(/last good trust root stays in use|update the extension/);
  const now = storage.state!;
  expect(now.trustedRoot).toBe(good.trustedRoot);
  expect(now.refreshedAt).toBe(good.refreshedAt);
  expect(now.root).toBe(good.root);
  expect(now.timestamp).toBe(good.timestamp);
  expect(now.lastAttempt).toMatchObject({ ok: false, status });
}

describe('refresh from a local TUF repository', () => {
  it('upstream adds a Rekor log: an attestation that could not be checked verifies after the refresh', async () => {
    const { storage } = await goodState(withoutRekorV1);
    const before = await verifyProvenance(SP, SP_DIST, loadTrust(storage.state!.trustedRoot!), {
      trustRootRefreshedAt: new Date('2024-01-01T00:00:00Z'), // refreshed long before the signature
    });
    expect(before.state).toBe('error');
    repo.publish(FULL_ROOT, { timestamp: 3, snapshot: 3, targets: 3 });
    const r = await refresh(storage);
    expect(r.ok, !r.ok ? r.detail : '').toBe(true);
    if (!r.ok) return;
    expect(r.trustedRoot).toBe(FULL_ROOT);
    expect(r.info).toMatchObject({ tufRootVersion: 1, trustedRootSha256: loadTrust(FULL_ROOT).id });
    const after = await verifyProvenance(SP, SP_DIST, loadTrust(r.trustedRoot), { trustRootRefreshedAt: new Date(r.info.refreshedAt) });
    expect(after.state).toBe('verified');
  });

  it('upstream adds a Fulcio CA: error before, verified after', async () => {
    const { storage } = await goodState(withoutFulcio);
    expect((await verifyProvenance(SP, SP_DIST, loadTrust(storage.state!.trustedRoot!))).state).toBe('error');
    repo.publish(FULL_ROOT, { timestamp: 3, snapshot: 3, targets: 3 });
    const r = await refresh(storage);
    expect(r.ok && (await verifyProvenance(SP, SP_DIST, loadTrust(r.trustedRoot))).state).toBe('verified');
  });

  it('an unchanged repository: nothing downloaded again but the timestamp, refreshedAt moves on', async () => {
    const { storage, good } = await goodState();
    repo.requests.length = 0;
    const r = await refresh(storage);
    expect(r.ok).toBe(true);
    expect(repo.requests).toEqual(['2.root.json', 'timestamp.json']);
    expect(storage.state!.trustedRoot).toBe(good.trustedRoot);
  });

  it('TUF root key rotation over two versions (each signed by the old and the new keys)', async () => {
    const k2 = makeRoleKeys();
    const k3 = makeRoleKeys();
    repo.rotateRoot(k2);
    repo.rotateRoot(k3);
    repo.publish(FULL_ROOT, { timestamp: 1, snapshot: 1, targets: 1 });
    const storage = memoryStorage();
    const r = await refresh(storage);
    expect(r.ok, !r.ok ? r.detail : '').toBe(true);
    expect(r.ok && r.info.tufRootVersion).toBe(3);
    expect(JSON.parse(storage.state!.root).signed.version).toBe(3);
  });

  it('a new root not signed by the old root keys is refused (threshold of the trusted root not met)', async () => {
    const { storage, good } = await goodState();
    const k2 = makeRoleKeys();
    repo.files.set('2.root.json', Buffer.from(signMetadata('root', { ...JSON.parse(repo.bootstrapRoot).signed, version: 2 }, k2.root)));
    expectKeptLastGood(await refresh(storage), storage, good, 'signature');
  });

  it('threshold not met: a timestamp role that needs 2 signatures gets 1', async () => {
    const { storage, good } = await goodState();
    const k2 = makeRoleKeys();
    k2.timestamp.push(makeKey());
    // Root v2 (signed by the old and the new root keys) needs 2 of its 2 timestamp keys.
    repo.files.set(
      '2.root.json',
      Buffer.from(signMetadata('root', rootSigned(2, k2, { thresholds: { timestamp: 2 } }), [...repo.keys.root, ...k2.root])),
    );
    repo.rootVersion = 2;
    repo.keys = { ...k2, timestamp: [k2.timestamp[0]!] };
    repo.publish(FULL_ROOT, { timestamp: 3, snapshot: 3, targets: 3 });
    expectKeptLastGood(await refresh(storage), storage, good, 'signature');
  });

  it('rollback: an older timestamp version than the stored one', async () => {
    const { storage, good } = await goodState();
    repo.publish(FULL_ROOT, { timestamp: 1, snapshot: 3, targets: 3 });
    expectKeptLastGood(await refresh(storage), storage, good, 'rollback');
  });

  it('rollback: a newer timestamp naming an older snapshot version', async () => {
    const { storage, good } = await goodState();
    repo.publish(FULL_ROOT, { timestamp: 3, snapshot: 1, targets: 3 });
    expectKeptLastGood(await refresh(storage), storage, good, 'rollback');
  });

  it('rollback: a newer snapshot naming an older targets version', async () => {
    const { storage, good } = await goodState();
    repo.publish(FULL_ROOT, { timestamp: 3, snapshot: 3, targets: 1 });
    expectKeptLastGood(await refresh(storage), storage, good, 'rollback');
  });

  it('freeze: an expired timestamp', async () => {
    const { storage, good } = await goodState();
    repo.publish(FULL_ROOT, { timestamp: 3, snapshot: 3, targets: 3 }, { timestampExpires: inDays(-1) });
    expectKeptLastGood(await refresh(storage), storage, good, 'expired');
  });

  it('mix-and-match: the snapshot does not match the hash the timestamp signs', async () => {
    const { storage, good } = await goodState();
    repo.publish(FULL_ROOT, { timestamp: 3, snapshot: 3, targets: 3 });
    // Another validly signed snapshot of the same version and length (whitespace-padded).
    const length = repo.files.get('3.snapshot.json')!.length;
    let other = '';
    for (let d = 20; other === '' || other.length > length; d--) {
      other = signMetadata('snapshot', { version: 3, expires: inDays(d), meta: { 'targets.json': { version: 2 } } }, repo.keys.snapshot);
    }
    repo.files.set('3.snapshot.json', Buffer.from(other.padEnd(length, ' ')));
    expectKeptLastGood(await refresh(storage), storage, good, 'hash-mismatch');
  });

  it('arbitrary target: trusted_root.json bytes that do not match the signed hash', async () => {
    const { storage, good } = await goodState();
    const evil = FULL_ROOT.replace('rekor.sigstore.dev', 'rekor.evil.example');
    repo.publish(
      FULL_ROOT,
      { timestamp: 3, snapshot: 3, targets: 3 },
      { targetOverride: Buffer.from(evil.slice(0, FULL_ROOT.length).padEnd(FULL_ROOT.length)) },
    );
    expectKeptLastGood(await refresh(storage), storage, good, 'hash-mismatch');
  });

  it('arbitrary target: trusted_root.json longer than the signed length', async () => {
    const { storage, good } = await goodState();
    repo.publish(FULL_ROOT, { timestamp: 3, snapshot: 3, targets: 3 }, { targetOverride: Buffer.from(FULL_ROOT + ' '.repeat(100)) });
    expectKeptLastGood(await refresh(storage), storage, good, 'too-large');
  });

  it('endless data: a timestamp.json that never ends is cut at the cap', async () => {
    const { storage, good } = await goodState();
    repo.files.set('timestamp.json', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = () => {
        while (res.write(chunk)) {
          /* keep writing */
        }
        res.once('drain', pump);
      };
      res.on('close', () => res.removeAllListeners('drain'));
      pump();
    });
    expectKeptLastGood(await refresh(storage), storage, good, 'too-large');
  });

  it('garbage timestamp.json → malformed; 404 → http; nothing listening → network', async () => {
    const { storage, good } = await goodState();
    repo.files.set('timestamp.json', Buffer.from('<html>oops</html>'));
    expectKeptLastGood(await refresh(storage), storage, good, 'malformed');
    repo.files.delete('timestamp.json');
    expectKeptLastGood(await refresh(storage), storage, good, 'http');
    await repo.stop();
    expectKeptLastGood(await refresh(storage), storage, good, 'network');
  });

  it('a server that never answers → timeout', async () => {
    const { storage, good } = await goodState();
    repo.files.set('timestamp.json', () => {
      /* never answer */
    });
    const r = await refreshTrustedRoot({
      repositoryUrl: repo.url,
      bootstrapRoot: repo.bootstrapRoot,
      storage,
      fetch: globalThis.fetch,
      timeoutMs: 300,
    });
    expectKeptLastGood(r, storage, good, 'timeout');
  });

  it('no stored state and the CDN down: only the attempt is saved (the bundled root stays in use)', async () => {
    const port = await freePort();
    const storage = memoryStorage();
    const r = await refreshTrustedRoot({
      repositoryUrl: `http://127.0.0.1:${port}/`,
      bootstrapRoot: repo.bootstrapRoot,
      storage,
      fetch: globalThis.fetch,
    });
    expect(r).toMatchObject({ ok: false, status: 'network' });
    // Only the attempt is recorded (with the shipped root): no trusted root, so the bundled one stays.
    expect(storage.state).toMatchObject({ root: repo.bootstrapRoot, lastAttempt: { ok: false, status: 'network' } });
    expect(storage.state!.trustedRoot).toBeUndefined();
  });

  it('a signed trusted_root.json this version cannot load → bad-trusted-root, last good kept', async () => {
    const { storage, good } = await goodState();
    repo.publish('{"mediaType":"application/vnd.dev.sigstore.trustedroot+json;version=0.1","tlogs":[{}]}', {
      timestamp: 3,
      snapshot: 3,
      targets: 3,
    });
    expectKeptLastGood(await refresh(storage), storage, good, 'bad-trusted-root');
  });

  it('a worker stopped mid-refresh saved nothing: the next refresh starts from the last good state', async () => {
    const { storage, good } = await goodState();
    repo.publish(FULL_ROOT, { timestamp: 3, snapshot: 3, targets: 3 });
    // Stop "the worker" while the snapshot download is in flight: the refresh never finishes.
    const controller = new AbortController();
    const stopped = refreshTrustedRoot({
      repositoryUrl: repo.url,
      bootstrapRoot: repo.bootstrapRoot,
      storage,
      fetch: (url, init) => {
        if (url.endsWith('3.snapshot.json')) return new Promise<Response>(() => controller.abort());
        return globalThis.fetch(url, init);
      },
    });
    void stopped;
    await new Promise((r) => setTimeout(r, 200));
    expect(controller.signal.aborted).toBe(true);
    expect(storage.state).toEqual(good);
    const r = await refresh(storage);
    expect(r.ok && r.trustedRoot).toBe(FULL_ROOT);
  });

  it('a damaged stored state is ignored (starts from the shipped root)', async () => {
    repo.publish(FULL_ROOT, { timestamp: 1, snapshot: 1, targets: 1 });
    const storage = memoryStorage({ root: '{"signed":', timestamp: 'x' });
    const r = await refresh(storage);
    expect(r.ok, !r.ok ? r.detail : '').toBe(true);
    expect(parseStoredState(JSON.parse(JSON.stringify(storage.state)))).toEqual(storage.state);
    expect(parseStoredState({ root: 1 })).toBeNull();
    expect(parseStoredState('x')).toBeNull();
  });
});

describe('repository URL', () => {
  it('https anywhere; http only on loopback; no credentials, query or fragment', () => {
    expect(checkRepositoryUrl('https://tuf-repo-cdn.sigstore.dev')).toBe('https://tuf-repo-cdn.sigstore.dev/');
    expect(checkRepositoryUrl('http://127.0.0.1:8080/repo')).toBe('http://127.0.0.1:8080/repo/');
    expect(checkRepositoryUrl('http://localhost/')).toBe('http://localhost/');
    expect(checkRepositoryUrl('http://[::1]:9/')).toBe('http://[::1]:9/');
    for (const bad of ['http://tuf-repo-cdn.sigstore.dev/', 'ftp://x/', 'https://u:p@x/', 'https://x/?a=1', 'file:///etc/', 'nope']) {
      expect(() => checkRepositoryUrl(bad), bad).toThrow();
    }
  });
});

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}
