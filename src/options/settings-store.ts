/**
 * Settings for the options page: the user's own values in browser.storage.sync (the Settings fields
 * as top-level keys: strict, confirmFailedDownloads, showSummary, pins) and, read-only, what the
 * organisation's policy (browser.storage.managed) forces. The page edits and saves ONLY the user's
 * values (a policy's pins are never copied into storage.sync); it shows the managed ones locked.
 */
import browser from 'webextension-polyfill';
import { parseManaged, parseSettings, userSettingsFrom, type ManagedSettings, type Settings } from '../settings';
import { onSettingsStorageChanged } from '../settings-events';
import { readManagedArea } from '../settings-storage';

export interface OptionsState {
  /** What the user stored (editable). */
  user: Settings;
  /** What the policy forces (locked). */
  managed: ManagedSettings;
}

export async function loadSettings(): Promise<OptionsState> {
  const [user, managed] = await Promise.all([browser.storage.sync.get(null), readManagedArea()]);
  return { user: userSettingsFrom(user), managed: parseManaged(managed) };
}

export async function saveSettings(s: Settings): Promise<void> {
  const clean = parseSettings(s);
  await browser.storage.sync.set({ ...clean });
}

/** Call back when settings change elsewhere (content script "Pin this publisher", another window, a new policy). */
export function onSettingsChanged(cb: () => void): () => void {
  return onSettingsStorageChanged(cb);
}
