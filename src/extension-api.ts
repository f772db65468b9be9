/**
 * The WebExtension API as the browser provides it: Firefox's `browser`, else Chrome's `chrome`
 * (MV3, whose storage and runtime.sendMessage return promises). Used by the modules the content
 * script loads on every page (settings-storage, content/runtime) instead of webextension-polyfill,
 * whose ~10 kB would be a third of the content script's budget (docs/dependencies.md). Those
 * modules use only calls that behave the same with and without the polyfill: runtime.connect,
 * runtime.sendMessage, runtime.getManifest, storage.*.get/set and storage.onChanged.
 */
import type Browser from 'webextension-polyfill';

const g = globalThis as { browser?: typeof Browser; chrome?: typeof Browser };

const api: typeof Browser = (g.browser ?? g.chrome) as typeof Browser;

export default api;
