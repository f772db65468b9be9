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
import {
  browserShimAliases,
  compactMessagesJson,
  failOnNodeBuiltins,
  minifyCrxLoaders,
  minifyCssTemplates,
  ownContentModules,
  plainDynamicImports,
  stripProtobufJsonWriters,
} from './scripts/build-config';
import { chromeManifest, firefoxManifest } from './scripts/firefox-manifest';
import { thirdPartyLicenses } from './scripts/licenses/vite-plugin';

const browser = process.env.BROWSER === 'firefox' ? 'firefox' : 'chrome';
// crxjs writes the service-worker and content-script loader files itself (not modules): its code ships.
const CRX_LOADERS = { name: '@crxjs/vite-plugin', why: 'it writes the service-worker and content-script loaders' };
const browserManifest = browser === 'firefox' ? firefoxManifest(manifest, pkg.version) : chromeManifest(manifest, pkg.version);

export default defineConfig({
  plugins: [
    failOnNodeBuiltins(),
    stripProtobufJsonWriters(),
    compactMessagesJson(),
    plainDynamicImports(),
    ownContentModules(['src/content/index.ts']),
    minifyCssTemplates(),
    preact(),
    crx({ manifest: browserManifest as never, browser }),
    minifyCrxLoaders(),
    thirdPartyLicenses({ title: `the pypi-provenance ${pkg.version} extension (${browser} build)`, extraPackages: [CRX_LOADERS] }),
  ],
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
