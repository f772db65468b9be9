/**
 * The subset of Node's `Buffer` that the browser bundles use (the bundler aliases `buffer` to this
 * file, scripts/build-config.ts; src/shim/buffer-global.ts installs it as the global `Buffer`, which
 * @sigstore/* and @tufjs/models use). It replaces the `buffer` npm package (6.0.3): that one is the
 * whole Node API, 24.7 kB minified in the worker plus base64-js and ieee754 (≈27 kB); this is 4.3 kB.
 *
 * What the bundled code calls (sigstore-js, tuf-js, @tufjs/models, src/; listed by grepping their
 * sources, and enforced on the built worker by e2e/shipped-build.spec.ts, which fails on any call of
 * a Node Buffer method not implemented here):
 *   Buffer.from(string, 'utf8' | 'utf-8' | 'ascii' | 'latin1' | 'binary' | 'hex' | 'base64' | 'base64url')
 *   Buffer.from(number[] | Uint8Array | Buffer)          a copy
 *   Buffer.from(ArrayBuffer, byteOffset?, length?)       a view (shares the memory, like Node)
 *   Buffer.alloc(size, fill?: number), Buffer.concat(list, totalLength?), Buffer.isBuffer(value)
 *   buf.toString(encoding?, start?, end?), buf.equals(other), buf.copy(target, tStart?, sStart?, sEnd?),
 *   buf.readUInt32BE(offset?), buf.readBigInt64BE(offset?),
 *   buf.slice(start?, end?)   a view, like Node (Uint8Array's own slice copies), buf.toJSON()
 * and, inherited from Uint8Array: subarray (returns a Buffer, through Symbol.species), set, length…
 *
 * Each answers like Node's Buffer (test/shim/buffer.test.ts compares them with fast-check, including
 * the lenient decoders: base64 skips characters outside both alphabets and stops at '=', hex stops at
 * the first pair that is not two hex digits, utf8 replaces bad sequences with U+FFFD and keeps a BOM).
 * Deviations: any other encoding (utf16le/ucs2) throws `Unknown encoding`; `alloc` takes a numeric
 * fill only; methods not listed do not exist (a call is a TypeError, never a silent wrong answer).
 */
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_VALUE = new Int8Array(256).fill(-1);
for (let i = 0; i < 64; i++) B64_VALUE[B64.charCodeAt(i)] = i;
B64_VALUE[45] = 62; // '-' (base64url), accepted by Node's decoder in either mode
B64_VALUE[95] = 63; // '_'
const HEX: string[] = [];
for (let i = 0; i < 256; i++) HEX.push(i.toString(16).padStart(2, '0'));

function normalEncoding(encoding: string | undefined): string {
  const e = encoding === undefined ? 'utf8' : String(encoding).toLowerCase();
  if (e === 'utf-8') return 'utf8';
  if (e === 'binary') return 'latin1';
  if (['utf8', 'ascii', 'latin1', 'hex', 'base64', 'base64url'].includes(e)) return e;
  throw new TypeError(`Unknown encoding: ${String(encoding)}`);
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  c |= 0x20; // lower case
  return c >= 97 && c <= 102 ? c - 87 : -1;
}

function decode(s: string, encoding: string): Uint8Array {
  if (encoding === 'utf8') return encoder.encode(s);
  if (encoding === 'hex') {
    const out = new Uint8Array(s.length >>> 1);
    let n = 0;
    for (; n < out.length; n++) {
      const hi = hexValue(s.charCodeAt(2 * n) & 0xff); // Node reads the low byte of each UTF-16 unit
      const lo = hexValue(s.charCodeAt(2 * n + 1) & 0xff);
      if (hi < 0 || lo < 0) break;
      out[n] = hi * 16 + lo;
    }
    return out.subarray(0, n);
  }
  if (encoding === 'base64' || encoding === 'base64url') {
    const out = new Uint8Array((s.length * 3) >>> 2);
    let n = 0;
    let acc = 0;
    let bits = 0;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i) & 0xff; // like Node: the low byte of each UTF-16 unit
      if (c === 61) break; // '='
      const v = B64_VALUE[c]!;
      if (v < 0) continue;
      acc = ((acc << 6) | v) & 0xffffff;
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        out[n++] = acc >>> bits;
      }
    }
    return out.subarray(0, n);
  }
  const out = new Uint8Array(s.length); // ascii, latin1: one byte per UTF-16 unit
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

function encode(b: Uint8Array, encoding: string): string {
  if (encoding === 'utf8') return decoder.decode(b);
  let out = '';
  if (encoding === 'hex') {
    for (let i = 0; i < b.length; i++) out += HEX[b[i]!];
    return out;
  }
  if (encoding === 'base64' || encoding === 'base64url') {
    const abc = encoding === 'base64' ? B64 : B64.slice(0, 62) + '-_';
    let i = 0;
    for (; i + 2 < b.length; i += 3) {
      const v = (b[i]! << 16) | (b[i + 1]! << 8) | b[i + 2]!;
      out += abc[v >>> 18]! + abc[(v >>> 12) & 63]! + abc[(v >>> 6) & 63]! + abc[v & 63]!;
    }
    const rest = b.length - i;
    if (rest > 0) {
      const v = (b[i]! << 16) | (rest > 1 ? b[i + 1]! << 8 : 0);
      out += abc[v >>> 18]! + abc[(v >>> 12) & 63]! + (rest > 1 ? abc[(v >>> 6) & 63]! : '');
      if (encoding === 'base64') out += rest > 1 ? '=' : '==';
    }
    return out;
  }
  const mask = encoding === 'ascii' ? 0x7f : 0xff;
  for (let i = 0; i < b.length; i++) out += String.fromCharCode(b[i]! & mask);
  return out;
}

/** Node's clamping of (start, end) for toString. */
function clamp(v: number | undefined, len: number, dflt: number): number {
  if (v === undefined) return dflt;
  const n = Math.trunc(Number(v)) || 0;
  return n < 0 ? 0 : n > len ? len : n;
}

/** Node's handling of copy's arguments: integers kept; else NaN and non-safe numbers become 0, fractions are floored. */
function toInt(v: number | undefined, dflt: number): number {
  if (v === undefined) return dflt;
  const n = Number(v);
  if (Number.isInteger(n)) return n;
  return n >= -Number.MAX_SAFE_INTEGER && n <= Number.MAX_SAFE_INTEGER ? Math.floor(n) : 0;
}

export class Buffer extends Uint8Array {
  // Parameters typed `unknown`: Uint8Array.from's (arrayLike, mapfn) overloads must stay assignable.
  static override from(value: unknown, encodingOrOffset?: unknown, length?: unknown): Buffer {
    if (typeof value === 'string') {
      const bytes = decode(value, normalEncoding(encodingOrOffset as string | undefined));
      return new Buffer(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength);
    }
    if (value instanceof ArrayBuffer) {
      const offset = encodingOrOffset === undefined ? 0 : Number(encodingOrOffset);
      return new Buffer(value, offset, length === undefined ? value.byteLength - offset : Number(length));
    }
    if (value !== null && typeof value === 'object' && typeof (value as ArrayLike<number>).length === 'number') {
      const out = new Buffer((value as ArrayLike<number>).length);
      out.set(value as ArrayLike<number>);
      return out;
    }
    throw new TypeError(
      'The first argument must be of type string or an instance of Buffer, ArrayBuffer, or Array or an Array-like Object.',
    );
  }

  static isBuffer(value: unknown): value is Buffer {
    return value instanceof Buffer;
  }

  static alloc(size: number, fill?: number): Buffer {
    if (typeof size !== 'number' || !(size >= 0)) throw new RangeError(`The argument 'size' is invalid. Received ${String(size)}`);
    const out = new Buffer(size);
    if (fill !== undefined && fill !== 0) {
      if (typeof fill !== 'number') throw new TypeError('Buffer.alloc: only a numeric fill is supported');
      out.fill(fill & 255);
    }
    return out;
  }

  static concat(list: readonly Uint8Array[], totalLength?: number): Buffer {
    if (!Array.isArray(list)) throw new TypeError('The "list" argument must be an instance of Array.');
    if (list.length === 0) return new Buffer(0); // even with a totalLength, like Node
    for (const b of list)
      if (!(b instanceof Uint8Array)) throw new TypeError('The "list" argument must contain only Buffer or Uint8Array.');
    const total = totalLength === undefined ? list.reduce((a, b) => a + b.length, 0) : totalLength;
    const out = new Buffer(total);
    let pos = 0;
    for (const b of list) {
      if (pos >= total) break;
      out.set(b.length > total - pos ? b.subarray(0, total - pos) : b, pos);
      pos += b.length;
    }
    return out;
  }

  override toString(encoding?: string, start?: number, end?: number): string {
    const s = clamp(start, this.length, 0);
    const t = clamp(end, this.length, this.length);
    return t <= s ? '' : encode(this.subarray(s, t), normalEncoding(encoding)); // Node: '' before the encoding check
  }

  equals(other: Uint8Array): boolean {
    if (!(other instanceof Uint8Array)) throw new TypeError('The "otherBuffer" argument must be an instance of Buffer or Uint8Array.');
    if (other.length !== this.length) return false;
    for (let i = 0; i < this.length; i++) if (this[i] !== other[i]) return false;
    return true;
  }

  copy(target: Uint8Array, targetStart?: number, sourceStart?: number, sourceEnd?: number): number {
    const ts = toInt(targetStart, 0);
    const ss = toInt(sourceStart, 0);
    const se = toInt(sourceEnd, this.length);
    if (ts < 0 || ss < 0 || ss > this.length || se < 0) throw new RangeError('The value of an offset argument of copy() is out of range.');
    const n = Math.min(Math.min(se, this.length) - ss, target.length - ts);
    if (n <= 0) return 0;
    target.set(this.subarray(ss, ss + n), ts);
    return n;
  }

  readUInt32BE(offset = 0): number {
    return new DataView(this.buffer, this.byteOffset, this.byteLength).getUint32(checkOffset(offset, 4, this.length));
  }

  readBigInt64BE(offset = 0): bigint {
    return new DataView(this.buffer, this.byteOffset, this.byteLength).getBigInt64(checkOffset(offset, 8, this.length));
  }

  /** What JSON.stringify writes for a Buffer in Node. */
  toJSON(): { type: 'Buffer'; data: number[] } {
    return { type: 'Buffer', data: Array.from(this) };
  }

  /** Node's Buffer#slice is a view of the same memory (Uint8Array's own slice copies). */
  override slice(start?: number, end?: number): Buffer {
    return this.subarray(start, end);
  }

  override subarray(start?: number, end?: number): Buffer {
    return super.subarray(start, end) as Buffer;
  }
}

/** Node throws a RangeError for an offset that is not an integer or leaves too few bytes. */
function checkOffset(offset: number, size: number, length: number): number {
  if (typeof offset !== 'number' || !Number.isInteger(offset) || offset < 0 || offset + size > length) {
    throw new RangeError(`The value of "offset" is out of range. Received ${String(offset)}`);
  }
  return offset;
}

export default { Buffer };
