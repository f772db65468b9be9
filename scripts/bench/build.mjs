/**
 * Builds for the bench.
 *  - `npm run build` (dist/, dist-cli/): what users get; bundle sizes and page50 use dist/.
 *  - the same extension build (vite.config.ts, unchanged) into .cache/bench/dist-hooked with ONE
 *    extra import in the worker entry, `import './bench-hook'` (src/background/bench-hook.ts), if
 *    the entry does not import it already. Only the worker-internal timing and heap use it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
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

export async function buildHooked(root, outDir) {
  const { build } = await import('vite');
  const entry = join(root, 'src', 'background', 'index.ts');
  await build({
    root,
    configFile: join(root, 'vite.config.ts'),
    logLevel: 'error',
    build: { outDir, emptyOutDir: true },
    plugins: [
      {
        name: 'bench:worker-hook',
        enforce: 'pre',
        transform(code, id) {
          if (id.split('?')[0] !== entry || code.includes('bench-hook')) return null;
          return { code: `import './bench-hook';\n${code}`, map: null };
        },
      },
    ],
  });
  if (!distHasHook(outDir)) throw new Error('the bench hook did not end up in the worker bundle');
}
