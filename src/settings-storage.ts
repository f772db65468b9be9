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
import browser from './extension-api';
import { resolveSettings, type ResolvedSettings } from './settings';
import { MANAGED_SNAPSHOT_KEY } from './settings-events';

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

/**
 * Chromium answers `storage.managed.get()` only once its policy service has loaded: on a fresh
 * browser start without any policy that took ~4.8 s here (measured in the worker; storage.sync and
 * storage.local answered in ~5 ms). Waiting for it would hold every badge for seconds. So the
 * last policy seen is kept in storage.local (MANAGED_SNAPSHOT_KEY, settings-events.ts): when the live read is slow we act on
 * the snapshot, and when the live answer arrives and differs, writing the new snapshot fires
 * storage.onChanged, on which the worker, content scripts and options page re-read (see
 * onSettingsStorageChanged in settings-events.ts). Only a browser's very first start after
 * install, with a policy, acts for those seconds without it.
 */
const MANAGED_WAIT_MS = 250;

function localArea(): { get(k: string): Promise<Record<string, unknown>>; set(v: Record<string, unknown>): Promise<void> } | undefined {
  return (browser.storage as unknown as { local?: ReturnType<typeof localArea> } | undefined)?.local;
}

async function saveSnapshot(policy: Record<string, unknown>): Promise<void> {
  try {
    const area = localArea();
    if (!area) return;
    const old = (await area.get(MANAGED_SNAPSHOT_KEY))[MANAGED_SNAPSHOT_KEY];
    if (JSON.stringify(old) !== JSON.stringify(policy)) await area.set({ [MANAGED_SNAPSHOT_KEY]: policy });
  } catch {
    /* the snapshot is only a head start */
  }
}

async function readSnapshot(): Promise<Record<string, unknown>> {
  try {
    const v = (await localArea()?.get(MANAGED_SNAPSHOT_KEY))?.[MANAGED_SNAPSHOT_KEY];
    return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** What the policy holds (raw; `{}` when there is none). Never rejects. */
export async function readManagedArea(): Promise<Record<string, unknown>> {
  const live = readArea((browser.storage as { managed?: AreaLike } | undefined)?.managed);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const slow = new Promise<null>((r) => (timer = setTimeout(() => r(null), MANAGED_WAIT_MS)));
  const first = await Promise.race([live, slow]);
  clearTimeout(timer);
  void live.then(saveSnapshot);
  return first ?? readSnapshot();
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
