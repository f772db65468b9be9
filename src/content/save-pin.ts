/**
 * "Pin this publisher" from the details panel: add (or replace) the project's pin in
 * storage.sync. Loaded on first use (index.ts), not with the script every page loads.
 *
 * Settings layout: the Settings fields at the top level of storage.sync; a nested `settings`
 * object is also accepted, in case the options page stores it that way.
 */
import browser from '../extension-api';
import { parsePin, parseSettings, type IdentityPin } from '../settings';

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export async function savePin(pin: IdentityPin): Promise<void> {
  const valid = parsePin(pin);
  if (!valid) throw new Error('invalid pin');
  const all = await browser.storage.sync.get(null);
  const nested = isObj(all.settings);
  const current = parseSettings(nested ? all.settings : all);
  const pins = [...current.pins.filter((p) => p.project !== valid.project), valid];
  if (nested) await browser.storage.sync.set({ settings: { ...(all.settings as Record<string, unknown>), pins } });
  else await browser.storage.sync.set({ pins });
}
