/**
 * Fails early, and clearly, when there is nothing to test; then snapshots dist/ so that a
 * rebuild during the run (another terminal, `npm run build` in watch loops) cannot swap the
 * extension under a running test. Every test loads the snapshot (env PYPI_PROVENANCE_DIST).
 */
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIST_DIR, chromiumPath } from '../scripts/e2e-lib/launch';

export default function globalSetup(): () => void {
  const manifest = join(DIST_DIR, 'manifest.json');
  if (!existsSync(manifest)) {
    throw new Error(`${manifest} is missing: run "npm run build" first (npm test does it for you).`);
  }
  const exe = chromiumPath();
  if (!existsSync(exe)) {
    throw new Error(`Chromium not found at ${exe}: apt-get install -y chromium, or set CHROMIUM_PATH.`);
  }
  if (process.env.PYPI_PROVENANCE_DIST) return () => {};
  const snapshot = join(mkdtempSync(join(tmpdir(), 'pypi-provenance-e2e-')), 'dist');
  cpSync(DIST_DIR, snapshot, { recursive: true });
  if (!existsSync(join(snapshot, 'manifest.json'))) throw new Error('dist/ changed while it was copied: run the tests again');
  process.env.PYPI_PROVENANCE_DIST = snapshot;
  return () => rmSync(join(snapshot, '..'), { recursive: true, force: true });
}
