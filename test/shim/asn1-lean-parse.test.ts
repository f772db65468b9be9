/**
 * The exception-free ASN1Obj.parseBuffer (src/shim/asn1-lean-parse.ts) must behave exactly like
 * @sigstore/core's: the same tree (tag fields, value bytes, children, values as subarrays of one
 * copy of the input) for what it accepts, an error of the same class with the same message for
 * what it rejects. Differential, against the original kept as ORIGINAL_PARSE_BUFFER: every DER
 * structure in the fixtures (certificates, chains, timestamps, keys, signatures) and every
 * sub-structure's bytes; each with bit flips, truncations, extensions and byte substitutions at
 * every kind of position; random byte strings; deep nesting around the depth limit.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ASN1Obj, X509Certificate } from '@sigstore/core';
import { fixtureDer, type Bytes } from './der-corpus';
import { installLeanParse, leanClasses, leanParseBuffer, ORIGINAL_PARSE_BUFFER } from '../../src/shim/asn1-lean-parse';

const corpus = fixtureDer;

interface N {
  tag: { number: number; constructed: boolean; class: number };
  value: Uint8Array;
  subs: N[];
}
/** A comparable picture of a parse: the tree (with value offsets into the root's buffer) or the error. */
function outcome(parse: (b: Bytes) => ASN1Obj, given: Bytes): unknown {
  const input = Buffer.from(given) as Bytes; // the parse may keep views of it: the caller's bytes stay untouched
  let obj: N;
  try {
    obj = parse(input) as unknown as N;
  } catch (e) {
    return { error: (e as Error).constructor.name, message: (e as Error).message, isParseError: e instanceof leanClasses().ParseError };
  }
  const base = obj.value;
  const pic = (n: N): unknown => ({
    tag: [n.tag.number, n.tag.constructed, n.tag.class, n.tag.constructor.name],
    value: Buffer.from(n.value).toString('hex'),
    shared: n.value.buffer === base.buffer, // one copy for the whole tree
    offset: n.value.byteOffset - base.byteOffset,
    isBuffer: Buffer.isBuffer(n.value),
    subs: n.subs.map(pic),
    cls: (n as object).constructor === ASN1Obj,
  });
  const before = pic(obj);
  input.fill(0xaa); // values are views of a copy, not of the input
  return { tree: before, independent: JSON.stringify(pic(obj)) === JSON.stringify(before) };
}

const original = (b: Bytes) => ORIGINAL_PARSE_BUFFER.call(ASN1Obj, b);
const lean = (b: Bytes) => leanParseBuffer(b, leanClasses());
function same(input: Bytes): void {
  expect(outcome(lean, input), input.toString('hex').slice(0, 80)).toEqual(outcome(original, input));
}

const ALL = corpus();

function subStructures(der: Bytes): Bytes[] {
  const out: Bytes[] = [];
  try {
    const walk = (n: N) => {
      out.push(Buffer.from((n as unknown as ASN1Obj).toDER()) as Bytes);
      n.subs.forEach(walk);
    };
    walk(original(der) as unknown as N);
  } catch {
    // not ASN.1: the whole input still counts
  }
  return out;
}

describe('lean parseBuffer behaves exactly like @sigstore/core', () => {
  it('a meaningful corpus: > 100 structures, > 30 certificates', () => {
    expect(ALL.length).toBeGreaterThan(100);
    expect(
      ALL.filter((d) => {
        try {
          X509Certificate.parse(d);
          return true;
        } catch {
          return false;
        }
      }).length,
    ).toBeGreaterThan(30);
  });

  it('every fixture structure and every sub-structure: same tree', () => {
    let n = 0;
    for (const der of ALL) {
      same(der);
      for (const s of subStructures(der)) {
        same(s);
        n++;
      }
    }
    expect(n).toBeGreaterThan(5000);
  });

  it('mutations of real DER (bit flips, truncation, extension, byte substitution): same tree or same error', () => {
    let errors = 0;
    const specials = [0x00, 0x04, 0x1f, 0x20, 0x24, 0x30, 0x7f, 0x80, 0x81, 0x82, 0x86, 0x87, 0xff];
    for (const der of ALL.slice(0, 60)) {
      const at = [0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 15, 20, 40, der.length >> 2, der.length >> 1, der.length - 3, der.length - 1];
      for (const i of at.filter((x) => x >= 0 && x < der.length)) {
        for (const v of [...specials, der[i]! ^ 0x01, der[i]! ^ 0x80]) {
          const m = Buffer.from(der) as Bytes;
          m[i] = v;
          same(m);
        }
      }
      for (const cut of [1, 2, 3, der.length >> 1, der.length - 1]) same(der.subarray(0, cut) as Bytes);
      same(Buffer.concat([der, Buffer.from([0x00])]) as Bytes);
      same(Buffer.concat([der, Buffer.from([0x05, 0x00])]) as Bytes);
      try {
        lean(der.subarray(0, der.length - 1) as Bytes);
      } catch {
        errors++;
      }
    }
    expect(errors).toBeGreaterThan(50);
  });

  it('random bytes and random DER-ish trees', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 64 }), (u) => {
        same(Buffer.from(u) as Bytes);
      }),
      { numRuns: 3000 },
    );
    // OCTET STRINGs whose content is, or almost is, DER
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 40 }), fc.constantFrom(0x04, 0x24, 0x30, 0xa0), (u, tag) => {
        same(Buffer.from([0x30, u.length + 2, tag, u.length, ...u]) as Bytes);
      }),
      { numRuns: 3000 },
    );
  });

  it('nesting depth: 100 levels parse, 101 fail the same way, inside and outside OCTET STRINGs', () => {
    const nest = (levels: number, tag: number): Bytes => {
      let b = Buffer.from([0x05, 0x00]);
      for (let i = 0; i < levels; i++) {
        const len = b.length < 128 ? [b.length] : b.length < 256 ? [0x81, b.length] : [0x82, b.length >> 8, b.length & 255];
        b = Buffer.concat([Buffer.from([tag, ...len]), b]);
      }
      return b as Bytes;
    };
    for (const levels of [99, 100, 101, 102]) for (const tag of [0x30, 0x04]) same(nest(levels, tag));
    expect(() => lean(nest(101, 0x30))).toThrow('maximum nesting depth exceeded');
  });

  it('installLeanParse replaces ASN1Obj.parseBuffer (idempotent) and certificates still parse the same', () => {
    installLeanParse();
    installLeanParse();
    expect(ASN1Obj.parseBuffer).not.toBe(ORIGINAL_PARSE_BUFFER);
    for (const der of ALL.slice(0, 20)) same(der);
    const certs = ALL.filter((d) => {
      try {
        X509Certificate.parse(d);
        return true;
      } catch {
        return false;
      }
    });
    expect(certs.length).toBeGreaterThan(30);
  });
});
