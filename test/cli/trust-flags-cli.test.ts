/**
 * CLI trust-root flags (src/cli/trust-flags.ts) through the BUILT verify bundle as a real process:
 * a CI refreshes from a TUF repository URL with a given bootstrap root and cache folder.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildCliBundles, removeDir, repoRoot, runCliAsync, type CliRun } from './cli-harness';
import { IndexServer } from './index-server';
import { TufRepo } from '../trust/tuf-repo';

const fx = (p: string) => join(repoRoot, 'test/fixtures', p);
const PROV = fx('provenance/pypi-attestations/pypi_attestations-0.0.19.tar.gz.provenance');
const FILE = 'pypi_attestations-0.0.19.tar.gz';
const SHA = '9bb1add04b1b4e182be6b0b80931593f7a291eb49d69b4fd728a5d4cbcdc4bd3';
const FULL_ROOT = readFileSync(fx('trust/trusted_root.json'), 'utf8');
const WITHOUT_REKOR_V1 = (() => {
  const r = JSON.parse(FULL_ROOT);
  r.tlogs = r.tlogs.filter((t: { baseUrl: string }) => t.baseUrl !== 'https://rekor.sigstore.dev');
  return JSON.stringify(r);
})();

let dir = '';
let tmp = '';
let repo: TufRepo;
let bootstrap = '';

/** Async (the TUF repository is served from this process, so the child must not block it). */
function verify(...argv: string[]): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(repoRoot, 'scripts', 'cli.mjs'), 'verify', ...argv], {
      cwd: repoRoot,
      env: { ...process.env, PYPI_PROVENANCE_CLI_DIR: dir },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

beforeAll(async () => {
  dir = await buildCliBundles();
}, 120_000);
afterAll(() => removeDir(dir));
beforeEach(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'trust-flags-'));
  repo = new TufRepo();
  await repo.start();
  bootstrap = join(tmp, 'root.json');
  writeFileSync(bootstrap, repo.bootstrapRoot);
});
afterEach(async () => {
  await repo.stop();
  removeDir(tmp);
});

describe('verify --tuf-repository --tuf-root --tuf-cache', () => {
  it('refreshes, verifies, keeps the cache; with the repository down the cached root is used', async () => {
    repo.publish(FULL_ROOT, { timestamp: 1, snapshot: 1, targets: 1 });
    const cache = join(tmp, 'cache');
    const args = [PROV, '--filename', FILE, '--sha256', SHA, '--tuf-repository', repo.url, '--tuf-root', bootstrap, '--tuf-cache', cache];
    const r = await verify(...args);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).state).toBe('verified');
    const state = JSON.parse(readFileSync(join(cache, 'tuf-state.json'), 'utf8'));
    expect(state.trustedRoot).toBe(FULL_ROOT);
    expect(state.lastAttempt).toMatchObject({ ok: true, status: 'ok' });

    await repo.stop();
    const offline = await verify(...args);
    expect(offline.code, offline.stderr).toBe(0);
    expect(offline.stderr).toMatch(/could not be reached; the last good trust root stays in use/);
  });

  it("a refreshed root that lacks the signature's key is known current: failed (TRUST_ROOT_KEY_NOT_TRUSTED), not error", async () => {
    repo.publish(WITHOUT_REKOR_V1, { timestamp: 1, snapshot: 1, targets: 1 });
    const r = await verify(PROV, '--filename', FILE, '--sha256', SHA, '--tuf-repository', repo.url, '--tuf-root', bootstrap);
    expect(r.code, r.stderr).toBe(1);
    const v = JSON.parse(r.stdout);
    expect(v.state).toBe('failed');
    expect(v.reasons.map((x: { code: string }) => x.code)).toContain('TRUST_ROOT_KEY_NOT_TRUSTED');
    expect(existsSync(join(tmp, 'cache'))).toBe(false); // no --tuf-cache: nothing written
  });

  it('bad flags are bad input (exit 2)', async () => {
    for (const extra of [
      ['--tuf-repository', 'http://tuf.example.com/'],
      ['--tuf-cache', tmp],
      ['--tuf-root', bootstrap],
      ['--tuf-repository', repo.url, '--trusted-root', fx('trust/trusted_root.json')],
    ]) {
      const r = await verify(PROV, '--filename', FILE, '--sha256', SHA, ...extra);
      expect(r.code, extra.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
    }
  });
});

describe('pypi-provenance check with the same trust flags (built bundle, local index)', () => {
  const server = new IndexServer();
  let index = '';
  beforeAll(async () => {
    index = await server.start();
  });
  afterAll(async () => {
    await server.stop();
  });
  const check = async (...argv: string[]) => {
    const r = await runCliAsync(
      dir,
      'pypi-provenance',
      ['check', 'sampleproject==4.0.0', '--index', index, '--json', '--no-cache', ...argv],
      {},
    );
    return { ...r, json: JSON.parse(r.stdout || 'null') };
  };
  const states = (json: any) => json.files.map((f: any) => f.state);

  it('--trusted-root lacking the Rekor key: could not check (error), never failed', async () => {
    const root = join(tmp, 'no-rekor-v1.json');
    writeFileSync(root, WITHOUT_REKOR_V1);
    const r = await check('--trusted-root', root);
    expect(states(r.json), r.stderr).toEqual(['error', 'error']);
    expect(r.json.files[0].reasons.map((x: { code: string }) => x.code)).toContain('TRUST_ROOT_KEY_UNKNOWN');
  });

  it('refreshed from a TUF repository: the full root verifies; a refreshed root lacking the key fails', async () => {
    repo.publish(FULL_ROOT, { timestamp: 1, snapshot: 1, targets: 1 });
    const ok = await check('--tuf-repository', repo.url, '--tuf-root', bootstrap);
    expect(ok.code, ok.stderr).toBe(0);
    expect(states(ok.json)).toEqual(['verified', 'verified']);
    repo.publish(WITHOUT_REKOR_V1, { timestamp: 2, snapshot: 2, targets: 2 });
    const bad = await check('--tuf-repository', repo.url, '--tuf-root', bootstrap);
    expect(states(bad.json), bad.stderr).toEqual(['failed', 'failed']);
    expect(bad.json.files[0].reasons.map((x: { code: string }) => x.code)).toContain('TRUST_ROOT_KEY_NOT_TRUSTED');
  });
});
