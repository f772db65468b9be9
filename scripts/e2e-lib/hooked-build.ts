/**
 * The TEST build of the extension for the e2e specs that need the worker's test hook
 * (`globalThis.__pypiProvenanceBench`, src/background/bench-hook.ts): e2e/conformance-worker.spec.ts
 * and the in-worker case of e2e/worker.spec.ts. The shipped build (dist/, `npm run build`) does not
 * import the hook (e2e/shipped-build.spec.ts checks that); this is the same vite.config.ts build
 * with one import prepended to the worker entry, and the production trust root, into
 * .cache/e2e/dist-hooked. The bench makes its own hooked builds (scripts/bench/build.mjs).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { REPO_ROOT } from './pypi-fixture';

export const HOOKED_DIST = join(REPO_ROOT, '.cache', 'e2e', 'dist-hooked');
export const HOOK_MARKER = '__pypiProvenanceBench';

function testHookPlugin(): Plugin {
  const entry = join(REPO_ROOT, 'src', 'background', 'index.ts');
  return {
    name: 'e2e:worker-test-hook',
    enforce: 'pre',
    transform(code, id) {
      if (id.split('?')[0] !== entry || code.includes("'./bench-hook'")) return null;
      return { code: `import './bench-hook';\n${code}`, map: null };
    },
  };
}

/** True if some script of the build at `dist` carries the test hook. */
export function hasTestHook(dist: string): boolean {
  const dir = join(dist, 'assets');
  return existsSync(dir) && readdirSync(dir).some((f) => f.endsWith('.js') && readFileSync(join(dir, f), 'utf8').includes(HOOK_MARKER));
}

let built: Promise<string> | null = null;

/** Build (once per test process) the hooked extension into HOOKED_DIST; resolves to its path. */
export function buildHookedDist(): Promise<string> {
  built ??= (async () => {
    const { build } = await import('vite');
    await build({
      root: REPO_ROOT,
      configFile: join(REPO_ROOT, 'vite.config.ts'),
      logLevel: 'error',
      build: { outDir: HOOKED_DIST, emptyOutDir: true },
      plugins: [testHookPlugin()],
    });
    if (!hasTestHook(HOOKED_DIST)) throw new Error('the test hook did not end up in the worker bundle of the e2e test build');
    return HOOKED_DIST;
  })();
  return built;
}
