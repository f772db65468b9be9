import { beforeEach, describe, expect, it, vi } from 'vitest';

const { areas, listeners, storage } = vi.hoisted(() => ({
  areas: { sync: {}, managed: {} } as { sync: unknown; managed: unknown },
  listeners: [] as ((c: unknown, area: string) => void)[],
  storage: {} as Record<string, unknown>,
}));
vi.mock('webextension-polyfill', () => ({ default: { storage } }));
// settings-storage reads the browser's own API object (src/extension-api.ts): the same double.
vi.mock('../../src/extension-api', async () => await import('webextension-polyfill'));

import { onSettingsStorageChanged } from '../../src/settings-events';
import { readResolvedSettings } from '../../src/settings-storage';

const get = (k: 'sync' | 'managed') => ({
  get: async () => (areas[k] instanceof Error ? Promise.reject(areas[k]) : structuredClone(areas[k])),
});
beforeEach(() => {
  areas.sync = {};
  areas.managed = {};
  listeners.length = 0;
  storage.sync = get('sync');
  storage.managed = get('managed');
  storage.onChanged = {
    addListener: (l: (c: unknown, a: string) => void) => listeners.push(l),
    removeListener: (l: (c: unknown, a: string) => void) => listeners.splice(listeners.indexOf(l), 1),
  };
});

const pin = { project: 'sampleproject', kind: 'GitHub', repository: 'pypa/sampleproject' };

describe('readResolvedSettings', () => {
  it('applies the policy to the user settings', async () => {
    areas.sync = { strict: false, pins: [{ project: 'other', kind: 'GitHub', repository: 'o/other' }] };
    areas.managed = { strict: true, pins: [pin] };
    const r = await readResolvedSettings();
    expect(r.settings.strict).toBe(true);
    expect(r.settings.pins.map((p) => p.project)).toEqual(['sampleproject', 'other']);
    expect(r.managed).toEqual({ strict: true, pins: [pin] });
  });

  it('treats a rejecting managed area (Firefox without policy) as no policy', async () => {
    areas.sync = { strict: true };
    areas.managed = new Error('Managed storage manifest not found');
    const r = await readResolvedSettings();
    expect(r.settings.strict).toBe(true);
    expect(r.managed).toEqual({ pins: [] });
  });

  it('treats a missing managed area as no policy', async () => {
    delete storage.managed;
    areas.sync = { confirmFailedDownloads: false };
    expect((await readResolvedSettings()).settings.confirmFailedDownloads).toBe(false);
  });

  it('keeps the policy when storage.sync fails', async () => {
    areas.sync = new Error('sync broken');
    areas.managed = { confirmFailedDownloads: true, strict: true };
    const r = await readResolvedSettings();
    expect(r.settings).toMatchObject({ strict: true, confirmFailedDownloads: true, showSummary: true });
  });
});

describe('onSettingsStorageChanged', () => {
  it('fires for sync and managed, not for local/session; unsubscribes', () => {
    const cb = vi.fn();
    const off = onSettingsStorageChanged(cb);
    for (const a of ['local', 'session', 'sync', 'managed']) listeners.forEach((l) => l({}, a));
    expect(cb).toHaveBeenCalledTimes(2);
    off();
    expect(listeners.length).toBe(0);
  });
});
