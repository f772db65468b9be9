/**
 * A behaviour-identical, exception-free `ASN1Obj.parseBuffer` for @sigstore/core.
 *
 * The original tries to parse the content of every OCTET STRING as nested DER and, when that
 * fails, catches the exception and keeps the OCTET STRING primitive. A certificate has several
 * such OCTET STRINGs that are not DER (the SCT list, Fulcio's raw extensions, key identifiers'
 * inner bytes …), and every certificate, timestamp and SCT check parses again: creating those
 * Error objects (with their stack traces) was ≈13% of the worker's warm verification profile.
 *
 * This version runs the same algorithm with failures as return values: the same checks in the
 * same order (depth > 100, tag byte, length rules, reads past the end of the buffer, children that
 * do not end exactly at their parent's end, trailing data), the same result tree (`ASN1Obj` and
 * `ASN1Tag` instances of @sigstore/core; every `value` a subarray of ONE copy of the input, as
 * the original's ByteStream makes), and for input the original rejects, an error of the same class
 * with the same message. Proven identical by test/shim/asn1-lean-parse.test.ts (every DER
 * structure of the fixtures, every sub-structure, and bit flips / truncations / random bytes).
 *
 * `installLeanParse()` replaces the static method once (idempotent); `ORIGINAL_PARSE_BUFFER` keeps
 * the original for the differential tests.
 */
import { ASN1Obj } from '@sigstore/core';
import { Buffer } from 'buffer';

type Ctor = new (...a: never[]) => Error;
interface TagLike {
  number: number;
  constructed: boolean;
  class: number;
}

const MAX_DEPTH = 100; // @sigstore/core asn1/obj.js

/** A failure: which error the original would throw (class, message). */
interface Fail {
  fail: Ctor;
  message: string;
}
const isFail = (x: unknown): x is Fail => typeof x === 'object' && x !== null && 'fail' in x;

interface Classes {
  Tag: new (enc: number) => TagLike;
  ParseError: Ctor;
  StreamError: Ctor;
}

/** @sigstore/core does not export ASN1Tag, ASN1ParseError or its StreamError: take them from the original. */
function classesFrom(parse: (b: Buffer) => ASN1Obj): Classes {
  const Tag = (parse(Buffer.from([0x05, 0x00])) as unknown as { tag: { constructor: Classes['Tag'] } }).tag.constructor;
  const thrown = (bytes: number[]): Ctor => {
    try {
      parse(Buffer.from(bytes));
    } catch (e) {
      return (e as Error).constructor as Ctor;
    }
    throw new Error('asn1-lean-parse: the original parser accepted malformed input');
  };
  return { Tag, ParseError: thrown([0x05, 0x00, 0x00]), StreamError: thrown([0x04, 0x05, 0x00]) };
}

class Parser {
  pos = 0;
  constructor(
    readonly view: Buffer,
    private readonly k: Classes,
  ) {}

  private parseError(message: string): Fail {
    return { fail: this.k.ParseError, message };
  }

  /** ByteStream.getUint8: past the end, a plain Error. */
  private byte(): number | Fail {
    if (this.pos + 1 > this.view.length) return { fail: Error, message: 'request past end of buffer' };
    return this.view[this.pos++]!;
  }

  private length(): number | Fail {
    const first = this.byte();
    if (isFail(first)) return first;
    if ((first & 0x80) === 0) return first;
    const count = first & 0x7f;
    if (count > 6) return this.parseError('length exceeds 6 byte limit');
    let len = 0;
    for (let i = 0; i < count; i++) {
      const b = this.byte();
      if (isFail(b)) return b;
      if (i === 0 && b === 0x00) return this.parseError('non-minimal length encoding');
      len = len * 256 + b;
    }
    if (len === 0) return this.parseError('indefinite length encoding not supported');
    if (len < 128) return this.parseError('non-minimal length encoding');
    return len;
  }

  /** parseStream of the original. */
  parse(depth: number): ASN1Obj | Fail {
    if (depth > MAX_DEPTH) return this.parseError('maximum nesting depth exceeded');
    const enc = this.byte();
    if (isFail(enc)) return enc;
    const number = enc & 0x1f;
    const cls = enc >> 6;
    if (number === 0x1f) return this.parseError('long form tags not supported');
    if (cls === 0 && number === 0) return this.parseError('unsupported tag 0x00');
    const tag = new this.k.Tag(enc);
    const len = this.length();
    if (isFail(len)) return len;
    const start = this.pos;
    if (start + len > this.view.length) return { fail: this.k.StreamError, message: 'request past end of buffer' };
    const value = this.view.subarray(start, start + len);
    let subs: ASN1Obj[] = [];
    if (tag.constructed) {
      const r = this.children(len, depth);
      if (isFail(r)) return r;
      subs = r;
    } else if (cls === 0 && number === 0x04) {
      // OCTET STRING: children if its content parses, else primitive (the original's try/catch)
      const r = this.children(len, depth);
      if (!isFail(r)) subs = r;
    }
    if (subs.length === 0) this.pos = start + len;
    return new ASN1Obj(tag as never, value, subs);
  }

  /** collectSubs of the original (called with pos at the content's start). */
  private children(len: number, depth: number): ASN1Obj[] | Fail {
    const end = this.pos + len;
    if (end > this.view.length) return this.parseError('invalid length');
    const subs: ASN1Obj[] = [];
    while (this.pos < end) {
      const sub = this.parse(depth + 1);
      if (isFail(sub)) return sub;
      subs.push(sub);
    }
    if (this.pos !== end) return this.parseError('invalid length');
    return subs;
  }
}

/** The lean parser, given the error/tag classes. Throws exactly where the original throws. */
export function leanParseBuffer(buf: Uint8Array, k: Classes): ASN1Obj {
  // new ByteStream(buf): one copy of the input, every value a subarray of it
  const p = new Parser(Buffer.from(buf), k);
  const obj = p.parse(0);
  if (isFail(obj)) throw new obj.fail(obj.message as never);
  if (p.pos !== p.view.length) throw new k.ParseError('invalid trailing data' as never);
  return obj;
}

const statics = ASN1Obj as unknown as { parseBuffer(buf: Uint8Array): ASN1Obj; __leanParse?: true };
export const ORIGINAL_PARSE_BUFFER: (buf: Uint8Array) => ASN1Obj = statics.__leanParse ? (undefined as never) : statics.parseBuffer;
let classes: Classes | null = null;
export function leanClasses(): Classes {
  return (classes ??= classesFrom((b) => ORIGINAL_PARSE_BUFFER.call(ASN1Obj, b)));
}

export function installLeanParse(): void {
  if (statics.__leanParse) return;
  const k = leanClasses();
  statics.parseBuffer = function parseBuffer(buf: Uint8Array): ASN1Obj {
    return leanParseBuffer(buf, k);
  };
  statics.__leanParse = true;
}
