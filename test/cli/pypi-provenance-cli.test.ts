/**
 * The installed CLI's contract (docs/cli.md): the BUILT pypi-provenance bundle, run as a real
 * process against a local index (test/cli/index-server.ts: simple JSON, Integrity API and pages
 * from the e2e fixtures with real attestations) — every command, the main flags, each exit code,
 * the network manners, and installability (npm pack → install → run the bin).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import Ajv from 'ajv';
import { substituteTokens } from '../../scripts/e2e-lib/pypi-fixture';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCliBundles, removeDir, repoRoot, runCliAsync, runNode, type CliRun } from './cli-harness';
import { IndexServer } from './index-server';
import { cliConsequence } from '../../src/cli/consequences';

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
    expect(server.requests.filter((q) => q.path === '/simple/sampleproject/')).toHaveLength(1); // one simple-index request per run
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
    // the table then says what the reasons mean for the files, once per code (the panel's sentences)
    const table = await cli('check', 'FastHash_Lib==1.2.0', '--index', index, '--no-cache');
    expect(table.code).toBe(1);
    expect(table.stdout).toMatch(
      /\nWhat the reasons mean:\n {2}STATEMENT_SUBJECT_NAME_MISMATCH: This provenance belongs to another file: .*\n {2}STATEMENT_DIGEST_MISMATCH: .*\n {2}NO_PROVENANCE: Nothing is known about who published this file, neither good nor bad: .*\n/,
    );
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
    expect(server.requests.filter((q) => q.path === '/simple/sampleproject/')).toHaveLength(1); // why it failed is kept, not asked again
    expect(garbage.json.files[0].reasons[0].code).toBe('INDEX_BAD_RESPONSE');
    expect(garbage.json.files[0].reasons[0].message).toBe(`${index} sent a response this tool could not read.`); // names the index asked
    server.reset();
    server.fault('/integrity/', { status: 503 });
    const down = await checkJson('sampleproject==4.0.0');
    expect(down.code).toBe(4);
    expect(down.json.files.every((f: any) => f.state === 'error' && f.reasons[0].code === 'INDEX_HTTP_ERROR')).toBe(true);
    // A bare NAME (latest release) whose index cannot be read: could not check (exit 4) with the
    // row that says why, not "bad input" (exit 2, as it was): the index failed, not the user.
    server.reset();
    server.fault('/simple/sampleproject/', { status: 503 });
    const latest = await checkJson('sampleproject');
    expect(latest.code, latest.stderr).toBe(4);
    expect(latest.json.files).toHaveLength(1);
    expect(latest.json.files[0]).toMatchObject({ project: 'sampleproject', filename: 'sampleproject', state: 'error', level: 'neutral' });
    expect(latest.json.files[0].reasons[0]).toMatchObject({ code: 'INDEX_HTTP_ERROR', detail: 'HTTP 503' });
    // Each reason says what it means and what to do, the sentence the table's "What the reasons mean" prints.
    expect(latest.json.files[0].reasons[0].consequence).toBe(cliConsequence('INDEX_HTTP_ERROR'));
    expect(validateJson(latest.json), JSON.stringify(validateJson.errors)).toBe(true);
    const table = await cli('check', 'sampleproject', '--index', index, '--no-cache');
    expect(table.code).toBe(4);
    expect(table.stdout).toMatch(/^could not check +sampleproject +INDEX_HTTP_ERROR: /m);
    expect(table.stdout).toContain('\n1 file: 0 verified, 0 failed, 0 without provenance, 1 could not be checked.\n');
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
      [], // no command: the usage goes to stderr (exit 2), not stdout
      ['frobnicate'],
      ['check'],
      ['check', 'sampleproject==4.0.0', '--index', 'http://example.org'],
      ['check', 'sampleproject==4.0.0', '--index', 'ftp://127.0.0.1'],
      ['check', 'sampleproject==4.0.0', '--index', index, '--bogus'],
      ['check', 'sampleproject==not a version', '--index', index],
      ['check', 'sampleproject==9.9.9', '--index', index, '--no-cache'],
      ['check', 'no-such-project==1.0', '--index', index, '--no-cache'],
      ['check', 'no-such-project', '--index', index, '--no-cache'], // a bare NAME the index does not know (404)
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

  it('trust-root flags: another root is honoured (staging root: nothing verifies), a copy of the bundled one verifies', async () => {
    const fx = (p: string) => join(repoRoot, 'test/fixtures/trust', p);
    const staging = await checkJson('sampleproject==4.0.0', '--trusted-root', fx('trusted_root.staging.json'));
    expect(staging.code).not.toBe(0);
    expect(staging.json.files.every((f: any) => f.state !== 'verified')).toBe(true);
    const prod = await checkJson('sampleproject==4.0.0', '--trusted-root', fx('trusted_root.json'));
    expect(prod.code, prod.stderr).toBe(0);
    const bad = await cli('check', 'sampleproject==4.0.0', '--index', index, '--tuf-root', fx('trusted_root.json'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/need --tuf-repository/);
  });

  it('--version and --help', async () => {
    const v = await cli('--version');
    expect(v.code).toBe(0);
    expect(v.stdout).toMatch(/^pypi-provenance \d+\.\d+\.\d+\n$/);
    // The repository's own bin (package.json "bin", what `npx pypi-provenance` runs in a clone).
    const own = await runNode([join(repoRoot, 'scripts/pypi-provenance.mjs'), '--version'], { PYPI_PROVENANCE_CLI_DIR: dir });
    expect(own.code, own.stderr).toBe(0);
    expect(own.stdout).toBe(v.stdout);
    expect(JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).bin).toEqual({
      'pypi-provenance': 'scripts/pypi-provenance.mjs',
    });
    const h = await cli('--help');
    expect(h.code).toBe(0);
    expect(h.stdout).toContain('Exit codes');
  });
});

const LOCKS = join(repoRoot, 'test/fixtures/locks');
// The SARIF schema is draft-04 (ajv 6 reads it with its bundled draft-04 meta-schema).
const ajv = new Ajv({ allErrors: true, schemaId: 'auto', logger: false });
ajv.addMetaSchema(JSON.parse(readFileSync(join(repoRoot, 'node_modules/ajv/lib/refs/json-schema-draft-04.json'), 'utf8')));
const validateJson = ajv.compile(JSON.parse(readFileSync(join(repoRoot, 'docs/schemas/cli-output.schema.json'), 'utf8')));
const sarifSchema = JSON.parse(
  readFileSync(join(repoRoot, 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'),
);
const validateSarif = ajv.compile(sarifSchema);
const auditJson = async (file: string, ...argv: string[]) => {
  const r = await cli('audit', file, '--index', index, '--json', '--no-cache', ...argv);
  const json = r.stdout ? JSON.parse(r.stdout) : null;
  if (json) expect(validateJson(json), JSON.stringify(validateJson.errors)).toBe(true);
  return { ...r, json };
};
const S1 = '0ace7980f82c5815ede4cd7bf9f6693684cec2ae47b9b7ade9add533b8627c6b';
const S2 = 'c23e447ea90d796d1e645c35c4b2de125040add12a845825546f91c93f391b6b';

describe('pypi-provenance audit (lock files)', () => {
  it('requirements.txt (pip-compile, -r include, markers, non-index sources): every row, lock lines, exit 1 for the failed include', async () => {
    const r = await auditJson(join(LOCKS, 'requirements.txt'));
    expect(r.code, r.stderr).toBe(1);
    const s = r.json.summary;
    expect(s).toMatchObject({ total: 14, verified: 2, failed: 6, absent: 2, notCheckable: 4, error: 0, exitCode: 1 });
    const sample = r.json.files.filter((f: any) => f.project === 'sampleproject');
    expect(sample.map((f: any) => [f.state, f.source])).toEqual([
      ['verified', { path: join(LOCKS, 'requirements.txt'), line: 13 }],
      ['verified', { path: join(LOCKS, 'requirements.txt'), line: 13 }],
    ]);
    const nc = r.json.files.filter((f: any) => !f.checkable);
    expect(nc.map((f: any) => f.reasons[0].code)).toEqual(['NOT_CHECKABLE', 'NOT_CHECKABLE', 'NOT_CHECKABLE', 'NOT_CHECKABLE']);
    expect(nc.map((f: any) => f.source.line)).toEqual([3, 4, 5, 6]);
  }, 60_000);

  it('pylock.toml: verified + absent + not checkable = exit 0; --strict = exit 3', async () => {
    const r = await auditJson(join(LOCKS, 'pylock.toml'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.json.summary).toMatchObject({ total: 6, verified: 2, absent: 1, notCheckable: 3 });
    const strict = await auditJson(join(LOCKS, 'pylock.toml'), '--strict');
    expect(strict.code).toBe(3);
  });

  it("uv.lock: a lock sha256 that differs from the index's is FAILED, named as the lock file's", async () => {
    const r = await auditJson(join(LOCKS, 'uv.lock'));
    expect(r.code).toBe(1);
    const fh = r.json.files.find((f: any) => f.filename === 'fasthash_lib-1.2.0.tar.gz');
    expect(fh).toMatchObject({ state: 'failed', level: 'danger' });
    expect(fh.reasons[0]).toMatchObject({ code: 'HASH_MISMATCH_PAGE_INDEX', message: expect.stringContaining('the lock file') });
    expect(r.json.files.filter((f: any) => f.state === 'verified').map((f: any) => f.filename)).toEqual([
      'sampleproject-4.0.0.tar.gz',
      'sampleproject-4.0.0-py3-none-any.whl',
    ]);
  });

  it('requirements hashes: all on the index = exit 0; a hash the index does not have = could not check (exit 4)', async () => {
    const ok = join(tmp, 'ok-requirements.txt');
    writeFileSync(ok, `sampleproject==4.0.0 --hash=sha256:${S1} --hash=sha256:${S2}\n`);
    expect((await auditJson(ok)).code).toBe(0);
    const odd = join(tmp, 'odd-requirements.txt');
    writeFileSync(odd, `sampleproject==4.0.0 --hash=sha256:${S1} --hash=sha256:${'e'.repeat(64)}\n`);
    const r = await auditJson(odd);
    expect(r.code).toBe(4);
    expect(r.json.files.map((f: any) => `${f.state}:${f.reasons[0]?.code ?? ''}`)).toEqual(['verified:', 'error:FILE_NOT_IN_INDEX']);
  });

  it('--pins (the extension export format): a matching pin passes, a different repository is a PIN MISMATCH (exit 1)', async () => {
    const lock = join(tmp, 'pins-requirements.txt');
    writeFileSync(lock, 'sampleproject==4.0.0\n');
    const pins = (repository: string) => {
      const p = join(tmp, `pins-${repository.replace('/', '_')}.json`);
      writeFileSync(
        p,
        JSON.stringify({ format: 'pypi-provenance-pins', version: 1, pins: [{ project: 'sampleproject', kind: 'GitHub', repository }] }),
      );
      return p;
    };
    const match = await auditJson(lock, '--pins', pins('pypa/sampleproject'));
    expect(match.code, match.stderr).toBe(0);
    expect(match.json.files.every((f: any) => f.pin.status === 'match')).toBe(true);
    const other = await auditJson(lock, '--pins', pins('evil/sampleproject'));
    expect(other.code).toBe(1);
    expect(other.json.summary.pinMismatch).toBe(2);
    expect(other.json.files[0]).toMatchObject({ state: 'verified', level: 'danger', pin: { status: 'mismatch' } });
  });

  it('--sarif validates against the SARIF 2.1.0 schema; one result per file that is not verified, at its lock line', async () => {
    const r = await cli('audit', join(LOCKS, 'requirements.txt'), '--index', index, '--sarif', '--no-cache');
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout);
    expect(validateSarif(log), JSON.stringify(validateSarif.errors)).toBe(true);
    const results = log.runs[0].results;
    expect(results).toHaveLength(12);
    expect(results.filter((x: any) => x.level === 'error')).toHaveLength(6);
    expect(results[0].locations[0].physicalLocation.region.startLine).toBe(2);
  }, 60_000);

  it('malformed lock files: a message naming the file and line, exit 2, nothing on stdout', async () => {
    const cases: [string, string, RegExp][] = [
      ['requirements.txt', 'good==1.0\n--frobnicate\n', /requirements\.txt:2: unknown option/],
      ['uv.lock', 'version = 1\n[[package]\n', /uv\.lock:2: not valid TOML/],
      ['pylock.toml', 'lock-version = "1.0"\n[[packages]]\nname = "x"\nversion = "1"\n', /pylock\.toml:3: x: no sdist/],
    ];
    for (const [name, text, msg] of cases) {
      const d = mkdtempSync(join(tmp, 'bad-'));
      writeFileSync(join(d, name), text);
      const r = await cli('audit', join(d, name), '--index', index, '--no-cache');
      expect(r.code, name).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(msg);
    }
  });
});

describe('--offline and the verdict cache', () => {
  it("--offline DIR answers from saved index files (index layout, or the extension's saved <file>.provenance.json), with no network", async () => {
    const off = join(tmp, 'offline');
    const pages = join(repoRoot, 'e2e/fixtures/pypi-pages');
    mkdirSync(join(off, 'simple', 'sampleproject'), { recursive: true });
    writeFileSync(
      join(off, 'simple/sampleproject/index.v1.json'),
      substituteTokens(readFileSync(join(pages, 'simple/sampleproject/index.v1.json'), 'utf8')),
    );
    const integrity = join(pages, 'integrity/sampleproject/4.0.0');
    cpSync(join(integrity, 'sampleproject-4.0.0.tar.gz'), join(off, 'integrity/sampleproject/4.0.0/sampleproject-4.0.0.tar.gz'), {
      recursive: true,
    });
    // the wheel's as the extension's "save raw provenance" names it, flat in DIR
    cpSync(
      join(integrity, 'sampleproject-4.0.0-py3-none-any.whl/provenance.json'),
      join(off, 'sampleproject-4.0.0-py3-none-any.whl.provenance.json'),
    );
    const r = await cli('check', 'sampleproject==4.0.0', '--offline', off, '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).summary.verified).toBe(2);
    expect(server.requests).toEqual([]);
  });

  it('the on-disk cache keeps verdicts between runs (fewer requests), and can be deleted', async () => {
    const cacheDir = join(tmp, 'cache-test');
    const run = () => cli('check', 'sampleproject==4.0.0', '--index', index, '--json', '--cache-dir', cacheDir);
    expect((await run()).code).toBe(0);
    const first = server.requests.filter((q) => q.path.startsWith('/integrity/')).length;
    expect(first).toBeGreaterThanOrEqual(2);
    expect(existsSync(join(cacheDir, 'cache-v1.json'))).toBe(true);
    server.reset();
    const again = await run();
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).summary.verified).toBe(2);
    expect(server.requests.filter((q) => q.path.startsWith('/integrity/'))).toEqual([]);
    writeFileSync(join(cacheDir, 'cache-v1.json'), '{not json');
    expect((await run()).code).toBe(0); // a broken cache is ignored, not fatal
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
