/**
 * Sigstore client conformance (bundle-verify) INSIDE the built extension's service worker
 * (issue #5 item 6): every shared case, in both of the upstream harness's modes (artifact bytes and
 * sha256 digest), through `globalThis.__pypiProvenanceBench.conformanceVerify` — the same core as
 * the conformance CLI (src/conformance/verify-bundle.ts), bundled with the worker's own shims and
 * native-signature runner. The case files are read here in Node and passed in as strings.
 * The shipped dist/ has no test hook: these tests load the test build (scripts/e2e-lib/hooked-build.ts:
 * the same build plus the hook's import).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, REPO_ROOT } from './harness';
import { conformanceDir, loadConformanceCases, type ConformanceCase } from '../test/conformance/cases';
import type { ConformanceHookInput } from '../src/background/bench-hook';
import { buildHookedDist, HOOKED_DIST } from '../scripts/e2e-lib/hooked-build';

type Case = ConformanceCase;
type HookInput = ConformanceHookInput;
type HookResult = { ok: true } | { ok: false; reason: string };
type Hook = { conformanceVerify(input: HookInput): Promise<HookResult> };

const dir = conformanceDir(REPO_ROOT);
const cases = loadConformanceCases(REPO_ROOT);
const text = (p: string) => readFileSync(join(dir, p), 'utf8');

test.use({ extDist: HOOKED_DIST });
test.beforeAll(async () => {
  test.setTimeout(180_000);
  await buildHookedDist();
});

function inputFor(c: Case, mode: 'artifact' | 'digest'): HookInput {
  const input: HookInput = {
    bundle: text(`bundle-verify/${c.case}/bundle.sigstore.json`),
    trustedRoot: text(c.trustedRoot),
  };
  if (c.key) input.keyPem = text(`bundle-verify/${c.case}/${c.key}`);
  else {
    input.identity = c.identity!;
    input.issuer = c.issuer!;
  }
  if (mode === 'artifact') input.artifactBase64 = readFileSync(join(dir, c.artifactPath)).toString('base64');
  else input.digest = c.digest;
  return input;
}

test('all shared Sigstore conformance cases agree in both modes inside the built service worker', async ({ ext }) => {
  test.setTimeout(180_000);
  expect(cases).toHaveLength(47);
  const sw = await ext.currentWorker();
  expect(await sw.evaluate(() => typeof (globalThis as { __pypiProvenanceBench?: Hook }).__pypiProvenanceBench?.conformanceVerify)).toBe(
    'function',
  );
  let agreed = 0;
  for (const c of cases) {
    for (const mode of ['artifact', 'digest'] as const) {
      const r = await sw.evaluate(
        (input) => (globalThis as unknown as { __pypiProvenanceBench: Hook }).__pypiProvenanceBench.conformanceVerify(input),
        inputFor(c, mode),
      );
      const label = `${c.case} [${mode}] should ${c.expect}${r.ok ? '' : ` (worker: ${r.reason})`}`;
      expect.soft(r.ok, label).toBe(c.expect === 'pass');
      if (r.ok === (c.expect === 'pass')) agreed++;
    }
  }
  test.info().annotations.push({ type: 'conformance in the worker', description: `${agreed}/${cases.length * 2} agree` });
  expect(agreed).toBe(94);
});

test('the worker hook is not a yes-machine: a passing case with another digest, identity or root fails', async ({ ext }) => {
  const pass = cases.find((c) => c.expect === 'pass' && !c.key && c.trustedRoot === 'trusted_root.production.json')!;
  const sw = await ext.currentWorker();
  const run = (input: HookInput) =>
    sw.evaluate((i) => (globalThis as unknown as { __pypiProvenanceBench: Hook }).__pypiProvenanceBench.conformanceVerify(i), input);
  expect(await run(inputFor(pass, 'digest'))).toEqual({ ok: true });
  const base = inputFor(pass, 'digest');
  const otherDigest = await run({ ...base, digest: 'sha256:' + 'ab'.repeat(32) });
  expect(otherDigest.ok).toBe(false);
  const otherIdentity = await run({ ...base, identity: base.identity + 'x' });
  expect(otherIdentity).toMatchObject({ ok: false, reason: expect.stringMatching(/identity/) });
  const staging = cases.find((c) => c.trustedRoot !== 'trusted_root.production.json' && !c.key)!;
  const otherRoot = await run({ ...base, trustedRoot: text(staging.trustedRoot) });
  expect(otherRoot.ok).toBe(false);
});
