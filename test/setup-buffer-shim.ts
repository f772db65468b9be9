/**
 * Setup of the `worker-buffer` vitest project (vitest.config.ts): the verification suites run with
 * the worker's Buffer (src/shim/buffer.ts) as the global `Buffer`, the one @sigstore/* and
 * src/verify use in the built worker. Node's own modules keep their internal Buffer.
 */
import { Buffer as ShimBuffer } from '../src/shim/buffer';

(globalThis as { Buffer: unknown }).Buffer = ShimBuffer;
