/**
 * A local "pypi.org" (and "test.pypi.org") for end-to-end tests and the offline demo.
 *
 * It answers, through Playwright request interception (`context.route`), every request the
 * browser makes to https://pypi.org/ (page navigations AND the extension service worker's
 * fetches, also after a worker restart) from the read-only fixtures in
 * `e2e/fixtures/pypi-pages/` (see its README for the mapping, tokens and headers), and a few
 * extra fixtures in `e2e/fixtures/extra/`.
 *
 * Tests can replace any response (status, body, headers, delay, never-complete, abort) with
 * `override()`, transform the default JSON with `overrideJson()`, and inspect every request
 * (and whether the extension's service worker made it) with `requests`.
 *
 * https://test.pypi.org/ serves the SAME fixtures, as TestPyPI would: absolute
 * `https://pypi.org/` URLs in pages, simple indexes (the integrity URLs!) and redirects become
 * `https://test.pypi.org/`, and file links point at test-files.pythonhosted.org (answered like
 * files.pythonhosted.org). The worker refuses provenance URLs on another host than the page's
 * index, so without the rewrite nothing could verify there.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Route, Request } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = join(here, '..', '..');
export const PAGES_DIR = join(REPO_ROOT, 'e2e', 'fixtures', 'pypi-pages');
export const EXTRA_DIR = join(REPO_ROOT, 'e2e', 'fixtures', 'extra');

/** The production project/release page CSP (fixtures README), sent on every HTML page. */
export const PYPI_PAGE_CSP =
  "base-uri 'self'; connect-src 'self' https://api.github.com/repos/ https://api.github.com/search/issues https://gitlab.com/api/ https://analytics.python.org *.ethicalads.io https://api.pwnedpasswords.com https://cdn.jsdelivr.net/npm/mathjax@3.2.2/es5/sre/mathmaps/ https://2p66nmmycsj3.statuspage.io; default-src 'none'; font-src 'self'; form-action 'self' https://checkout.stripe.com https://billing.stripe.com; frame-ancestors 'none'; frame-src 'none'; img-src 'self' https://warehouse-camo.ingress.cmh1.psfhosted.org/ *.ethicalads.io ethicalads.blob.core.windows.net; script-src 'self' https://analytics.python.org *.ethicalads.io 'sha256-U3hKDidudIaxBDEzwGJApJgPEf2mWk6cfMWghrAa6i0=' https://cdn.jsdelivr.net/npm/mathjax@3.2.2/ 'sha256-1CldwzdEg2k1wTmf7s5RWVd7NMXI/7nxxjJM2C4DqII='; style-src 'self' *.ethicalads.io 'sha256-2YHqZokjiizkHi1Zt+6ar0XJ0OeEy/egBnlm+MDMtrM=' 'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=' 'sha256-JLEjeN9e5dGsz5475WyRaoA4eQOdNPxDIeUhclnJDCE=' 'sha256-mQyxHEuwZJqpxCw3SLmc4YOySNKXunyu2Oiz1r3/wAE=' 'sha256-OCf+kv5Asiwp++8PIevKBYSgnNLNUZvxAp4a7wMLuKA=' 'sha256-h5LOiLhk6wiJrGsG5ItM0KimwzWQH/yAcmoJDJL//bY='";

const PAGE_HEADERS: Record<string, string> = {
  'content-type': 'text/html; charset=UTF-8',
  'content-security-policy': PYPI_PAGE_CSP,
  'referrer-policy': 'origin-when-cross-origin',
  'x-frame-options': 'deny',
  'x-xss-protection': '1; mode=block',
  'x-content-type-options': 'nosniff',
  'x-permitted-cross-domain-policies': 'none',
  'strict-transport-security': 'max-age=31536000; includeSubDomains; preload',
  // The production list, minus features Chromium 156 no longer knows (they only log console warnings).
  'permissions-policy':
    'publickey-credentials-create=(self),publickey-credentials-get=(self),accelerometer=(),autoplay=(),camera=(),display-capture=(),encrypted-media=(),fullscreen=(),gamepad=(),geolocation=(),gyroscope=(),hid=(),identity-credentials-get=(),idle-detection=(),local-fonts=(),magnetometer=(),microphone=(),midi=(),otp-credentials=(),payment=(),picture-in-picture=(),screen-wake-lock=(),serial=(),speaker-selection=(),storage-access=(),usb=(),xr-spatial-tracking=()',
};

export const CORS_HEADERS: Record<string, string> = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET',
  'access-control-allow-headers': 'Content-Type, If-Match, If-Modified-Since, If-None-Match, If-Unmodified-Since',
  'access-control-max-age': '86400',
  'access-control-expose-headers': 'X-PyPI-Last-Serial',
};

const SIMPLE_JSON = 'application/vnd.pypi.simple.v1+json';
const SIMPLE_HTML = 'application/vnd.pypi.simple.v1+html';
const INTEGRITY_JSON = 'application/vnd.pypi.integrity.v1+json';

/** PEP 503 normalisation. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

export interface FixtureResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** What a test sees of one request. */
export interface LoggedRequest {
  url: string;
  method: string;
  /** Made by a service worker (the extension's background), not by a page. */
  fromWorker: boolean;
  accept: string | undefined;
  /** ms since the fixture was created. */
  at: number;
}

export interface OverrideSpec {
  status?: number;
  /** Replaces the body (objects are JSON-serialised). */
  body?: string | Buffer | object;
  /** Merged over the default headers (a value of '' removes a header). */
  headers?: Record<string, string>;
  /** Wait this long before answering. */
  delayMs?: number;
  /** Never answer (the request stays open until the browser gives up or the context closes). */
  hang?: boolean;
  /** Fail at the network level (connection reset). */
  abort?: boolean;
  /** Edit the default response (after it is computed, before it is sent). */
  transform?: (res: FixtureResponse, req: Request) => FixtureResponse | Promise<FixtureResponse>;
  /** Only apply to the first N matching requests, then fall back to the default (or later overrides). */
  times?: number;
}

type Matcher = string | RegExp | ((url: URL, req: Request) => boolean);

export type PageLayout = 'current' | 'legacy' | 'files-tab';

/** Project-page folders of each layout; pages missing there come from the current layout. */
const LAYOUT_DIRS: Record<PageLayout, string> = {
  current: join(PAGES_DIR, 'project'),
  legacy: join(PAGES_DIR, 'legacy-2025', 'project'),
  'files-tab': join(REPO_ROOT, 'e2e', 'fixtures', 'files-tab-2026', 'project'),
};

interface OverrideEntry {
  matcher: Matcher;
  spec: OverrideSpec;
  used: number;
}

export interface PypiFixtureOptions {
  /**
   * 'legacy' serves the pre-2026-08 layout (`legacy-2025/`), 'files-tab' Warehouse's files-tab
   * redesign (`e2e/fixtures/files-tab-2026/`), for project pages that have one.
   */
  layout?: PageLayout;
  /**
   * Provenance served for files the index lists as attested but for which no real provenance exists
   * (the fictional FastHash_Lib). Default: the real sampleproject wheel provenance, which verifies
   * cryptographically but names a different file (statement subject mismatch), so the verdict is
   * `failed`. 'not-found' serves PyPI's 404 body instead.
   */
  syntheticProvenance?: 'sampleproject-wheel' | 'not-found';
}

let tokens: Record<string, { sha256: string; real: boolean }> | null = null;
export function sha256Tokens(): Record<string, { sha256: string; real: boolean }> {
  tokens ??= JSON.parse(readFileSync(join(PAGES_DIR, 'sha256-tokens.json'), 'utf8'));
  return tokens!;
}

/** The sha256 a fixture page shows for a filename (from the tokens file). */
export function fixtureSha256(filename: string): string {
  const t = sha256Tokens()[filename];
  if (!t) throw new Error(`no sha256 token for ${filename}`);
  return t.sha256;
}

/** Replace every `{{SHA256:<file>}}`; an unknown file gets sha256("fixture:"+file) (the FastHash rule). */
export function substituteTokens(text: string): string {
  return text.replace(/\{\{SHA256:([^}]+)\}\}/g, (_m, file: string) => {
    const t = sha256Tokens()[file];
    return t
      ? t.sha256
      : createHash('sha256')
          .update('fixture:' + file)
          .digest('hex');
  });
}

function contentTypeFor(path: string): string {
  if (path.endsWith('.css')) return 'text/css; charset=utf-8';
  if (path.endsWith('.js')) return 'text/javascript; charset=utf-8';
  if (path.endsWith('.svg')) return 'image/svg+xml';
  if (path.endsWith('.png')) return 'image/png';
  if (path.endsWith('.woff2')) return 'font/woff2';
  if (path.endsWith('.json')) return 'application/json';
  if (path.endsWith('.html')) return 'text/html; charset=utf-8';
  return 'application/octet-stream';
}

function res(status: number, headers: Record<string, string>, body: string | Buffer): FixtureResponse {
  return { status, headers: { ...headers }, body: typeof body === 'string' ? Buffer.from(body, 'utf8') : body };
}

const CAMO_HOST = 'warehouse-camo.ingress.cmh1.psfhosted.org';
const INDEX_HOSTS = ['pypi.org', 'test.pypi.org'];
const FILES_HOSTS = ['files.pythonhosted.org', 'test-files.pythonhosted.org'];
const TEXT_TYPE = /^(text\/|application\/(json|vnd\.pypi\.))/;

/** A pypi.org answer as test.pypi.org gives it (absolute URLs moved to test.pypi.org / test-files). */
export function asTestPypi(r: FixtureResponse): FixtureResponse {
  const moveUrls = (t: string) =>
    t
      .replaceAll('https://pypi.org/', 'https://test.pypi.org/')
      .replaceAll('https://files.pythonhosted.org/', 'https://test-files.pythonhosted.org/');
  const headers = { ...r.headers };
  if (headers['location']) headers['location'] = moveUrls(headers['location']);
  const body = TEXT_TYPE.test(headers['content-type'] ?? '') ? Buffer.from(moveUrls(r.body.toString('utf8')), 'utf8') : r.body;
  return { ...r, headers, body };
}
const PIXEL_GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function emulatedRedirect(r: FixtureResponse): FixtureResponse {
  const loc = r.headers['location']!;
  return res(
    200,
    {
      'content-type': 'text/html; charset=UTF-8',
      'x-fixture-emulated-redirect': String(r.status),
      'content-security-policy': "default-src 'none'",
    },
    `<!DOCTYPE html><html><head><meta http-equiv="refresh" content="0;url=${escapeAttr(loc)}"><title>Redirecting</title></head><body></body></html>\n`,
  );
}

function notFoundPage(): FixtureResponse {
  return res(404, { ...PAGE_HEADERS }, '<!DOCTYPE html><html><head><title>404 Not Found</title></head><body><h1>404</h1></body></html>\n');
}

/** Directory entries whose normalised name equals `norm`. */
function findDir(parent: string, norm: string): string | null {
  if (!existsSync(parent)) return null;
  for (const e of readdirSync(parent)) {
    if (normalizeName(e) === norm && statSync(join(parent, e)).isDirectory()) return e;
  }
  return null;
}

/** Safe join under a root (rejects `..`). */
function under(root: string, ...parts: string[]): string | null {
  const p = normalize(join(root, ...parts));
  return p === root || p.startsWith(root + sep) ? p : null;
}

/** Parse an Accept header into [type, q] sorted by q (stable). */
function parseAccept(accept: string | undefined): { type: string; q: number }[] {
  if (!accept) return [];
  return accept
    .split(',')
    .map((part, i) => {
      const [type = '', ...params] = part
        .trim()
        .split(';')
        .map((s) => s.trim());
      const qp = params.find((p) => p.startsWith('q='));
      const q = qp ? Number(qp.slice(2)) : 1;
      return { type: type.toLowerCase(), q: Number.isFinite(q) ? q : 0, i };
    })
    .filter((e) => e.q > 0 && e.type)
    .sort((a, b) => b.q - a.q || a.i - b.i);
}

/** Warehouse's simple-API negotiation: JSON v1, HTML v1, or legacy text/html (the default). */
function negotiateSimple(accept: string | undefined, format: string | null): 'json' | 'html-v1' | 'html' | null {
  if (format) {
    if (format === SIMPLE_JSON) return 'json';
    if (format === SIMPLE_HTML) return 'html-v1';
    if (format === 'text/html') return 'html';
    return null;
  }
  const list = parseAccept(accept);
  if (list.length === 0) return 'html';
  for (const { type } of list) {
    if (type === SIMPLE_JSON) return 'json';
    if (type === SIMPLE_HTML) return 'html-v1';
    if (type === 'text/html' || type === '*/*' || type === 'text/*') return 'html';
  }
  return null;
}

function negotiateIntegrity(accept: string | undefined): string | null {
  const list = parseAccept(accept);
  if (list.length === 0) return INTEGRITY_JSON;
  for (const { type } of list) {
    if (type === INTEGRITY_JSON || type === '*/*' || type === 'application/*') return INTEGRITY_JSON;
    if (type === 'application/json') return 'application/json';
  }
  return null;
}

export class PypiFixture {
  readonly requests: LoggedRequest[] = [];
  private readonly overrides: OverrideEntry[] = [];
  private readonly started = Date.now();
  private readonly hanging: Route[] = [];
  private readonly opts: Required<PypiFixtureOptions>;

  constructor(opts: PypiFixtureOptions = {}) {
    this.opts = { layout: opts.layout ?? 'current', syntheticProvenance: opts.syntheticProvenance ?? 'sampleproject-wheel' };
  }

  setLayout(layout: PageLayout): void {
    this.opts.layout = layout;
  }

  /** Install on a context. Everything that is not pypi.org / files.pythonhosted.org is aborted. */
  async install(context: BrowserContext): Promise<void> {
    await context.route(/^https?:\/\//, (route) => this.handle(route));
  }

  /**
   * Replace responses for matching requests. `matcher`: a path prefix string ("/integrity/"),
   * a RegExp tested on the full URL, or a predicate. Later overrides win over earlier ones.
   * Returns a function that removes the override.
   */
  override(matcher: Matcher, spec: OverrideSpec): () => void {
    const entry: OverrideEntry = { matcher, spec, used: 0 };
    this.overrides.push(entry);
    return () => {
      const i = this.overrides.indexOf(entry);
      if (i >= 0) this.overrides.splice(i, 1);
    };
  }

  /** Edit the default JSON body of matching responses (e.g. tamper with a provenance object). */
  overrideJson(matcher: Matcher, edit: (json: any) => any, extra: Omit<OverrideSpec, 'transform' | 'body'> = {}): () => void {
    return this.override(matcher, {
      ...extra,
      transform: (r) => {
        const json = JSON.parse(r.body.toString('utf8'));
        const out = edit(json) ?? json;
        return { ...r, body: Buffer.from(JSON.stringify(out), 'utf8') };
      },
    });
  }

  /** Remove all overrides. */
  clearOverrides(): void {
    this.overrides.length = 0;
  }

  /** Answer every request that an override left hanging (with a 504), e.g. before closing. */
  async releaseHanging(): Promise<void> {
    const routes = this.hanging.splice(0);
    await Promise.all(routes.map((r) => r.fulfill({ status: 504, body: 'released' }).catch(() => {})));
  }

  /** Requests made by the extension's service worker to pypi.org (or `host`), optionally filtered by path prefix. */
  workerRequests(pathPrefix = '/', host = 'pypi.org'): LoggedRequest[] {
    return this.requests.filter((r) => {
      const u = new URL(r.url);
      return r.fromWorker && u.hostname === host && u.pathname.startsWith(pathPrefix);
    });
  }

  private matches(m: Matcher, url: URL, req: Request): boolean {
    if (typeof m === 'string') return url.pathname.startsWith(m) || url.href.startsWith(m);
    if (m instanceof RegExp) return m.test(url.href);
    return m(url, req);
  }

  private async handle(route: Route): Promise<void> {
    const req = route.request();
    const url = new URL(req.url());
    let fromWorker = false;
    try {
      fromWorker = req.serviceWorker() !== null;
    } catch {
      fromWorker = false;
    }
    const headers = await req.allHeaders().catch(() => req.headers());
    this.requests.push({ url: url.href, method: req.method(), fromWorker, accept: headers['accept'], at: Date.now() - this.started });

    if (url.protocol === 'https:' && url.hostname === CAMO_HOST) {
      // Avatars through pypi.org's image proxy: a 1×1 GIF keeps the console free of load errors.
      await route.fulfill({ status: 200, headers: { 'content-type': 'image/gif' }, body: PIXEL_GIF }).catch(() => {});
      return;
    }
    if (url.protocol !== 'https:' || (!INDEX_HOSTS.includes(url.hostname) && !FILES_HOSTS.includes(url.hostname))) {
      await route.abort('blockedbyclient').catch(() => {});
      return;
    }

    let spec: OverrideSpec | undefined;
    for (let i = this.overrides.length - 1; i >= 0; i--) {
      const o = this.overrides[i]!;
      if (o.spec.times !== undefined && o.used >= o.spec.times) continue;
      if (this.matches(o.matcher, url, req)) {
        o.used++;
        spec = o.spec;
        break;
      }
    }

    if (spec?.delayMs) await new Promise((r) => setTimeout(r, spec!.delayMs));
    if (spec?.hang) {
      this.hanging.push(route);
      return;
    }
    if (spec?.abort) {
      await route.abort('connectionreset').catch(() => {});
      return;
    }

    let out = FILES_HOSTS.includes(url.hostname) ? this.filesHost(url) : this.respond(url, req.method(), headers);
    if (spec) {
      if (spec.transform) out = await spec.transform(out, req);
      if (spec.status !== undefined) out = { ...out, status: spec.status };
      if (spec.body !== undefined) {
        const b = spec.body;
        out = { ...out, body: Buffer.isBuffer(b) ? b : Buffer.from(typeof b === 'string' ? b : JSON.stringify(b), 'utf8') };
      }
      if (spec.headers) {
        const h = { ...out.headers };
        for (const [k, v] of Object.entries(spec.headers)) {
          if (v === '') delete h[k.toLowerCase()];
          else h[k.toLowerCase()] = v;
        }
        out = { ...out, headers: h };
      }
    }
    if (out.status >= 300 && out.status < 400 && out.headers['location'] && req.isNavigationRequest()) {
      // Playwright 1.65 + Chromium 156 do not intercept the request that follows a FULFILLED
      // redirect (it goes to the real network and fails). For page navigations, emulate the
      // redirect with an immediate meta refresh: the tab ends on the same URL.
      out = emulatedRedirect(out);
    }
    await route.fulfill({ status: out.status, headers: out.headers, body: out.body }).catch(() => {});
  }

  /** Downloads: a few deterministic bytes, served as an attachment. */
  private filesHost(url: URL): FixtureResponse {
    const name = decodeURIComponent(url.pathname.split('/').pop() ?? 'file');
    return res(
      200,
      { 'content-type': 'application/octet-stream', 'content-disposition': `attachment; filename="${name.replace(/"/g, '')}"` },
      Buffer.from(`fixture bytes for ${name}\n`, 'utf8'),
    );
  }

  /** The default answer of the local pypi.org for a URL (no overrides). Exposed for tests and the demo. */
  respond(url: URL, method = 'GET', headers: Record<string, string> = {}): FixtureResponse {
    if (url.hostname === 'test.pypi.org') {
      const prod = new URL(url.href);
      prod.hostname = 'pypi.org';
      return asTestPypi(this.respond(prod, method, headers));
    }
    const path = url.pathname;
    if (method !== 'GET' && method !== 'HEAD') return res(405, { 'content-type': 'text/plain' }, 'Method Not Allowed\n');

    if (path.startsWith('/static/')) {
      const file = under(join(PAGES_DIR, 'static'), decodeURIComponent(path.slice('/static/'.length)));
      if (!file || !existsSync(file) || !statSync(file).isFile()) return res(404, { 'content-type': 'text/plain' }, 'Not Found\n');
      return res(200, { 'content-type': contentTypeFor(file), 'cache-control': 'public, max-age=315360000' }, readFileSync(file));
    }

    let m = /^\/project\/([^/]+)(?:\/([^/]+))?\/?$/.exec(path);
    if (m) return this.projectPage(decodeURIComponent(m[1]!), m[2] ? decodeURIComponent(m[2]) : null, path.endsWith('/'));

    m = /^\/simple\/([^/]+)\/?$/.exec(path);
    if (m) return this.simplePage(decodeURIComponent(m[1]!), headers['accept'], url.searchParams.get('format'), path.endsWith('/'));

    m = /^\/integrity\/([^/]+)\/([^/]+)\/([^/]+)\/provenance\/?$/.exec(path);
    if (m) return this.integrity(decodeURIComponent(m[1]!), decodeURIComponent(m[2]!), decodeURIComponent(m[3]!), headers['accept']);

    return notFoundPage();
  }

  private projectPage(name: string, version: string | null, slash: boolean): FixtureResponse {
    const norm = normalizeName(name);
    const pageFile = (root: string, display: string) =>
      version ? under(root, display, version, 'index.html') : join(root, display, 'index.html');
    let root = LAYOUT_DIRS[this.opts.layout];
    let display = findDir(root, norm);
    if (this.opts.layout !== 'current' && (!display || !existsSync(pageFile(root, display) ?? ''))) {
      root = LAYOUT_DIRS.current;
      display = findDir(root, norm);
    }
    if (!display) return notFoundPage();
    const target = `/project/${display}/${version ? version + '/' : ''}`;
    const file = pageFile(root, display);
    if (!file || !existsSync(file)) return notFoundPage();
    if (name !== display || !slash)
      return res(301, { location: `https://pypi.org${target}`, 'content-type': 'text/html; charset=UTF-8' }, '');
    return res(200, { ...PAGE_HEADERS }, substituteTokens(readFileSync(file, 'utf8')));
  }

  private simplePage(name: string, accept: string | undefined, format: string | null, slash: boolean): FixtureResponse {
    const norm = normalizeName(name);
    const simpleHeaders = {
      ...CORS_HEADERS,
      vary: 'Accept',
      'content-security-policy': "default-src 'none'; sandbox allow-top-navigation",
    };
    if (name !== norm || !slash) {
      return res(301, { ...simpleHeaders, location: `https://pypi.org/simple/${norm}/` }, '');
    }
    const dir = under(join(PAGES_DIR, 'simple'), norm);
    if (!dir || !existsSync(dir)) return res(404, { ...simpleHeaders, 'content-type': 'text/plain' }, '404 Not Found\n');
    const kind = negotiateSimple(accept, format);
    if (kind === null) return res(406, { ...simpleHeaders, 'content-type': 'text/plain' }, 'Not Acceptable\n');
    const file = join(dir, kind === 'json' ? 'index.v1.json' : 'index.html');
    if (!existsSync(file)) return res(404, { ...simpleHeaders, 'content-type': 'text/plain' }, '404 Not Found\n');
    const body = substituteTokens(readFileSync(file, 'utf8'));
    const ct = kind === 'json' ? SIMPLE_JSON : kind === 'html-v1' ? SIMPLE_HTML : 'text/html';
    return res(
      200,
      {
        ...simpleHeaders,
        'content-type': ct,
        'x-pypi-last-serial': '27000000',
        'cache-control': 'max-age=600, public',
        etag: `"${createHash('sha256').update(body).digest('hex').slice(0, 22)}"`,
      },
      body,
    );
  }

  /** Whether the simple JSON index lists `file` of project `p` with a provenance URL. */
  private listedWithProvenance(p: string, file: string): boolean {
    const f = join(PAGES_DIR, 'simple', p, 'index.v1.json');
    if (!existsSync(f)) return false;
    const json = JSON.parse(readFileSync(f, 'utf8')) as { files: { filename: string; provenance: string | null }[] };
    return json.files.some((e) => e.filename === file && typeof e.provenance === 'string');
  }

  private integrity(p: string, v: string, file: string, accept: string | undefined): FixtureResponse {
    const notFound = () =>
      res(404, { 'content-type': 'application/json' }, JSON.stringify({ message: `No provenance available for ${file}` }));
    const ct = negotiateIntegrity(accept);
    if (ct === null) return res(406, { 'content-type': 'application/json' }, JSON.stringify({ message: 'Request not acceptable' }));
    const norm = normalizeName(p);
    const candidates = [
      under(EXTRA_DIR, 'integrity', norm, v, file, 'provenance.json'),
      under(PAGES_DIR, 'integrity', norm, v, file, 'provenance.json'),
    ];
    let path = candidates.find((c): c is string => !!c && existsSync(c));
    if (!path && this.opts.syntheticProvenance === 'sampleproject-wheel' && this.listedWithProvenance(norm, file)) {
      path = join(PAGES_DIR, 'integrity', 'sampleproject', '4.0.0', 'sampleproject-4.0.0-py3-none-any.whl', 'provenance.json');
    }
    if (!path) {
      const f404 = under(PAGES_DIR, 'integrity', norm, v, file, 'provenance.404.json');
      if (f404 && existsSync(f404)) return res(404, { 'content-type': 'application/json' }, readFileSync(f404));
      return notFound();
    }
    return res(200, { ...CORS_HEADERS, 'content-type': ct, 'cache-control': 'max-age=600, public' }, readFileSync(path));
  }
}

/** Integrity URL of a file as the index lists it. */
export function integrityPath(project: string, version: string, filename: string): string {
  return `/integrity/${normalizeName(project)}/${version}/${filename}/provenance`;
}
