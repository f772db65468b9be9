/**
 * src/shim/buffer.ts against Node's own Buffer (the global here): every method the shim implements,
 * on generated inputs (fast-check), must give the same bytes / string / number / exception, and the
 * Node semantics that a Uint8Array does not have (slice and subarray are views, from(ArrayBuffer)
 * shares memory, from(Uint8Array) copies) must hold. The built worker calls nothing else
 * (e2e/shipped-build.spec.ts checks the built bundle for other Buffer method names).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Buffer as Shim } from '../../src/shim/buffer';

const NodeBuffer = globalThis.Buffer;
const ENCODINGS: BufferEncoding[] = ['utf8', 'utf-8', 'UTF8' as BufferEncoding, 'ascii', 'latin1', 'binary', 'hex', 'base64', 'base64url'];
const bytes = (b: Uint8Array) => Array.from(b);

/** Same result, or both throw (a RangeError / TypeError alike). */
function same<T>(f: () => T, g: () => T): void {
  let a: { ok: true; v: T } | { ok: false; e: unknown };
  let b: typeof a;
  try {
    a = { ok: true, v: f() };
  } catch (e) {
    a = { ok: false, e };
  }
  try {
    b = { ok: true, v: g() };
  } catch (e) {
    b = { ok: false, e };
  }
  expect(a.ok, `node ${a.ok ? 'returned' : 'threw'}, shim ${b.ok ? 'returned' : 'threw'}`).toBe(b.ok);
  if (a.ok && b.ok) expect(b.v).toEqual(a.v);
  if (!a.ok && !b.ok) expect((b.e as Error).constructor).toBe((a.e as Error).constructor);
}

const base64ish = fc.string({
  unit: fc.constantFrom(
    ...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_=',
    ' ',
    '\n',
    '\t',
    '!',
    '.',
    'é',
    '\u{1F600}',
  ),
  maxLength: 40,
});
const hexish = fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEFgGz', ' ', '-', 'é'), maxLength: 20 });
// Node reads the low byte of each UTF-16 unit in hex/base64 ('\u0161' counts as 'a'): units above 0xff.
const wide = fc.string({ unit: fc.constantFrom('\u0161', '\u0141', '\u012b', '\u{1F62B}', 'A', '0', '='), maxLength: 12 });
const anyString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  base64ish,
  hexish,
  wide,
);
const byteArrays = fc.uint8Array({ maxLength: 64 });
const index = (len: number) => fc.option(fc.integer({ min: -3, max: len + 3 }), { nil: undefined });

describe('Buffer shim vs Node Buffer (fast-check)', () => {
  it('from(string, encoding) gives the same bytes for every encoding, also for malformed input', () => {
    fc.assert(
      fc.property(anyString, fc.constantFrom(...ENCODINGS, undefined), (s, enc) => {
        const shim = Shim.from(s, enc);
        expect(shim).toBeInstanceOf(Shim);
        expect(bytes(shim)).toEqual(bytes(NodeBuffer.from(s, enc)));
      }),
      { numRuns: 20_000 },
    );
  });

  it('toString with an unknown encoding: throws, except for an empty range (like Node)', () => {
    same(
      () => NodeBuffer.from([1]).toString('nope' as BufferEncoding),
      () => Shim.from([1]).toString('nope'),
    );
    same(
      () => NodeBuffer.from([]).toString('nope' as BufferEncoding),
      () => Shim.from([]).toString('nope'),
    );
  });

  it('toString(encoding, start, end) gives the same string (bad UTF-8, a BOM, every byte)', () => {
    const withBom = fc.tuple(fc.boolean(), byteArrays).map(([bom, b]) => (bom ? Uint8Array.from([0xef, 0xbb, 0xbf, ...b]) : b));
    fc.assert(
      fc.property(
        withBom.chain((b) => fc.tuple(fc.constant(b), index(b.length), index(b.length))),
        fc.constantFrom(...ENCODINGS, undefined),
        ([b, start, end], enc) => {
          expect(Shim.from(b).toString(enc, start, end)).toBe(NodeBuffer.from(b).toString(enc, start, end));
        },
      ),
      { numRuns: 20_000 },
    );
  });

  it('round-trips: from(toString(enc), enc) for hex, base64, base64url, latin1', () => {
    fc.assert(
      fc.property(byteArrays, fc.constantFrom('hex', 'base64', 'base64url', 'latin1'), (b, enc) => {
        expect(bytes(Shim.from(Shim.from(b).toString(enc), enc))).toEqual(bytes(b));
      }),
    );
  });

  it('from(array of numbers) truncates like Node; from(Uint8Array) copies', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: -600, max: 600 }), fc.double({ noNaN: false })), { maxLength: 20 }), (a) => {
        expect(bytes(Shim.from(a))).toEqual(bytes(NodeBuffer.from(a)));
      }),
    );
    const src = Uint8Array.from([1, 2, 3]);
    const copy = Shim.from(src);
    src[0] = 9;
    expect(bytes(copy)).toEqual([1, 2, 3]);
    const fromBuf = Shim.from(copy);
    copy[1] = 7;
    expect(bytes(fromBuf)).toEqual([1, 2, 3]);
  });

  it('from(ArrayBuffer, offset, length) is a view of the same memory, like Node', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 32 }).chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 0, max: n }))),
        ([n, off]) => {
          const ab = new ArrayBuffer(n);
          const len = n - off;
          same(
            () => bytes(NodeBuffer.from(ab, off, len)),
            () => bytes(Shim.from(ab, off, len)),
          );
          const view = Shim.from(ab, off);
          if (view.length > 0) {
            view[0] = 0xaa;
            expect(new Uint8Array(ab)[off]).toBe(0xaa);
          }
        },
      ),
    );
  });

  it('alloc(size, fill) and concat(list, totalLength) give the same bytes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), fc.option(fc.integer({ min: -300, max: 300 }), { nil: undefined }), (n, fill) => {
        const s = Shim.alloc(n, fill);
        expect(s).toBeInstanceOf(Shim);
        expect(bytes(s)).toEqual(bytes(NodeBuffer.alloc(n, fill)));
      }),
    );
    fc.assert(
      fc.property(
        fc
          .array(byteArrays, { maxLength: 5 })
          .chain((l) =>
            fc.tuple(fc.constant(l), fc.option(fc.integer({ min: 0, max: l.reduce((a, b) => a + b.length, 0) + 5 }), { nil: undefined })),
          ),
        ([list, total]) => {
          const s = Shim.concat(list, total);
          expect(s).toBeInstanceOf(Shim);
          expect(bytes(s)).toEqual(bytes(NodeBuffer.concat(list, total)));
        },
      ),
    );
    same(
      () => NodeBuffer.alloc(-1),
      () => Shim.alloc(-1),
    );
  });

  it('equals answers like Node', () => {
    fc.assert(
      fc.property(byteArrays, byteArrays, fc.boolean(), (a, b, sameBytes) => {
        const other = sameBytes ? Uint8Array.from(a) : b;
        expect(Shim.from(a).equals(other)).toBe(NodeBuffer.from(a).equals(other));
        expect(Shim.from(a).equals(Shim.from(other))).toBe(NodeBuffer.from(a).equals(other));
      }),
    );
    expect(() => Shim.from([1]).equals('x' as never)).toThrow(TypeError);
  });

  it('copy(target, targetStart, sourceStart, sourceEnd): same count and bytes, also within one buffer', () => {
    fc.assert(
      fc.property(
        byteArrays,
        fc.integer({ min: 0, max: 40 }),
        fc.option(fc.oneof(fc.integer({ min: -2, max: 70 }), fc.double()), { nil: undefined }),
        fc.option(fc.oneof(fc.integer({ min: -2, max: 70 }), fc.double()), { nil: undefined }),
        fc.option(fc.oneof(fc.integer({ min: -2, max: 70 }), fc.double()), { nil: undefined }),
        fc.boolean(),
        (src, tLen, ts, ss, se, selfCopy) => {
          const n = NodeBuffer.from(src);
          const s = Shim.from(src);
          const nt = selfCopy ? n : NodeBuffer.alloc(tLen, 1);
          const st = selfCopy ? s : Shim.alloc(tLen, 1);
          same(
            () => n.copy(nt, ts, ss, se),
            () => s.copy(st, ts, ss, se),
          );
          expect(bytes(st)).toEqual(bytes(nt));
        },
      ),
    );
  });

  it('readUInt32BE / readBigInt64BE read the same numbers and throw for the same offsets', () => {
    fc.assert(
      fc.property(
        byteArrays.chain((b) => fc.tuple(fc.constant(b), fc.option(fc.integer({ min: -2, max: b.length + 2 }), { nil: undefined }))),
        ([b, off]) => {
          const n = NodeBuffer.from(b);
          const s = Shim.from(b);
          same(
            () => n.readUInt32BE(off),
            () => s.readUInt32BE(off),
          );
          same(
            () => n.readBigInt64BE(off),
            () => s.readBigInt64BE(off),
          );
        },
      ),
    );
    same(
      () => NodeBuffer.alloc(8).readUInt32BE(1.5),
      () => Shim.alloc(8).readUInt32BE(1.5),
    );
  });

  it('slice and subarray are views (writes show through, like Node) and are Buffers', () => {
    fc.assert(
      fc.property(
        byteArrays.chain((b) => fc.tuple(fc.constant(b), index(b.length), index(b.length))),
        ([b, start, end]) => {
          const n = NodeBuffer.from(b);
          const s = Shim.from(b);
          for (const m of ['slice', 'subarray'] as const) {
            const sv = s[m](start, end);
            const nv = n[m](start, end);
            expect(sv).toBeInstanceOf(Shim);
            expect(bytes(sv)).toEqual(bytes(nv));
            if (sv.length > 0) {
              sv[0] = (sv[0]! + 1) & 255;
              nv[0] = (nv[0]! + 1) & 255;
              expect(bytes(s)).toEqual(bytes(n));
              expect(sv.toString('hex')).toBe(nv.toString('hex'));
            }
          }
        },
      ),
    );
  });

  it("isBuffer: true for the shim's Buffers (also views), false for a plain Uint8Array and others", () => {
    expect(Shim.isBuffer(Shim.from([1]))).toBe(true);
    expect(Shim.isBuffer(Shim.from([1, 2]).subarray(1))).toBe(true);
    for (const v of [new Uint8Array(1), [1], 'x', null, undefined, new ArrayBuffer(1)]) {
      expect(Shim.isBuffer(v)).toBe(false);
      expect(NodeBuffer.isBuffer(v)).toBe(false);
    }
  });

  it('JSON.stringify gives the same text', () => {
    fc.assert(fc.property(byteArrays, (b) => JSON.stringify({ b: Shim.from(b) }) === JSON.stringify({ b: NodeBuffer.from(b) })));
  });

  it('an encoding it does not implement throws instead of answering (Node knows utf16le)', () => {
    expect(() => Shim.from('ab', 'utf16le')).toThrow(/Unknown encoding/);
    expect(() => Shim.from([1, 2]).toString('ucs2')).toThrow(/Unknown encoding/);
    expect(() => Shim.from('ab', 'nope')).toThrow(/Unknown encoding/);
    expect(() => NodeBuffer.from('ab', 'nope' as BufferEncoding)).toThrow(/Unknown encoding/);
    expect(() => Shim.from(42 as never)).toThrow(TypeError);
  });
});
