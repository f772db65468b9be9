/**
 * Where page50's time goes: one cold and one warm visit of the bench page (the same site, routes,
 * 50 ms delays and fresh profile as `npm run bench`), printed as a timeline in ms from the page's
 * navigation start. It measures nothing the bench reports; it is for finding out what to change.
 *
 *   npx tsx scripts/bench/timeline.mjs [--dist DIR] [--build] [--build-maps] [--profile] [--full] [--files N]
 *
 *  - the page: navigation timing (HTML, DOMContentLoaded, load) and every badge's state change
 *    (a MutationObserver added before the page's own scripts, as the bench's marks);
 *  - the network: when each request reached the test server and when it was answered (the
 *    route log of page50.mjs), from the worker or from the page;
 *  - performance marks, if the build has any: the content script's (same timeline as the page)
 *    and the worker's (its own time origin, shifted onto the page's). The shipped code has none;
 *    add `performance.mark('w:…')` / `performance.mark('c:…')` in a scratch build to see the
 *    worker's and the content script's steps (docs/performance.md, "The page timeline");
 *  - --profile: a DevTools CPU profile of the worker during each visit (self time by function
 *    and by package; source-mapped with --build-maps), written to /tmp/page50-<visit>.cpuprofile.
 * --dist: the build to load (default .cache/bench/dist-page, made by `npm run bench`; --build
 * makes it again from the current tree and .cache/bench/authority.json).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { authorityFromJSON, mintRelease } from './mint.ts';
import { benchPlugin, buildHooked } from './build.mjs';
import { workerCdp } from './heap.mjs';
import { buildPage50, page50Files, routePage50, PAGE50_URL } from './page50.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const flag = (f) => args.includes(f);
const opt = (f, d) => {
  const i = args.indexOf(f);
  return i >= 0 && args[i + 1] ? args[i + 1] : d;
};
const dist = opt('--dist', join(root, '.cache', 'bench', 'dist-page'));
const PROFILE = flag('--profile');
const FULL = flag('--full');
const authority = await authorityFromJSON(readFileSync(join(root, '.cache', 'bench', 'authority.json'), 'utf8'));
if (flag('--build')) await buildHooked(root, dist, { trust: authority });
if (flag('--build-maps')) {
  const { build } = await import('vite');
  await build({
    root,
    configFile: join(root, 'vite.config.ts'),
    logLevel: 'error',
    build: { outDir: dist, emptyOutDir: true, sourcemap: true },
    plugins: [benchPlugin(root, { trust: authority })],
  });
}

// ---------------------------------------------------------------- CPU profile summary
const { TraceMap, originalPositionFor } = await import('@jridgewell/trace-mapping');
const maps = new Map();
function sourceOf(frame) {
  const file = frame.url.split('/').pop();
  if (!maps.has(file)) {
    try {
      maps.set(file, new TraceMap(readFileSync(join(dist, 'assets', `${file}.map`), 'utf8')));
    } catch {
      maps.set(file, null);
    }
  }
  const m = maps.get(file);
  const o = m && frame.lineNumber >= 0 ? originalPositionFor(m, { line: frame.lineNumber + 1, column: frame.columnNumber }) : null;
  if (!o?.source) return { name: frame.functionName, where: `${file}:${frame.lineNumber}`, pkg: file };
  const src = o.source
    .replace(/^.*node_modules\//, '')
    .replace(/^(\.\.\/)+/, '')
    .replace(/^.*?\/(src\/)/, '$1');
  const pkg = src.startsWith('@') || src.startsWith('src/') ? src.split('/').slice(0, 2).join('/') : src.split('/')[0];
  return { name: o.name ?? frame.functionName, where: `${src}:${o.line}`, pkg };
}
function summarise(profile, what) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const byFn = new Map();
  const byPkg = new Map();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const f = byId.get(id).callFrame;
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    total += dt;
    const s = f.functionName.startsWith('(') ? { name: f.functionName, where: '', pkg: f.functionName } : sourceOf(f);
    const fn = `${s.name || '(anonymous)'} ${s.where}`;
    byFn.set(fn, (byFn.get(fn) ?? 0) + dt);
    byPkg.set(s.pkg, (byPkg.get(s.pkg) ?? 0) + dt);
  });
  const top = (m, n) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n);
  console.log(`\n----- worker CPU profile, ${what}: ${total.toFixed(0)} ms sampled (self time)`);
  for (const [k, v] of top(byFn, 25)) console.log(v.toFixed(1).padStart(8), k);
  console.log('  by package:');
  for (const [k, v] of top(byPkg, 15)) console.log(v.toFixed(1).padStart(8), k);
}

// ---------------------------------------------------------------- the page
const { PypiFixture, substituteTokens } = await import('../e2e-lib/pypi-fixture.ts');
const { launchWithExtension } = await import('../e2e-lib/launch.ts');
const files = page50Files(Number(opt('--files', 50)), substituteTokens);
const minted = await mintRelease(
  authority,
  files.filter((f) => f.attested),
);
const site = buildPage50(root, files, minted, substituteTokens);
const fixture = new PypiFixture();
let requests = [];
const s = await launchWithExtension({
  dist,
  extraArgs: PROFILE ? ['--remote-debugging-port=0'] : [],
  beforeFirstPage: async (c) => {
    requests = await routePage50(c, site, fixture, 50);
  },
});
const BADGES = '[data-provenance-state][data-provenance-filename]:not([data-provenance-panel]):not([data-provenance-summary])';
try {
  const page = s.context.pages()[0] ?? (await s.context.newPage());
  await page.addInitScript((sel) => {
    const events = [];
    globalThis.__timeline = events;
    const last = new Map();
    new MutationObserver(() => {
      const t = performance.now();
      for (const b of document.querySelectorAll(sel)) {
        const f = b.getAttribute('data-provenance-filename');
        const st = b.getAttribute('data-provenance-state');
        if (last.get(f) !== st) {
          last.set(f, st);
          events.push([t, `page: badge ${st} ${f}`]);
        }
      }
    }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-provenance-state'] });
  }, BADGES);

  const visit = async (what) => {
    const start = requests.length;
    await s.worker.evaluate(() => performance.clearMarks()).catch(() => {});
    const cdp = PROFILE ? await workerCdp(s) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    await page.goto(PAGE50_URL, { waitUntil: 'commit' });
    await page.waitForFunction(
      ([n, sel]) => {
        const b = document.querySelectorAll(sel);
        return b.length >= n && [...b].every((x) => x.getAttribute('data-provenance-state') !== 'pending');
      },
      [site.files.length, BADGES],
      { polling: 'raf', timeout: 60_000 },
    );
    const end = await page.evaluate(() => performance.now());
    if (cdp) {
      const { profile } = await cdp.send('Profiler.stop');
      writeFileSync(`/tmp/page50-${what}.cpuprofile`, JSON.stringify(profile));
      summarise(profile, what);
      cdp.close();
    }
    await new Promise((r) => setTimeout(r, 300)); // late marks
    const p = await page.evaluate(() => {
      const n = performance.getEntriesByType('navigation')[0];
      return {
        origin: performance.timeOrigin,
        nav: {
          'HTML in': n.responseEnd,
          domInteractive: n.domInteractive,
          DOMContentLoaded: n.domContentLoadedEventEnd,
          load: n.loadEventEnd,
        },
        marks: performance.getEntriesByType('mark').map((m) => [m.startTime, m.name]),
        events: globalThis.__timeline,
      };
    });
    const w = await s.worker.evaluate(() => ({
      origin: performance.timeOrigin,
      marks: performance.getEntriesByType('mark').map((m) => [m.startTime, m.name]),
    }));
    const shift = w.origin - p.origin;
    const ev = [
      ...Object.entries(p.nav).map(([k, v]) => [v, `nav: ${k}`]),
      [end, 'bench: every badge final (the bench timer)'],
      ...p.marks,
      ...w.marks.map(([t, n]) => [t + shift, n]),
    ];
    const mine = requests.slice(start);
    for (const q of mine) {
      const path = new URL(q.url).pathname.replace(/^\/integrity\/[^/]+\/[^/]+\//, 'integrity …/');
      const who = q.fromWorker ? 'worker' : 'page';
      if (FULL || who === 'worker') ev.push([q.at - p.origin, `net: ${who} asks ${path}`]);
      if (q.doneAt && (FULL || who === 'worker')) ev.push([q.doneAt - p.origin, `net: ${who} answered ${path}`]);
    }
    const badges = p.events;
    const final = badges.filter(([, n]) => !n.startsWith('page: badge pending'));
    const summary = [
      ['first badge on the page', badges[0]?.[0]],
      ['first final badge', final[0]?.[0]],
      ['last final badge', final.at(-1)?.[0]],
    ];
    const net = mine.filter((q) => q.fromWorker);
    summary.push(['worker: first request', net.length ? Math.min(...net.map((q) => q.at - p.origin)) : undefined]);
    summary.push(['worker: last request', net.length ? Math.max(...net.map((q) => q.at - p.origin)) : undefined]);
    summary.push(['worker: last answer', net.length ? Math.max(...net.map((q) => (q.doneAt ?? q.at) - p.origin)) : undefined]);
    for (const [k, v] of summary) if (v !== undefined) ev.push([v, `summary: ${k}`]);
    if (FULL) ev.push(...badges);
    ev.sort((a, b) => a[0] - b[0]);
    console.log(`\n===== ${what}: ${net.length} worker requests; worker time origin ${shift.toFixed(0)} ms from the page's =====`);
    for (const [t, n] of ev) if (FULL || !n.startsWith('net:') || /\/simple\//.test(n)) console.log(t.toFixed(1).padStart(8), n);
  };
  await visit('cold');
  await page.goto('about:blank');
  await visit('warm');
} finally {
  await s.close();
}
