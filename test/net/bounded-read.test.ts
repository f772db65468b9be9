/**
 * src/net/bounded-read.ts, the one body reader of the index client (src/background/http.ts) and
 * the TUF fetcher (src/trust/fetch.ts): size cap by Content-Length and while streaming (an endless
 * body stops at the cap), a stalled body gives up when the request aborts, loopback hosts.
 */
import { describe, expect, it } from 'vitest';
import { abortion, BodyTooLarge, LOOPBACK_HOSTS, readCapped } from '../../src/net/bounded-read';

const never = () => abortion(new AbortController().signal);

/** A body of `chunks` chunks of `size` bytes (Infinity: endless); counts what was pulled. */
function body(chunks: number, size: number, headers: Record<string, string> = {}) {
  let pulled = 0;
  let cancelled = false;
  const stream = new ReadableStream<Uint8Array>({
    pull(c) {
      if (pulled >= chunks) return c.close();
      pulled++;
      c.enqueue(new Uint8Array(size).fill(pulled % 256));
    },
    cancel() {
      cancelled = true;
    },
  });
  return { res: new Response(stream, { headers }), pulled: () => pulled, cancelled: () => cancelled };
}

describe('readCapped', () => {
  it('returns the whole body up to the cap, in order', async () => {
    const b = body(3, 4);
    expect([...(await readCapped(b.res, 12, never()))]).toEqual([1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3]);
    expect([...(await readCapped(new Response(null), 0, never()))]).toEqual([]);
  });

  it('refuses a Content-Length over the cap before reading a byte', async () => {
    const b = body(3, 4, { 'content-length': '13' });
    const e = await readCapped(b.res, 12, never()).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(BodyTooLarge);
    expect((e as BodyTooLarge).declared).toBe(13);
    expect((e as Error).message).toBe('13 bytes announced, at most 12 accepted');
    expect(b.pulled()).toBeLessThanOrEqual(1); // a stream may pre-pull one chunk; nothing is read
    expect(b.cancelled()).toBe(true);
  });

  it('stops an endless body at the cap and cancels it', async () => {
    const b = body(Infinity, 1000);
    const e = await readCapped(b.res, 10_000, never()).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(BodyTooLarge);
    expect((e as BodyTooLarge).declared).toBeNull();
    expect((e as Error).message).toBe('more than 10000 bytes');
    expect(b.pulled()).toBeLessThan(15);
    expect(b.cancelled()).toBe(true);
  });

  it('a Content-Length that lies low does not lift the cap', async () => {
    const e = await readCapped(body(5, 10, { 'content-length': '3' }).res, 20, never()).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(BodyTooLarge);
  });

  it('a stalled body gives up when the request aborts (AbortError)', async () => {
    const stalled = new Response(new ReadableStream<Uint8Array>({ pull: () => new Promise(() => {}) }));
    const c = new AbortController();
    const p = readCapped(stalled, 100, abortion(c.signal));
    setTimeout(() => c.abort(), 20);
    await expect(p).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('LOOPBACK_HOSTS', () => {
  it('is exactly the loopback names a URL parser gives', () => {
    expect([...LOOPBACK_HOSTS].sort()).toEqual(['127.0.0.1', '[::1]', 'localhost']);
    for (const u of ['http://127.0.0.1:8000/', 'http://localhost/', 'http://[::1]:1/'])
      expect(LOOPBACK_HOSTS.has(new URL(u).hostname)).toBe(true);
    for (const u of ['http://127.0.0.2/', 'http://localhost.example/', 'http://0.0.0.0/'])
      expect(LOOPBACK_HOSTS.has(new URL(u).hostname)).toBe(false);
  });
});
