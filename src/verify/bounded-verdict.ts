/**
 * The last step of verifyProvenance: the verdict leaves the core as bounded plain data, whatever
 * the input was. The verdict is serialised (CLI output, worker ports, storage), so:
 *  - every string copied from the input is capped, every list bounded, nesting bounded;
 *  - a predicate is kept only for an attestation that passed every check (`ok`), and only up to
 *    MAX_PREDICATE_JSON_CHARS; a subject only when the signature over it verified (index.ts);
 *  - the whole verdict is at most MAX_VERDICT_JSON_CHARS characters of JSON. Over that, the
 *    certificate views and predicates are left out (VERDICT_DETAILS_OMITTED says so), then the
 *    copied strings are cut shorter. The state and every attestation's result are always kept.
 * Property (test/verify/bounded-verdict.test.ts, test/fuzz): for any input,
 * `JSON.stringify(verdict)` succeeds and its length is ≤ MAX_VERDICT_JSON_CHARS.
 */
import { MAX_TOTAL_ATTESTATIONS } from './provenance';
import { reason, type AttestationResult, type Reason, type Verdict } from './verdict';

/** The documented bound on `JSON.stringify(verdict).length` (1 MiB). */
export const MAX_VERDICT_JSON_CHARS = 1024 * 1024;
/** A string copied from the input into the verdict (a PEM certificate is ~2.5 kB). */
export const MAX_COPIED_STRING = 8 * 1024;
/** A verified predicate kept for display (a real SLSA predicate is ~1 kB of JSON). */
export const MAX_PREDICATE_JSON_CHARS = 16 * 1024;
/** Reasons kept per attestation and per verdict (real verdicts have fewer than 10). */
export const MAX_REASONS_PER_ATTESTATION = 16;
export const MAX_REASONS = 64;
/** Any other list in the verdict (certificate extensions, chain, timestamps). */
const MAX_LIST = 64;
/** Nesting of the copied data (the predicate is already bounded at 32 levels by bounded-json.ts). */
const MAX_DEPTH = 40;

interface Caps {
  maxString: number;
  maxList: number;
}
const NORMAL: Caps = { maxString: MAX_COPIED_STRING, maxList: MAX_LIST };
const TIGHT: Caps = { maxString: 256, maxList: 8 };

/**
 * A plain-data copy: strings cut to `maxString`, lists to `maxList`, nesting to MAX_DEPTH (deeper
 * values become null), only own enumerable keys of plain objects; functions, symbols, bigint and
 * non-finite numbers become null. Recursion is bounded by MAX_DEPTH.
 */
export function plainCopy(v: unknown, caps: Caps, depth = 0): unknown {
  if (typeof v === 'string') return v.length > caps.maxString ? v.slice(0, caps.maxString) : v;
  if (typeof v === 'boolean' || v === null) return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v !== 'object' || depth >= MAX_DEPTH) return null;
  if (Array.isArray(v)) return v.slice(0, caps.maxList).map((x) => plainCopy(x, caps, depth + 1));
  const proto = Object.getPrototypeOf(v) as unknown;
  if (proto !== Object.prototype && proto !== null) return null;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v).slice(0, 256)) {
    const x = plainCopy((v as Record<string, unknown>)[k], caps, depth + 1);
    if (x !== undefined) out[k.slice(0, caps.maxString)] = x;
  }
  return out;
}

function jsonLength(v: unknown): number {
  try {
    return JSON.stringify(v)?.length ?? Infinity;
  } catch {
    return Infinity;
  }
}

function boundReasons(rs: Reason[], max: number, caps: Caps): Reason[] {
  const list = Array.isArray(rs) ? rs : [];
  const kept = list.slice(0, max).map((r) => plainCopy(r, caps) as Reason);
  if (list.length > max) kept.push(reason(kept[kept.length - 1]?.code ?? 'INTERNAL_ERROR', { detail: `and ${list.length - max} more` }));
  return kept;
}

function keptPredicate(a: AttestationResult): unknown {
  if (!a.ok || a.predicate === null || a.predicate === undefined) return null;
  const p = plainCopy(a.predicate, NORMAL);
  return jsonLength(p) <= MAX_PREDICATE_JSON_CHARS ? p : null;
}

function boundAttestation(a: AttestationResult, caps: Caps, withDetails: boolean): AttestationResult {
  const copy = plainCopy({ ...a, predicate: null, certificate: null, reasons: [] }, caps) as AttestationResult;
  copy.ok = a.ok === true;
  copy.predicate = withDetails ? keptPredicate(a) : null;
  copy.certificate = withDetails ? (plainCopy(a.certificate, caps) as AttestationResult['certificate']) : null;
  copy.reasons = boundReasons(a.reasons, MAX_REASONS_PER_ATTESTATION, caps);
  return copy;
}

function boundOnce(v: Verdict, caps: Caps, withDetails: boolean): Verdict {
  const out: Verdict = {
    state: v.state,
    filename: String(v.filename).slice(0, 512),
    sha256: String(v.sha256).slice(0, 64),
    reasons: boundReasons(v.reasons, MAX_REASONS, caps),
    publisher: plainCopy(v.publisher, caps) as Verdict['publisher'],
    attestations: (Array.isArray(v.attestations) ? v.attestations : [])
      .slice(0, MAX_TOTAL_ATTESTATIONS)
      .map((a) => boundAttestation(a, caps, withDetails)),
    trustRootId: String(v.trustRootId).slice(0, 128),
    checkedAt: String(v.checkedAt).slice(0, 64),
  };
  for (const k of Object.keys(v) as (keyof Verdict)[]) {
    if (!(k in out)) (out as unknown as Record<string, unknown>)[k] = plainCopy(v[k], caps);
  }
  if (!withDetails)
    out.reasons.push(reason('VERDICT_DETAILS_OMITTED', { detail: `the full result is over ${MAX_VERDICT_JSON_CHARS} characters` }));
  return out;
}

/** Bound a verdict (see the file comment). `limit` is for tests. Never throws. */
export function boundVerdict(v: Verdict, limit = MAX_VERDICT_JSON_CHARS): Verdict {
  const steps: [Caps, boolean][] = [
    [NORMAL, true],
    [NORMAL, false],
    [TIGHT, false],
  ];
  for (const [caps, withDetails] of steps) {
    try {
      const out = boundOnce(v, caps, withDetails);
      if (jsonLength(out) <= limit) return out;
    } catch {
      /* next, stricter step */
    }
  }
  // Unreachable with the parser's caps; kept so the bound holds even if they change.
  return {
    state: v.state === 'verified' ? 'error' : v.state === 'failed' ? 'failed' : 'error',
    filename: String(v.filename).slice(0, 512),
    sha256: String(v.sha256).slice(0, 64),
    reasons: [reason('INTERNAL_ERROR', { detail: 'the result was too large to report' })],
    publisher: null,
    attestations: [],
    trustRootId: String(v.trustRootId).slice(0, 128),
    checkedAt: String(v.checkedAt).slice(0, 64),
  };
}
