/**
 * The fuzz properties, shared by the vitest file (test/fuzz/verify.fuzz.test.ts, ~1,000 cases) and
 * the long runner (scripts/fuzz.ts, `npm run fuzz`, 10,000+ cases).
 *
 * Every property calls the real verifyProvenance with the real bundled trust root. No mocks.
 */
import fc from 'fast-check';
import { REASON_MESSAGES, type DistInfo, type Verdict, type VerifyOptions } from '../../src/verify/verdict';
import { MAX_VERDICT_JSON_CHARS } from '../../src/verify/bounded-verdict';
import type { LoadedTrust } from '../../src/verify/trust';
import { parseProvenance, verifyAttestationSignature } from '../../src/verify/index';
import {
  boundArb,
  rekor2Arb,
  chaosCase,
  harmlessPath,
  pathString,
  printable,
  rawCase,
  seedAttestations,
  setAt,
  signedDocumentCase,
  type Case,
} from './mutate';
import { clone, publisherFor, type Json, type Seed } from './seeds';

export type VerifyFn = (provenance: unknown, dist: DistInfo, trust: LoadedTrust, options?: VerifyOptions) => Promise<Verdict>;

export interface FuzzContext {
  verify: VerifyFn;
  /** For REKOR2_PROPERTY: the Rekor v2 seed and the staging trust root it chains to. */
  rekor2?: { seed: Seed; trust: LoadedTrust };
  trust: LoadedTrust;
  seeds: Seed[];
  /** A call slower than this is a failure (default 10 s). */
  timeoutMs?: number;
}

const STATES = new Set(['verified', 'failed', 'absent', 'error', 'pending']);
/** A fixed clock: the verdicts do not depend on the wall clock's current time, and runs are reproducible. */
export const FIXED_NOW = new Date('2026-11-25T12:00:00Z');

export class FuzzTimeout extends Error {}

/**
 * Call the verifier, failing on: a thrown/rejected exception, a promise that does not settle
 * within `timeoutMs`, or a (synchronous) call that took longer than that. A truly infinite
 * synchronous loop cannot be pre-empted from the same thread; it would hang the run (and so still
 * fail CI by its job timeout).
 */
export async function callVerify(ctx: FuzzContext, c: Case): Promise<Verdict> {
  const timeoutMs = ctx.timeoutMs ?? 10_000;
  const t0 = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new FuzzTimeout(`verifyProvenance did not settle within ${timeoutMs} ms`)), timeoutMs);
  });
  let v: Verdict;
  try {
    v = await Promise.race([ctx.verify(c.input, c.dist, ctx.trust, { now: FIXED_NOW }), timeout]);
  } catch (e) {
    if (e instanceof FuzzTimeout) throw e;
    throw new Error(`verifyProvenance threw (it must never throw): ${(e as Error)?.stack ?? e}`);
  } finally {
    clearTimeout(timer);
  }
  const ms = performance.now() - t0;
  if (ms > timeoutMs) throw new FuzzTimeout(`verifyProvenance took ${ms.toFixed(0)} ms (limit ${timeoutMs} ms)`);
  return v;
}

/** Property 1: a well-formed Verdict, reasons with known codes whenever not verified, no pollution. */
export function checkVerdictShape(v: Verdict, c: Case): void {
  const where = `\n  case: ${c.label}`;
  if (v === null || typeof v !== 'object') throw new Error(`verdict is not an object: ${String(v)}${where}`);
  if (!STATES.has(v.state)) throw new Error(`invalid state ${JSON.stringify(v.state)}${where}`);
  if (v.state === 'pending') throw new Error(`the core returned 'pending'${where}`);
  if (!Array.isArray(v.reasons) || !Array.isArray(v.attestations)) throw new Error(`reasons/attestations not arrays${where}`);
  if (v.state !== 'verified' && v.reasons.length === 0) throw new Error(`state ${v.state} without reasons${where}`);
  for (const r of v.reasons) {
    if (!r || !(r.code in REASON_MESSAGES) || typeof r.message !== 'string' || r.message.length === 0) {
      throw new Error(`bad reason ${JSON.stringify(r)?.slice(0, 200)}${where}`);
    }
  }
  if (v.state === 'verified') {
    if (v.attestations.length === 0 || !v.attestations.every((a) => a.ok))
      throw new Error(`verified with a failing or no attestation${where}`);
  }
  if (typeof v.filename !== 'string' || typeof v.sha256 !== 'string' || typeof v.checkedAt !== 'string')
    throw new Error(`bad verdict fields${where}`);
  // The verdict crosses extension message ports: it must be plain data.
  try {
    structuredClone(v);
  } catch (e) {
    throw new Error(`verdict is not structured-cloneable: ${(e as Error).message}${where}`);
  }
  // ...and is printed by the CLI and stored: JSON.stringify succeeds, within the documented bound.
  let json: string;
  try {
    json = JSON.stringify(v);
  } catch (e) {
    throw new Error(`JSON.stringify(verdict) threw: ${(e as Error).message}${where}`);
  }
  if (json.length > MAX_VERDICT_JSON_CHARS)
    throw new Error(`verdict JSON is ${json.length} chars (bound ${MAX_VERDICT_JSON_CHARS})${where}`);
  const proto = Object.prototype as Record<string, unknown>;
  if ('polluted' in proto || 'kind' in proto || 'version' in proto) throw new Error(`Object.prototype was polluted${where}`);
}

export const describeVerdict = (v: Verdict): string => `${v.state} [${v.reasons.map((r) => r.code).join(', ')}]`;

// Transparency-entry fields used to be decoded leniently (protobuf-specs fromJSON: Buffer base64
// skipping junk, String()/Number()/BigInt() for int64), so re-spelled copies of a real entry
// verified. Found by this fuzzer; fixed in the core (dbaf45b: strict canonical validation of
// transparency_entries[0]). No exemption is made for such re-spellings any more: every structural
// change of transparency_entries[0] must now fail.

// ---------------------------------------------------------------- property definitions

export interface PropertyDef {
  id: string;
  title: string;
  /** Share of the total case budget. */
  weight: number;
  arb: (ctx: FuzzContext) => fc.Arbitrary<Case>;
  check: (ctx: FuzzContext, c: Case) => Promise<void>;
}

/** Property 2: bound mutations never verify. */
const notVerified = async (ctx: FuzzContext, c: Case) => {
  const v = await callVerify(ctx, c);
  checkVerdictShape(v, c);
  if (v.state === 'verified') throw new Error(`SECURITY: mutated input verified\n  case: ${c.label}\n  verdict: ${describeVerdict(v)}`);
};

/** Property 3: structural chaos never verifies, except documented harmless paths and known issues. */
const chaosCheck = async (ctx: FuzzContext, c: Case) => {
  const v = await callVerify(ctx, c);
  checkVerdictShape(v, c);
  if (v.state === 'verified' && harmlessPath(c) === null) {
    throw new Error(
      `SECURITY?: structurally mutated input verified\n  case: ${c.label}\n  path: ${c.path ? pathString(c.path) : '-'} (${c.op})\n  verdict: ${describeVerdict(v)}`,
    );
  }
};

const textArb = fc.oneof(
  fc.string({ maxLength: 64 }),
  fc.string({ unit: 'grapheme', maxLength: 32 }),
  fc.string({ unit: 'binary', maxLength: 32 }), // includes lone surrogates
  fc.constantFrom('\u202Egnp.exe', 'sampleproject\u00AD', 'ѕampleproject', '\uFEFF{}', 'null', '\u0000', '𝔰𝔞𝔪𝔭𝔩𝔢'),
);

export const PROPERTIES: PropertyDef[] = [
  {
    id: 'bound-mutations',
    title: 'a mutation of signed/bound content (or the wrong dist) never verifies',
    weight: 30,
    arb: (ctx) => boundArb(ctx.seeds),
    check: notVerified,
  },
  {
    id: 'structural-chaos',
    title:
      'structural chaos (deletions, type swaps, huge/deep/wide values, hostile keys, unicode, random JSON) never throws, hangs or verifies',
    weight: 40,
    arb: (ctx) =>
      fc
        .record({
          seed: fc.nat({ max: ctx.seeds.length - 1 }),
          path: fc.nat({ max: 1 << 16 }),
          // ops 2 (huge strings) and 3 (deep nesting) are costlier: weight them down.
          op: fc.oneof({ weight: 10, arbitrary: fc.constantFrom(0, 1, 4, 5, 6, 7, 8) }, { weight: 1, arbitrary: fc.constantFrom(2, 3) }),
          n: fc.nat({ max: 1 << 16 }),
          json: fc.jsonValue({ maxDepth: 4 }),
          text: textArb,
          bigLen: fc.integer({ min: 1 << 20, max: 5 << 20 }),
        })
        .map(({ seed, path, op, n, json, text, bigLen }) => printable(chaosCase(ctx.seeds[seed]!, path, op, n, { json, text, bigLen }))),
    check: chaosCheck,
  },
  {
    id: 'random-input',
    title: 'random JSON values and raw (non-/truncated/oversized) JSON text never throw or verify',
    weight: 15,
    arb: (ctx) =>
      fc
        .oneof(
          fc.tuple(fc.jsonValue(), fc.nat({ max: ctx.seeds.length - 1 })).map(([json, i]): Case => ({
            label: `random JSON ${JSON.stringify(json)?.slice(0, 80)}`,
            input: json,
            dist: ctx.seeds[i]!.dist,
            op: 'raw',
          })),
          fc
            .tuple(fc.nat({ max: ctx.seeds.length - 1 }), fc.nat({ max: 5 }), fc.nat(), textArb)
            .map(([i, k, n, t]) => rawCase(ctx.seeds[i]!, k, n, t)),
          fc
            .tuple(
              fc.anything({
                withBigInt: true,
                withMap: true,
                withSet: true,
                withTypedArray: true,
                withDate: true,
                withSparseArray: true,
                withNullPrototype: true,
              }),
              fc.nat({ max: ctx.seeds.length - 1 }),
            )
            .map(([v, i]): Case => ({
              label: `non-JSON JS value ${fc.stringify(v).slice(0, 80)}`,
              input: v,
              dist: ctx.seeds[i]!.dist,
              op: 'raw',
            })),
          // Garbage dist info (the provenance is a real seed).
          fc.tuple(fc.nat({ max: ctx.seeds.length - 1 }), fc.anything(), fc.anything()).map(([i, f, s]): Case => ({
            label: `garbage dist ${fc.stringify({ f, s }).slice(0, 80)}`,
            input: ctx.seeds[i]!.value,
            dist: { filename: f, sha256: s } as unknown as DistInfo,
            op: 'raw',
          })),
        )
        .map(printable),
    check: async (ctx, c) => {
      const v = await callVerify(ctx, c);
      checkVerdictShape(v, c);
      if (v.state === 'verified' && harmlessPath(c) === null) throw new Error(`random input verified\n  case: ${c.label}`);
    },
  },
  {
    id: 'signed-documents',
    title: 'a deep, wide or long statement or Rekor body never verifies, and its verdict serialises within the bound',
    weight: 10,
    arb: (ctx) =>
      fc
        .record({
          seed: fc.nat({ max: ctx.seeds.length - 1 }),
          att: fc.nat(),
          body: fc.boolean(),
          path: fc.nat({ max: 1 << 16 }),
          payload: fc.nat(),
          // around the limits (32 levels, 10,000 values, 64 KiB strings) and far beyond them
          size: fc.oneof(
            fc.integer({ min: 1, max: 64 }),
            fc.integer({ min: 5_000, max: 12_000 }),
            fc.integer({ min: 100_000, max: 200_000 }),
          ),
        })
        .map(({ seed, att, body, path, payload, size }) => printable(signedDocumentCase(ctx.seeds[seed]!, att, body, path, payload, size))),
    check: notVerified,
  },
  {
    id: 'duplicates',
    title: 'duplicated attestations/bundles never verify on the strength of a mutated copy',
    weight: 5,
    arb: (ctx) =>
      fc
        .tuple(fc.nat({ max: ctx.seeds.length - 1 }), fc.nat(), fc.nat(), fc.boolean(), fc.boolean())
        .map(([i, f, b, sameBundle, mutatedFirst]) => printable(duplicateCase(ctx.seeds[i]!, f, b, sameBundle, mutatedFirst))),
    check: async (ctx, c) => {
      const v = await callVerify(ctx, c);
      checkVerdictShape(v, c);
      if (v.state === 'verified')
        throw new Error(`SECURITY: verified with a mutated duplicate\n  case: ${c.label}\n  verdict: ${describeVerdict(v)}`);
    },
  },
];

/**
 * Property 5 (duplicates): the seed's attestation is present twice, once intact and once with one bit flipped
 * in its DSSE signature, statement or certificate (either order), in the same bundle or in a second
 * bundle with the same publisher. The intact copy must not carry the verdict.
 */
export function duplicateCase(seed: Seed, field: number, bit: number, sameBundle: boolean, mutatedFirst: boolean): Case {
  const fields: string[][] = [
    ['envelope', 'signature'],
    ['envelope', 'statement'],
    ['verification_material', 'certificate'],
  ];
  const f = fields[field % fields.length]!;
  const { att } = seedAttestations(seed)[0]!;
  const bytes = Buffer.from((att as any)[f[0]!][f[1]!] as string, 'base64');
  const b = bit % (bytes.length * 8);
  bytes[Math.floor(b / 8)]! ^= 1 << (b % 8);
  const mutated = setAt(att as Json, f, bytes.toString('base64'));
  const pair = mutatedFirst ? [mutated, clone(att as Json)] : [clone(att as Json), mutated];
  const publisher = publisherFor(seed);
  const value = sameBundle
    ? { version: 1, attestation_bundles: [{ publisher, attestations: pair }] }
    : {
        version: 1,
        attestation_bundles: [
          { publisher, attestations: [pair[0]] },
          { publisher, attestations: [pair[1]] },
        ],
      };
  return {
    label: `${seed.name}: attestation duplicated (${sameBundle ? 'same bundle' : 'two bundles'}), ${mutatedFirst ? 'first' : 'second'} copy has bit ${b} of ${f.join('.')} flipped`,
    input: value,
    dist: seed.dist,
  };
}

/**
 * Rekor v2 + RFC 3161 path (staging data). The seed passes the Sigstore layer
 * (verifyAttestationSignature) against the staging root; every bound mutation must make that layer
 * fail (or the parser reject the input), and the full verdict must not be 'verified'.
 */
export const REKOR2_PROPERTY: PropertyDef = {
  id: 'rekor2-sigstore-layer',
  title: 'Rekor v2 + RFC 3161 timestamp: a bound mutation always fails the Sigstore layer (staging root)',
  weight: 5,
  arb: (ctx) => rekor2Arb(ctx.rekor2!.seed),
  check: async (ctx, c) => {
    const { trust } = ctx.rekor2!;
    const parsed = parseProvenance(c.input);
    if (parsed.status === 'ok') {
      const att = parsed.bundles[0]!.attestations[0]!;
      const sig = verifyAttestationSignature(att, trust);
      if (sig.ok) throw new Error(`SECURITY: mutated Rekor v2 attestation passed the Sigstore layer\n  case: ${c.label}`);
    }
    const v = await callVerify({ ...ctx, trust }, c);
    checkVerdictShape(v, c);
    if (v.state === 'verified') throw new Error(`SECURITY: mutated input verified\n  case: ${c.label}`);
  },
};

/** Every property; REKOR2_PROPERTY needs `ctx.rekor2`. */
export const ALL_PROPERTIES: PropertyDef[] = [...PROPERTIES, REKOR2_PROPERTY];

/** Split a total budget over the properties by weight (at least 1 run each). */
export function budget(total: number, props: PropertyDef[] = ALL_PROPERTIES): Map<string, number> {
  const w = props.reduce((s, p) => s + p.weight, 0);
  return new Map(props.map((p) => [p.id, Math.max(1, Math.round((total * p.weight) / w))]));
}

export function asyncProperty(ctx: FuzzContext, def: PropertyDef) {
  return fc.asyncProperty(def.arb(ctx), (c) => def.check(ctx, c));
}
