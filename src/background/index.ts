/**
 * Service worker entry (MV3 background.service_worker, type module).
 * The only module besides router.ts that touches `browser.*`: it wires the browser's APIs into the
 * pieces (client, caches, checker, router), which take them as parameters.
 * The worker can be stopped at any time: state lives in storage; module-scope values are caches.
 */
import '../shim/buffer-global';
import browser, { type Runtime } from 'webextension-polyfill';
import type { Settings } from '../settings';
import { onSettingsStorageChanged } from '../settings-events';
import { readResolvedSettings } from '../settings-storage';
import { runWithNativeSignatures } from '../shim/native-verify';
import { verifyProvenance } from '../verify/index';
import { badgeFor } from './badge';
import type { StorageAreaLike } from './bounded-store';
import { RawProvenanceCache, SimpleIndexCache, VerdictCache } from './cache';
import { createChecker } from './checker';
import { createHistoryService, HistoryStore } from './history';
import { createPypiClient } from './pypi-client';
import { handleMessage, handlePort, type PortLike, type SenderLike } from './router';
import { TabStates } from './tab-state';
import bundledTufRoot from '../../public/trust/tuf_root.json?raw';
import { BUNDLED_TRUST_META, bundledTrust, preloadBundledTrust } from '../trust/bundled-root';
import { createTrustUpdater } from './trust-updates';

const onError = (e: unknown) => console.warn('[pypi-provenance]', e);

/** storage.session where available (Chrome 102+, Firefox 115+); else memory for this worker life. */
function sessionArea(): StorageAreaLike {
  const s = (browser.storage as { session?: StorageAreaLike }).session;
  if (s) return s;
  const m = new Map<string, unknown>();
  return {
    async get(keys) {
      const list = keys === null ? [...m.keys()] : Array.isArray(keys) ? keys : [keys];
      return Object.fromEntries(list.filter((k) => m.has(k)).map((k) => [k, structuredClone(m.get(k))]));
    },
    async set(items) {
      for (const [k, v] of Object.entries(items)) m.set(k, structuredClone(v));
    },
    async remove(keys) {
      for (const k of Array.isArray(keys) ? keys : [keys]) m.delete(k);
    },
  };
}

// ---- settings (storage.sync + the organisation's storage.managed, resolveSettings), memoised until changed
let settingsMemo: Promise<Settings> | null = null;
function getSettings(): Promise<Settings> {
  settingsMemo ??= readResolvedSettings().then((r) => r.settings);
  return settingsMemo;
}
onSettingsStorageChanged(() => {
  settingsMemo = null;
});

// ---- the Sigstore trust root: the last one refreshed through TUF, else the bundled one
const trustUpdater = createTrustUpdater({
  area: browser.storage.local,
  fetch: (url, init) => fetch(url, init),
  bootstrapRoot: bundledTufRoot,
  bundled: bundledTrust,
  preloadBundled: preloadBundledTrust,
  bundledMeta: BUNDLED_TRUST_META,
  enabled: async () => (await getSettings()).trustRootUpdates,
  onError,
});
const currentTrust = (now: Date) => trustUpdater.current(now);
const refreshTrustRoot = (force = false) => trustUpdater.refresh({ force }).catch(onError);
// At most once a day in the background: at worker start (if the last attempt is older) and by alarm.
void refreshTrustRoot();
const alarms = (browser as { alarms?: typeof browser.alarms }).alarms;
if (alarms) {
  // Created once (re-creating it at every worker start would keep pushing it back).
  void alarms
    .get('trust-root-refresh')
    .then(async (a) => {
      if (!a) await alarms.create('trust-root-refresh', { periodInMinutes: 24 * 60 });
    })
    .catch(onError);
  alarms.onAlarm.addListener((a) => {
    if (a.name === 'trust-root-refresh') void refreshTrustRoot();
  });
}

// ---- the pieces
const session = sessionArea();
const client = createPypiClient({ fetch: (url, init) => fetch(url, init) });
const checker = createChecker({
  client,
  verdicts: new VerdictCache(browser.storage.local, undefined, onError),
  simple: new SimpleIndexCache(session, undefined, onError),
  raw: new RawProvenanceCache(),
  verify: verifyProvenance,
  // signature checks with native WebCrypto ECDSA (same results as @noble, much faster)
  verifyOptions: { runSigstore: runWithNativeSignatures },
  trust: currentTrust,
  settings: getSettings,
  onError,
});

// Badge updates are coalesced per tab (one per task turn). No memo of what was shown: the browser
// resets a tab's badge when it navigates, so every page's check must set it again.
const badgeQueue = new Map<number, Parameters<typeof badgeFor>[0]>();
function showBadge(tabId: number, files: Parameters<typeof badgeFor>[0]): void {
  const scheduled = badgeQueue.has(tabId);
  badgeQueue.set(tabId, files);
  if (scheduled) return;
  setTimeout(() => {
    const latest = badgeQueue.get(tabId);
    badgeQueue.delete(tabId);
    if (!latest) return;
    const b = badgeFor(latest);
    Promise.all([
      browser.action.setBadgeText({ tabId, text: b.text }),
      browser.action.setBadgeBackgroundColor({ tabId, color: b.color }),
      browser.action.setTitle({ tabId, title: b.title }),
    ]).catch(() => {}); // the tab may be gone
  }, 0);
}

const tabs = new TabStates(session, (tabId, status) => showBadge(tabId, status.files), onError);

// Publisher history of earlier releases (after a page's own badges; bounded; cached in storage.local)
const history = createHistoryService({
  client,
  verify: verifyProvenance,
  verifyOptions: { runSigstore: runWithNativeSignatures },
  trust: currentTrust,
  store: new HistoryStore(browser.storage.local, onError),
  onError,
});

const env = {
  runtimeId: browser.runtime.id,
  extensionBaseUrl: browser.runtime.getURL(''),
  // Checks wait for the stored trust root to be read (once per worker life).
  checker: { ...checker, check: async (...a: Parameters<typeof checker.check>) => (await trustUpdater.ready, checker.check(...a)) },
  tabs,
  history,
  trust: trustUpdater,
  // A page asks when it starts and when storage changed: read afresh (the memo may not have heard yet).
  settings: () => readResolvedSettings().then((r) => r.settings),
  onError,
};

browser.runtime.onConnect.addListener((port) => handlePort(port as unknown as PortLike, env));
browser.runtime.onMessage.addListener(
  (msg: unknown, sender: Runtime.MessageSender) => handleMessage(msg, sender as SenderLike, env) as Promise<unknown> | undefined,
);
browser.tabs.onRemoved.addListener((tabId) => {
  tabs.remove(tabId);
  badgeQueue.delete(tabId);
});
