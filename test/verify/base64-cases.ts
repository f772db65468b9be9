/**
 * Base64 test strings (deterministic): encodings of assorted byte strings, and each mutated —
 * unused bits set, a character replaced by one outside the alphabet, whitespace, padding added,
 * removed or moved, base64url characters. Shared by test/verify/base64.test.ts (Node) and
 * e2e/base64-native.spec.ts (the browser's own decoder).
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

function encode(bytes: number[]): string {
  return Buffer.from(bytes).toString('base64');
}

function cases(): string[] {
  const r = rng(740);
  const out = new Set<string>([
    '',
    '=',
    '==',
    '===',
    'A',
    'AA',
    'AAA',
    'AAAA',
    'AA==',
    'AAA=',
    'A===',
    '====',
    'QQ==',
    'QR==',
    'QUI=',
    'QUJ=',
  ]);
  for (let n = 0; n < 48; n++) {
    const bytes = Array.from({ length: n < 24 ? n : Math.floor(r() * 3000) }, () => Math.floor(r() * 256));
    const s = encode(bytes);
    out.add(s);
    const at = (i: number, c: string) => s.slice(0, i) + c + s.slice(i + 1);
    const pos = () => Math.floor(r() * Math.max(1, s.length));
    if (s.length === 0) continue;
    // unused bits of the last group set
    const pad = s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0;
    if (pad) {
      const i = s.length - 1 - pad;
      const v = ALPHABET.indexOf(s[i]!);
      out.add(at(i, ALPHABET[v | (pad === 2 ? 1 + Math.floor(r() * 15) : 1 + Math.floor(r() * 3))]!));
    }
    out.add(at(pos(), '-'));
    out.add(at(pos(), '_'));
    out.add(at(pos(), '!'));
    out.add(at(pos(), '='));
    const i = pos();
    out.add(s.slice(0, i) + '\n' + s.slice(i));
    out.add(s.slice(0, i) + ' ' + s.slice(i));
    out.add(s + '=');
    out.add(s + 'A');
    out.add(s + 'AAAA');
    out.add(s.slice(0, -1));
    out.add(s.replace(/=+$/, ''));
    out.add(s.slice(0, i) + s.slice(i + 1));
  }
  return [...out];
}

export const BASE64_CASES: readonly string[] = cases();
