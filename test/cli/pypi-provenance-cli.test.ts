/**
 * The installed CLI's contract (docs/cli.md): the BUILT pypi-provenance bundle, run as a real
 * process against a local index (test/cli/index-server.ts: simple JSON, Integrity API and pages
 * from the e2e fixtures with real attestations) — every command, the main flags, each exit code,
 * the network manners, and installability (npm pack → install → run the bin).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCliBundles, removeDir, repoRoot, runCliAsync, runNode, type CliRun } from './cli-harness';
import { IndexServer } from './index-server';

let dir = '';
let tmp = '';
const server = new IndexServer();
let index = '';

const cli = (...argv: string[]): Promise<CliRun> =>
  runCliAsync(dir, 'pypi-provenance', argv, { PYPI_PROVENANCE_CACHE_DIR: join(tmp, 'cache') });
const checkJson = async (...argv: string[]) => {
  const r = await cli('check', ...argv, '--index', index, '--json', '--no-cache');
  let json: any = null;
  try {
    json = JSON.parse(r.stdout);
  } catch {
    // asserted by the caller
  }
  return { ...r, json };
};
const states = (json: any) => json.files.map((f: any) => `${f.filename}:${f.state}`).sort();

beforeAll(async () => {
  dir = await buildCliBundles();
  tmp = mkdtempSync(join(tmpdir(), 'pp-cli-'));
  index = await server.start();
}, 120_000);

afterAll(async () => {
  await server.stop();
  removeDir(dir);
  removeDir(tmp);
});

beforeEach(() => server.reset());

describe('pypi-provenance check (built bundle, local index)', () => {
  it('NAME==VERSION: every file of the release verified, exit 0; JSON = Verdict + project/version/filename, summary, continuity', async () => {
    const r = await checkJson('sampleproject==4.0.0');
    expect(r.code, r.stderr).toBe(0);
    expect(states(r.json)).toEqual(['sampleproject-4.0.0-py3-none-any.whl:verified', 'sampleproject-4.0.0.tar.gz:verified']);
    const f = r.json.files[0];
    expect(f).toMatchObject({
      project: 'sampleproject',
      version: '4.0.0',
      level: 'ok',
      publisher: { kind: 'GitHub', repository: 'pypa/sampleproject' },
    });
    expect(f.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(f.attestations[0].tlog.logIndex).toMatch(/^\d+$/);
    expect(r.json.summary).toMatchObject({ total: 2, verified: 2, failed: 0, exitCode: 0, strict: false });
    expect(r.json.summary.releases[0]).toMatchObject({ project: 'sampleproject', version: '4.0.0', continuity: 'new' });
    // network manners: a User-Agent naming the tool on every request; only the index's own paths.
    expect(server.requests.length).toBeGreaterThanOrEqual(3);
    for (const q of server.requests) expect(q.userAgent).toMatch(/^pypi-provenance-cli\/\d+\.\d+\.\d+ /);
    expect(server.requests.map((q) => q.path).filter((p) => !p.startsWith('/simple/') && !p.startsWith('/integrity/'))).toEqual([]);
  });

  it('the table: state, file, publisher, workflow, commit, reason; the release line; an honest last line', async () => {
    const r = await cli('check', 'sampleproject==4.0.0', '--index', index, '--no-cache');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^STATE +FILE +PUBLISHER +WORKFLOW +COMMIT +REASON$/m);
    expect(r.stdout).toMatch(/^verified +sampleproject-4\.0\.0\.tar\.gz +GitHub pypa\/sampleproject +release\.yml +621e4974ca25/m);
    expect(r.stdout).toContain('sampleproject 4.0.0: 2 of 2 files verified');
    expect(r.stdout).toContain('does not show that the source is safe');
    expect(r.stderr).toBe(''); // no progress bar when stderr is not a terminal
  });

  it('a project URL and a bare NAME (latest final release) name the same release', async () => {
    const a = await checkJson(`https://pypi.org/project/sampleproject/4.0.0/`);
    const b = await checkJson('sampleproject');
    expect(a.code, a.stderr).toBe(0);
    expect(states(b.json)).toEqual(states(a.json));
  });

  it('failed provenance (statement names another file) -> exit 1; no provenance is neutral (exit 0) unless --strict (exit 3)', async () => {
    const failed = await checkJson('FastHash_Lib==1.2.0');
    expect(failed.code).toBe(1);
    expect(failed.json.summary).toMatchObject({ total: 7, failed: 6, absent: 1 });
    const absent = await checkJson('pycrypto==2.6.1');
    expect(absent.code, absent.stderr).toBe(0);
    expect(absent.json.files[0]).toMatchObject({ state: 'absent', level: 'neutral' });
    const strict = await checkJson('pycrypto==2.6.1', '--strict');
    expect(strict.code).toBe(3);
    expect(strict.json.files[0].level).toBe('warning');
  });

  it('a tampered provenance (one signature byte) is failed, exit 1', async () => {
    server.fault('/integrity/sampleproject/4.0.0/sampleproject-4.0.0.tar.gz/', {
      transform: (b) => {
        const j = JSON.parse(b.toString());
        const env = j.attestation_bundles[0].attestations[0].envelope;
        const sig = Buffer.from(env.signature, 'base64');
        sig[10]! ^= 1;
        env.signature = sig.toString('base64');
        return Buffer.from(JSON.stringify(j));
      },
    });
    const r = await checkJson('sampleproject==4.0.0');
    expect(r.code).toBe(1);
    expect(states(r.json)).toEqual(['sampleproject-4.0.0-py3-none-any.whl:verified', 'sampleproject-4.0.0.tar.gz:failed']);
  });

  it('index errors are "could not check" (exit 4), never failed: 404 provenance, garbage simple index, 500 for good', async () => {
    server.fault('/integrity/sampleproject/4.0.0/sampleproject-4.0.0.tar.gz/', {
      status: 404,
      body: '{"message":"No provenance available"}',
    });
    const r404 = await checkJson('sampleproject==4.0.0');
    expect(r404.code).toBe(4);
    expect(states(r404.json)).toEqual(['sampleproject-4.0.0-py3-none-any.whl:verified', 'sampleproject-4.0.0.tar.gz:error']);
    server.reset();
    server.fault('/simple/sampleproject/', { body: '{"meta": garbage' });
    const garbage = await checkJson('sampleproject==4.0.0');
    expect(garbage.code).toBe(4);
    expect(garbage.json.files[0].reasons[0].code).toBe('INDEX_BAD_RESPONSE');
    server.reset();
    server.fault('/integrity/', { status: 503 });
    const down = await checkJson('sampleproject==4.0.0');
    expect(down.code).toBe(4);
    expect(down.json.files.every((f: any) => f.state === 'error' && f.reasons[0].code === 'INDEX_HTTP_ERROR')).toBe(true);
  }, 60_000);

  it('retries 5xx with backoff and 429 honouring Retry-After, then verifies', async () => {
    server.fault('/integrity/sampleproject/4.0.0/sampleproject-4.0.0.tar.gz/', { status: 502, times: 2 });
    server.fault('/integrity/sampleproject/4.0.0/sampleproject-4.0.0-py3-none-any.whl/', {
      status: 429,
      headers: { 'retry-after': '1' },
      times: 1,
    });
    const r = await checkJson('sampleproject==4.0.0');
    expect(r.code, r.stderr).toBe(0);
    const whl = server.requests.filter((q) => q.path.endsWith('-py3-none-any.whl/provenance'));
    expect(whl).toHaveLength(2);
    expect(whl[1]!.at - whl[0]!.at).toBeGreaterThanOrEqual(950);
    expect(server.requests.filter((q) => q.path.endsWith('.tar.gz/provenance'))).toHaveLength(3);
  }, 60_000);

  it('a request that never answers gives up after --timeout: could not check (exit 4)', async () => {
    server.fault('/integrity/', { hang: true });
    const r = await checkJson('sampleproject==4.0.0', '--timeout', '1');
    expect(r.code).toBe(4);
    expect(r.json.files.map((f: any) => f.reasons[0].code)).toEqual(['INDEX_TIMEOUT', 'INDEX_TIMEOUT']);
  }, 60_000);

  it('a local file: hashed here, found by name; a sha256 different from the index is FAILED (exit 1)', async () => {
    const file = join(tmp, 'sampleproject-4.0.0.tar.gz');
    writeFileSync(file, 'not the real sdist\n');
    const r = await cli('check', file, '--index', index, '--json', '--no-cache');
    expect(r.code, r.stderr).toBe(1);
    const v = JSON.parse(r.stdout).files[0];
    expect(v).toMatchObject({ filename: 'sampleproject-4.0.0.tar.gz', state: 'failed', source: { path: file } });
    expect(v.reasons[0]).toMatchObject({ code: 'HASH_MISMATCH_PAGE_INDEX', message: expect.stringContaining('the local file') });
    const unknown = join(tmp, 'sampleproject-9.9.9.tar.gz');
    writeFileSync(unknown, 'x');
    const u = await cli('check', unknown, '--index', index, '--json', '--no-cache');
    expect(u.code).toBe(4);
    expect(JSON.parse(u.stdout).files[0].reasons[0].code).toBe('FILE_NOT_IN_INDEX');
  });

  it('bad input -> exit 2, a message on stderr, nothing on stdout', async () => {
    const cases = [
      ['frobnicate'],
      ['check'],
      ['check', 'sampleproject==4.0.0', '--index', 'http://example.org'],
      ['check', 'sampleproject==4.0.0', '--index', 'ftp://127.0.0.1'],
      ['check', 'sampleproject==4.0.0', '--index', index, '--bogus'],
      ['check', 'sampleproject==not a version', '--index', index],
      ['check', 'sampleproject==9.9.9', '--index', index, '--no-cache'],
      ['check', join(tmp, 'missing-1.0.tar.gz'), '--index', index],
      ['check', 'sampleproject==4.0.0', '--index', index, '--json', '--sarif'],
      ['check', 'sampleproject==4.0.0', '--index', index, '--pins', join(tmp, 'no-pins.json')],
    ];
    for (const argv of cases) {
      const r = await cli(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stdout, argv.join(' ')).toBe('');
      expect(r.stderr).toMatch(/^pypi-provenance: /);
    }
  }, 60_000);

  it('--version and --help', async () => {
    const v = await cli('--version');
    expect(v.code).toBe(0);
    expect(v.stdout).toMatch(/^pypi-provenance \d+\.\d+\.\d+\n$/);
    const h = await cli('--help');
    expect(h.code).toBe(0);
    expect(h.stdout).toContain('Exit codes');
  });
});

describe('installability', () => {
  it('npm pack, install the tarball into an empty folder, run the installed pypi-provenance', async () => {
    const b = spawnSync(process.execPath, [join(repoRoot, 'scripts/build-cli-package.mjs'), dir], { encoding: 'utf8' });
    expect(b.status, b.stderr).toBe(0);
    const packDir = join(tmp, 'pack');
    const npm = (args: string[], cwd: string) =>
      spawnSync('npm', args, {
        cwd,
        encoding: 'utf8',
        env: {
          ...process.env,
          npm_config_offline: 'true',
          npm_config_audit: 'false',
          npm_config_fund: 'false',
          npm_config_update_notifier: 'false',
        },
      });
    const p = npm(['pack', dir, '--pack-destination', tmp], tmp);
    expect(p.status, p.stderr).toBe(0);
    const tarball = readdirSync(tmp).find((f) => /^pypi-provenance-.*\.tgz$/.test(f))!;
    expect(tarball).toBeTruthy();
    spawnSync('mkdir', ['-p', packDir]);
    writeFileSync(join(packDir, 'package.json'), '{"name":"empty","version":"1.0.0","private":true}\n');
    const i = npm(['install', join(tmp, tarball)], packDir);
    expect(i.status, i.stderr).toBe(0);
    const bin = join(packDir, 'node_modules', '.bin', 'pypi-provenance');
    const v = await runNode([bin, '--version'], {}, 30_000, packDir);
    expect(v.code, v.stderr).toBe(0);
    expect(v.stdout).toMatch(/^pypi-provenance \d/);
    const c = await runNode([bin, 'check', 'sampleproject==4.0.0', '--index', index, '--json', '--no-cache'], {}, 60_000, packDir);
    expect(c.code, c.stderr).toBe(0);
    expect(JSON.parse(c.stdout).summary.verified).toBe(2);
  }, 120_000);
});
