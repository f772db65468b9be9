/**
 * The CLIs (src/cli/verify.ts, src/cli/conformance.ts, and the installed tool src/cli/main.ts)
 * built like the extension's worker: browser platform, the same shim aliases (but the `buffer` npm
 * package for Buffer: Node's own fetch uses the global Buffer, see cliShimAliases), and the same
 * fail-on-Node-built-ins guard. So a CLI result is a worker result. Output: dist-cli/verify.mjs,
 * dist-cli/conformance.mjs and dist-cli/pypi-provenance.mjs, each exporting `main(argv, host)`;
 * scripts/cli.mjs is the Node host that runs them in the repository, and
 * scripts/build-cli-package.mjs turns dist-cli/ into the npm package (bin/pypi-provenance.mjs).
 */
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';
import { cliShimAliases, failOnNodeBuiltins, stripProtobufJsonWriters } from './scripts/build-config';
import { thirdPartyLicenses } from './scripts/licenses/vite-plugin';
import pkg from './package.json' with { type: 'json' };

const src = (f: string) => fileURLToPath(new URL(`./src/cli/${f}`, import.meta.url));

export default defineConfig({
  plugins: [
    failOnNodeBuiltins(),
    stripProtobufJsonWriters(),
    thirdPartyLicenses({ title: `the pypi-provenance ${pkg.version} CLI (dist-cli)` }),
  ],
  resolve: { alias: cliShimAliases },
  // Never let a Node-only `process` check change behaviour between the CLI and the worker.
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  publicDir: false,
  build: {
    outDir: 'dist-cli',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    minify: false, // readable stack traces; minification does not change behaviour
    lib: {
      entry: { verify: src('verify.ts'), conformance: src('conformance.ts'), 'pypi-provenance': src('main.ts') },
      formats: ['es'],
      fileName: (_format, name) => `${name}.mjs`,
    },
    rollupOptions: { output: { chunkFileNames: 'chunks/[name]-[hash].mjs' } },
  },
});
