/**
 * A byte-identical, leaner `ASN1Obj.prototype.toDER` for @sigstore/core.
 *
 * The original re-encodes every node through two fresh `ByteStream`s, each growing by
 * `Buffer.alloc(1024)` + `Buffer.from(copy)` — ≈4 KiB of zero-filled memory per ASN.1 node, and
 * per call the whole subtree again (a certificate's TBS is re-encoded for every signature check,
 * SCT check and comparison). In the browser (the `buffer` polyfill) this was ≈80% of the
 * verifier's own JavaScript time.
 *
 * This version computes the same bytes in one pass into one buffer:
 *   DER(node) = tag.toDER() (one byte, truncated like ByteStream.appendChar)
 *             ‖ encodeLength(len(content))   (short form < 128, else 0x80|n + big-endian minimal)
 *             ‖ content = subs.length > 0 ? DER(sub_1) ‖ … ‖ DER(sub_n) : value
 * which is exactly what the original's code does (same tag function, same length rule, same
 * branch on `subs.length`). Proven identical by test/shim/asn1-lean-der.test.ts on every
 * certificate, timestamp and sub-structure of the fixtures, and on random trees.
 *
 * `installLeanDer()` replaces the prototype method once (idempotent); `ORIGINAL_TO_DER` keeps the
 * original for the differential tests.
 */
import { ASN1Obj } from '@sigstore/core';
import { Buffer } from 'buffer';

interface Node {
  tag: { toDER(): number };
  value: Uint8Array;
  subs: Node[];
}

function lengthOfLength(len: number): number {
  if (len < 128) return 1;
  let n = 0;
  for (let v = len; v > 0; v = Math.floor(v / 256)) n++;
  return 1 + n;
}

/** Content sizes per node (post-order), total encoded size returned. */
function measure(node: Node, sizes: Map<Node, number>): number {
  let content = 0;
  if (node.subs.length > 0) {
    for (const sub of node.subs) content += measure(sub, sizes);
  } else {
    content = node.value.length;
  }
  sizes.set(node, content);
  return 1 + lengthOfLength(content) + content;
}

function write(node: Node, out: Uint8Array, pos: number, sizes: Map<Node, number>): number {
  out[pos++] = node.tag.toDER(); // Uint8Array store truncates to 8 bits, like ByteStream.appendChar
  const len = sizes.get(node)!;
  if (len < 128) {
    out[pos++] = len;
  } else {
    const n = lengthOfLength(len) - 1;
    out[pos++] = 0x80 | n;
    let v = len;
    for (let i = n - 1; i >= 0; i--) {
      out[pos + i] = v % 256;
      v = Math.floor(v / 256);
    }
    pos += n;
  }
  if (node.subs.length > 0) {
    for (const sub of node.subs) pos = write(sub, out, pos, sizes);
  } else {
    out.set(node.value, pos);
    pos += node.value.length;
  }
  return pos;
}

/** The lean encoder (as a function of the node). Returns a Buffer like the original. */
export function leanToDER(node: Node): Buffer {
  const sizes = new Map<Node, number>();
  const total = measure(node, sizes);
  const out = Buffer.alloc(total);
  const end = write(node, out, 0, sizes);
  if (end !== total) throw new Error('asn1-lean-der: size mismatch'); // cannot happen; never return partial bytes
  return out;
}

const proto = ASN1Obj.prototype as unknown as { toDER(this: Node): Buffer; __leanDer?: true };
export const ORIGINAL_TO_DER: (this: Node) => Buffer = proto.__leanDer ? (undefined as never) : proto.toDER;

export function installLeanDer(): void {
  if (proto.__leanDer) return;
  proto.toDER = function toDER(this: Node): Buffer {
    return leanToDER(this);
  };
  proto.__leanDer = true;
}
