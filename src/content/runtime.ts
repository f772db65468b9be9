/**
 * The only content-script module that touches extension APIs (chrome.* / browser.*, no polyfill):
 * the Port to the worker, one-shot messages, and the settings, which the worker resolves
 * (`page-settings`); storage.onChanged only says when to ask again. Storing a pin is in
 * save-pin.ts, loaded on first use.
 */
import browser from '../extension-api';
import {
  isObj,
  isValidFilename,
  PORT_NAME,
  type GetProvenanceRequest,
  type LinkMismatchRequest,
  type PageSettings,
  type PageSettingsRequest,
  type PageWithoutListRequest,
  type ReleaseVerdictsRequest,
} from '../messages';
import { onSettingsStorageChanged } from '../settings-events';
import { pageSettingsFrom } from './page-settings';
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
  message: GetProvenanceRequest | PageWithoutListRequest | LinkMismatchRequest | PageSettingsRequest | ReleaseVerdictsRequest,
): Promise<unknown> {
  return browser.runtime.sendMessage(message);
}

/** The settings to act on, as the worker resolves them (user's + policy); null if it did not answer usably. */
export async function readSettings(): Promise<PageSettings | null> {
  try {
    return pageSettingsFrom(await sendRuntimeMessage({ type: 'page-settings' }));
  } catch {
    return null;
  }
}

/** Calls `cb` with fresh settings whenever storage.sync or the policy changes. Returns an unsubscribe function. */
export function onSettingsChanged(cb: (s: PageSettings) => void): () => void {
  return onSettingsStorageChanged(
    () =>
      void readSettings().then((s) => {
        if (s) cb(s);
      }),
  );
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
