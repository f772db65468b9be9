/**
 * One bundler config for the extension (Chrome; Firefox with BROWSER=firefox).
 * The CLIs are built from the same alias/shim set (see build-config.ts) so a CLI result is a worker result.
 *
 * `manifest.json` is the only hand-edited manifest (Chrome form); the manifest each browser gets is
 * derived from it in scripts/firefox-manifest.ts, with `version` taken from package.json.
 */
import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { crx } from '@crxjs/vite-plugin';
import manifest from './manifest.json' with { type: 'json' };
import pkg from './package.json' with { type: 'json' };
import { browserShimAliases, compactMessagesJson, failOnNodeBuiltins } from './scripts/build-config';
import { chromeManifest, firefoxManifest } from './scripts/firefox-manifest';

const browser = process.env.BROWSER === 'firefox' ? 'firefox' : 'chrome';
const browserManifest = browser === 'firefox' ? firefoxManifest(manifest, pkg.version) : chromeManifest(manifest, pkg.version);

export default defineConfig({
  plugins: [failOnNodeBuiltins(), compactMessagesJson(), preact(), crx({ manifest: browserManifest as never, browser })],
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
