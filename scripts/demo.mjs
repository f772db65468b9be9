#!/usr/bin/env node
/**
 * `npm run demo` — build, then run the extension in Chromium against the LOCAL copy of pypi.org
 * (the same fixture routing as the e2e tests: scripts/e2e-lib/), visit the fixture pages, wait
 * until no badge is pending, print each file's verdict and save screenshots to demo-output/.
 * Works offline. Options: --headed (show the window; needs a display), --no-build.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const headed = args.has('--headed');
const SETTLE_MS = 45_000;

if (args.has('--help') || args.has('-h')) {
  console.log('usage: npm run demo [-- --headed] [-- --no-build]');
  process.exit(0);
}

if (!args.has('--no-build')) {
  console.log('demo: npm run build');
  const b = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (b.status !== 0) {
    console.error('demo: the build failed');
    process.exit(1);
  }
}
if (headed && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  console.error('demo: --headed needs a display (DISPLAY is not set); run without --headed for a headless demo.');
  process.exit(2);
}

const lib = (f) => tsImport(join(root, 'scripts', 'e2e-lib', f), import.meta.url);
const { PypiFixture } = await lib('pypi-fixture.ts');
const { launchWithExtension } = await lib('launch.ts');
const { waitForSettled, readBadges, formatTable, BADGE_SELECTOR } = await lib('badges.ts');

const PAGES = [
  { name: 'sampleproject', url: 'https://pypi.org/project/sampleproject/', count: 2 },
  { name: 'FastHash_Lib-1.2.0', url: 'https://pypi.org/project/FastHash_Lib/1.2.0/', count: 7 },
  { name: 'pycrypto', url: 'https://pypi.org/project/pycrypto/', count: 1 },
  { name: 'simple-sampleproject', url: 'https://pypi.org/simple/sampleproject/', count: 13 },
];

const outDir = join(root, 'demo-output');
mkdirSync(outDir, { recursive: true });

const pypi = new PypiFixture();
let session;
let exitCode = 0;
try {
  session = await launchWithExtension({ headless: !headed, beforeFirstPage: (c) => pypi.install(c) });
  console.log(`demo: extension ${session.extensionId} loaded; pypi.org is served from e2e/fixtures/pypi-pages (offline)`);
  const page = session.context.pages()[0] ?? (await session.context.newPage());
  const rows = [];
  for (const p of PAGES) {
    await page.goto(p.url);
    let badges;
    try {
      badges = await waitForSettled(page, { count: p.count, timeout: SETTLE_MS });
    } catch (e) {
      console.error(`demo: ${p.name}: ${e.message}`);
      badges = await readBadges(page);
      exitCode = 1;
    }
    for (const b of badges) rows.push({ page: p.name, ...b });
    if (p.url.includes('/project/')) {
      // Show the file list, where the badges are.
      await page.evaluate(() => {
        location.hash = 'files';
      });
      await page.waitForTimeout(200);
      const first = page.locator(`#files ${BADGE_SELECTOR}`).first();
      if (await first.count()) await first.scrollIntoViewIfNeeded().catch(() => {});
    }
    await page.screenshot({ path: join(outDir, `${p.name}.png`), fullPage: false });
    if (p.name === 'sampleproject') {
      // Open the panel of the first badge (a click on the badge host) and capture it.
      const badge = page.locator(`#files ${BADGE_SELECTOR}`).first();
      const filename = await badge.getAttribute('data-provenance-filename').catch(() => null);
      if (filename) {
        await badge.click().catch(() => {});
        const panel = page.locator(`[data-provenance-panel="${filename}"]`);
        if (
          await panel.waitFor({ timeout: 5000 }).then(
            () => true,
            () => false,
          )
        ) {
          await panel
            .screenshot({ path: join(outDir, 'sampleproject-panel.png') })
            .catch(() => page.screenshot({ path: join(outDir, 'sampleproject-panel.png') }));
        }
        await page.keyboard.press('Escape').catch(() => {});
      }
    }
  }
  console.log('\n' + formatTable(rows) + '\n');
  const pending = rows.filter((r) => r.state === 'pending').length;
  console.log(`demo: ${rows.length} files, ${pending} pending; screenshots in ${outDir}/`);
  if (pending > 0) exitCode = 1;
  if (headed) {
    console.log('demo: close the browser window (or press Ctrl+C) to finish.');
    await new Promise((r) => session.context.once('close', r));
  }
} catch (e) {
  console.error(`demo: ${e instanceof Error ? e.message : e}`);
  exitCode = 1;
} finally {
  await session?.close();
}
process.exit(exitCode);
