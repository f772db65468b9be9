import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';

const bufferShim = fileURLToPath(new URL('./src/shim/buffer.ts', import.meta.url));

export default defineConfig({
  plugins: [preact()],
  test: {
    exclude: ['e2e/**', 'node_modules/**', 'dist/**'],
    environment: 'node',
    setupFiles: ['test/setup-i18n.ts'],
    testTimeout: 30_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/**/*.test.ts', 'test/**/*.test.tsx', 'src/**/*.test.ts', 'src/**/*.test.tsx'] },
      },
      {
        // The verification suites again, with the worker's Buffer shim as the global Buffer and as
        // `buffer` (what src/shim/crypto.ts and asn1-lean-der.ts import), as in the built worker.
        extends: true,
        resolve: { alias: [{ find: /^(node:)?buffer$/, replacement: bufferShim }] },
        test: {
          name: 'worker-buffer',
          include: ['test/verify/**/*.test.ts', 'test/differential/**/*.test.ts'],
          setupFiles: ['test/setup-buffer-shim.ts'],
        },
      },
    ],
  },
});
