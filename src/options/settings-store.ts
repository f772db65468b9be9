/**
 * Settings in browser.storage.sync: the Settings fields are stored as top-level keys
 * (strict, confirmFailedDownloads, showSummary, pins) and always read through parseSettings.
 */
import browser from 'webextension-polyfill';
import { parseSettings, type Settings } from '../settings';

export async function loadSettings(): Promise<Settings> {
  return parseSettings(await browser.storage.sync.get(null));
}

export async function saveSettings(s: Settings): Promise<void> {
  const clean = parseSettings(s);
  await browser.storage.sync.set({ ...clean });
}

/** Call back when settings change elsewhere (content script "Pin this publisher", another window). */
export function onSettingsChanged(cb: () => void): () => void {
  const ev = browser.storage?.onChanged;
  if (!ev?.addListener) return () => {};
  const l = (_c: unknown, area: string) => {
    if (area === 'sync') cb();
  };
  ev.addListener(l);
  return () => ev.removeListener(l);
}
