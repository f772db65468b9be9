/**
 * When the settings may have changed: the user's (storage.sync), the policy (storage.managed) or
 * the policy snapshot in storage.local (settings-storage.ts). Its own module so the content
 * script can listen without carrying the settings reader and resolver (the worker resolves them).
 */
import browser from './extension-api';

/** storage.local key of the last policy read (see settings-storage.ts). */
export const MANAGED_SNAPSHOT_KEY = 'managedPolicySnapshot';

export function isSettingsArea(area: string): boolean {
  return area === 'sync' || area === 'managed';
}

/** Calls `cb` when the user's settings or the policy change. Returns an unsubscribe function. */
export function onSettingsStorageChanged(cb: () => void): () => void {
  const ev = browser.storage?.onChanged;
  if (!ev?.addListener) return () => {};
  const l = (changes: Record<string, unknown>, area: string) => {
    if (isSettingsArea(area) || (area === 'local' && MANAGED_SNAPSHOT_KEY in changes)) cb();
  };
  ev.addListener(l);
  return () => ev.removeListener(l);
}
