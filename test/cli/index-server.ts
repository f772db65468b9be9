/**
 * A local package index for the CLI tests: PyPI's simple JSON API, Integrity API and project
 * pages from the e2e fixtures (scripts/e2e-lib/pypi-fixture.ts, the same answers the browser
 * tests get), over real HTTP on 127.0.0.1, with per-path faults (status, body, Retry-After,
 * delay, hang, garbage) and a request log (User-Agent, order, timing).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PypiFixture } from '../../scripts/e2e-lib/pypi-fixture';

export interface Fault {
  status?: number;
  body?: string | Buffer;
  headers?: Record<string, string>;
  delayMs?: number;
  /** Never answer. */
  hang?: boolean;
  /** Only the first N matching requests. */
  times?: number;
  /** Replace the fixture's body (e.g. tamper with the JSON). */
  transform?: (body: Buffer) => Buffer;
}

export interface LoggedIndexRequest {
  path: string;
  userAgent: string | undefined;
  accept: string | undefined;
  at: number;
}

export class IndexServer {
  readonly fixture = new PypiFixture();
  readonly requests: LoggedIndexRequest[] = [];
  private server: Server | null = null;
  private faults: { prefix: string; fault: Fault; used: number }[] = [];
  private hanging: ServerResponse[] = [];
  origin = '';

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.origin;
  }

  async stop(): Promise<void> {
    for (const r of this.hanging.splice(0)) r.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }

  /** Faults apply to paths starting with `prefix`; later ones win. */
  fault(prefix: string, fault: Fault): void {
    this.faults.push({ prefix, fault, used: 0 });
  }

  reset(): void {
    this.faults = [];
    this.requests.length = 0;
    for (const r of this.hanging.splice(0)) r.destroy();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'https://pypi.org');
    this.requests.push({ path: url.pathname, userAgent: req.headers['user-agent'], accept: req.headers.accept, at: Date.now() });
    const entry = [...this.faults]
      .reverse()
      .find((f) => url.pathname.startsWith(f.prefix) && (f.fault.times === undefined || f.used < f.fault.times));
    const fault = entry?.fault;
    if (entry) entry.used++;
    if (fault?.hang) {
      this.hanging.push(res);
      return;
    }
    if (fault?.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
    const base = this.fixture.respond(url, req.method ?? 'GET', { accept: String(req.headers.accept ?? '') });
    let body = fault?.body !== undefined ? Buffer.from(fault.body) : base.body;
    if (fault?.transform) body = fault.transform(body);
    const headers = { ...base.headers, ...fault?.headers };
    delete headers['content-length'];
    res.writeHead(fault?.status ?? base.status, headers);
    res.end(body);
  }
}
