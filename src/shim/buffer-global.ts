/**
 * Must be the FIRST import of any browser entry that loads @sigstore/* (they use the global
 * `Buffer`, @sigstore/verify's tlog/merkle even at module top level). ES modules evaluate
 * imports in order, so importing this first makes `Buffer` exist before sigstore's code runs.
 *
 *   import '../shim/buffer-global';   // first line of the entry
 */
import { Buffer } from 'buffer';

const g = globalThis as { Buffer?: unknown };
if (typeof g.Buffer === 'undefined') g.Buffer = Buffer;

export {};
