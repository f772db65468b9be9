/**
 * Reading settings from the browser: the user's values (storage.sync) and the organisation's
 * policy (storage.managed), combined by the one pure resolver `resolveSettings` (settings.ts).
 * Used by the worker, the content script and the options page, so all three act on the same
 * settings.
 *
 * storage.managed is optional: Firefox rejects `get()` when no policy names the add-on, some
 * browsers have no managed area, and Chrome answers `{}` without a policy. All of these mean
 * "no policy". A failing storage.sync means "default user settings"; the policy still applies.
 */
import browser from 'webextension-polyfill';
import { resolveSettings, type ResolvedSettings } from './settings';

interface AreaLike {
  get(keys: null): Promise<Record<string, unknown>>;
}

async function readArea(area: AreaLike | undefined): Promise<Record<string, unknown>> {
  try {
    if (!area || typeof area.get !== 'function') return {};
    const v = await area.get(null);
    return typeof v === 'object' && v !== null ? v : {};
  } catch {
    return {};
  }
}

/** What the policy holds (raw; `{}` when there is none). Never rejects. */
export function readManagedArea(): Promise<Record<string, unknown>> {
  return readArea((browser.storage as { managed?: AreaLike } | undefined)?.managed);
}

/** What the user stored in storage.sync (raw). Never rejects. */
export function readUserArea(): Promise<Record<string, unknown>> {
  return readArea((browser.storage as { sync?: AreaLike } | undefined)?.sync);
}

/** The settings to act on, and what the policy forces. Never rejects. */
export async function readResolvedSettings(): Promise<ResolvedSettings> {
  const [user, managed] = await Promise.all([readUserArea(), readManagedArea()]);
  return resolveSettings(user, managed);
}

/** True for the storage areas settings come from. */
export function isSettingsArea(area: string): boolean {
  return area === 'sync' || area === 'managed';
}

/** Calls `cb` when the user's settings or the policy change. Returns an unsubscribe function. */
export function onSettingsStorageChanged(cb: () => void): () => void {
  const ev = browser.storage?.onChanged;
  if (!ev?.addListener) return () => {};
  const l = (_c: unknown, area: string) => {
    if (isSettingsArea(area)) cb();
  };
  ev.addListener(l);
  return () => ev.removeListener(l);
}
