/**
 * The shipped build (dist/, `npm run build`) has no way to accept the bench trust root
 * (scripts/bench/mint.ts): the bench root exists only as a compile-time constant of the bench
 * builds (.cache/bench/dist-page and dist-hooked, scripts/bench/build.mjs). dist/ must carry the production
 * trust root pinned by public/trust/meta.json and nothing of the bench authority or the peer, and
 * no test/bench hook (`__pypiProvenanceBench`, src/background/bench-hook.ts: only the bench builds
 * and the e2e test build, scripts/e2e-lib/hooked-build.ts, import it).
 * No browser needed: this reads the built files.
 */
import { test, expect } from '@playwright/test';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DIST_DIR } from '../scripts/e2e-lib/launch';
import { REPO_ROOT } from '../scripts/e2e-lib/pypi-fixture';
import { buildHookedDist, HOOK_MARKER } from '../scripts/e2e-lib/hooked-build';

// HOOK_MARKER (`__pypiProvenanceBench`) also covers the peer's `__pypiProvenanceBenchPeer`.
const MARKERS = ['bench.invalid', 'bench-fulcio', HOOK_MARKER, 'sigstore-browser', 'scripts/bench/mint'];

function textFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...textFiles(p));
    else if (/\.(js|mjs|json|html|txt)$/.test(name)) out.push(p);
  }
  return out;
}

/** What is wrong with a build folder as a shipped build (empty: nothing). */
function shippedBuildProblems(dist: string): string[] {
  const problems: string[] = [];
  const files = textFiles(dist);
  const meta = JSON.parse(readFileSync(join(REPO_ROOT, 'public/trust/meta.json'), 'utf8')) as { trustedRootSha256: string };
  let pinned = false;
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    for (const m of MARKERS) if (text.includes(m)) problems.push(`${f.slice(dist.length + 1)} contains ${m}`);
    if (f.endsWith('.js') && text.includes(meta.trustedRootSha256)) pinned = true;
  }
  if (!pinned) problems.push(`no script carries the production trust root's sha256 ${meta.trustedRootSha256} (public/trust/meta.json)`);
  const bundledRoot = join(dist, 'trust', 'trusted_root.json');
  if (
    existsSync(bundledRoot) &&
    readFileSync(bundledRoot, 'utf8') !== readFileSync(join(REPO_ROOT, 'public/trust/trusted_root.json'), 'utf8')
  )
    problems.push('trust/trusted_root.json differs from public/trust/trusted_root.json');
  return problems;
}

test('dist/ carries the production trust root and nothing of the bench root or the peer', () => {
  const dist = process.env.PYPI_PROVENANCE_DIST ?? DIST_DIR;
  expect(shippedBuildProblems(dist)).toEqual([]);
});

test('the same check flags the e2e test build, which carries the test hook (it can fail)', async () => {
  test.setTimeout(180_000);
  const problems = shippedBuildProblems(await buildHookedDist());
  expect(problems.filter((p) => p.includes(HOOK_MARKER)).length).toBeGreaterThan(0);
  expect(problems.every((p) => p.includes(HOOK_MARKER))).toBe(true);
});

test('the same check flags the bench build (it can fail)', () => {
  const hooked = join(REPO_ROOT, '.cache', 'bench', 'dist-page');
  test.skip(!existsSync(join(hooked, 'manifest.json')), 'no bench build here (`npm run bench` makes one in .cache/bench/dist-page)');
  const problems = shippedBuildProblems(hooked);
  expect(problems.some((p) => p.includes('bench.invalid'))).toBe(true);
  expect(problems.some((p) => p.includes("production trust root's sha256"))).toBe(true);
});
