/**
 * Every distinct DER structure in the fixtures (test/fixtures, e2e/fixtures): anything base64
 * (or PEM) in any fixture JSON that starts like a SEQUENCE — certificates, CA chains, RFC 3161
 * timestamps, SPKI keys, DER signatures. For the differential tests of src/shim/asn1-lean-*.ts.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export type Bytes = Buffer<ArrayBuffer>;
const fixturesRoots = [new URL('../fixtures/', import.meta.url).pathname, new URL('../../e2e/fixtures/', import.meta.url).pathname];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

const B64 = /^[A-Za-z0-9+/]+={0,2}$/;
function derStrings(v: unknown, out: Bytes[]): void {
  if (typeof v === 'string') {
    const s = v.replace(/-----(BEGIN|END) [A-Z ]+-----|\s+/g, '');
    if (s.length >= 16 && s.length % 4 === 0 && B64.test(s)) {
      const b = Buffer.from(s, 'base64');
      if (b[0] === 0x30) out.push(b);
    }
  } else if (Array.isArray(v)) v.forEach((x) => derStrings(x, out));
  else if (v && typeof v === 'object') Object.values(v).forEach((x) => derStrings(x, out));
}

/** The distinct DER byte strings of the fixtures, in file order. */
export function fixtureDer(): Bytes[] {
  const seen = new Set<string>();
  const out: Bytes[] = [];
  for (const root of fixturesRoots) {
    for (const f of files(root)) {
      let json: unknown;
      try {
        json = JSON.parse(readFileSync(f, 'utf8'));
      } catch {
        continue;
      }
      const ders: Bytes[] = [];
      derStrings(json, ders);
      for (const der of ders) {
        const key = der.toString('base64');
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(der);
      }
    }
  }
  return out;
}
