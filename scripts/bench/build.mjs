/**
 * Builds for the bench.
 *  - `npm run build` (dist/, dist-cli/): what users get; bundle sizes use dist/.
 *  - the bench builds: the same extension build (vite.config.ts, unchanged) into
 *    .cache/bench/dist-page (page50) and .cache/bench/dist-hooked (worker timings, with the
 *    peer), with a vite plugin (`benchPlugin`) that
 *      1. prepends `import './bench-hook'` to the worker entry if it lacks it (the timing hook);
 *      2. resolves the worker's `public/trust/trusted_root.json?raw` and `public/trust/meta.json`
 *         to the BENCH trust root minted by scripts/bench/mint.ts (and its meta), so that the
 *         minted page attestations can be `verified` by the product's own page path;
 *      3. if the peer verifier is installed (.cache/bench/peer), adds scripts/bench/peer/peer-hook.mjs
 *         to the worker entry, so the peer runs in the same service worker.
 *    The bench root therefore exists only as a compile-time constant of this build. The shipped
 *    build (dist/) is made by `npm run build` without the plugin: its trust root is
 *    public/trust/trusted_root.json (pinned by meta.json's sha256) or one refreshed through
 *    Sigstore's TUF repository, and nothing in src/ can load another (e2e/shipped-build.spec.ts).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function npmBuild(root) {
  const r = spawnSync('npm', ['run', 'build'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm run build failed:\n${r.stdout}\n${r.stderr}`);
}

/** True if a built dist's worker chunks already contain the bench hook. */
export function distHasHook(dist) {
  const dir = join(dist, 'assets');
  return (
    existsSync(dir) &&
    readdirSync(dir).some((f) => f.endsWith('.js') && readFileSync(join(dir, f), 'utf8').includes('__pypiProvenanceBench'))
  );
}

/**
 * The vite plugin of the bench build. `trust`: { trustedRoot (text), meta (object) } of the bench
 * authority; `peerEntry`: absolute path of the peer hook module, or null; `peerPackage`: absolute
 * path of the installed @freedomofpress/sigstore-browser entry, or null.
 */
export function benchPlugin(root, { trust, peerEntry = null, peerPackage = null }) {
  const entry = join(root, 'src', 'background', 'index.ts');
  // Real files (the licence check of vite.config.ts accepts repository files, not virtual modules).
  const dir = join(root, '.cache', 'bench', 'trust');
  mkdirSync(dir, { recursive: true });
  const rootFile = join(dir, 'trusted_root.json');
  const metaFile = join(dir, 'meta.json');
  writeFileSync(rootFile, trust.trustedRoot);
  writeFileSync(metaFile, JSON.stringify(trust.meta, null, 2) + '\n');
  return {
    name: 'bench:worker-hook-and-root',
    enforce: 'pre',
    resolveId(source) {
      if (/(^|\/)public\/trust\/trusted_root\.json\?raw$/.test(source)) return `${rootFile}?raw`;
      if (/(^|\/)public\/trust\/meta\.json$/.test(source)) return metaFile;
      if (peerPackage && source === '@freedomofpress/sigstore-browser') return peerPackage;
      return null;
    },
    transform(code, id) {
      if (id.split('?')[0] !== entry) return null;
      let out = code;
      if (!out.includes("'./bench-hook'")) out = `import './bench-hook';\n${out}`;
      if (peerEntry) out = `import ${JSON.stringify(peerEntry)};\n${out}`;
      return out === code ? null : { code: out, map: null };
    },
  };
}

export async function buildHooked(root, outDir, opts) {
  const { build } = await import('vite');
  await build({
    root,
    configFile: join(root, 'vite.config.ts'),
    logLevel: 'error',
    build: { outDir, emptyOutDir: true },
    plugins: [benchPlugin(root, opts)],
  });
  if (!distHasHook(outDir)) throw new Error('the bench hook did not end up in the worker bundle');
  writeFileSync(join(outDir, 'bench-root.sha256'), opts.trust.trustedRootSha256 + '\n');
  if (!builtWithRoot(outDir, opts.trust.trustedRootSha256)) throw new Error('the bench trust root did not end up in the bench build');
}

/** True if the bench build at `dir` was made with the root of this sha256 (and carries it). */
export function builtWithRoot(dir, sha) {
  const f = join(dir, 'bench-root.sha256');
  if (!existsSync(f) || readFileSync(f, 'utf8').trim() !== sha) return false;
  const assets = join(dir, 'assets');
  return readdirSync(assets).some((n) => n.endsWith('.js') && readFileSync(join(assets, n), 'utf8').includes(sha));
}
