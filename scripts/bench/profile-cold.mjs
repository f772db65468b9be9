#!/usr/bin/env -S npx tsx
/**
 * Where the cold verification's time goes: `npx tsx scripts/bench/profile-cold.mjs [--runs N]
 * [--no-build] [--interval US] [--out DIR] [--peer]`.
 *
 * Builds the timing bench build (bench hook, bench trust root; no peer unless --peer) WITH source
 * maps into .cache/bench/dist-profile, then per run: a fresh browser (fresh worker), the V8 CPU
 * profiler started on the worker's own DevTools target, `__pypiProvenanceBench.cold()` (the
 * bench's cold call: production trust root + the first production GitHub attestation), profiler
 * stopped. Prints the self time per source file (through the source maps) and the heaviest
 * functions, summed over the runs, plus the hook's own loadMs / firstMs. Writes the raw profiles to
 * DIR (default .cache/bench/profiles) for DevTools. Sampling inflates every time: compare shares.
 * Run it like the bench: `flock /tmp/heavy.lock unshare -n sh -c 'ip link set lo up && npx tsx …'`.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadInputs, TRUST_ROOT } from './fixtures.mjs';
import { benchPlugin } from './build.mjs';
import { authorityFromJSON } from './mint.ts';
import { ensurePeer } from './peer.mjs';
import { workerCdp } from './heap.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const opt = (f, d) => {
  const i = args.indexOf(f);
  return i >= 0 && args[i + 1] ? args[i + 1] : d;
};
const RUNS = Number(opt('--runs', 4));
const INTERVAL = Number(opt('--interval', 100));
const OUT = opt('--out', join(root, '.cache', 'bench', 'profiles'));
const PEER = args.includes('--peer');
// --warm: profile the bench's warm loop (verify_worker_ms: 8 production attestations, CA-chain memo
// warm) after 2 untimed rounds, instead of the cold call.
const WARM = args.includes('--warm');
const dist = join(root, '.cache', 'bench', PEER ? 'dist-profile-peer' : 'dist-profile');

const authFile = join(root, '.cache', 'bench', 'authority.json');
if (!existsSync(authFile)) throw new Error('run `npm run bench` once first (it mints .cache/bench/authority.json)');
const authority = await authorityFromJSON(readFileSync(authFile, 'utf8'));
if (!args.includes('--no-build') || !existsSync(join(dist, 'manifest.json'))) {
  const { build } = await import('vite');
  const peer = PEER ? ensurePeer(root, { install: false }) : null;
  if (peer?.error) throw new Error(`peer: ${peer.error}`);
  await build({
    root,
    configFile: join(root, 'vite.config.ts'),
    logLevel: 'error',
    build: { outDir: dist, emptyOutDir: true, sourcemap: true },
    plugins: [benchPlugin(root, { trust: authority, peerEntry: peer?.hook ?? null, peerPackage: peer?.entry ?? null })],
  });
}

const { launchWithExtension } = await import('../e2e-lib/launch.ts');
const { verifyProvenance } = await import('../../src/verify/index.ts');
const { loadTrust } = await import('../../src/verify/trust.ts');
const trustText = readFileSync(join(root, TRUST_ROOT), 'utf8');
const trust = loadTrust(trustText);
let coldInput = null;
for (const input of loadInputs(root)) {
  const v = await verifyProvenance(input.text, input, trust);
  if (v.state === 'verified' && v.attestations[0]?.identity?.issuerV2 === 'https://token.actions.githubusercontent.com') {
    coldInput = { text: input.text, filename: input.filename, sha256: input.sha256 };
    const id = v.attestations[0].identity;
    coldInput.policy = { issuer: id.issuerV2, repositoryUri: id.sourceRepositoryUri, buildConfigUri: id.buildConfigUri };
    break;
  }
}

// ---- source maps: generated (url, line, column) -> original source
const { TraceMap, originalPositionFor } = await import('@jridgewell/trace-mapping');
const maps = new Map();
function mapFor(url) {
  if (!maps.has(url)) {
    const m = /^chrome-extension:\/\/[^/]+\/(.*)$/.exec(url);
    const file = m ? join(dist, m[1]) : null;
    maps.set(url, file && existsSync(`${file}.map`) ? new TraceMap(readFileSync(`${file}.map`, 'utf8')) : null);
  }
  return maps.get(url);
}
function origin(cf) {
  const map = cf.url ? mapFor(cf.url) : null;
  if (!map)
    return {
      file: cf.url ? cf.url.replace(/^chrome-extension:\/\/[^/]+\//, '') : `(${cf.functionName || 'native'})`,
      name: cf.functionName,
    };
  const p = originalPositionFor(map, { line: cf.lineNumber + 1, column: cf.columnNumber });
  const file = p.source ? relative(root, join(dist, 'assets', p.source)).replace(/^.*node_modules\//, 'node_modules/') : '?';
  return { file, name: `${cf.functionName || '(anon)'} ${file.split('/').pop()}:${p.line ?? '?'}` };
}

mkdirSync(OUT, { recursive: true });
const byFile = new Map();
const byFn = new Map();
const byPkg = new Map();
const incl = new Map();
const hookTimes = [];
let total = 0;
const who = PEER ? '__pypiProvenanceBenchPeer' : '__pypiProvenanceBench';
for (let r = 0; r < RUNS; r++) {
  const s = await launchWithExtension({ dist, extraArgs: ['--remote-debugging-port=0'] });
  try {
    for (let i = 0; i < 150; i++) {
      if (await s.worker.evaluate((g) => typeof globalThis[g] === 'object', who).catch(() => false)) break;
      await new Promise((res) => setTimeout(res, 100));
    }
    const cdp = await workerCdp(s);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: INTERVAL });
    await cdp.send('Profiler.start');
    const warmInputs = loadInputs(root).map(({ text, filename, sha256 }) => ({ text, filename, sha256 }));
    const warmLoop = (rounds) =>
      s.worker.evaluate(
        ([inputs, text, rounds]) =>
          globalThis.__pypiProvenanceBench.verifyLoop(inputs, text, { rounds, crypto: 'native', memo: 'chain-warm' }),
        [warmInputs, trustText, rounds],
      );
    if (WARM) {
      await cdp.send('Profiler.stop');
      await warmLoop(2);
      await cdp.send('Profiler.start');
    }
    const t = WARM
      ? await warmLoop(8).then((r) => {
          const ms = r.perAttestationMs.reduce((a, b) => a + b, 0);
          return { loadMs: 0, firstMs: ms / r.perAttestationMs.length, totalMs: ms, state: JSON.stringify(r.states) };
        })
      : await s.worker.evaluate(([g, input, text]) => globalThis[g].cold(input, text), [who, coldInput, trustText]);
    const { profile } = await cdp.send('Profiler.stop');
    cdp.close();
    hookTimes.push(t);
    writeFileSync(join(OUT, `${WARM ? 'warm' : 'cold'}-${PEER ? 'peer-' : ''}${r}.cpuprofile`), JSON.stringify(profile));
    const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
    const dts = profile.timeDeltas;
    const parentOf = new Map();
    for (const p of profile.nodes) for (const c of p.children ?? []) parentOf.set(c, p);
    for (let i = 0; i < profile.samples.length; i++) {
      const n = nodes.get(profile.samples[i]);
      const dt = (dts[i + 1] ?? 0) / 1000;
      const cf = n.callFrame;
      if (cf.functionName === '(idle)') continue;
      const o = origin(cf);
      // inclusive: every distinct function on the stack
      const seen = new Set();
      for (let x = n; x; x = parentOf.get(x.id)) {
        const name = origin(x.callFrame).name;
        if (seen.has(name)) continue;
        seen.add(name);
        incl.set(name, (incl.get(name) ?? 0) + dt);
      }
      total += dt;
      byFile.set(o.file, (byFile.get(o.file) ?? 0) + dt);
      byFn.set(o.name, (byFn.get(o.name) ?? 0) + dt);
      const pkg =
        /node_modules\/((@[^/]+\/)?[^/]+)/.exec(o.file)?.[1] ??
        (o.file.startsWith('src/') ? o.file.split('/').slice(0, 2).join('/') : o.file);
      byPkg.set(pkg, (byPkg.get(pkg) ?? 0) + dt);
    }
  } finally {
    await s.close();
  }
}
const top = (m, n) =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => `${(v / RUNS).toFixed(1).padStart(7)} ms  ${k}`)
    .join('\n');
const med = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
console.log(
  `hook: loadMs ${hookTimes.map((t) => t.loadMs.toFixed(1)).join(' / ')}; firstMs ${hookTimes.map((t) => t.firstMs.toFixed(1)).join(' / ')}; states ${hookTimes.map((t) => t.state).join(', ')}`,
);
console.log(`median total ${med(hookTimes.map((t) => t.totalMs)).toFixed(1)} ms; sampled non-idle ${(total / RUNS).toFixed(1)} ms per run`);
console.log(`\n-- self time per package (ms per run)\n${top(byPkg, 25)}`);
console.log(`\n-- self time per source file (ms per run)\n${top(byFile, 40)}`);
console.log(`\n-- self time per function (ms per run)\n${top(byFn, 50)}`);
console.log(`\n-- inclusive time per function (ms per run)\n${top(incl, 80)}`);
