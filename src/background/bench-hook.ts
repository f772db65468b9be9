/**
 * Benchmark hook for `npm run bench` (scripts/bench.mjs): exposes the worker's own verification
 * path on `globalThis.__pypiProvenanceBench`, so the bench can time it with `sw.evaluate()` in
 * the BUILT service worker (and `conformanceVerify`: the Sigstore conformance core, for
 * e2e/conformance-worker.spec.ts). It adds no permission and no message handler: only code already
 * running in the worker's own global (DevTools / the bench) can reach it.
 *
 * The shipped worker does NOT import it (e2e/shipped-build.spec.ts checks dist/): the bench builds
 * (scripts/bench/build.mjs) and the e2e test build (scripts/e2e-lib/hooked-build.ts) prepend
 * `import './bench-hook';` to the worker entry.
 */
import '../shim/buffer-global'; // first: @sigstore/* use the global Buffer at module top level
import { verifyProvenance } from '../verify/index';
import { loadTrust, loadTrustAsync, type LoadedTrust } from '../verify/trust';
import type { VerifyOptions } from '../verify/verdict';
import { clearMemo, MEMO_MAX, memoSize, nativeStats, runWithNativeSignatures } from '../shim/native-verify';
import { createPublicKey, verify } from '../shim/crypto';
import { runWithNoble } from '../shim/crypto-noble';
import { parseSha256Digest, verifyConformanceBundle, type ConformanceResult } from '../conformance/verify-bundle';

export interface BenchInput {
  text: string;
  filename: string;
  sha256: string;
}

export interface BenchLoopOptions {
  rounds: number;
  /**
   * 'native': runSigstore = runWithNativeSignatures (what the worker uses); 'noble': the pure-JS
   * reference verifier (src/shim/crypto-noble.ts, in the bench build only).
   */
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
  const options: VerifyOptions = {
    runSigstore: opts.crypto === 'native' ? runWithNativeSignatures : async <T>(fn: () => T) => runWithNoble(fn),
  };
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

/**
 * Cold path, for a FRESH worker (call it first): parse and load the trust root (no cache) as the
 * worker loads its roots (loadTrustAsync: src/trust/bundled-root.ts, src/trust/refreshed.ts), then
 * verify one input through the worker path. Times in ms.
 */
async function cold(input: BenchInput, trustText: string): Promise<{ loadMs: number; firstMs: number; totalMs: number; state: string }> {
  const t0 = performance.now();
  const trust = await loadTrustAsync(trustText);
  const t1 = performance.now();
  const v = await verifyProvenance(input.text, input, trust, { runSigstore: runWithNativeSignatures });
  const t2 = performance.now();
  return { loadMs: t1 - t0, firstMs: t2 - t1, totalMs: t2 - t0, state: v.state };
}

/**
 * Fill the signature memo to its bound with distinct (invalid) P-256 checks, through the runner:
 * the worst case of the memo's memory. Returns the memo size afterwards (≤ MEMO_MAX).
 */
async function fillMemo(count = MEMO_MAX + 100): Promise<number> {
  const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
  const spki = new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey));
  const key = createPublicKey({ key: spki, format: 'der', type: 'spki' });
  const sig = new Uint8Array([0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01]); // r = s = 1: well-formed, never valid
  const data = new Uint8Array(1024);
  for (let done = 0; done < count; done += 500) {
    const n = Math.min(500, count - done);
    await runWithNativeSignatures(() => {
      for (let i = 0; i < n; i++) {
        new DataView(data.buffer).setUint32(0, done + i);
        verify('sha256', data, key, sig);
      }
    });
  }
  return memoSize();
}

/**
 * One Sigstore conformance case (e2e/conformance-worker.spec.ts), with the same core as the
 * conformance CLI. Plain strings only (they cross `sw.evaluate`): the artifact as base64 bytes
 * (artifact mode) or `sha256:<hex>` (digest mode).
 */
export interface ConformanceHookInput {
  bundle: string;
  trustedRoot: string;
  keyPem?: string;
  identity?: string;
  issuer?: string;
  artifactBase64?: string;
  digest?: string;
}

async function conformanceVerify(input: ConformanceHookInput): Promise<ConformanceResult> {
  let artifact;
  if (input.digest !== undefined) {
    const sha256 = parseSha256Digest(input.digest);
    if (!sha256) return { ok: false, reason: 'malformed digest' };
    artifact = { kind: 'digest' as const, sha256 };
  } else {
    artifact = { kind: 'bytes' as const, bytes: Uint8Array.from(atob(input.artifactBase64 ?? ''), (c) => c.charCodeAt(0)) };
  }
  const { bundle, trustedRoot, keyPem, identity, issuer } = input;
  return verifyConformanceBundle({
    bundle,
    trustedRoot,
    artifact,
    ...(keyPem !== undefined ? { keyPem } : {}),
    ...(identity !== undefined ? { identity } : {}),
    ...(issuer !== undefined ? { issuer } : {}),
  });
}

const hook = { verifyLoop, verifyMany, cold, fillMemo, clearMemo, memoSize, nativeStats, conformanceVerify };
export type BenchHook = typeof hook;
(globalThis as unknown as { __pypiProvenanceBench?: BenchHook }).__pypiProvenanceBench = hook;
