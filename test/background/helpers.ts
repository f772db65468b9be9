/** Test doubles for the NETWORK and STORAGE only (never for the verifier). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { StorageAreaLike } from '../../src/background/bounded-store';

export const PAGES = fileURLToPath(new URL('../../e2e/fixtures/pypi-pages/', import.meta.url));

export const TOKENS: Record<string, { sha256: string; real: boolean }> = JSON.parse(readFileSync(`${PAGES}sha256-tokens.json`, 'utf8'));

export function sha(filename: string): string {
  const t = TOKENS[filename];
  if (!t) throw new Error(`no token for ${filename}`);
  return t.sha256;
}

/** A fixture text with `{{SHA256:…}}` tokens substituted (optionally overridden). */
export function fixtureText(rel: string, overrides: Record<string, string> = {}): string {
  return readFileSync(`${PAGES}${rel}`, 'utf8').replace(/\{\{SHA256:([^}]+)\}\}/g, (_, name: string) => overrides[name] ?? sha(name));
}

export function simpleJson(project: string, overrides: Record<string, string> = {}): string {
  return fixtureText(`simple/${project}/index.v1.json`, overrides);
}

export function provenanceBytes(project: string, version: string, filename: string): Uint8Array {
  return new Uint8Array(readFileSync(`${PAGES}integrity/${project}/${version}/${filename}/provenance.json`));
}

export interface FakeCall {
  url: string;
  init: RequestInit;
  headers: Record<string, string>;
}

export type Handler = (url: string, init: RequestInit, call: number) => Response | Promise<Response>;

/** A Response whose `url` (where fetch ended up after redirects) is set like a real one. */
export function respond(url: string, body: BodyInit | Uint8Array | null, init: ResponseInit = {}): Response {
  const res = new Response(body as BodyInit | null, init);
  Object.defineProperty(res, 'url', { value: url });
  return res;
}

export function fakeFetch(handler: Handler) {
  const calls: FakeCall[] = [];
  const fn = async (url: string, init: RequestInit): Promise<Response> => {
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((v, k) => (headers[k] = v));
    calls.push({ url, init, headers });
    return handler(url, init, calls.length);
  };
  return Object.assign(fn, { calls });
}

/** A fetch that honours the abort signal but never answers. */
export function hangingFetch() {
  return (_url: string, init: RequestInit) =>
    new Promise<Response>((_, reject) => {
      init.signal?.addEventListener('abort', () => reject(Object.assign(new Error('aborted'), { name: 'AbortError' })));
    });
}

/** A body stream that yields `chunk` `times` times, then stalls forever (if stall) or ends. */
export function streamBody(chunk: Uint8Array, times: number, stall = false): ReadableStream<Uint8Array> {
  let n = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (n < times) {
        n++;
        controller.enqueue(chunk);
        return;
      }
      if (stall) return new Promise<void>(() => {});
      controller.close();
    },
  });
}

/** In-memory stand-in for a browser.storage area; values go through JSON like the real one. */
export class FakeStorage implements StorageAreaLike {
  readonly data = new Map<string, string>();
  ops = { get: 0, set: 0, remove: 0 };

  async get(keys: string | string[] | null): Promise<Record<string, unknown>> {
    this.ops.get++;
    const out: Record<string, unknown> = {};
    const list = keys === null ? [...this.data.keys()] : Array.isArray(keys) ? keys : [keys];
    for (const k of list) {
      const v = this.data.get(k);
      if (v !== undefined) out[k] = JSON.parse(v);
    }
    return out;
  }

  async set(items: Record<string, unknown>): Promise<void> {
    this.ops.set++;
    for (const [k, v] of Object.entries(items)) this.data.set(k, JSON.stringify(v));
  }

  async remove(keys: string | string[]): Promise<void> {
    this.ops.remove++;
    for (const k of Array.isArray(keys) ? keys : [keys]) this.data.delete(k);
  }
}

export const SAMPLE_WHL = 'sampleproject-4.0.0-py3-none-any.whl';
export const SAMPLE_SDIST = 'sampleproject-4.0.0.tar.gz';
export const SAMPLE_OLD = 'sampleproject-3.0.0.tar.gz';

/** A plain fixture "pypi.org" for sampleproject 4.0.0: the simple index and both files' provenance; 404 otherwise. */
export function sampleprojectFetch() {
  return fakeFetch((url) => {
    if (url === 'https://pypi.org/simple/sampleproject/') return respond(url, simpleJson('sampleproject'), { status: 200 });
    for (const f of [SAMPLE_SDIST, SAMPLE_WHL]) {
      if (url === `https://pypi.org/integrity/sampleproject/4.0.0/${f}/provenance`)
        return respond(url, provenanceBytes('sampleproject', '4.0.0', f), { status: 200 });
    }
    return respond(url, '', { status: 404 });
  });
}

/** Our extension id and our content script's sender on the sampleproject page, for router tests. */
export const EXT_ID = 'abcdefghijklmnopabcdefghijklmnop';
export const PAGE_SENDER = {
  id: EXT_ID,
  url: 'https://pypi.org/project/sampleproject/',
  frameId: 0,
  tab: { id: 7, url: 'https://pypi.org/project/sampleproject/' },
};
