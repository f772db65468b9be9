/**
 * A local pypi.org over REAL TLS for the Firefox end-to-end tests.
 *
 * Firefox cannot be intercepted the way Playwright intercepts Chromium (the Firefox tests drive
 * stock Firefox ESR with puppeteer-core over WebDriver BiDi), so here pypi.org is a Node https
 * server on 127.0.0.1:443 (and [::1]:443) with a self-signed certificate for pypi.org,
 * files.pythonhosted.org and the avatar proxy host (and, for the trust-root tests, a local TUF
 * repository as tuf-repo-cdn.sigstore.dev); Firefox resolves those names to localhost
 * through the pref `network.dns.localDomains` and accepts the certificate through the session's
 * `acceptInsecureCerts`.
 *
 * WHAT is served is not re-implemented: every pypi.org answer comes from the Chromium harness's
 * `PypiFixture.respond()` (scripts/e2e-lib/pypi-fixture.ts: the path mapping, `{{SHA256:…}}`
 * tokens, content negotiation, the production page CSP and the other headers, 301s for
 * non-canonical names). Only the transport differs. Redirects are real 301s here (no emulation
 * needed: the follow-up request reaches this server like any other).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PypiFixture, type FixtureResponse, type PypiFixtureOptions } from '../scripts/e2e-lib/pypi-fixture';
import { TUF_HOST } from '../e2e/lib/trust-repo';

export const CAMO_HOST = 'warehouse-camo.ingress.cmh1.psfhosted.org';
export const FILES_HOST = 'files.pythonhosted.org';
/** Host names the test browser must resolve to the local server (comma-joined for `network.dns.localDomains`). */
export const LOCAL_HOSTS = ['pypi.org', FILES_HOST, CAMO_HOST] as const;
/** Sigstore's TUF repository: served (from `LocalPypi.tuf`) only in the tests that set one; the others cannot resolve it. */
export { TUF_HOST };

/** A TUF repository's answers by path (test/trust/tuf-repo.ts TufRepo.respond). */
export interface TufResponder {
  respond(path: string): { status: number; contentType: string; body: Buffer };
}
const PIXEL_GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

export interface ServedRequest {
  host: string;
  url: string;
  method: string;
  accept: string | undefined;
  origin: string | undefined;
  status: number;
  at: number;
}

/** Edits one response before it is sent (tampering, faults). Return the new response. */
export type Transform = (res: FixtureResponse, url: URL) => FixtureResponse;

/** A self-signed certificate (EC P-256) for the local hosts, made with the `openssl` CLI. */
export function makeCertificate(hosts: readonly string[] = LOCAL_HOSTS): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'pypi-cert-'));
  try {
    const cfg = join(dir, 'openssl.cnf');
    writeFileSync(
      cfg,
      [
        '[req]',
        'distinguished_name = dn',
        'x509_extensions = ext',
        'prompt = no',
        '[dn]',
        `CN = ${hosts[0]}`,
        '[ext]',
        `subjectAltName = ${hosts.map((h) => `DNS:${h}`).join(',')}`,
        'basicConstraints = critical,CA:FALSE',
        'keyUsage = critical,digitalSignature',
        'extendedKeyUsage = serverAuth',
        '',
      ].join('\n'),
    );
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    try {
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'ec',
          '-pkeyopt',
          'ec_paramgen_curve:prime256v1',
          '-nodes',
          '-keyout',
          key,
          '-out',
          cert,
          '-days',
          '2',
          '-config',
          cfg,
        ],
        { stdio: ['ignore', 'ignore', 'pipe'] },
      );
    } catch (e) {
      throw new Error(`could not make a test certificate with the openssl CLI (apt-get install -y openssl): ${(e as Error).message}`);
    }
    return { key: readFileSync(key), cert: readFileSync(cert) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export class LocalPypi {
  readonly fixture: PypiFixture;
  readonly requests: ServedRequest[] = [];
  private readonly transforms: { match: (url: URL) => boolean; transform: Transform }[] = [];
  private servers: Server[] = [];
  /** What answers https://tuf-repo-cdn.sigstore.dev/ (the test browser resolves that name here only when set). */
  tuf: TufResponder | null = null;
  private readonly started = Date.now();

  constructor(opts: PypiFixtureOptions = {}) {
    this.fixture = new PypiFixture(opts);
  }

  /** Edit responses whose URL matches (a path prefix or a predicate). Later transforms run last. */
  transform(match: string | ((url: URL) => boolean), t: Transform): void {
    const m = typeof match === 'string' ? (u: URL) => u.pathname.startsWith(match) : match;
    this.transforms.push({ match: m, transform: t });
  }

  /** Edit the JSON body of matching responses (e.g. tamper with a provenance object). */
  transformJson(match: string | ((url: URL) => boolean), edit: (json: any) => any): void {
    this.transform(match, (r) => {
      const json = JSON.parse(r.body.toString('utf8'));
      return { ...r, body: Buffer.from(JSON.stringify(edit(json) ?? json), 'utf8') };
    });
  }

  /** Requests served for pypi.org whose path starts with `prefix`. */
  pypiRequests(prefix = '/'): ServedRequest[] {
    return this.requests.filter((r) => r.host === 'pypi.org' && new URL(r.url).pathname.startsWith(prefix));
  }

  /** Listen on 127.0.0.1 and ::1 (Firefox may resolve a local domain to either). */
  async listen(port = 443, tls = makeCertificate()): Promise<void> {
    const addrs = ['127.0.0.1', '::1'];
    for (const host of addrs) {
      const server = createServer({ key: tls.key, cert: tls.cert }, (req, res) => this.handle(req, res));
      try {
        await new Promise<void>((resolve, reject) => {
          server.once('error', reject);
          server.listen(port, host, () => resolve());
        });
        this.servers.push(server);
      } catch (e) {
        // No IPv6 loopback is fine; the IPv4 one is required.
        if (host === '127.0.0.1') {
          await this.close();
          throw new Error(
            `cannot listen on ${host}:${port} (needs root or CAP_NET_BIND_SERVICE, and a free port): ${(e as Error).message}`,
          );
        }
      }
    }
  }

  async close(): Promise<void> {
    const servers = this.servers.splice(0);
    await Promise.all(
      servers.map(
        (s) =>
          new Promise<void>((resolve) => {
            s.close(() => resolve());
            s.closeAllConnections?.();
          }),
      ),
    );
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    const url = new URL(req.url ?? '/', `https://${host || 'pypi.org'}`);
    const method = req.method ?? 'GET';
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;

    let out: FixtureResponse;
    if (host === CAMO_HOST) {
      out = { status: 200, headers: { 'content-type': 'image/gif' }, body: PIXEL_GIF };
    } else if (host === FILES_HOST) {
      const name = decodeURIComponent(url.pathname.split('/').pop() ?? 'file').replace(/"/g, '');
      out = {
        status: 200,
        headers: { 'content-type': 'application/octet-stream', 'content-disposition': `attachment; filename="${name}"` },
        body: Buffer.from(`fixture bytes for ${name}\n`, 'utf8'),
      };
    } else if (host === 'pypi.org') {
      out = this.fixture.respond(url, method, headers);
      for (const t of this.transforms) if (t.match(url)) out = t.transform(out, url);
    } else if (host === TUF_HOST && this.tuf) {
      const r = this.tuf.respond(decodeURIComponent(url.pathname.slice(1)));
      out = { status: r.status, headers: { 'content-type': r.contentType }, body: r.body };
    } else {
      out = { status: 421, headers: { 'content-type': 'text/plain' }, body: Buffer.from('Misdirected Request\n') };
    }

    this.requests.push({
      host,
      url: url.href,
      method,
      accept: headers['accept'],
      origin: headers['origin'],
      status: out.status,
      at: Date.now() - this.started,
    });
    const h = { ...out.headers, 'content-length': String(out.body.length) };
    res.writeHead(out.status, h);
    res.end(method === 'HEAD' ? undefined : out.body);
  }
}
