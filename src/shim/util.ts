/**
 * Browser stand-in for the one function of Node's `util` that @sigstore/verify uses:
 * `isDeepStrictEqual` (to find duplicate timestamps: objects holding Dates, strings, Buffers).
 *
 * Covers primitives (Object.is), Dates, typed arrays / Buffers / DataViews (byte equality and
 * same type), arrays, Maps, Sets (by strict key identity, deviation: Node compares Set members
 * and Map keys deeply), and plain objects/class instances (same prototype, same own enumerable
 * string and symbol keys, values deeply equal). Cycles are not supported (deviation).
 */
export function isDeepStrictEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (Object.prototype.toString.call(a) !== Object.prototype.toString.call(b)) return false;

  if (a instanceof Date) return Object.is(a.getTime(), (b as Date).getTime()) && ownKeysEqual(a, b);
  if (a instanceof RegExp) return String(a) === String(b) && a.lastIndex === (b as RegExp).lastIndex;
  if (ArrayBuffer.isView(a)) {
    const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    const bv = b as ArrayBufferView;
    const y = new Uint8Array(bv.buffer, bv.byteOffset, bv.byteLength);
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
    // Index keys are compared via bytes above; compare any extra own properties.
    return ownKeysEqual(a, b, (k) => !/^\d+$/.test(k));
  }
  if (a instanceof Map) {
    const m = b as Map<unknown, unknown>;
    if (a.size !== m.size) return false;
    for (const [k, v] of a) if (!m.has(k) || !isDeepStrictEqual(v, m.get(k))) return false;
    return true;
  }
  if (a instanceof Set) {
    const s = b as Set<unknown>;
    if (a.size !== s.size) return false;
    for (const v of a) if (!s.has(v)) return false;
    return true;
  }
  if (Array.isArray(a) && a.length !== (b as unknown[]).length) return false;
  return ownKeysEqual(a, b);
}

function ownKeysEqual(a: object, b: object, keep: (k: string) => boolean = () => true): boolean {
  const keysOf = (o: object) => [
    ...Object.keys(o).filter(keep),
    ...Object.getOwnPropertySymbols(o).filter((s) => Object.prototype.propertyIsEnumerable.call(o, s)),
  ];
  const ka = keysOf(a);
  const kb = keysOf(b);
  if (ka.length !== kb.length) return false;
  for (const k of ka) {
    if (!Object.prototype.propertyIsEnumerable.call(b, k)) return false;
    if (!isDeepStrictEqual((a as Record<PropertyKey, unknown>)[k], (b as Record<PropertyKey, unknown>)[k])) return false;
  }
  return true;
}

export default { isDeepStrictEqual };
