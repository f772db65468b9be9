/**
 * The one bounded JSON decoder for attacker-controlled bytes (the provenance, the in-toto
 * statement, the Rekor entry body). Every such JSON passes depth, node-count and string-length
 * limits here before any other code (ours, @sigstore/verify, JSON.stringify, structuredClone)
 * walks it: deep nesting would otherwise overflow the stack of every recursive walker after us.
 *
 * The text is scanned for nesting depth before JSON.parse (so no engine builds a deep value),
 * then the parsed value is walked without recursion for the node count and string lengths.
 */

export interface JsonLimits {
  /** Deepest nesting of arrays/objects (the top-level value is depth 0). */
  maxDepth: number;
  /** Most JSON values (objects, arrays, scalars; object keys not counted). */
  maxNodes: number;
  /** Longest string value or object key, in UTF-16 code units. */
  maxStringLength: number;
}

/**
 * Limits of the small signed JSON documents inside an attestation: the in-toto statement (and so
 * its predicate) and the Rekor entry body. Real ones stay under 8 levels, 200 values and 8 KiB
 * strings; PyPI's publish/v1 predicate is null or {}.
 */
export const SIGNED_DOCUMENT_LIMITS: JsonLimits = { maxDepth: 32, maxNodes: 10_000, maxStringLength: 64 * 1024 };

/** Which limit a value broke: callers map it to their own reason code. */
export type JsonProblem = 'not-json' | 'too-deep' | 'too-many-nodes' | 'string-too-long';

export type BoundedJsonResult = { ok: true; value: unknown } | { ok: false; problem: JsonProblem; detail: string };

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Deepest bracket nesting of a JSON text (strings skipped); stops counting once over `limit`. */
export function textDepthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > limit) return true;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) depth--;
  }
  return false;
}

/** The first limit an already-parsed value breaks, or null. Iterative: safe on any depth. */
export function checkJsonShape(root: unknown, limits: JsonLimits): { problem: JsonProblem; detail: string } | null {
  const stack: { v: unknown; d: number }[] = [{ v: root, d: 0 }];
  let nodes = 0;
  while (stack.length > 0) {
    const { v, d } = stack.pop()!;
    if (++nodes > limits.maxNodes) return { problem: 'too-many-nodes', detail: `more than ${limits.maxNodes} JSON values` };
    if (typeof v === 'string') {
      if (v.length > limits.maxStringLength)
        return { problem: 'string-too-long', detail: `a string longer than ${limits.maxStringLength} characters` };
      continue;
    }
    if (typeof v !== 'object' || v === null) continue;
    if (d + 1 > limits.maxDepth) return { problem: 'too-deep', detail: `nested deeper than ${limits.maxDepth} levels` };
    if (Array.isArray(v)) {
      for (const x of v) stack.push({ v: x, d: d + 1 });
      continue;
    }
    for (const k of Object.keys(v)) {
      if (k.length > limits.maxStringLength)
        return { problem: 'string-too-long', detail: `an object key longer than ${limits.maxStringLength} characters` };
      stack.push({ v: (v as Record<string, unknown>)[k], d: d + 1 });
    }
  }
  return null;
}

/** Parse JSON text within `limits`. Never throws. */
export function parseBoundedJson(text: string, limits: JsonLimits): BoundedJsonResult {
  if (textDepthExceeds(text, limits.maxDepth))
    return { ok: false, problem: 'too-deep', detail: `nested deeper than ${limits.maxDepth} levels` };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, problem: 'not-json', detail: String((e as Error)?.message ?? e) };
  }
  const bad = checkJsonShape(value, limits);
  return bad ? { ok: false, ...bad } : { ok: true, value };
}

/** parseBoundedJson of UTF-8 bytes (invalid UTF-8 is 'not-json'). Never throws. */
export function parseBoundedJsonBytes(bytes: Uint8Array, limits: JsonLimits): BoundedJsonResult {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (e) {
    return { ok: false, problem: 'not-json', detail: `not UTF-8: ${String((e as Error)?.message ?? e)}` };
  }
  return parseBoundedJson(text, limits);
}
