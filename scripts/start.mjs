#!/usr/bin/env node
/**
 * `npm start` — build, then open Chromium (with a window) on the REAL pypi.org with the
 * extension loaded from dist/ in a throw-away profile. Real network, normal flags.
 * No display? Use `npm run demo` (headless, offline, against a local copy of pypi.org).
 * Options: --no-build, --url <https://pypi.org/...>.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const urlArg = argv.indexOf('--url');
const url = urlArg >= 0 && argv[urlArg + 1] ? argv[urlArg + 1] : 'https://pypi.org/project/sampleproject/';
const exe = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  console.error(
    'start: no display (DISPLAY is not set), so a browser window cannot open.\n' +
      '       Try `npm run demo`: it runs the extension headless against a local copy of pypi.org,\n' +
      '       prints every verdict and saves screenshots to demo-output/.',
  );
  process.exit(2);
}
if (!existsSync(exe)) {
  console.error(`start: Chromium not found at ${exe} (apt-get install chromium, or set CHROMIUM_PATH).`);
  process.exit(2);
}

if (!argv.includes('--no-build')) {
  console.log('start: npm run build');
  const b = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (b.status !== 0) {
    console.error('start: the build failed');
    process.exit(1);
  }
}
const dist = join(root, 'dist');
if (!existsSync(join(dist, 'manifest.json'))) {
  console.error('start: dist/manifest.json is missing after the build');
  process.exit(1);
}

const profile = mkdtempSync(join(tmpdir(), 'pypi-provenance-start-'));
const args = [
  `--user-data-dir=${profile}`,
  `--disable-extensions-except=${dist}`,
  `--load-extension=${dist}`,
  '--no-first-run',
  '--no-default-browser-check',
  ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
  url,
];
console.log(`start: ${exe} with the extension from dist/ (temporary profile ${profile})`);
const child = spawn(exe, args, { stdio: 'inherit' });
const cleanup = () => rmSync(profile, { recursive: true, force: true });
process.on('SIGINT', () => child.kill('SIGTERM'));
child.on('exit', (code) => {
  cleanup();
  process.exit(code ?? 0);
});
