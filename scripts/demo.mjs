#!/usr/bin/env node
/**
 * `npm run demo` — build, then run the extension in Chromium against the LOCAL copy of pypi.org
 * (the same fixture routing as the e2e tests: scripts/e2e-lib/), visit the fixture pages, wait
 * until no badge is pending, print each file's verdict (with the reason codes its panel shows) and
 * save screenshots to demo-output/. Works offline.
 * Options: --headed (show the window and keep it open to click around; needs a display),
 * --no-build, --verbose (the full build log; without it the log is shown only if the build fails).
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const OPTIONS = ['--headed', '--no-build', '--verbose', '--help', '-h'];
const USAGE = 'usage: npm run demo [-- --headed] [-- --no-build] [-- --verbose]';
const args = new Set(process.argv.slice(2));
const headed = args.has('--headed');
const verbose = args.has('--verbose');
const SETTLE_MS = 45_000;

if (args.has('--help') || args.has('-h')) {
  console.log(USAGE);
  process.exit(0);
}
const unknown = [...args].filter((a) => !OPTIONS.includes(a));
if (unknown.length > 0) {
  console.error(`demo: unknown option ${unknown.join(' ')}\n${USAGE}`);
  process.exit(2);
}
// `npm run demo --headed` (without the `--`) gives the flag to npm, not to this script.
for (const name of ['headed', 'no_build', 'verbose']) {
  if (process.env[`npm_config_${name}`] !== undefined && !args.has(`--${name.replace('_', '-')}`)) {
    console.error(`demo: npm took --${name.replace('_', '-')} for itself; put -- before it: npm run demo -- --${name.replace('_', '-')}`);
    process.exit(2);
  }
}
if (headed && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  console.error(
    'demo: --headed needs a display (DISPLAY is not set), so no browser window can open.\n' +
      '      Run it in a desktop session, or without --headed for the headless demo (verdicts and screenshots).',
  );
  process.exit(2);
}

/** `npm run build`, its log kept back unless --verbose or it fails. */
function build() {
  return new Promise((resolve) => {
    const started = Date.now();
    console.log(
      `demo: building the extension into dist/ and the CLI into dist-cli/ (npm run build${verbose ? '' : '; full log with --verbose'})…`,
    );
    const child = spawn('npm', ['run', 'build'], { cwd: root, stdio: verbose ? 'inherit' : ['ignore', 'pipe', 'pipe'] });
    const log = [];
    child.stdout?.on('data', (c) => log.push(c));
    child.stderr?.on('data', (c) => log.push(c));
    child.on('error', (e) => log.push(Buffer.from(String(e))));
    child.on('close', (status) => {
      if (status === 0) {
        console.log(`demo: built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
        resolve(true);
        return;
      }
      if (!verbose) process.stderr.write(Buffer.concat(log));
      console.error(`demo: the build failed (exit ${status}); its log is above`);
      resolve(false);
    });
  });
}

if (!args.has('--no-build') && !(await build())) process.exit(1);

const lib = (f) => tsImport(join(root, 'scripts', 'e2e-lib', f), import.meta.url);
const { PypiFixture } = await lib('pypi-fixture.ts');
const { launchWithExtension } = await lib('launch.ts');
const { waitForSettled, readBadges, formatTable, BADGE_SELECTOR, badgeSelector, panelSelector } = await lib('badges.ts');
const { readShadow } = await lib('shadow.ts');

const PAGES = [
  { name: 'sampleproject', url: 'https://pypi.org/project/sampleproject/', count: 2 },
  { name: 'FastHash_Lib-1.2.0', url: 'https://pypi.org/project/FastHash_Lib/1.2.0/', count: 7 },
  { name: 'pycrypto', url: 'https://pypi.org/project/pycrypto/', count: 1 },
  { name: 'simple-sampleproject', url: 'https://pypi.org/simple/sampleproject/', count: 13 },
];

/**
 * Open a file's panel (a click on its badge), read the reason codes it shows (`data-reason`),
 * their sentences and what each means for the file, close it again. [] if the panel does not open.
 */
async function panelReasons(page, filename, sentences) {
  const badge = page.locator(badgeSelector(filename));
  const panel = page.locator(panelSelector(filename));
  try {
    await badge.click();
    await panel.waitFor({ timeout: 5000 });
    const content = await readShadow(page, panelSelector(filename));
    const elements = content?.elements ?? [];
    const codes = [];
    elements.forEach((e, i) => {
      const code = e.attributes['data-reason'];
      if (!code || codes.includes(code)) return;
      codes.push(code);
      const child = (cls) => elements.find((m, j) => j > i && m.parent === i && (m.attributes.class ?? '').split(' ').includes(cls));
      const msg = child('reason__msg');
      // what it means for the file / what to do (the panel shows it once when several reasons share it)
      const next = child('reason__next');
      if (msg && !sentences.has(code)) sentences.set(code, next ? `${msg.text}\n      ${next.text}` : msg.text);
    });
    return codes;
  } catch {
    return [];
  } finally {
    if (await panel.count()) {
      await badge.click().catch(() => {});
      await panel.waitFor({ state: 'detached', timeout: 5000 }).catch(() => {});
    }
  }
}

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
  /** reason code → the sentence the panel shows for it (the first one seen). */
  const sentences = new Map();
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
    if (p.url.includes('/project/')) {
      // Show the file list, where the badges are.
      await page.evaluate(() => {
        location.hash = 'files';
      });
      await page.waitForTimeout(200);
    }
    for (const b of badges) {
      const reasons = b.state === 'failed' || b.state === 'error' ? await panelReasons(page, b.filename, sentences) : [];
      rows.push({ page: p.name, ...b, reasons });
    }
    if (p.url.includes('/project/')) {
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
  if (sentences.size > 0) {
    console.log('reasons (as each panel says them):');
    for (const [code, text] of sentences) console.log(`  ${code}: ${text}`);
    console.log('');
  }
  console.log(
    'FastHash_Lib is a fictional project whose failures are intended: each of its attested files is served the real provenance\n' +
      "of another file (sampleproject's 4.0.0 wheel), which names a different file and sha256, so FAILED is the right verdict.",
  );
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
