/**
 * Benchmark hook for `npm run bench` (scripts/bench.mjs): exposes the worker's own verification
 * path on `globalThis.__pypiProvenanceBench`, so the bench can time it with `sw.evaluate()` in
 * the BUILT service worker. It adds no permission and no message handler: only code already
 * running in the worker's own global (DevTools / the bench) can reach it.
 *
 * Import it once from the worker entry: `import './bench-hook';`
 */
import '../shim/buffer-global'; // first: @sigstore/* use the global Buffer at module top level
import { verifyProvenance } from '../verify/index';
import { loadTrust, type LoadedTrust } from '../verify/trust';
import type { VerifyOptions } from '../verify/verdict';
import { clearMemo, memoSize, nativeStats, runWithNativeSignatures } from '../shim/native-verify';

export interface BenchInput {
  text: string;
  filename: string;
  sha256: string;
}

export interface BenchLoopOptions {
  rounds: number;
  /** 'native': runSigstore = runWithNativeSignatures (what the worker uses); 'noble': @noble only. */
  crypto: 'native' | 'noble';
  /**
   * Memo policy before each timed verification:
   *  'chain-warm': forget all memoised signature results, then verify ANOTHER input (untimed), so
   *                only results shared by distinct attestations (the Fulcio CA chain) can help —
   *                what a page of distinct attestations sees;
   *  'cold': forget everything (every check recomputed);
   *  'keep': keep the memo (repeated identical inputs are answered from it).
   */
  memo: 'chain-warm' | 'cold' | 'keep';
}

export interface BenchLoopResult {
  /** ms per attestation, one entry per timed verification. */
  perAttestationMs: number[];
  states: Record<string, number>;
  attestations: number;
  memoSize: number;
  stats: typeof nativeStats;
}

let trustCache: { text: string; trust: LoadedTrust } | null = null;
function trustFor(text: string): LoadedTrust {
  if (trustCache?.text !== text) trustCache = { text, trust: loadTrust(text) };
  return trustCache.trust;
}

async function verifyLoop(inputs: BenchInput[], trustText: string, opts: BenchLoopOptions): Promise<BenchLoopResult> {
  const trust = trustFor(trustText);
  const options: VerifyOptions = opts.crypto === 'native' ? { runSigstore: runWithNativeSignatures } : {};
  const perAttestationMs: number[] = [];
  const states: Record<string, number> = {};
  let attestations = 0;
  for (let r = 0; r < opts.rounds; r++) {
    for (let i = 0; i < inputs.length; i++) {
      const input = inputs[i]!;
      if (opts.memo !== 'keep') clearMemo();
      if (opts.memo === 'chain-warm' && inputs.length > 1) {
        const other = inputs[(i + 1) % inputs.length]!;
        await verifyProvenance(other.text, other, trust, options);
      }
      const t0 = performance.now();
      const v = await verifyProvenance(input.text, input, trust, options);
      const dt = performance.now() - t0;
      const n = Math.max(1, v.attestations.length);
      perAttestationMs.push(dt / n);
      attestations += n;
      states[v.state] = (states[v.state] ?? 0) + 1;
    }
  }
  return { perAttestationMs, states, attestations, memoSize: memoSize(), stats: { ...nativeStats } };
}

/** Verify `count` attestations (cycling through `inputs`) through the worker path; returns states. */
async function verifyMany(inputs: BenchInput[], trustText: string, count: number): Promise<Record<string, number>> {
  const trust = trustFor(trustText);
  const states: Record<string, number> = {};
  let done = 0;
  for (let i = 0; done < count; i++) {
    const input = inputs[i % inputs.length]!;
    const v = await verifyProvenance(input.text, input, trust, { runSigstore: runWithNativeSignatures });
    done += Math.max(1, v.attestations.length);
    states[v.state] = (states[v.state] ?? 0) + 1;
  }
  return states;
}

const hook = { verifyLoop, verifyMany, clearMemo, memoSize, nativeStats };
export type BenchHook = typeof hook;
(globalThis as unknown as { __pypiProvenanceBench?: BenchHook }).__pypiProvenanceBench = hook;
