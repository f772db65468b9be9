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
// @ts-expect-error -- plain JS without declarations
import { bundleSizes as untypedBundleSizes } from '../scripts/bench/sizes.mjs';
import { Buffer as ShimBuffer } from '../src/shim/buffer';

// HOOK_MARKER (`__pypiProvenanceBench`) also covers the peer's `__pypiProvenanceBenchPeer`.
const bundleSizes = untypedBundleSizes as (dist: string) => { worker: { files: { file: string }[] } };

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

/**
 * The worker's `Buffer` is src/shim/buffer.ts, a subset of Node's. A call of any other Node Buffer
 * method (one that is neither in the shim nor a Uint8Array method) would be a TypeError at run time
 * on a path no test took: the built worker must name none of them as `.name(`. (Uint8Array's own
 * indexOf/includes/fill/… stay; the shim's header says so.)
 */
function missingBufferMethods(code: string): string[] {
  const fns = (o: object) =>
    Object.getOwnPropertyNames(o).filter((n) => typeof Object.getOwnPropertyDescriptor(o, n)?.value === 'function');
  const typedArray = Object.getPrototypeOf(Uint8Array) as object;
  const have = new Set([
    ...[
      Uint8Array.prototype,
      Object.getPrototypeOf(Uint8Array.prototype) as object,
      Object.prototype,
      Uint8Array,
      typedArray,
      Function.prototype,
    ].flatMap(fns),
    ...fns(ShimBuffer.prototype),
    ...fns(ShimBuffer),
  ]);
  const nodeOnly = [...new Set([...fns(Buffer.prototype), ...fns(Buffer)])].filter((n) => !have.has(n));
  return nodeOnly.filter((n) => new RegExp(`\\.${n}\\(`).test(code));
}

test('the built worker calls no Node Buffer method that the Buffer shim lacks (and the check can fail)', () => {
  const dist = process.env.PYPI_PROVENANCE_DIST ?? DIST_DIR;
  const worker = bundleSizes(dist)
    .worker.files.map((f) => readFileSync(join(dist, f.file), 'utf8'))
    .join('\n');
  expect(worker).toContain('readUInt32BE('); // the scan sees the bundle: @tufjs/models' one call
  expect(missingBufferMethods(worker)).toEqual([]);
  expect(missingBufferMethods(`${worker};x.readUInt16LE(0);Buffer.allocUnsafe(9)`)).toEqual(['readUInt16LE', 'allocUnsafe']);
});

/** Every script an extension page (popup, options) loads: its HTML's scripts and their imports. */
function pageScripts(dist: string, html: string): Set<string> {
  const seen = new Set<string>();
  const text = readFileSync(join(dist, html), 'utf8');
  const stack = [...text.matchAll(/(?:src|href)="\/?([^"]+\.js)"/g)].map((m) => m[1]!);
  while (stack.length) {
    const file = stack.pop()!;
    if (seen.has(file) || !existsSync(join(dist, file))) continue;
    seen.add(file);
    const code = readFileSync(join(dist, file), 'utf8');
    const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : '';
    for (const m of code.matchAll(/\bimport\s*(?:[\w${}\s,*]+from\s*)?\(?\s*["'`]\.\/([^"'`]+\.js)["'`]/g)) stack.push(dir + m[1]!);
  }
  return seen;
}

/** Script files that every matching page loads (content_bytes) and another part of the extension loads too. */
function sharedWithContent(dist: string): string[] {
  const sizes = untypedBundleSizes(dist) as Record<'worker' | 'content', { files: { file: string }[] }>;
  const content = sizes.content.files.map((f) => f.file);
  const others = new Set([
    ...sizes.worker.files.map((f) => f.file),
    ...pageScripts(dist, 'src/popup/index.html'),
    ...pageScripts(dist, 'src/options/index.html'),
  ]);
  return content.filter((f) => others.has(f));
}

/**
 * The content script's modules are its own copies (ownContentModules, scripts/build-config.ts,
 * issue #16): no chunk of the script every pypi.org page runs is shared with the worker or the
 * extension pages, so it carries none of their code. (On a build without the plugin, the shared
 * chunks of messages.ts, i18n, URL parsing and status are listed here.) The chunks loaded on
 * first need may still share the English table (JSON) with the pages.
 */
test('the content script shares no chunk with the worker, the popup or the options page', () => {
  const dist = process.env.PYPI_PROVENANCE_DIST ?? DIST_DIR;
  expect(pageScripts(dist, 'src/popup/index.html').size).toBeGreaterThan(0);
  expect(sharedWithContent(dist)).toEqual([]);
});
