/**
 * Shared bundler pieces for every browser-like bundle (extension + CLIs):
 *  - aliases that replace Node's `crypto` and `util` with our small shims (src/shim/),
 *  - a plugin that FAILS the build if any other Node built-in would be externalized
 *    (vite only warns, and the worker then dies silently at start-up).
 */
import { fileURLToPath } from 'node:url';
import { builtinModules } from 'node:module';
import type { Plugin } from 'vite';

const shim = (f: string) => fileURLToPath(new URL(`../src/shim/${f}`, import.meta.url));

export const browserShimAliases: { find: string | RegExp; replacement: string }[] = [
  { find: /^(node:)?crypto$/, replacement: shim('crypto.ts') },
  { find: /^(node:)?util$/, replacement: shim('util.ts') },
  { find: /^(node:)?buffer$/, replacement: fileURLToPath(new URL('../node_modules/buffer/index.js', import.meta.url)) },
];

const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

export function failOnNodeBuiltins(): Plugin {
  return {
    name: 'pypi-provenance:fail-on-node-builtins',
    enforce: 'pre',
    resolveId(source, importer) {
      if (builtins.has(source)) {
        // Aliased modules never reach here (aliases resolve first); anything else would be externalized.
        this.error(`Node built-in "${source}" imported by ${importer ?? '?'} would be externalized in a browser bundle`);
      }
      return null;
    },
    configResolved(config) {
      const warn = config.logger.warn;
      config.logger.warn = (msg, opts) => {
        if (/externalized for browser compatibility/.test(msg)) throw new Error(`Build failed: ${msg}`);
        warn(msg, opts);
      };
    },
  };
}
