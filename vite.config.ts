/**
 * One bundler config for the extension (Chrome; Firefox with BROWSER=firefox).
 * The CLIs are built from the same alias/shim set (see build-config.ts) so a CLI result is a worker result.
 */
import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { crx } from '@crxjs/vite-plugin';
import manifest from './manifest.json' with { type: 'json' };
import { browserShimAliases, failOnNodeBuiltins } from './scripts/build-config';

const browser = process.env.BROWSER === 'firefox' ? 'firefox' : 'chrome';

export default defineConfig({
  plugins: [failOnNodeBuiltins(), preact(), crx({ manifest: manifest as never, browser })],
  resolve: { alias: browserShimAliases },
  build: {
    outDir: browser === 'firefox' ? 'dist-firefox' : 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    minify: true,
  },
  server: { port: 5173, strictPort: true, hmr: { port: 5173 } },
});
