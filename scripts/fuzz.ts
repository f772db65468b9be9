/**
 * Long fuzz run of the verification core: `npm run fuzz [-- --runs N] [--seed S] [--property ID] [--timeout MS]`
 * (env FUZZ_RUNS / FUZZ_SEED also work). Same properties as test/fuzz/verify.fuzz.test.ts, with
 * 10,240 cases by default, against the real verifyProvenance and the bundled trust root.
 *
 * Prints, per property, the number of cases run, the seed, and on failure the fast-check seed +
 * counterexample path (replay: --seed S --property ID) and the mutated input's label. Exits 1 if
 * any property (or the seed sanity check) fails. Ends with `fuzz: <passed> passed, <failed> failed`.
 */
import fc from 'fast-check';
import { verifyProvenance } from '../src/verify/index';
import { loadTrust } from '../src/verify/trust';
import { ALL_PROPERTIES, FIXED_NOW, asyncProperty, budget, type FuzzContext } from '../test/fuzz/properties';
import { clone, loadRekor2Seed, loadSeeds, trustRootBytes } from '../test/fuzz/seeds';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i >= 0) return process.argv[i + 1];
  const eq = process.argv.find((a) => a.startsWith(`--${name}=`));
  return eq?.slice(name.length + 3);
}

const total = Number(arg('runs') ?? process.env.FUZZ_RUNS ?? 10_240);
const seed = Number(arg('seed') ?? process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const only = arg('property');
const timeoutMs = Number(arg('timeout') ?? 10_000);
if (!Number.isSafeInteger(total) || total < 1 || !Number.isSafeInteger(seed)) {
  console.error('usage: npm run fuzz -- [--runs N] [--seed S] [--property ID] [--timeout MS]');
  process.exit(2);
}

const trust = loadTrust(trustRootBytes());
const seeds = loadSeeds();
const rekor2 = loadRekor2Seed();
const ctx: FuzzContext = {
  verify: verifyProvenance,
  trust,
  seeds,
  timeoutMs,
  rekor2: { seed: rekor2.seed, trust: loadTrust(rekor2.stagingRoot) },
};

let passed = 0;
let failed = 0;

// 1. Sanity: every seed verifies unmutated, otherwise the properties prove nothing.
for (const s of seeds) {
  const v = await verifyProvenance(clone(s.value), s.dist, trust, { now: FIXED_NOW });
  if (v.state === 'verified') passed++;
  else {
    failed++;
    console.log(`FAIL seed sanity: ${s.name} is ${v.state} unmutated: ${v.reasons.map((r) => r.code).join(', ')}`);
  }
}
console.log(`seeds: ${seeds.length} real seeds, ${seeds.length - failed} verify unmutated`);

// 2. The properties.
const props = ALL_PROPERTIES.filter((p) => !only || p.id === only);
if (props.length === 0) {
  console.error(`unknown property ${only}; known: ${ALL_PROPERTIES.map((p) => p.id).join(', ')}`);
  process.exit(2);
}
const runs = budget(total, props);
console.log(`fuzz seed ${seed}, ${total} cases over ${props.length} properties`);
for (const def of props) {
  const numRuns = runs.get(def.id)!;
  const t0 = performance.now();
  const r = await fc.check(asyncProperty(ctx, def), { numRuns, seed, endOnFailure: true });
  const secs = ((performance.now() - t0) / 1000).toFixed(1);
  if (!r.failed) {
    passed += r.numRuns;
    console.log(`ok   ${def.id}: ${r.numRuns} cases (${r.numSkips} skipped) in ${secs}s — ${def.title}`);
  } else {
    passed += r.numRuns - 1;
    failed++;
    console.log(`FAIL ${def.id}: failed after ${r.numRuns} cases in ${secs}s — ${def.title}`);
    console.log(
      `     replay: npm run fuzz -- --seed ${r.seed} --property ${def.id} --runs ${total}   (fast-check path ${JSON.stringify(r.counterexamplePath)})`,
    );
    console.log(`     counterexample: ${r.counterexample ? fc.stringify(r.counterexample[0]) : '(none)'}`);
    const err = r.errorInstance as Error | undefined;
    console.log(
      `     ${String(err?.message ?? r.errorInstance)
        .split('\n')
        .join('\n     ')}`,
    );
  }
}

console.log(`fuzz: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
