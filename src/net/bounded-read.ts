/**
 * What every network read of ours shares, whoever asks (the package-index client
 * src/background/http.ts, the TUF fetcher src/trust/fetch.ts; worker and CLI alike): a body read
 * under a size cap (endless data stops at the cap, a too-large Content-Length before a byte is
 * read), raced against the request's abort so a stalled stream cannot outlive its timeout, and
 * which hosts count as loopback (the only ones where plain http:// is accepted, for tests).
 * Plain web APIs only (Response, streams, AbortSignal): no browser-extension or Node APIs.
 */

/** Hosts where http:// is accepted (tests serve local indexes and TUF repositories there). */
export const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** The body is longer than allowed. `declared`: the Content-Length that said so, or null if the stream went past the cap. */
export class BodyTooLarge extends Error {
  override name = 'BodyTooLarge';
  constructor(
    readonly maxBytes: number,
    readonly declared: number | null,
  ) {
    super(declared === null ? `more than ${maxBytes} bytes` : `${declared} bytes announced, at most ${maxBytes} accepted`);
  }
}

/** Rejects (AbortError) when `signal` aborts: raced against every await so a stalled stream cannot outlive the timeout. */
export function abortion(signal: AbortSignal): Promise<never> {
  const p = new Promise<never>((_, reject) => {
    const fail = () => reject(Object.assign(new Error('aborted'), { name: 'AbortError' }));
    if (signal.aborted) fail();
    else signal.addEventListener('abort', fail, { once: true });
  });
  p.catch(() => {}); // only ever raced: never an unhandled rejection
  return p;
}

/**
 * The whole body of `res`, at most `maxBytes` bytes. Throws BodyTooLarge (the stream cancelled),
 * the AbortError of `aborted`, or what the stream throws.
 */
export async function readCapped(res: Response, maxBytes: number, aborted: Promise<never>): Promise<Uint8Array> {
  const declared = res.headers.get('content-length')?.trim();
  if (declared !== undefined && /^\d+$/.test(declared) && Number(declared) > maxBytes) {
    await res.body?.cancel().catch(() => {});
    throw new BodyTooLarge(maxBytes, Number(declared));
  }
  if (res.body === null) return new Uint8Array(0);
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    let step: ReadableStreamReadResult<Uint8Array>;
    try {
      step = await Promise.race([reader.read(), aborted]);
    } catch (e) {
      reader.cancel().catch(() => {});
      throw e;
    }
    const { done, value } = step;
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new BodyTooLarge(maxBytes, null);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let off = 0;
  for (const c of chunks) {
    out.set(c, off);
    off += c.byteLength;
  }
  return out;
}
