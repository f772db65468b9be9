/**
 * The router's test set-up, shared by router.test.ts, router-history.test.ts and
 * router-prefetch.test.ts: the worker's real checker (real verifier, bundled trust root) over the
 * sampleproject fixture network and in-memory storage, the router env around it (optionally with
 * the history service), and a port as the content script opens it.
 */
import { badgeFor } from '../../src/background/badge';
import { RawProvenanceCache, SimpleIndexCache, VerdictCache } from '../../src/background/cache';
import { createChecker } from '../../src/background/checker';
import { createHistoryService, HistoryStore } from '../../src/background/history';
import { createPypiClient } from '../../src/background/pypi-client';
import type { PortLike, RouterEnv, SenderLike } from '../../src/background/router';
import { TabStates } from '../../src/background/tab-state';
import { bundledTrust } from '../../src/trust/bundled-root';
import { PORT_NAME } from '../../src/messages';
import { parseSettings } from '../../src/settings';
import { verifyProvenance } from '../../src/verify/index';
import { EXT_ID, FakeStorage, sampleprojectFetch } from './helpers';

export const EXTENSION_BASE = `chrome-extension://${EXT_ID}/`;

export interface RouterEnvOptions {
  /** The checker's clock (default: the real one). */
  now?: Date;
  /** Give the env the history service (router-history.test.ts). */
  history?: boolean;
}

export function makeRouterEnv(o: RouterEnvOptions = {}) {
  const fetch = sampleprojectFetch();
  const client = createPypiClient({ fetch });
  const session = new FakeStorage();
  const badges: { tabId: number; text: string }[] = [];
  const now = o.now;
  const checker = createChecker({
    client,
    verdicts: new VerdictCache(new FakeStorage()),
    simple: new SimpleIndexCache(session),
    raw: new RawProvenanceCache(),
    verify: verifyProvenance,
    trust: bundledTrust,
    settings: async () => parseSettings({}),
    ...(now ? { now: () => now } : {}),
  });
  const tabs = new TabStates(session, (tabId, s) => badges.push({ tabId, text: badgeFor(s.files).text }));
  const env: RouterEnv = { runtimeId: EXT_ID, extensionBaseUrl: EXTENSION_BASE, checker, tabs };
  if (o.history) {
    env.history = createHistoryService({
      client,
      verify: verifyProvenance,
      trust: bundledTrust,
      store: new HistoryStore(new FakeStorage()),
    });
  }
  return { env, fetch, session, badges, tabs };
}

/** A port as `runtime.connect` gives it to the worker: what it posts, and the other side's moves. */
export function fakePort(sender: SenderLike | undefined, name = PORT_NAME) {
  const posted: unknown[] = [];
  const onMsg: ((m: unknown) => void)[] = [];
  const onDisc: (() => void)[] = [];
  let disconnected = false;
  const port: PortLike = {
    name,
    sender,
    postMessage: (m) => void posted.push(m),
    disconnect: () => void (disconnected = true),
    onMessage: { addListener: (cb) => void onMsg.push(cb) },
    onDisconnect: { addListener: (cb) => void onDisc.push(cb) },
  };
  return {
    port,
    posted,
    send: (m: unknown) => onMsg.forEach((cb) => cb(m)),
    closeFromOtherSide: () => onDisc.forEach((cb) => cb()),
    get disconnected() {
      return disconnected;
    },
    listeners: () => onMsg.length,
  };
}

/** Wait until `cond()` holds (polling every 5 ms), or throw after `ms`. */
export async function until(cond: () => boolean, ms = 10_000) {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error('timeout');
    await new Promise((r) => setTimeout(r, 5));
  }
}
