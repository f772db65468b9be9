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

export interface CheckClient {
  /** Filenames still waiting for a final verdict. */
  pendingFilenames(): string[];
  /** Ask for verdicts of these files (replacing any earlier outstanding request for them). */
  check(files: readonly PageFile[], opts?: { force?: boolean }): void;
  /** Stop everything (page going away). Outstanding files are left as they are. */
  close(): void;
}

export function createCheckClient(opts: CheckClientOptions): CheckClient {
  const backoff = opts.backoffMs ?? [300, 1000, 3000];
  const maxReconnects = opts.maxReconnects ?? 3;
  const idleTimeoutMs = opts.idleTimeoutMs ?? 120_000;
  const newRequestId = opts.newRequestId ?? defaultRequestId;
  const outstanding = new Map<string, Outstanding>();
  /** Recent request ids this client sent (history answers arrive after `done`). */
  const sent: string[] = [];
  let port: PortLike | null = null;
  let failures = 0;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  let idleTimer: ReturnType<typeof setTimeout> | null = null;
  let closed = false;

  function stopIdleTimer(): void {
    if (idleTimer !== null) clearTimeout(idleTimer);
    idleTimer = null;
  }

  function ensurePort(): boolean {
    if (port) return true;
    let p: PortLike;
    try {
      p = opts.connect();
    } catch {
      handleDisconnect(null);
      return false;
    }
    port = p;
    p.onMessage.addListener((m) => {
      if (port === p) handleMessage(m);
    });
    p.onDisconnect.addListener(() => handleDisconnect(p));
    return true;
  }

  function post(requestId: string, files: readonly PageFile[], force: boolean): void {
    const req: CheckRequest = {
      type: 'check',
      requestId,
      index: opts.index,
      project: opts.project,
      version: opts.version,
      files: files.map((f) => ({ filename: f.filename, pageSha256: f.pageSha256 })),
    };
    if (force) req.force = true;
    if (!sent.includes(requestId)) {
      sent.push(requestId);
      if (sent.length > 50) sent.shift();
    }
    try {
      port?.postMessage(req);
    } catch {
      handleDisconnect(port);
      return;
    }
    armIdleTimer();
  }

  function armIdleTimer(): void {
    stopIdleTimer();
    if (outstanding.size === 0 || closed) return;
    idleTimer = setTimeout(() => {
      idleTimer = null;
      failAll(TIMEOUT_MESSAGE, 'INTERNAL_ERROR');
    }, idleTimeoutMs);
  }

  /** Every outstanding file of this request ends `error` with this message. */
  function failRequest(requestId: string, message: string): void {
    for (const [filename, o] of [...outstanding]) {
      if (o.requestId !== requestId) continue;
      outstanding.delete(filename);
      opts.onFileError(filename, message, 'INTERNAL_ERROR');
    }
  }

  function handleMessage(m: unknown): void {
    if (closed || !isBackgroundToContent(m)) return;
    armIdleTimer();
    switch (m.type) {
      case 'verdict': {
        const o = outstanding.get(m.filename);
        if (!o || o.requestId !== m.requestId) return; // stale or unknown
        if (!isUsableVerdictMessage(m)) {
          outstanding.delete(m.filename);
          opts.onFileError(m.filename, UNREADABLE_MESSAGE, 'INTERNAL_ERROR');
          break;
        }
        if (m.verdict.state !== 'pending') {
          outstanding.delete(m.filename);
          failures = 0;
        }
        opts.onVerdict(m);
        break;
      }
      case 'done':
        failRequest(m.requestId, NO_RESULT_MESSAGE);
        break;
      case 'history':
        if (sent.includes(m.requestId) && m.history.project === opts.project) opts.onHistory?.(m.history);
        break;
      case 'check-failed': {
        const text = m.message.trim().slice(0, 300);
        failRequest(m.requestId, text ? t('check_failed_with', text) : t('check_failed_default'));
        break;
      }
    }
    if (outstanding.size === 0) stopIdleTimer();
  }

  function handleDisconnect(p: PortLike | null): void {
    if (p !== null && p !== port) return;
    port = null;
    if (closed || outstanding.size === 0 || reconnectTimer !== null) return;
    stopIdleTimer();
    failures += 1;
    if (failures > maxReconnects) {
      failures = 0;
      failAll(WORKER_STOPPED_MESSAGE, 'INTERNAL_ERROR');
      return;
    }
    const delay = backoff[Math.min(failures - 1, backoff.length - 1)] ?? 1000;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null;
      resend();
    }, delay);
  }

  /** Re-request every outstanding file (after a reconnect), grouped by `force`. */
  function resend(): void {
    if (closed || outstanding.size === 0 || !ensurePort()) return;
    const groups = new Map<boolean, PageFile[]>();
    for (const o of outstanding.values()) {
      const g = groups.get(o.force) ?? [];
      g.push(o.file);
      groups.set(o.force, g);
    }
    for (const [force, files] of groups) {
      const requestId = newRequestId();
      for (const f of files) {
        const o = outstanding.get(f.filename);
        if (o) o.requestId = requestId;
      }
      post(requestId, files, force);
      if (!port) return;
    }
  }

  function failAll(message: string, code: ReasonCode): void {
    const names = [...outstanding.keys()];
    outstanding.clear();
    for (const n of names) opts.onFileError(n, message, code);
  }

  return {
    pendingFilenames: () => [...outstanding.keys()],
    check(files, { force = false } = {}) {
      if (closed || files.length === 0) return;
      const requestId = newRequestId();
      for (const file of files)
        outstanding.set(file.filename, { requestId, file: { filename: file.filename, pageSha256: file.pageSha256 }, force });
      if (reconnectTimer !== null) return; // the pending reconnect will send everything outstanding
      if (!ensurePort()) return;
      post(requestId, files, force);
    },
    close() {
      closed = true;
      if (reconnectTimer !== null) clearTimeout(reconnectTimer);
      reconnectTimer = null;
      stopIdleTimer();
      const p = port;
      port = null;
      try {
        p?.disconnect();
      } catch {
        /* ignore */
      }
    },
  };
}
