import { describe, expect, it } from 'vitest';
import { MAX_REDIRECTS } from '../../src/background/http';
import { createPypiClient, DEFAULTS } from '../../src/background/pypi-client';
import { isBad, type SimpleFile } from '../../src/background/simple-index';
import { fakeFetch, hangingFetch, provenanceBytes, respond, SAMPLE_SDIST, SAMPLE_WHL, sha, simpleJson, streamBody } from './helpers';

const SIMPLE_URL = 'https://pypi.org/simple/sampleproject/';
const PROV_URL = `https://pypi.org/integrity/sampleproject/4.0.0/${SAMPLE_SDIST}/provenance`;
const noSleep = async () => {};

function client(handler: Parameters<typeof fakeFetch>[0], extra: Partial<Parameters<typeof createPypiClient>[0]> = {}) {
  const fetch = fakeFetch(handler);
  return { fetch, client: createPypiClient({ fetch, sleep: noSleep, ...extra }) };
}

describe('simple index over the client (real fixtures)', () => {
  it('parses sampleproject: sha256 from hashes, provenance URL or null', async () => {
    const { fetch, client: c } = client((url) => respond(url, simpleJson('sampleproject'), { status: 200, headers: { etag: '"abc"' } }));
    const r = await c.getSimpleIndex('pypi.org', 'sampleproject');
    expect(r.kind).toBe('ok');
    if (r.kind !== 'ok') return;
    expect(r.etag).toBe('"abc"');
    expect(r.index.files.size).toBe(13);
    const whl = r.index.files.get(SAMPLE_WHL) as SimpleFile;
    expect(whl.sha256).toBe(sha(SAMPLE_WHL));
    expect(whl.provenanceUrl).toBe(`https://pypi.org/integrity/sampleproject/4.0.0/${SAMPLE_WHL}/provenance`);
    expect((r.index.files.get('sampleproject-3.0.0.tar.gz') as SimpleFile).provenanceUrl).toBeNull();
    const attested = [...r.index.files.values()].filter((f) => !isBad(f) && f.provenanceUrl !== null);
    expect(attested.map((f) => f.filename).sort()).toEqual([SAMPLE_WHL, SAMPLE_SDIST].sort());
    expect(r.index.lastSerial).toBe(25862117);
    // the request
    expect(fetch.calls).toHaveLength(1);
    const call = fetch.calls[0]!;
    expect(call.url).toBe(SIMPLE_URL);
    expect(call.headers.accept).toBe('application/vnd.pypi.simple.v1+json');
    expect(call.headers['if-none-match']).toBeUndefined();
    expect(call.init.credentials).toBe('omit');
    expect(call.init.redirect).toBe('manual'); // each hop is checked before it is requested (http.ts)
    expect(call.init.signal).toBeInstanceOf(AbortSignal);
  });

  it('parses pycrypto (no provenance anywhere) and fasthash-lib (yanked reasons, mixed provenance)', async () => {
    const { client: c } = client((url) =>
      respond(url, url.includes('pycrypto') ? simpleJson('pycrypto') : simpleJson('fasthash-lib'), { status: 200 }),
    );
    const p = await c.getSimpleIndex('pypi.org', 'pycrypto');
    expect(p.kind).toBe('ok');
    if (p.kind === 'ok') {
      expect(p.index.files.size).toBeGreaterThan(0);
      for (const f of p.index.files.values()) expect(!isBad(f) && f.provenanceUrl === null).toBe(true);
    }
    const f = await c.getSimpleIndex('pypi.org', 'fasthash-lib');
    expect(f.kind).toBe('ok');
    if (f.kind === 'ok') {
      expect(f.index.files.size).toBe(36);
      const yanked = f.index.files.get('fasthash_lib-1.1.1.tar.gz') as SimpleFile;
      expect(yanked.yanked).toBe('Broken wheels for macOS arm64');
      const late = f.index.files.get('fasthash_lib-1.2.0-cp311-cp311-win_amd64.whl') as SimpleFile;
      expect(late.provenanceUrl).toBeNull();
      expect(late.sha256).toBe(sha('fasthash_lib-1.2.0-cp311-cp311-win_amd64.whl'));
      expect([...f.index.files.values()].some(isBad)).toBe(false);
    }
  });

  it('sends If-None-Match and reports 304', async () => {
    const { fetch, client: c } = client((url) => respond(url, null, { status: 304, headers: { etag: '"abc"' } }));
    const r = await c.getSimpleIndex('pypi.org', 'sampleproject', '"abc"');
    expect(r).toEqual({ kind: 'not-modified', etag: '"abc"' });
    expect(fetch.calls[0]!.headers['if-none-match']).toBe('"abc"');
  });

  it('a 304 we did not ask for is a bad response', async () => {
    const { client: c } = client((url) => respond(url, null, { status: 304 }));
    const r = await c.getSimpleIndex('pypi.org', 'sampleproject');
    expect(r.kind === 'error' && r.reason.code).toBe('INDEX_BAD_RESPONSE');
  });

  it.each([
    ['not JSON', '<html>'],
    ['another project', simpleJson('pycrypto')],
    ['invalid UTF-8', new Uint8Array([0x7b, 0xff, 0x7d])],
  ])('rejects a simple index that is %s', async (_, body) => {
    const { client: c } = client((url) => respond(url, body as BodyInit, { status: 200 }));
    const r = await c.getSimpleIndex('pypi.org', 'sampleproject');
    expect(r.kind === 'error' && r.reason.code).toBe('INDEX_BAD_RESPONSE');
  });

  it.each([
    [404, 'INDEX_HTTP_ERROR'],
    [403, 'INDEX_HTTP_ERROR'],
    [500, 'INDEX_HTTP_ERROR'],
    [503, 'INDEX_HTTP_ERROR'],
    [429, 'INDEX_RATE_LIMITED'],
  ])('simple index HTTP %i → %s', async (status, code) => {
    const { client: c } = client((url) => respond(url, 'x', { status }));
    const r = await c.getSimpleIndex('pypi.org', 'sampleproject');
    expect(r.kind === 'error' && r.reason.code).toBe(code);
  });
});

describe('integrity API status mapping', () => {
  it('200 → bytes, their sha256 and the ETag; Accept is the integrity media type', async () => {
    const bytes = provenanceBytes('sampleproject', '4.0.0', SAMPLE_SDIST);
    const { fetch, client: c } = client((url) => respond(url, bytes, { status: 200, headers: { etag: '"p1"' } }));
    const r = await c.getProvenance('pypi.org', PROV_URL);
    expect(r.kind).toBe('ok');
    if (r.kind !== 'ok') return;
    expect(r.text).toBe(new TextDecoder().decode(bytes));
    expect(r.byteLength).toBe(bytes.byteLength);
    expect(r.bytesSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(r.etag).toBe('"p1"');
    expect(fetch.calls[0]!.headers.accept).toBe('application/vnd.pypi.integrity.v1+json');
  });

  it('200 with bytes that are not UTF-8 → text null (malformed provenance, decided by the pipeline)', async () => {
    const { client: c } = client((url) => respond(url, new Uint8Array([0xff, 0xfe, 0x00]), { status: 200 }));
    const r = await c.getProvenance('pypi.org', PROV_URL);
    expect(r.kind === 'ok' && r.text).toBeNull();
  });

  it.each([
    [404, 'INDEX_HTTP_ERROR'],
    [403, 'INDEX_DISABLED'],
    [406, 'INDEX_HTTP_ERROR'],
    [500, 'INDEX_HTTP_ERROR'],
    [502, 'INDEX_HTTP_ERROR'],
    [503, 'INDEX_HTTP_ERROR'],
  ])('HTTP %i → error %s (never absent)', async (status, code) => {
    const { client: c } = client((url) => respond(url, '{"message":"No provenance available"}', { status }));
    const r = await c.getProvenance('pypi.org', PROV_URL);
    expect(r.kind).toBe('error');
    expect(r.kind === 'error' && r.reason.code).toBe(code);
  });

  it('429 with a short Retry-After: waits once, then succeeds', async () => {
    const slept: number[] = [];
    const { fetch, client: c } = client(
      (url, _i, n) => (n === 1 ? respond(url, '', { status: 429, headers: { 'retry-after': '2' } }) : respond(url, '{}', { status: 200 })),
      { sleep: async (ms) => void slept.push(ms) },
    );
    const r = await c.getProvenance('pypi.org', PROV_URL);
    expect(r.kind).toBe('ok');
    expect(slept).toEqual([2000]);
    expect(fetch.calls).toHaveLength(2);
  });

  it('429 twice → INDEX_RATE_LIMITED after one retry', async () => {
    const { fetch, client: c } = client((url) => respond(url, '', { status: 429, headers: { 'retry-after': '1' } }));
    const r = await c.getProvenance('pypi.org', PROV_URL);
    expect(r.kind === 'error' && r.reason.code).toBe('INDEX_RATE_LIMITED');
    expect(fetch.calls).toHaveLength(2);
  });

  it.each([['60'], [null], ['soon']])('429 with Retry-After %s → no retry, INDEX_RATE_LIMITED', async (ra) => {
    const headers: Record<string, string> = ra === null ? {} : { 'retry-after': ra };
    const { fetch, client: c } = client((url) => respond(url, '', { status: 429, headers }));
    const r = await c.getProvenance('pypi.org', PROV_URL);
    expect(r.kind === 'error' && r.reason.code).toBe('INDEX_RATE_LIMITED');
    expect(fetch.calls).toHaveLength(1);
  });

  it('network failure → INDEX_UNREACHABLE', async () => {
    const { client: c } = client(() => {
      throw new TypeError('Failed to fetch');
    });
    const r = await c.getProvenance('pypi.org', PROV_URL);
    expect(r.kind === 'error' && r.reason.code).toBe('INDEX_UNREACHABLE');
  });
});

describe('size caps', () => {
  it('a body growing past the cap while streaming → INDEX_TOO_LARGE (no Content-Length)', async () => {
    let pulled = 0;
    const chunk = new Uint8Array(64 * 1024);
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        pulled++;
        c.enqueue(chunk);
      },
    });
    const { client: c } = client((url) => respond(url, body, { status: 200 }), { maxProvenanceBytes: 200 * 1024 });
    const r = await c.getProvenance('pypi.org', PROV_URL);
    expect(r.kind === 'error' && r.reason.code).toBe('INDEX_TOO_LARGE');
    expect(r.kind === 'error' && r.reason.detail).toBe(`more than ${200 * 1024} bytes`); // BodyTooLarge's text
    expect(pulled).toBeLessThan(10); // stopped reading, did not drain an endless stream
  });

  it('a declared Content-Length over the cap is refused before reading', async () => {
    const { client: c } = client((url) =>
      respond(url, streamBody(new Uint8Array(10), 1), { status: 200, headers: { 'content-length': String(3 * 1024 * 1024) } }),
    );
    const r = await c.getProvenance('pypi.org', PROV_URL);
    expect(r.kind === 'error' && r.reason.code).toBe('INDEX_TOO_LARGE');
    // BodyTooLarge's own text, which names the announced size too.
    expect(r.kind === 'error' && r.reason.detail).toBe(`${3 * 1024 * 1024} bytes announced, at most ${2 * 1024 * 1024} accepted`);
  });

  it('default caps: provenance 2 MB, simple index 20 MB', async () => {
    const big = new Uint8Array(2 * 1024 * 1024 + 1).fill(0x20);
    const { client: c } = client((url) => respond(url, big, { status: 200 }));
    const p = await c.getProvenance('pypi.org', PROV_URL);
    expect(p.kind === 'error' && p.reason.code).toBe('INDEX_TOO_LARGE');
    // 2 MB + 1 is fine for the simple index (it is then rejected only as not a simple index).
    const s = await c.getSimpleIndex('pypi.org', 'sampleproject');
    expect(s.kind === 'error' && s.reason.code).toBe('INDEX_BAD_RESPONSE');
    const huge = streamBody(new Uint8Array(1024 * 1024).fill(0x20), 21);
    const { client: c2 } = client((url) => respond(url, huge, { status: 200 }));
    const s2 = await c2.getSimpleIndex('pypi.org', 'sampleproject');
    expect(s2.kind === 'error' && s2.reason.code).toBe('INDEX_TOO_LARGE');
  });
});

describe('redirects', () => {
  it.each([
    ['another host', 'https://evil.example/simple/sampleproject/'],
    ['the other index', 'https://test.pypi.org/simple/sampleproject/'],
    ['plain http', 'http://pypi.org/simple/sampleproject/'],
    ['another port', 'https://pypi.org:8443/simple/sampleproject/'],
    ['a look-alike host', 'https://pypi.org.evil.example/simple/sampleproject/'],
    ['no URL at all', ''],
  ])('ending on %s → INDEX_REDIRECT', async (_, finalUrl) => {
    const { client: c } = client(() => respond(finalUrl, simpleJson('sampleproject'), { status: 200 }));
    const r = await c.getSimpleIndex('pypi.org', 'sampleproject');
    expect(r.kind === 'error' && r.reason.code).toBe('INDEX_REDIRECT');
  });

  it('a same-origin hop with a readable Location (Node) is followed, checked before it is requested', async () => {
    const { fetch, client: c } = client((url) =>
      url === SIMPLE_URL
        ? respond(url, null, { status: 301, headers: { location: '/simple/sampleproject/?moved' } })
        : respond(url, simpleJson('sampleproject'), { status: 200 }),
    );
    const r = await c.getSimpleIndex('pypi.org', 'sampleproject');
    expect(r.kind).toBe('ok');
    expect(fetch.calls.map((x) => x.url)).toEqual([SIMPLE_URL, `${SIMPLE_URL}?moved`]);
  });

  it.each([
    ['another host', 'https://evil.example/simple/sampleproject/'],
    ['plain http', 'http://pypi.org/simple/sampleproject/'],
    ['protocol-relative to another host', '//evil.example/simple/sampleproject/'],
    ['no Location', null],
  ])('a hop to %s is INDEX_REDIRECT and never requested', async (_, location) => {
    const { fetch, client: c } = client((url) => respond(url, null, { status: 302, headers: location === null ? {} : { location } }));
    const r = await c.getSimpleIndex('pypi.org', 'sampleproject');
    expect(r.kind === 'error' && r.reason.code).toBe('INDEX_REDIRECT');
    expect(fetch.calls.map((x) => x.url)).toEqual([SIMPLE_URL]);
  });

  it("a browser's opaque redirect (no Location) is INDEX_REDIRECT, not followed", async () => {
    const opaque = () => {
      const res = respond(SIMPLE_URL, null, { status: 200 });
      Object.defineProperty(res, 'type', { value: 'opaqueredirect' });
      Object.defineProperty(res, 'status', { value: 0 });
      return res;
    };
    const { fetch, client: c } = client(opaque);
    const r = await c.getSimpleIndex('pypi.org', 'sampleproject');
    expect(r.kind === 'error' && r.reason.code).toBe('INDEX_REDIRECT');
    expect(fetch.calls).toHaveLength(1);
  });

  it('a same-origin redirect loop stops after MAX_REDIRECTS hops', async () => {
    const { fetch, client: c } = client((url, _init, n) => respond(url, null, { status: 307, headers: { location: `/simple/x${n}/` } }));
    const r = await c.getSimpleIndex('pypi.org', 'sampleproject');
    expect(r.kind === 'error' && r.reason.code).toBe('INDEX_REDIRECT');
    expect(fetch.calls).toHaveLength(MAX_REDIRECTS + 1);
  });

  it('refuses to even request a provenance URL on another host', async () => {
    const { fetch, client: c } = client((url) => respond(url, '{}', { status: 200 }));
    const r = await c.getProvenance('pypi.org', 'https://evil.example/integrity/x/1/x-1.tar.gz/provenance');
    expect(r.kind === 'error' && r.reason.code).toBe('INDEX_REDIRECT');
    expect(fetch.calls).toHaveLength(0);
  });

  it('test.pypi.org requests go to test.pypi.org', async () => {
    const { fetch, client: c } = client((url) => respond(url, simpleJson('sampleproject'), { status: 200 }));
    const r = await c.getSimpleIndex('test.pypi.org', 'sampleproject');
    expect(fetch.calls[0]!.url).toBe('https://test.pypi.org/simple/sampleproject/');
    // the fixture's provenance URLs point at pypi.org: not acceptable for a test.pypi.org index
    expect(r.kind).toBe('ok');
    if (r.kind === 'ok') expect(isBad(r.index.files.get(SAMPLE_WHL)!)).toBe(true);
  });
});

describe('timeouts', () => {
  it('no answer → INDEX_TIMEOUT', async () => {
    const c = createPypiClient({ fetch: hangingFetch(), simpleTimeoutMs: 50 });
    const t0 = Date.now();
    const r = await c.getSimpleIndex('pypi.org', 'sampleproject');
    expect(r.kind === 'error' && r.reason.code).toBe('INDEX_TIMEOUT');
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  it('a body that stalls half way → INDEX_TIMEOUT', async () => {
    const { client: c } = client((url) => respond(url, streamBody(new Uint8Array([0x7b]), 1, true), { status: 200 }), {
      integrityTimeoutMs: 50,
    });
    const r = await c.getProvenance('pypi.org', PROV_URL);
    expect(r.kind === 'error' && r.reason.code).toBe('INDEX_TIMEOUT');
  });

  it('a fetch that ignores the abort signal still times out', async () => {
    const c = createPypiClient({ fetch: () => new Promise<Response>(() => {}), integrityTimeoutMs: 50 });
    const r = await c.getProvenance('pypi.org', PROV_URL);
    expect(r.kind === 'error' && r.reason.code).toBe('INDEX_TIMEOUT');
  });
});

describe('concurrency', () => {
  it('at most DEFAULTS.concurrency integrity requests in flight across the client', async () => {
    let inFlight = 0;
    let max = 0;
    const { client: c } = client(async (url) => {
      inFlight++;
      max = Math.max(max, inFlight);
      await new Promise((r) => setTimeout(r, 10));
      inFlight--;
      return respond(url, '{}', { status: 200 });
    });
    const rs = await Promise.all(Array.from({ length: 3 * DEFAULTS.concurrency }, () => c.getProvenance('pypi.org', PROV_URL)));
    expect(rs.every((r) => r.kind === 'ok')).toBe(true);
    expect(max).toBe(DEFAULTS.concurrency);
  });
});

describe('redirects against real local servers (Node fetch, as the CLI uses it)', () => {
  it('a redirect to another origin sends 0 requests there; a same-origin hop is followed', async () => {
    const { createServer } = await import('node:http');
    const listen = (handler: Parameters<typeof createServer>[1]) =>
      new Promise<{ origin: string; close: () => Promise<void> }>((resolve) => {
        const srv = createServer(handler);
        srv.listen(0, '127.0.0.1', () => {
          const port = (srv.address() as { port: number }).port;
          resolve({ origin: `http://127.0.0.1:${port}`, close: () => new Promise((r) => srv.close(() => r())) });
        });
      });
    const elsewhere: string[] = [];
    const other = await listen((req, res) => {
      elsewhere.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'application/vnd.pypi.simple.v1+json' }).end(simpleJson('sampleproject'));
    });
    const index = await listen((req, res) => {
      if (req.url === '/simple/away/') res.writeHead(302, { location: `${other.origin}/simple/sampleproject/` }).end();
      else if (req.url === '/simple/sampleproject/') res.writeHead(301, { location: '/simple/sampleproject/?moved' }).end();
      else res.writeHead(200, { 'content-type': 'application/vnd.pypi.simple.v1+json' }).end(simpleJson('sampleproject'));
    });
    try {
      const c = createPypiClient({ fetch: (u, i) => fetch(u, i), sleep: noSleep });
      const away = await c.getSimpleIndex(index.origin as `http://${string}`, 'away');
      expect(away.kind === 'error' && away.reason.code).toBe('INDEX_REDIRECT');
      expect(away.kind === 'error' && away.reason.detail).toContain(other.origin);
      expect(elsewhere).toEqual([]); // not one request left for the other origin
      const hop = await c.getSimpleIndex(index.origin as `http://${string}`, 'sampleproject');
      expect(hop.kind).toBe('ok');
    } finally {
      await Promise.all([other.close(), index.close()]);
    }
  });
});
