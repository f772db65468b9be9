/**
 * The only content-script module that touches extension APIs (through webextension-polyfill):
 * the Port to the worker, one-shot messages, and settings in storage.sync.
 *
 * Settings layout: the Settings fields at the top level of storage.sync (parseSettings of the whole
 * area); a nested `settings` object is also accepted, in case the options page stores it that way.
 */
import browser from '../extension-api';
import {
  isValidFilename,
  PORT_NAME,
  type GetProvenanceRequest,
  type LinkMismatchRequest,
  type PageWithoutListRequest,
  type PrefetchRequest,
} from '../messages';
import { parsePin, parseSettings, type IdentityPin, type Settings } from '../settings';
import { onSettingsStorageChanged, readResolvedSettings } from '../settings-storage';
import type { PortLike } from './port-client';

export function connectPort(): PortLike {
  return browser.runtime.connect({ name: PORT_NAME }) as unknown as PortLike;
}

/** The extension's version (for reports). */
export function extensionVersion(): string {
  try {
    return browser.runtime.getManifest().version;
  } catch {
    return 'unknown';
  }
}

export function sendRuntimeMessage(
  message: GetProvenanceRequest | PageWithoutListRequest | LinkMismatchRequest | PrefetchRequest,
): Promise<unknown> {
  return browser.runtime.sendMessage(message);
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function settingsFrom(all: Record<string, unknown>): Settings {
  return parseSettings(isObj(all.settings) ? all.settings : all);
}

/** The settings to act on: the user's (storage.sync) with the organisation's policy (storage.managed) applied. */
export async function readSettings(): Promise<Settings> {
  return (await readResolvedSettings()).settings;
}

/** Calls `cb` with fresh settings whenever storage.sync or the policy changes. Returns an unsubscribe function. */
export function onSettingsChanged(cb: (s: Settings) => void): () => void {
  return onSettingsStorageChanged(() => void readSettings().then(cb));
}

/** Add (or replace) the pin for a project. */
export async function savePin(pin: IdentityPin): Promise<void> {
  const valid = parsePin(pin);
  if (!valid) throw new Error('invalid pin');
  const all = await browser.storage.sync.get(null);
  const nested = isObj(all.settings);
  const current = settingsFrom(all);
  const pins = [...current.pins.filter((p) => p.project !== valid.project), valid];
  if (nested) await browser.storage.sync.set({ settings: { ...(all.settings as Record<string, unknown>), pins } });
  else await browser.storage.sync.set({ pins });
}

/**
 * "Open this file's panel", from our own toolbar popup (an extension page: our id, no tab). Anything
 * else, from anyone else, is not answered.
 */
export function onOpenPanelRequest(open: (filename: string) => boolean): void {
  // sendResponse, not a returned Promise: Chrome's own API (no polyfill here) answers only that way.
  browser.runtime.onMessage.addListener(((msg: unknown, sender: { id?: string; tab?: unknown }, sendResponse: (r: boolean) => void) => {
    if (sender.id !== browser.runtime.id || sender.tab !== undefined) return false;
    if (!isObj(msg) || msg.type !== 'open-panel' || !isValidFilename(msg.filename)) return false;
    sendResponse(open(msg.filename));
    return false;
  }) as unknown as Parameters<typeof browser.runtime.onMessage.addListener>[0]);
}
