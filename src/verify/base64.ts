/**
 * Strict base64 (RFC 4648 standard alphabet): correct padding, no whitespace, canonical trailing
 * bits (re-encoding gives back exactly the input). Pure TS, no Buffer needed.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const LOOKUP = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i;

const STRICT_RE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * The engine's own base64 (`Uint8Array.fromBase64` / `toBase64`: Chromium ≥ 140, Firefox ≥ 133), or
 * null. Native code costs the same in a fresh service worker as later; the loops below run
 * interpreted there, on every certificate, statement and log entry of the first verification. Used
 * only on input that STRICT_RE has already accepted (the native decoder would also skip ASCII
 * whitespace), so both paths give the same bytes (test/verify/base64.test.ts).
 */
interface NativeBase64 {
  fromBase64(s: string, o: { lastChunkHandling: 'strict' | 'loose' }): Uint8Array;
}
const native: NativeBase64 | null =
  typeof (Uint8Array as unknown as Partial<NativeBase64>).fromBase64 === 'function' &&
  typeof (Uint8Array.prototype as { toBase64?: unknown }).toBase64 === 'function'
    ? (Uint8Array as unknown as NativeBase64)
    : null;

/** For tests: run `fn` with the engine's base64 turned off (the pure-TS loops). */
let nativeOff = false;
export function withoutNativeBase64<T>(fn: () => T): T {
  nativeOff = true;
  try {
    return fn();
  } finally {
    nativeOff = false;
  }
}
const nativeB64 = (): NativeBase64 | null => (nativeOff ? null : native);

export function encodeBase64(bytes: Uint8Array): string {
  if (nativeB64()) return (bytes as Uint8Array & { toBase64(): string }).toBase64();
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += ALPHABET[(n >> 18) & 63]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + ALPHABET[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += ALPHABET[(n >> 18) & 63]! + ALPHABET[(n >> 12) & 63]! + '==';
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += ALPHABET[(n >> 18) & 63]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + '=';
  }
  return out;
}

/** Decode strict base64; returns null for anything that is not canonical standard base64. */
export function decodeBase64Strict(s: string): Uint8Array | null {
  if (typeof s !== 'string' || s.length % 4 !== 0 || !STRICT_RE.test(s)) return null;
  const pad = s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0;
  // Canonical: non-zero unused bits would make two encodings of the same bytes. Only the group
  // before the padding has unused bits (4 with '==', 2 with '=').
  if (pad > 0 && LOOKUP[s.charCodeAt(s.length - 1 - pad)]! & (pad === 2 ? 0x0f : 0x03)) return null;
  const n = nativeB64();
  if (n) {
    try {
      const bytes = n.fromBase64(s, { lastChunkHandling: 'strict' });
      return bytes.length === (s.length / 4) * 3 - pad ? bytes : null;
    } catch {
      return null;
    }
  }
  const out = new Uint8Array((s.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < s.length; i += 4) {
    const a = LOOKUP[s.charCodeAt(i)]!;
    const b = LOOKUP[s.charCodeAt(i + 1)]!;
    const c = s[i + 2] === '=' ? 0 : LOOKUP[s.charCodeAt(i + 2)]!;
    const d = s[i + 3] === '=' ? 0 : LOOKUP[s.charCodeAt(i + 3)]!;
    const n = (a << 18) | (b << 12) | (c << 6) | d;
    if (o < out.length) out[o++] = (n >> 16) & 255;
    if (o < out.length) out[o++] = (n >> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  return out;
}

/**
 * Decode base64 the way pydantic's `Base64Bytes` does (pydantic ≥ 2.10: `base64.b64decode(data)`
 * with `validate=False`, i.e. CPython's `binascii.a2b_base64` in non-strict mode), which is what
 * pypi-attestations uses for the attestation's certificate, statement and signature:
 *  - characters outside the standard alphabet (newlines, spaces, anything else) are skipped;
 *  - a pad that completes a group of four ends the input (whatever follows is ignored); pads
 *    elsewhere are skipped;
 *  - the unused low bits of the last group are ignored;
 *  - a final incomplete group is an error ("Incorrect padding").
 * Returns null where Python raises. The bytes are what the signature and the log check; callers
 * re-encode them canonically before passing them on.
 */
export function decodeBase64Lenient(s: string): Uint8Array | null {
  if (typeof s !== 'string') return null;
  // The usual case, one line of padded standard base64: the unused bits are ignored ('loose').
  const n = nativeB64();
  if (n && s.length % 4 === 0 && STRICT_RE.test(s)) {
    try {
      return n.fromBase64(s, { lastChunkHandling: 'loose' });
    } catch {
      // not reached for input STRICT_RE accepts; the loop below decides
    }
  }
  const out = new Uint8Array(Math.floor((s.length * 3) / 4) + 3);
  let o = 0;
  let quad = 0;
  let pads = 0;
  let left = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x3d /* = */) {
      if (quad >= 2 && quad + ++pads >= 4) return out.slice(0, o);
      continue;
    }
    const v = c < 128 ? LOOKUP[c]! : -1;
    if (v < 0) continue;
    pads = 0;
    if (quad === 0) left = v;
    else if (quad === 1) {
      out[o++] = (left << 2) | (v >> 4);
      left = v & 0x0f;
    } else if (quad === 2) {
      out[o++] = ((left << 4) | (v >> 2)) & 255;
      left = v & 0x03;
    } else out[o++] = ((left << 6) | v) & 255;
    quad = (quad + 1) % 4;
  }
  return quad === 0 ? out.slice(0, o) : null;
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export function bytesToHexString(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}
