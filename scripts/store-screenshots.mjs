#!/usr/bin/env node
/**
 * `npm run store-screenshots` — the store listing screenshots (docs/store/screenshots/), taken by
 * a real browser: Debian Chromium with the BUILT extension (dist/) against the local copy of
 * pypi.org (the e2e/demo fixtures, scripts/e2e-lib/), at a 1280×800 viewport — the size the Chrome
 * Web Store asks for (1280×800 or 640×400) and the one AMO recommends (1280×800, 1.6:1). No hand
 * edits: rerun after a UI change. Works offline; run it inside `unshare -n` like the e2e tests.
 * Options: --no-build, --out DIR.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const outIndex = argv.indexOf('--out');
const outDir = outIndex >= 0 && argv[outIndex + 1] ? resolve(argv[outIndex + 1]) : join(root, 'docs', 'store', 'screenshots');
export const WIDTH = 1280;
export const HEIGHT = 800;

if (!argv.includes('--no-build')) {
  const b = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  if (b.status !== 0) {
    console.error('store-screenshots: the build failed');
    process.exit(1);
  }
}

const lib = (f) => tsImport(join(root, 'scripts', 'e2e-lib', f), import.meta.url);
const { PypiFixture } = await lib('pypi-fixture.ts');
const { launchWithExtension } = await lib('launch.ts');
const { waitForSettled, badgeSelector, panelSelector } = await lib('badges.ts');

const SETTLE = { timeout: 45_000 };
mkdirSync(outDir, { recursive: true });

/** Show the file list (where the badges are) with the given badge near the top of the viewport. */
async function showFiles(page, filename) {
  await page.evaluate(() => {
    location.hash = 'files';
  });
  await page.waitForTimeout(200);
  await page.locator(badgeSelector(filename)).evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.evaluate(() => window.scrollBy(0, -140));
  await page.waitForTimeout(200);
}

async function openPanel(page, filename) {
  await page.locator(badgeSelector(filename)).click();
  await page.locator(panelSelector(filename)).waitFor({ timeout: 10_000 });
  await page.waitForTimeout(300);
}

const shots = [];
async function shot(page, name, what) {
  const path = join(outDir, name);
  await page.screenshot({ path, fullPage: false });
  shots.push({ name, what });
  console.log(`store-screenshots: ${name}  ${what}`);
}

const pypi = new PypiFixture();
let session;
let exitCode = 0;
try {
  session = await launchWithExtension({ headless: true, beforeFirstPage: (c) => pypi.install(c) });
  const page = session.context.pages()[0] ?? (await session.context.newPage());
  await page.setViewportSize({ width: WIDTH, height: HEIGHT });

  // 1. A project page: a badge next to every distribution file.
  await page.goto('https://pypi.org/project/sampleproject/');
  const sample = await waitForSettled(page, { count: 2, ...SETTLE });
  const verified = sample.find((b) => b.state === 'verified');
  if (!verified) throw new Error('sampleproject has no verified file');
  await showFiles(page, sample[0].filename);
  await shot(page, '1-badges.png', 'a badge next to every file on pypi.org');

  // 2. The panel of a verified file: publisher, repository, workflow, commit, and what it does not prove.
  await openPanel(page, verified.filename);
  await shot(page, '2-panel-verified.png', 'what a verified provenance proves, and what it does not');

  // The simple index: many files at once (Chromium; Firefox runs no content scripts there).
  await page.goto('https://pypi.org/simple/sampleproject/');
  await waitForSettled(page, { count: 13, ...SETTLE });
  await shot(page, '3-simple-index.png', 'every file of a simple index page, checked');

  // 3. A failed provenance: always shown, with the reason in plain words.
  await page.goto('https://pypi.org/project/FastHash_Lib/1.2.0/');
  const fasthash = await waitForSettled(page, { count: 7, ...SETTLE });
  const failed = fasthash.find((b) => b.state === 'failed');
  if (!failed) throw new Error('FastHash_Lib 1.2.0 has no failed file');
  await showFiles(page, failed.filename);
  await openPanel(page, failed.filename);
  await shot(page, '4-panel-failed.png', 'a provenance that fails a check, and why');

  // 4. The options page: strict mode, identity pins, trust root.
  await page.goto(session.optionsUrl);
  await page.waitForLoadState('load');
  await page.waitForTimeout(500);
  await shot(page, '5-options.png', 'strict mode, identity pins, the bundled trust root');
} catch (e) {
  console.error(`store-screenshots: ${e instanceof Error ? e.message : e}`);
  exitCode = 1;
} finally {
  await session?.close();
}
if (exitCode === 0) console.log(`store-screenshots: ${shots.length} screenshots, ${WIDTH}×${HEIGHT}, in ${outDir}/`);
process.exit(exitCode);
