/**
 * `--offline DIR`: answer the index requests from a folder laid out like the index's paths (the
 * layout of e2e/fixtures/pypi-pages, and what `pypi-provenance` users save):
 *
 *   DIR/simple/<project>/index.v1.json                            PEP 691 JSON of the project
 *   DIR/integrity/<project>/<version>/<filename>/provenance.json  the Integrity API's answer
 *   DIR/<filename>.provenance.json                                or the file the extension's
 *                                                                 "save raw provenance" writes
 *
 * A missing file is a 404, as the index would answer. Nothing touches the network. Paths are
 * built from decoded URL segments that may not contain `/`, `\` or be `.`/`..`.
 */
import type { FetchLike } from '../background/http';
import type { CliHost } from './host';

const MAX_BYTES = 32 * 1024 * 1024;

function segments(pathname: string): string[] | null {
  const out: string[] = [];
  for (const raw of pathname.split('/').filter((s) => s !== '')) {
    let s: string;
    try {
      s = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (s === '.' || s === '..' || /[/\\\0]/.test(s)) return null;
    out.push(s);
  }
  return out;
}

function answer(url: string, status: number, body: Uint8Array | string, type: string): Response {
  const res = new Response(body as BodyInit, { status, headers: { 'content-type': type } });
  Object.defineProperty(res, 'url', { value: url });
  return res;
}

export function offlineFetch(dir: string, host: CliHost): FetchLike {
  return async (url) => {
    const segs = segments(new URL(url).pathname);
    let files: string[] = [];
    let type = 'application/json';
    if (segs && segs.length === 2 && segs[0] === 'simple') {
      files = [host.resolvePath(dir, 'simple', segs[1]!, 'index.v1.json')];
      type = 'application/vnd.pypi.simple.v1+json';
    } else if (segs && segs.length === 5 && segs[0] === 'integrity' && segs[4] === 'provenance') {
      files = [
        host.resolvePath(dir, 'integrity', segs[1]!, segs[2]!, segs[3]!, 'provenance.json'),
        host.resolvePath(dir, `${segs[3]!}.provenance.json`),
      ];
      type = 'application/vnd.pypi.integrity.v1+json';
    }
    for (const file of files) {
      let read;
      try {
        read = await host.readFileCapped(file, MAX_BYTES);
      } catch {
        continue; // not there: try the next layout
      }
      if (read.tooLarge) return answer(url, 413, '', 'text/plain');
      return answer(url, 200, read.bytes, type);
    }
    return answer(url, 404, '{"message":"Not Found"}', 'application/json');
  };
}
