import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests: each test launches Debian Chromium (/usr/bin/chromium or $CHROMIUM_PATH) with
 * the BUILT extension from dist/ against a local copy of pypi.org (see e2e/README.md).
 * `npm test` builds first; to run alone: `npm run build && npx playwright test`.
 */
export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  globalSetup: './e2e/global-setup.ts',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  reporter: 'list',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  outputDir: 'test-results',
  use: { trace: 'off', screenshot: 'off', video: 'off' },
});
