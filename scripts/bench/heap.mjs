/**
 * The extension service worker's JS heap, through the DevTools protocol on the worker target:
 * HeapProfiler.collectGarbage, then Runtime.getHeapUsage ({usedSize, totalSize} in bytes).
 * `performance.memory` does not exist in a service worker, and Playwright opens CDP sessions
 * only for pages, so this connects to the target's own DevTools WebSocket. Chromium must be
 * launched with `--remote-debugging-port=0` (it then writes DevToolsActivePort in the profile).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function wsClass() {
  if (typeof globalThis.WebSocket === 'function') return globalThis.WebSocket;
  // Node 20 has no global WebSocket; playwright-core bundles the `ws` package.
  return require('playwright-core/lib/utilsBundle').ws;
}

/** A DevTools protocol connection to the extension's service worker: { send(method, params), close() }. */
export async function workerCdp(session) {
  const [port] = readFileSync(join(session.profileDir, 'DevToolsActivePort'), 'utf8').split('\n');
  const targets = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json();
  const t = targets.find((x) => x.type === 'service_worker' && x.url.startsWith(`chrome-extension://${session.extensionId}/`));
  if (!t) throw new Error('no service worker target');
  const WS = wsClass();
  const ws = new WS(t.webSocketDebuggerUrl);
  await new Promise((res, rej) => {
    ws.onopen = res;
    ws.onerror = (e) => rej(new Error(`CDP websocket: ${e.message ?? e}`));
  });
  let id = 0;
  const pending = new Map();
  ws.onmessage = (ev) => {
    const msg = JSON.parse(typeof ev.data === 'string' ? ev.data : ev.data.toString());
    const p = pending.get(msg.id);
    if (!p) return;
    pending.delete(msg.id);
    if (msg.error) p.rej(new Error(msg.error.message));
    else p.res(msg.result);
  };
  const send = (method, params = {}) =>
    new Promise((res, rej) => {
      const i = ++id;
      pending.set(i, { res, rej });
      ws.send(JSON.stringify({ id: i, method, params }));
    });
  return { send, close: () => ws.close() };
}

export async function workerHeapUsage(session) {
  const cdp = await workerCdp(session);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    return await cdp.send('Runtime.getHeapUsage');
  } finally {
    cdp.close();
  }
}
