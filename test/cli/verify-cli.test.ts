/**
 * `npm run verify` contract: exit codes and JSON shape, running the BUILT verify bundle (browser
 * build + crypto shim, no Node Buffer global) through scripts/cli.mjs as a real process.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { join, relative } from 'node:path';
import { buildCliBundles, removeDir, repoRoot, runCli } from './cli-harness';

const fx = (p: string) => join(repoRoot, 'test/fixtures', p);
const PROV = fx('provenance/pypi-attestations/pypi_attestations-0.0.19.tar.gz.provenance');
const FILE = 'pypi_attestations-0.0.19.tar.gz';
const SHA = '9bb1add04b1b4e182be6b0b80931593f7a291eb49d69b4fd728a5d4cbcdc4bd3';
const NOT_FOUND_BODY = join(repoRoot, 'e2e/fixtures/pypi-pages/integrity/pycrypto/2.6.1/pycrypto-2.6.1.tar.gz/provenance.404.json');

let dir = '';
let tmp = '';
const write = (name: string, content: string) => {
  const p = join(tmp, name);
  writeFileSync(p, content);
  return p;
};
const verify = (...argv: string[]) => runCli(dir, 'verify', argv);

function parseOneLine(stdout: string) {
  const lines = stdout.split('\n').filter(Boolean);
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0]!);
}

beforeAll(async () => {
  dir = await buildCliBundles();
  tmp = mkdtempSync(join(tmpdir(), 'verify-cli-'));
}, 120_000);

afterAll(() => {
  removeDir(dir);
  removeDir(tmp);
});

describe('verify CLI (built bundle)', () => {
  it('verified fixture: exit 0, one compact JSON line with state, reasons, level', () => {
    const r = verify(PROV, '--filename', FILE, '--sha256', SHA);
    expect(r.code, r.stderr).toBe(0);
    const v = parseOneLine(r.stdout);
    expect(Object.keys(v).slice(0, 3)).toEqual(['state', 'reasons', 'level']);
    expect(v).toMatchObject({ state: 'verified', level: 'ok', filename: FILE, sha256: SHA, reasons: [] });
    expect(v.attestations[0].ok).toBe(true);
    expect(v.trustRootId).toMatch(/^[0-9a-f]{64}$/);
  });

  it('--pretty indents; uppercase sha256 is accepted', () => {
    const r = verify(PROV, '--filename', FILE, '--sha256', SHA.toUpperCase(), '--pretty');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^\{\n {2}"state": "verified"/);
  });

  it('tampered provenance (one byte of the DSSE signature) -> failed, exit 1, level danger', () => {
    const json = JSON.parse(readFileSync(PROV, 'utf8'));
    const env = json.attestation_bundles[0].attestations[0].envelope;
    const sig = Buffer.from(env.signature, 'base64');
    sig[sig.length - 5]! ^= 1;
    env.signature = sig.toString('base64');
    const r = verify(write('tampered.json', JSON.stringify(json)), '--filename', FILE, '--sha256', SHA);
    expect(r.code).toBe(1);
    const v = parseOneLine(r.stdout);
    expect(v.state).toBe('failed');
    expect(v.level).toBe('danger');
    expect(v.reasons.length).toBeGreaterThan(0);
  });

  it('a different sha256 than the statement -> failed, exit 1', () => {
    const r = verify(PROV, '--filename', FILE, '--sha256', 'a'.repeat(64));
    expect(r.code).toBe(1);
    expect(parseOneLine(r.stdout).state).toBe('failed');
  });

  it('not JSON or malformed provenance -> failed (exit 1), not bad input', () => {
    for (const content of ['not json {', '{"version": 1}', '[]']) {
      const r = verify(write('bad.json', content), '--filename', FILE, '--sha256', SHA);
      expect(r.code, content).toBe(1);
      expect(parseOneLine(r.stdout).state).toBe('failed');
    }
  });

  it("absent: a `null` file and PyPI's 404 body -> exit 3; level neutral, warning with --strict", () => {
    const a = verify(write('null.json', 'null'), '--filename', FILE, '--sha256', SHA);
    expect(a.code, a.stderr).toBe(3);
    expect(parseOneLine(a.stdout)).toMatchObject({ state: 'absent', level: 'neutral' });
    const b = verify(NOT_FOUND_BODY, '--filename', 'pycrypto-2.6.1.tar.gz', '--sha256', SHA, '--strict');
    expect(b.code, b.stderr).toBe(3);
    expect(parseOneLine(b.stdout)).toMatchObject({ state: 'absent', level: 'warning' });
  });

  it('#17.3 bounded read: a 75 MB file of [{},{},…] -> failed PROVENANCE_TOO_LARGE from its size, one JSON line', () => {
    const big = join(tmp, 'big.json');
    writeFileSync(big, '[' + '{},'.repeat(25 * 1024 * 1024) + '{}]');
    const r = verify(big, '--filename', FILE, '--sha256', SHA);
    expect(r.code, r.stderr).toBe(1);
    const v = parseOneLine(r.stdout);
    expect(v).toMatchObject({ state: 'failed', level: 'danger', attestations: [] });
    expect(v.reasons.map((x: { code: string }) => x.code)).toEqual(['PROVENANCE_TOO_LARGE']);
    expect(v.reasons[0].detail).toMatch(/^78643204 bytes, more than 2097152 bytes$/);
  });

  it('#17.3 bounded read: an endless stream (/dev/zero) is refused after cap + 1 bytes, not read to the end', () => {
    const r = verify('/dev/zero', '--filename', FILE, '--sha256', SHA);
    expect(r.code, r.stderr).toBe(1);
    const v = parseOneLine(r.stdout);
    expect(v.reasons.map((x: { code: string }) => x.code)).toEqual(['PROVENANCE_TOO_LARGE']);
    expect(v.reasons[0].detail).toBe('more than 2097152 bytes');
  });

  it('a file of exactly the cap is read and parsed (not refused by size)', () => {
    const atCap = join(tmp, 'at-cap.json');
    writeFileSync(atCap, ' '.repeat(2 * 1024 * 1024 - 4) + 'null');
    const r = verify(atCap, '--filename', FILE, '--sha256', SHA);
    expect(r.code, r.stderr).toBe(3);
    expect(parseOneLine(r.stdout).state).toBe('absent');
  });

  it('--trusted-root: the staging root rejects production provenance; the production root file accepts it', () => {
    const s = verify(PROV, '--filename', FILE, '--sha256', SHA, '--trusted-root', fx('trust/trusted_root.staging.json'));
    expect(s.code).toBe(1);
    const p = verify(PROV, '--filename', FILE, '--sha256', SHA, '--trusted-root', fx('trust/trusted_root.json'));
    expect(p.code, p.stderr).toBe(0);
  });

  it("--trusted-root lacking the signature's Rekor key (a root file is never known current) -> error, not failed; exit 1, level neutral", () => {
    const root = JSON.parse(readFileSync(fx('trust/trusted_root.json'), 'utf8'));
    root.tlogs = root.tlogs.filter((t: { baseUrl: string }) => t.baseUrl !== 'https://rekor.sigstore.dev');
    const r = verify(
      PROV,
      '--filename',
      FILE,
      '--sha256',
      SHA,
      '--trusted-root',
      write('root-without-rekor-v1.json', JSON.stringify(root)),
    );
    expect(r.code, r.stderr).toBe(1);
    const v = parseOneLine(r.stdout);
    expect(v).toMatchObject({ state: 'error', level: 'neutral' });
    expect(v.reasons.map((x: { code: string }) => x.code)).toEqual(['TRUST_ROOT_KEY_UNKNOWN']);
    expect(v.reasons[0].message).toMatch(/newer than the trust root in use/);
    expect(v.reasons[0].message).not.toMatch(/extension/);
    expect(v.reasons[0].consequence).toMatch(/refresh it with --tuf-repository/); // the command line's own what-to-do
  });

  it('bad input -> exit 2 with a message on stderr and nothing on stdout', () => {
    const cases: string[][] = [
      [],
      [PROV, '--sha256', SHA], // no --filename
      [PROV, '--filename', FILE], // no --sha256
      [PROV, '--filename', FILE, '--sha256', 'xyz'],
      [PROV, '--filename', FILE, '--sha256', SHA.slice(1)],
      [PROV, PROV, '--filename', FILE, '--sha256', SHA],
      [PROV, '--filename', FILE, '--sha256', SHA, '--bogus'],
      [PROV, '--filename', FILE, '--sha256'],
      [join(tmp, 'does-not-exist.json'), '--filename', FILE, '--sha256', SHA],
      [PROV, '--filename', FILE, '--sha256', SHA, '--trusted-root', write('root.json', '{"mediaType":"nope"}')],
      [PROV, '--filename', FILE, '--sha256', SHA, '--trusted-root', join(tmp, 'missing-root.json')],
    ];
    for (const argv of cases) {
      const r = verify(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stdout, argv.join(' ')).toBe('');
      expect(r.stderr.length).toBeGreaterThan(0);
    }
  });

  it('`npm run verify` started in a subfolder reads the paths it is given from that folder, not the repository folder npm runs it in', () => {
    const docs = join(repoRoot, 'docs');
    const r = spawnSync('npm', ['run', '-s', 'verify', '--', relative(docs, PROV), '--filename', FILE, '--sha256', SHA], {
      cwd: docs,
      encoding: 'utf8',
      env: { ...process.env, PYPI_PROVENANCE_CLI_DIR: dir },
      timeout: 60_000,
    });
    expect(r.status, r.stderr).toBe(0);
    expect(parseOneLine(r.stdout)).toMatchObject({ state: 'verified', filename: FILE });
  });

  it('--help prints usage to stdout, exit 0', () => {
    const r = verify('--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: npm run verify/);
    // one column for every option's description (the trust flags' lines included)
    const columns = r.stdout
      .split('\n')
      .filter((l) => l.startsWith('  --'))
      .map((l) => /^ {2}--\S+(?: <\w+>)? +/.exec(l)![0].length);
    expect(columns.length).toBeGreaterThanOrEqual(9);
    expect(new Set(columns)).toEqual(new Set([27]));
  });
});
