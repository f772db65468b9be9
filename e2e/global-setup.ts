/** Fails early, and clearly, when there is nothing to test. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DIST_DIR, chromiumPath } from '../scripts/e2e-lib/launch';

export default function globalSetup(): void {
  const manifest = join(DIST_DIR, 'manifest.json');
  if (!existsSync(manifest)) {
    throw new Error(`${manifest} is missing: run "npm run build" first (npm test does it for you).`);
  }
  const exe = chromiumPath();
  if (!existsSync(exe)) {
    throw new Error(`Chromium not found at ${exe}: apt-get install -y chromium, or set CHROMIUM_PATH.`);
  }
}
