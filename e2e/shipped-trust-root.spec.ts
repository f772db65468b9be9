/**
 * The built extension under test (the dist/ snapshot every e2e test loads) can start TUF refreshes
 * from Sigstore's root only: its files hold no TUF root but public/trust/tuf_root.json, and the
 * worker inlines that one (scripts/e2e-lib/shipped-tuf-root.ts). The trust-root e2e tests reach
 * their local repository through storage.local (e2e/lib/trust-repo.ts), never through the build.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { DIST_DIR } from '../scripts/e2e-lib/launch';
import { REPO_ROOT } from '../scripts/e2e-lib/pypi-fixture';
import { shippedTufRootProblems } from '../scripts/e2e-lib/shipped-tuf-root';

test('dist/ carries only the bundled TUF root (Sigstore root v16), inlined in the worker', () => {
  const dist = process.env.PYPI_PROVENANCE_DIST ?? DIST_DIR;
  const bundled = readFileSync(join(REPO_ROOT, 'public', 'trust', 'tuf_root.json'), 'utf8');
  expect(shippedTufRootProblems(dist, bundled)).toEqual([]);
});
