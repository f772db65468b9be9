/**
 * The lean ASN1Obj.toDER (src/shim/asn1-lean-der.ts) must be byte-identical to @sigstore/core's.
 * Differential: every DER structure found in the fixtures (certificates, CA chains, RFC 3161
 * timestamps, SPKI keys, DER signatures — anything base64 in any fixture JSON that parses as
 * ASN.1), every node of every tree, both encoders, byte-compared; certificates after sigstore's
 * own SCT-extension removal (clone + splice); random trees with short and long lengths.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { ASN1Obj, X509Certificate, EXTENSION_OID_SCT } from '@sigstore/core';
import { installLeanDer, leanToDER, ORIGINAL_TO_DER } from '../../src/shim/asn1-lean-der';
import { fixtureDer } from './der-corpus';

type Node = Parameters<typeof leanToDER>[0];
type Bytes = Buffer<ArrayBuffer>;

function collectDer(): { der: Bytes; obj: ASN1Obj }[] {
  const out: { der: Bytes; obj: ASN1Obj }[] = [];
  for (const der of fixtureDer()) {
    try {
      out.push({ der, obj: ASN1Obj.parseBuffer(der) });
    } catch {
      // not ASN.1 (or not DER @sigstore/core accepts): nothing to re-encode
    }
  }
  return out;
}

function nodes(n: Node, acc: Node[] = []): Node[] {
  acc.push(n);
  n.subs.forEach((s) => nodes(s, acc));
  return acc;
}

function sameBothWays(n: Node): boolean {
  const a = ORIGINAL_TO_DER.call(n);
  const b = leanToDER(n);
  return Buffer.isBuffer(b) && a.length === b.length && Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;
}

const ALL = collectDer();

describe('lean toDER is byte-identical to @sigstore/core on all fixture DER', () => {
  it('found a meaningful corpus (certificates, chains, timestamps, keys, signatures)', () => {
    expect(ALL.length).toBeGreaterThan(100);
    const certs = ALL.filter(({ der }) => {
      try {
        X509Certificate.parse(der);
        return true;
      } catch {
        return false;
      }
    });
    expect(certs.length).toBeGreaterThan(30);
  });

  it('every node of every structure encodes identically (and the root equals the input bytes)', () => {
    let count = 0;
    for (const { der, obj } of ALL) {
      expect(Buffer.compare(leanToDER(obj as unknown as Node), der)).toBe(0);
      for (const n of nodes(obj as unknown as Node)) {
        if (!sameBothWays(n)) throw new Error(`differs at a node of ${der.toString('base64').slice(0, 40)}…`);
        count++;
      }
    }
    expect(count).toBeGreaterThan(5000);
  });

  it("certificates after sigstore's SCT removal (clone + splice) encode identically", () => {
    let withSct = 0;
    for (const { der } of ALL) {
      let cert: X509Certificate;
      try {
        cert = X509Certificate.parse(der);
      } catch {
        continue;
      }
      const c = cert.clone();
      const i = c.extensions.findIndex((e) => e.subs[0]?.toOID() === EXTENSION_OID_SCT);
      if (i >= 0) {
        c.extensions.splice(i, 1);
        withSct++;
      }
      const tbs = (c as unknown as { tbsCertificate: Node }).tbsCertificate;
      expect(sameBothWays(tbs)).toBe(true);
    }
    expect(withSct).toBeGreaterThan(5);
  });
});

describe('lean toDER on random trees', () => {
  // Encode a random tree with the DER rules, parse it with @sigstore/core, compare both encoders.
  type T = { tag: number; kids: T[] } | { tag: number; bytes: Uint8Array };
  const len = (n: number): number[] => {
    if (n < 128) return [n];
    const b: number[] = [];
    for (let v = n; v > 0; v = Math.floor(v / 256)) b.unshift(v % 256);
    return [0x80 | b.length, ...b];
  };
  const enc = (t: T): Bytes => {
    const content = 'kids' in t ? Buffer.concat(t.kids.map(enc)) : Buffer.from(t.bytes);
    return Buffer.concat([Buffer.from([t.tag, ...len(content.length)]), content]);
  };
  const primTag = fc.oneof(
    fc.constantFrom(0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x0c, 0x13, 0x17, 0x18),
    fc.integer({ min: 0x80, max: 0x9e }),
  );
  const consTag = fc.oneof(fc.constantFrom(0x30, 0x31), fc.integer({ min: 0xa0, max: 0xbe }));
  const { tree } = fc.letrec<{ tree: T }>((tie) => ({
    tree: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.record({ tag: primTag, bytes: fc.uint8Array({ minLength: 0, maxLength: 300 }) }),
      fc.record({ tag: consTag, kids: fc.array(tie('tree'), { maxLength: 4 }) }),
    ),
  }));

  it('identical for random DER trees (short and long lengths, OCTET STRINGs that happen to parse)', () => {
    fc.assert(
      fc.property(tree, (t) => {
        const der = enc(t);
        let obj: ASN1Obj;
        try {
          obj = ASN1Obj.parseBuffer(der);
        } catch {
          return; // e.g. a random 0x1f tag: @sigstore/core rejects it, nothing to re-encode
        }
        for (const n of nodes(obj as unknown as Node)) expect(sameBothWays(n)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('identical for 2- and 3-byte lengths', () => {
    for (const size of [127, 128, 255, 256, 65535, 65536, 70000]) {
      const der = Buffer.concat([
        Buffer.from([0x30, ...len(size + 1 + len(size).length)]),
        Buffer.from([0x04, ...len(size)]),
        Buffer.alloc(size, 7),
      ]);
      const obj = ASN1Obj.parseBuffer(der);
      for (const n of nodes(obj as unknown as Node)) expect(sameBothWays(n)).toBe(true);
      expect(Buffer.compare(leanToDER(obj as unknown as Node), der)).toBe(0);
    }
  });

  it('installLeanDer replaces the method once; results stay identical', () => {
    const { obj } = ALL[0]!;
    const before = Buffer.from((obj as unknown as { toDER(): Buffer }).toDER());
    installLeanDer();
    installLeanDer();
    const after = (obj as unknown as { toDER(): Buffer }).toDER();
    expect(Buffer.compare(before, after)).toBe(0);
    expect(ORIGINAL_TO_DER).not.toBe((ASN1Obj.prototype as unknown as { toDER: unknown }).toDER);
  });
});

describe('the real verifier with the lean encoder installed', () => {
  it('@sigstore/verify sees the patched ASN1Obj; every production fixture still verifies, a flipped bit still fails', async () => {
    installLeanDer();
    const { createRequire } = await import('node:module');
    const fromVerify = createRequire(createRequire(import.meta.url).resolve('@sigstore/verify'))('@sigstore/core') as {
      ASN1Obj: typeof ASN1Obj;
    };
    expect(fromVerify.ASN1Obj.prototype.toDER).not.toBe(ORIGINAL_TO_DER);
    // @ts-expect-error -- plain JS module of the bench (no type declarations)
    const { loadInputs, TRUST_ROOT } = (await import('../../scripts/bench/fixtures.mjs')) as {
      loadInputs(root: string): { text: string; filename: string; sha256: string }[];
      TRUST_ROOT: string;
    };
    const { verifyProvenance } = await import('../../src/verify/index');
    const { loadTrust } = await import('../../src/verify/trust');
    const root = new URL('../../', import.meta.url).pathname;
    const trust = loadTrust(readFileSync(join(root, TRUST_ROOT), 'utf8'));
    const inputs = loadInputs(root);
    expect(inputs).toHaveLength(8);
    for (const input of inputs) expect((await verifyProvenance(input.text, input, trust)).state).toBe('verified');
    // One bit of the leaf certificate's signature flipped (inside the DER the lean encoder re-encodes).
    const json = JSON.parse(inputs[2]!.text);
    const att = json.attestation_bundles[0].attestations[0];
    const cert = Buffer.from(att.verification_material.certificate, 'base64');
    cert[cert.length - 5]! ^= 0x01;
    att.verification_material.certificate = cert.toString('base64');
    const v = await verifyProvenance(JSON.stringify(json), inputs[2]!, trust);
    expect(v.state).toBe('failed');
  });
});
