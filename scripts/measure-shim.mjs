#!/usr/bin/env -S npx tsx
/**
 * Measure: median ms per real PyPI attestation verification (verifyProvenance, the full check)
 *   - "native": src/verify bundled for Node, @sigstore/* using Node's own crypto (OpenSSL);
 *   - "shim":   src/verify bundled for the browser with the worker's aliases (src/shim/crypto.ts, util
 *               shim, the Buffer shim (src/shim/buffer.ts) as the global Buffer), every signature
 *               checked by the pure-JS reference verifier (src/shim/crypto-noble.ts, @noble).
 * Each variant runs in its own Node process. Not a test; prints a small table.
 *
 *   npx tsx scripts/measure-shim.mjs [iterations=40]   (tsx: it imports scripts/build-config.ts)
 */
import { build } from 'vite';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const work = join(root, '.cache', 'measure-shim');
const FIXTURES = [
  [
    'test/fixtures/provenance/pypi-attestations/pypi_attestations-0.0.19.tar.gz.provenance',
    'pypi_attestations-0.0.19.tar.gz',
    '9bb1add04b1b4e182be6b0b80931593f7a291eb49d69b4fd728a5d4cbcdc4bd3',
  ],
  [
    'test/fixtures/provenance/sampleproject/sampleproject-4.0.0.tar.gz.provenance',
    'sampleproject-4.0.0.tar.gz',
    '0ace7980f82c5815ede4cd7bf9f6693684cec2ae47b9b7ade9add533b8627c6b',
  ],
  [
    'test/fixtures/provenance/pep740-sampleproject/pep740_sampleproject-1.0.0.tar.gz.provenance',
    'pep740_sampleproject-1.0.0.tar.gz',
    '6cdd4a1a0a49aeef47265e7bf8ec1667257b397d34d731dc7b7af349deca1cd8',
  ],
];

const ENTRY = (
  shim,
) => `${shim ? "import '../../src/shim/buffer-global';\nexport { runWithNoble } from '../../src/shim/crypto-noble';\n" : ''}
export { verifyProvenance } from '../../src/verify/index';
export { loadTrust } from '../../src/verify/trust';
`;

async function buildVariants() {
  mkdirSync(work, { recursive: true });
  const { browserShimAliases, failOnNodeBuiltins } = await import(pathToFileURL(join(root, 'scripts', 'build-config.ts')).href);
  writeFileSync(join(work, 'shim-entry.ts'), ENTRY(true));
  writeFileSync(join(work, 'native-entry.ts'), ENTRY(false));
  const common = { configFile: false, root, logLevel: 'warn' };
  await build({
    ...common,
    plugins: [failOnNodeBuiltins()],
    resolve: { alias: browserShimAliases },
    build: {
      outDir: join(work, 'shim'),
      emptyOutDir: true,
      minify: true,
      target: 'es2022',
      lib: { entry: join(work, 'shim-entry.ts'), formats: ['es'], fileName: () => 'bundle.mjs' },
    },
  });
  // SSR build for Node: dependencies stay external, so @sigstore/* load natively with node:crypto.
  await build({
    ...common,
    build: {
      outDir: join(work, 'native'),
      emptyOutDir: true,
      ssr: join(work, 'native-entry.ts'),
      target: 'node20',
      rollupOptions: { output: { entryFileNames: 'bundle.mjs' } },
    },
  });
}

async function measure(variant, iterations) {
  if (variant === 'shim') delete globalThis.Buffer; // like the worker: the polyfill becomes the global
  const { verifyProvenance, loadTrust, runWithNoble } = await import(pathToFileURL(join(work, variant, 'bundle.mjs')).href);
  const options = runWithNoble ? { runSigstore: async (fn) => runWithNoble(fn) } : {};
  const trust = loadTrust(readFileSync(join(root, 'public/trust/trusted_root.json'), 'utf8'));
  const inputs = FIXTURES.map(([p, filename, sha256]) => ({ text: readFileSync(join(root, p), 'utf8'), dist: { filename, sha256 } }));
  const times = [];
  let cold = 0;
  for (let i = 0; i < iterations; i++) {
    for (const { text, dist } of inputs) {
      const t0 = performance.now();
      const v = await verifyProvenance(text, dist, trust, options);
      const dt = performance.now() - t0;
      if (v.state !== 'verified') throw new Error(`${dist.filename}: ${v.state} ${JSON.stringify(v.reasons)}`);
      if (i === 0 && !cold) cold = dt;
      times.push(dt / v.attestations.length);
    }
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], p90: times[Math.floor(times.length * 0.9)], cold, n: times.length };
}

const [, , a1, a2] = process.argv;
if (a1 === '--run') {
  const r = await measure(a2, Number(process.argv[4] ?? 40));
  process.stdout.write(JSON.stringify(r));
} else {
  const iterations = Number(a1 ?? 40);
  await buildVariants();
  const rows = {};
  for (const variant of ['native', 'shim']) {
    const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--run', variant, String(iterations)], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${variant}: ${r.stderr}`);
    rows[variant] = JSON.parse(r.stdout);
  }
  console.log(`median ms per attestation (verifyProvenance, ${FIXTURES.length} real production attestations x ${iterations}):`);
  for (const [k, r] of Object.entries(rows)) {
    console.log(`  ${k.padEnd(6)} median ${r.median.toFixed(1)}  p90 ${r.p90.toFixed(1)}  first call ${r.cold.toFixed(1)}  (n=${r.n})`);
  }
  console.log(`  shim/native: ${(rows.shim.median / rows.native.median).toFixed(1)}x`);
}
