/**
 * Sigstore client conformance (bundle-verify): every case of the copied suite, in both of the
 * harness's modes (artifact PATH and sha256:DIGEST), through the BUILT conformance CLI bundle — the
 * same browser build + crypto shim as the extension's worker. Each case must pass or fail as the
 * suite expects.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { conformanceDir, loadConformanceCases, type ConformanceCase } from './cases';
import { buildCliBundles, removeDir, repoRoot, runCli, runCliBatch, type CliRun } from '../cli/cli-harness';

type Case = ConformanceCase;

const dir = conformanceDir(repoRoot);
const cases = loadConformanceCases(repoRoot);
const at = (p: string) => join(dir, p);

function argvFor(c: Case, mode: 'path' | 'digest'): string[] {
  const argv = ['verify-bundle', '--bundle', at(`bundle-verify/${c.case}/bundle.sigstore.json`)];
  if (c.key) argv.push('--key', at(`bundle-verify/${c.case}/${c.key}`));
  else argv.push('--certificate-identity', c.identity!, '--certificate-oidc-issuer', c.issuer!);
  // The production root is the client's default: exercise that path by not passing it.
  if (c.trustedRoot !== 'trusted_root.production.json') argv.push('--trusted-root', at(c.trustedRoot));
  argv.push(mode === 'path' ? at(c.artifactPath) : c.digest);
  return argv;
}

let bundleDir = '';
const results = new Map<string, CliRun>();

beforeAll(async () => {
  bundleDir = await buildCliBundles();
  const invocations = cases.flatMap((c) => [argvFor(c, 'path'), argvFor(c, 'digest')]);
  const out = runCliBatch(bundleDir, 'conformance', invocations);
  cases.forEach((c, i) => {
    results.set(`${c.case}|path`, out[2 * i]!);
    results.set(`${c.case}|digest`, out[2 * i + 1]!);
  });
}, 120_000);

afterAll(() => {
  removeDir(bundleDir);
});

describe('sigstore-conformance bundle-verify through the built CLI (shim crypto)', () => {
  it('has all 47 cases', () => {
    expect(cases).toHaveLength(47);
  });

  for (const c of cases) {
    for (const mode of ['path', 'digest'] as const) {
      it(`${c.case} [${mode}] should ${c.expect}`, () => {
        const r = results.get(`${c.case}|${mode}`)!;
        expect(r.code, r.stderr).not.toBe('threw');
        if (c.expect === 'pass') expect(r.code, r.stderr).toBe(0);
        else {
          expect(r.code, r.stderr).toBe(1);
          expect(r.stderr).toMatch(/verification failed/);
        }
      });
    }
  }

  it('the real command agrees (exit codes via node scripts/cli.mjs)', () => {
    const pass = cases.find((c) => c.case === 'happy-path-v0.3')!;
    const fail = cases.find((c) => c.case === 'signature-mismatch_fail')!;
    expect(runCli(bundleDir, 'conformance', argvFor(pass, 'path')).code).toBe(0);
    const r = runCli(bundleDir, 'conformance', argvFor(fail, 'digest'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/verification failed/);
    expect(r.stdout).toBe('');
  });

  it('identity is compared exactly (a prefix or a different issuer is rejected)', () => {
    const c = cases.find((x) => x.case === 'happy-path-v0.3')!;
    const argv = argvFor(c, 'path');
    const i = argv.indexOf('--certificate-identity');
    const prefix = [...argv];
    prefix[i + 1] = c.identity!.slice(0, -5);
    const iss = [...argv];
    iss[argv.indexOf('--certificate-oidc-issuer') + 1] = 'https://token.actions.githubusercontent.com/';
    const [a, b] = runCliBatch(bundleDir, 'conformance', [prefix, iss]);
    expect(a!.code).toBe(1);
    expect(b!.code).toBe(1);
  });

  it('usage errors exit 2', () => {
    const [a, b] = runCliBatch(bundleDir, 'conformance', [['verify-bundle', '--bundle', 'x'], ['nope']]);
    expect(a!.code).toBe(2);
    expect(b!.code).toBe(2);
  });
});
