/**
 * Talks to the background worker over a runtime Port (protocol in src/messages.ts).
 *
 * - One CheckRequest per `check()` call; verdicts arrive progressively, one message per file.
 * - Only the latest request for a file counts; stale answers are dropped.
 * - If the port disconnects while files are outstanding (MV3 worker stopped), reconnect with
 *   backoff and ask again for the outstanding files only; after `maxReconnects` consecutive
 *   failures the remaining files become `error` — never verified, never stuck pending.
 * - `check-failed` and a `done` that leaves files unanswered also turn them into `error`.
 *
 * No browser API import here: `connect` is injected (see runtime.ts), so this runs under jsdom/node.
 */
import { isBackgroundToContent, PORT_NAME, type CheckRequest, type FileVerdictMessage, type IndexHost, type PageFile } from '../messages';
import { t } from '../i18n';
import type { ReasonCode } from '../verify/verdict';
import { isUsableVerdictMessage, NO_RESULT_MESSAGE, UNREADABLE_MESSAGE, TIMEOUT_MESSAGE, WORKER_STOPPED_MESSAGE } from './file-view';

export { PORT_NAME };

/** The subset of runtime.Port the client uses. */
export interface PortLike {
  postMessage(message: unknown): void;
  disconnect(): void;
  onMessage: { addListener(cb: (message: unknown) => void): void };
  onDisconnect: { addListener(cb: () => void): void };
}

export interface CheckClientOptions {
  index: IndexHost;
  project: string;
  version: string | null;
  /** Opens a port named PORT_NAME. May throw (extension context invalidated). */
  connect(): PortLike;
  onVerdict(message: FileVerdictMessage): void;
  onFileError(filename: string, message: string, code: ReasonCode): void;
  /** The release's publisher history (after `done`), for a request this client sent; its shape is not checked yet (isReleaseHistory). */
  onHistory?(history: Record<string, unknown>): void;
  /** Delays before reconnect attempts 1..n (ms). */
  backoffMs?: readonly number[];
  /** Consecutive disconnects tolerated while files are outstanding. */
  maxReconnects?: number;
  /** No message at all for this long while files are outstanding → those files are `error`. */
  idleTimeoutMs?: number;
  newRequestId?(): string;
}

interface Outstanding {
  requestId: string;
  file: PageFile;
  force: boolean;
}

function defaultRequestId(): string {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  const b = new Uint8Array(16);
  c.getRandomValues(b);
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

export class CheckClient {
  private port: PortLike | null = null;
  private readonly outstanding = new Map<string, Outstanding>();
  private failures = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private idleTimer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;
  private readonly backoff: readonly number[];
  private readonly maxReconnects: number;
  private readonly idleTimeoutMs: number;
  private readonly newRequestId: () => string;
  /** Recent request ids this client sent (history answers arrive after `done`). */
  private readonly sent: string[] = [];

  constructor(private readonly opts: CheckClientOptions) {
    this.backoff = opts.backoffMs ?? [300, 1000, 3000];
    this.maxReconnects = opts.maxReconnects ?? 3;
    this.idleTimeoutMs = opts.idleTimeoutMs ?? 120_000;
    this.newRequestId = opts.newRequestId ?? defaultRequestId;
  }

  /** Filenames still waiting for a final verdict. */
  pendingFilenames(): string[] {
    return [...this.outstanding.keys()];
  }

  /** Ask for verdicts of these files (replacing any earlier outstanding request for them). */
  check(files: readonly PageFile[], opts: { force?: boolean } = {}): void {
    if (this.closed || files.length === 0) return;
    const force = opts.force === true;
    const requestId = this.newRequestId();
    for (const file of files)
      this.outstanding.set(file.filename, { requestId, file: { filename: file.filename, pageSha256: file.pageSha256 }, force });
    if (this.reconnectTimer !== null) return; // the pending reconnect will send everything outstanding
    if (!this.ensurePort()) return;
    this.post(requestId, files, force);
  }

  /** Stop everything (page going away). Outstanding files are left as they are. */
  close(): void {
    this.closed = true;
    this.clearTimers();
    const p = this.port;
    this.port = null;
    try {
      p?.disconnect();
    } catch {
      /* ignore */
    }
  }

  private clearTimers(): void {
    if (this.reconnectTimer !== null) clearTimeout(this.reconnectTimer);
    if (this.idleTimer !== null) clearTimeout(this.idleTimer);
    this.reconnectTimer = null;
    this.idleTimer = null;
  }

  private ensurePort(): boolean {
    if (this.port) return true;
    let port: PortLike;
    try {
      port = this.opts.connect();
    } catch {
      this.handleDisconnect(null);
      return false;
    }
    this.port = port;
    port.onMessage.addListener((m) => {
      if (this.port === port) this.handleMessage(m);
    });
    port.onDisconnect.addListener(() => this.handleDisconnect(port));
    return true;
  }

  private post(requestId: string, files: readonly PageFile[], force: boolean): void {
    const req: CheckRequest = {
      type: 'check',
      requestId,
      index: this.opts.index,
      project: this.opts.project,
      version: this.opts.version,
      files: files.map((f) => ({ filename: f.filename, pageSha256: f.pageSha256 })),
    };
    if (force) req.force = true;
    if (!this.sent.includes(requestId)) {
      this.sent.push(requestId);
      if (this.sent.length > 50) this.sent.shift();
    }
    try {
      this.port?.postMessage(req);
    } catch {
      this.handleDisconnect(this.port);
      return;
    }
    this.armIdleTimer();
  }

  private armIdleTimer(): void {
    if (this.idleTimer !== null) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    if (this.outstanding.size === 0 || this.closed) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      this.failAll(TIMEOUT_MESSAGE, 'INTERNAL_ERROR');
    }, this.idleTimeoutMs);
  }

  private handleMessage(m: unknown): void {
    if (this.closed || !isBackgroundToContent(m)) return;
    this.armIdleTimer();
    switch (m.type) {
      case 'verdict': {
        const o = this.outstanding.get(m.filename);
        if (!o || o.requestId !== m.requestId) return; // stale or unknown
        if (!isUsableVerdictMessage(m)) {
          this.outstanding.delete(m.filename);
          this.opts.onFileError(m.filename, UNREADABLE_MESSAGE, 'INTERNAL_ERROR');
          break;
        }
        if (m.verdict.state !== 'pending') {
          this.outstanding.delete(m.filename);
          this.failures = 0;
        }
        this.opts.onVerdict(m);
        break;
      }
      case 'done':
        for (const [filename, o] of [...this.outstanding]) {
          if (o.requestId !== m.requestId) continue;
          this.outstanding.delete(filename);
          this.opts.onFileError(filename, NO_RESULT_MESSAGE, 'INTERNAL_ERROR');
        }
        break;
      case 'history':
        if (this.sent.includes(m.requestId) && m.history.project === this.opts.project) this.opts.onHistory?.(m.history);
        break;
      case 'check-failed': {
        const text = m.message.trim().slice(0, 300);
        const message = text ? t('check_failed_with', text) : t('check_failed_default');
        for (const [filename, o] of [...this.outstanding]) {
          if (o.requestId !== m.requestId) continue;
          this.outstanding.delete(filename);
          this.opts.onFileError(filename, message, 'INTERNAL_ERROR');
        }
        break;
      }
    }
    if (this.outstanding.size === 0 && this.idleTimer !== null) {
      clearTimeout(this.idleTimer);
      this.idleTimer = null;
    }
  }

  private handleDisconnect(port: PortLike | null): void {
    if (port !== null && port !== this.port) return;
    this.port = null;
    if (this.closed || this.outstanding.size === 0) return;
    if (this.reconnectTimer !== null) return;
    if (this.idleTimer !== null) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    this.failures += 1;
    if (this.failures > this.maxReconnects) {
      this.failures = 0;
      this.failAll(WORKER_STOPPED_MESSAGE, 'INTERNAL_ERROR');
      return;
    }
    const delay = this.backoff[Math.min(this.failures - 1, this.backoff.length - 1)] ?? 1000;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.resend();
    }, delay);
  }

  /** Re-request every outstanding file (after a reconnect), grouped by `force`. */
  private resend(): void {
    if (this.closed || this.outstanding.size === 0) return;
    if (!this.ensurePort()) return;
    const groups = new Map<boolean, PageFile[]>();
    for (const o of this.outstanding.values()) {
      const g = groups.get(o.force) ?? [];
      g.push(o.file);
      groups.set(o.force, g);
    }
    for (const [force, files] of groups) {
      const requestId = this.newRequestId();
      for (const f of files) {
        const o = this.outstanding.get(f.filename);
        if (o) o.requestId = requestId;
      }
      this.post(requestId, files, force);
      if (!this.port) return;
    }
  }

  private failAll(message: string, code: ReasonCode): void {
    const names = [...this.outstanding.keys()];
    this.outstanding.clear();
    for (const n of names) this.opts.onFileError(n, message, code);
  }
}
