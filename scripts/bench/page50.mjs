/**
 * The "page50" site for the bench: a release page with N files (default 50), its PEP 691 index and
 * provenance, generated in memory from the fixture release page of FastHash_Lib 1.2.0
 * (e2e/fixtures/pypi-pages/project/FastHash_Lib/1.2.0/index.html: Warehouse markup).
 *
 *  - the page keeps the real sdist card and replaces the 6 wheels by N − 1 generated wheels
 *    (python tags × platforms), each card + "File details" block cloned from a real one;
 *  - the index lists the N files; every tenth wheel (wheels 5, 15, 25, …) has provenance `null`,
 *    the others a provenance URL (N = 50: 45 attested, 5 not);
 *  - each provenance URL answers with an attestation MINTED for that file (its name and sha256)
 *    under the bench trust root (scripts/bench/mint.ts), all distinct: own key, certificate, DSSE
 *    signature and Rekor entry. The bench build accepts that root, so the full check runs and
 *    every attested file ends `verified`, every other `absent`; the bench fails otherwise;
 *  - sha256 of a generated file: sha256("fixture:" + filename) (the fixtures' rule for fictional files);
 *  - FLOOR_URL: a plain page on the same origin, with no content script, that fetches the same
 *    1 + attested URLs (index first, then the provenance, at most 8 in flight like the worker's
 *    Integrity API limit) with the same delays: the network floor of the page.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const PAGE50_URL = 'https://pypi.org/project/FastHash_Lib/1.2.0/';
export const FLOOR_URL = 'https://pypi.org/__bench/floor/';
export const WORKER_CONCURRENCY = 8; // src/background/pypi-client.ts DEFAULTS.concurrency
export const PROJECT = 'fasthash-lib';
const TEMPLATE = 'e2e/fixtures/pypi-pages/project/FastHash_Lib/1.2.0/index.html';
const T_ATTESTED = 'fasthash_lib-1.2.0-cp311-cp311-macosx_11_0_arm64.whl';
const T_PLAIN = 'fasthash_lib-1.2.0-cp311-cp311-win_amd64.whl';
const SDIST = 'fasthash_lib-1.2.0.tar.gz';

const PYTHONS = [
  ...['cp38', 'cp39', 'cp310', 'cp311', 'cp312', 'cp313', 'cp314', 'cp313t', 'cp314t', 'cp37', 'cp36'],
  ...['pp38', 'pp39', 'pp310', 'pp311', 'gp311', 'gp312'],
];
const PLATFORMS = [
  'manylinux_2_17_x86_64.manylinux2014_x86_64',
  'manylinux_2_17_aarch64.manylinux2014_aarch64',
  'musllinux_1_2_x86_64',
  'musllinux_1_2_aarch64',
  'macosx_10_9_x86_64',
  'macosx_11_0_arm64',
  'win_amd64',
  'win32',
  'win_arm64',
  'manylinux_2_28_x86_64',
  'manylinux_2_28_aarch64',
  'manylinux_2_17_ppc64le.manylinux2014_ppc64le',
  'manylinux_2_17_s390x.manylinux2014_s390x',
  'manylinux_2_17_i686.manylinux2014_i686',
  'macosx_14_0_arm64',
];

const sha = (name) =>
  createHash('sha256')
    .update('fixture:' + name)
    .digest('hex');
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Split the template into prefix | cards | details | suffix and index the blocks by filename. */
function parseTemplate(html) {
  const cardRe = /^ {4}<div class="file"\n/gm;
  const cardStarts = [...html.matchAll(cardRe)].map((m) => m.index);
  const detailRe = /<div id="(fasthash_lib-[^"]+)"\n\s+data-project-tabs-target="content"/g;
  const details = [...html.matchAll(detailRe)].map((m) => ({ name: m[1], start: m.index }));
  const historyStart = html.indexOf('<div id="history"');
  if (cardStarts.length !== 6 || details.length !== 7 || historyStart < 0) throw new Error('page50: the template page changed shape');
  const cardsEnd = html.lastIndexOf('\n</div>\n', details[0].start) + 1;
  const cards = cardStarts.map((s, i) => html.slice(s, i + 1 < cardStarts.length ? cardStarts[i + 1] : cardsEnd));
  const cardFor = (name) => cards.find((c) => c.includes(`'["${name}"]'`));
  const detailBlocks = details.map((d, i) => ({
    name: d.name,
    text: html.slice(d.start, i + 1 < details.length ? details[i + 1].start : historyStart),
  }));
  const detailFor = (name) => detailBlocks.find((d) => d.name === name)?.text;
  return {
    prefix: html.slice(0, cardStarts[0]),
    between: html.slice(cardsEnd, details[0].start),
    suffix: html.slice(historyStart),
    cardFor,
    detailFor,
  };
}

function clone(block, from, to) {
  return block.replace(new RegExp(escapeRe(from), 'g'), to);
}

/**
 * The page's files: [{filename, sha256, attested}], the sdist first. `count` ≤ 1 + 17 × 15.
 * `substituteTokens`: the e2e fixture's token substitution (gives the sdist's sha256).
 */
export function page50Files(count, substituteTokens) {
  const wheels = [];
  for (const py of PYTHONS) for (const plat of PLATFORMS) wheels.push(`fasthash_lib-1.2.0-${py}-${py}-${plat}.whl`);
  if (count < 2 || count - 1 > wheels.length) throw new Error(`page50: --files must be 2…${wheels.length + 1}`);
  wheels.length = count - 1;
  const sdistSha = /\b[0-9a-f]{64}\b/.exec(substituteTokens(`{{SHA256:${SDIST}}}`))[0];
  return [
    { filename: SDIST, sha256: sdistSha, attested: true },
    ...wheels.map((filename, i) => ({ filename, sha256: sha(filename), attested: i % 10 !== 4 })),
  ];
}

/**
 * Build the site. `files`: page50Files(); `provenance`: Map filename → provenance JSON text for
 * every attested file (mint.ts mintRelease). `substituteTokens`: as above.
 */
export function buildPage50(root, files, provenance, substituteTokens) {
  const t = parseTemplate(readFileSync(join(root, TEMPLATE), 'utf8'));
  const cards = [];
  const details = [t.detailFor(SDIST)];
  for (const f of files.slice(1)) {
    const from = f.attested ? T_ATTESTED : T_PLAIN;
    cards.push(clone(t.cardFor(from), from, f.filename));
    details.push(clone(t.detailFor(from), from, f.filename));
  }
  // The sdist card sits in its own "Source Distribution" section inside the prefix; keep it.
  let html = t.prefix + cards.join('') + t.between + details.join('') + t.suffix;
  for (const f of files.slice(1)) html = html.replaceAll(`{{SHA256:${f.filename}}}`, f.sha256);
  html = substituteTokens(html);

  const integrity = new Map();
  for (const f of files) {
    if (!f.attested) continue;
    const text = provenance.get(f.filename);
    if (!text) throw new Error(`page50: no provenance minted for ${f.filename}`);
    integrity.set(f.filename, text);
  }
  const provenanceUrl = (f) => `https://pypi.org/integrity/${PROJECT}/1.2.0/${f.filename}/provenance`;
  const simple = {
    files: files.map((f) => ({
      filename: f.filename,
      hashes: { sha256: f.sha256 },
      provenance: f.attested ? provenanceUrl(f) : null,
      'requires-python': '>=3.8',
      size: 50000,
      'upload-time': '2025-06-10T14:02:20Z',
      url: `https://files.pythonhosted.org/packages/00/00/${f.sha256}/${f.filename}`,
      yanked: false,
    })),
    meta: { 'api-version': '1.1', '_last-serial': 27000000 },
    name: PROJECT,
    versions: ['1.2.0'],
  };
  const floorUrls = [`https://pypi.org/simple/${PROJECT}/`, ...files.filter((f) => f.attested).map(provenanceUrl)];
  return { files, html, simpleJson: JSON.stringify(simple) + '\n', integrity, floorHtml: floorPage(floorUrls) };
}

/**
 * The floor probe page: fetch the index (with the worker's Accept header), then every provenance
 * URL, WORKER_CONCURRENCY at a time, bodies read in full, bypassing the HTTP cache; record the
 * time (from navigation) when the last body arrived in `window.__floor`. Inline script, our own
 * fixed text: the URLs are JSON-encoded into it.
 */
function floorPage(urls) {
  const script = `
const urls = ${JSON.stringify(urls)};
(async () => {
  const get = (u, accept) => fetch(u, { cache: 'no-store', headers: { accept } }).then((r) => r.arrayBuffer());
  await get(urls[0], 'application/vnd.pypi.simple.v1+json');
  const rest = urls.slice(1);
  let next = 0;
  const lane = async () => { while (next < rest.length) await get(rest[next++], 'application/vnd.pypi.integrity.v1+json'); };
  await Promise.all(Array.from({ length: ${WORKER_CONCURRENCY} }, lane));
  window.__floor = { ms: performance.now(), fetched: urls.length };
})();`;
  return `<!doctype html><html><head><meta charset="utf-8"><title>floor</title></head><body><script>${script}</script></body></html>`;
}

/**
 * Serve the site on a Playwright context: the page, the index and the provenance from `site`,
 * everything else on pypi.org from the e2e fixture (`fixture.respond`), other hosts aborted.
 * Every response is delayed by `delayMs`. Returns the request log.
 */
export async function routePage50(context, site, fixture, delayMs) {
  const log = [];
  const integrityCt = 'application/vnd.pypi.integrity.v1+json';
  await context.route(/^https?:\/\//, async (route) => {
    const req = route.request();
    const url = new URL(req.url());
    let fromWorker = false;
    try {
      fromWorker = req.serviceWorker() !== null;
    } catch {
      /* request from a page, not a worker */
    }
    const entry = { url: url.href, fromWorker, at: Date.now() };
    log.push(entry);
    if (url.protocol !== 'https:' || url.hostname !== 'pypi.org') {
      await route.abort('blockedbyclient').catch(() => {});
      return;
    }
    await new Promise((r) => setTimeout(r, delayMs));
    const headers = await req.allHeaders().catch(() => req.headers());
    let out = fixture.respond(url, req.method(), headers);
    const m = /^\/integrity\/fasthash-lib\/1\.2\.0\/([^/]+)\/provenance$/.exec(url.pathname);
    if (url.pathname === '/project/FastHash_Lib/1.2.0/') {
      out = { ...out, body: Buffer.from(site.html, 'utf8') };
    } else if (url.href === FLOOR_URL) {
      out = { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: Buffer.from(site.floorHtml, 'utf8') };
    } else if (url.pathname === '/simple/fasthash-lib/' && out.status === 200) {
      const body = Buffer.from(site.simpleJson, 'utf8');
      out = {
        ...out,
        headers: {
          ...out.headers,
          'content-type': 'application/vnd.pypi.simple.v1+json',
          etag: `"${createHash('sha256').update(body).digest('hex').slice(0, 22)}"`,
        },
        body,
      };
    } else if (m) {
      const text = site.integrity.get(decodeURIComponent(m[1]));
      out = text
        ? {
            status: 200,
            headers: { 'content-type': integrityCt, 'access-control-allow-origin': '*', 'cache-control': 'max-age=600, public' },
            body: Buffer.from(text, 'utf8'),
          }
        : {
            status: 404,
            headers: { 'content-type': 'application/json' },
            body: Buffer.from(JSON.stringify({ message: 'No provenance available' })),
          };
    }
    await route.fulfill({ status: out.status, headers: out.headers, body: out.body }).catch(() => {});
    entry.doneAt = Date.now();
  });
  return log;
}
