// @vitest-environment jsdom
/** The options page under an organisation's policy (storage.managed): locked controls, locked pins, nothing copied into storage.sync. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render } from 'preact';

const { store, listeners } = vi.hoisted(() => ({
  store: { sync: {} as Record<string, unknown>, managed: {} as Record<string, unknown> | Error },
  listeners: [] as ((c: unknown, area: string) => void)[],
}));
vi.mock('webextension-polyfill', () => ({
  default: {
    storage: {
      sync: {
        get: vi.fn(async () => structuredClone(store.sync)),
        set: vi.fn(async (v: Record<string, unknown>) => {
          store.sync = { ...store.sync, ...structuredClone(v) };
        }),
      },
      managed: {
        get: vi.fn(async () => (store.managed instanceof Error ? Promise.reject(store.managed) : structuredClone(store.managed))),
      },
      onChanged: {
        addListener: (l: (c: unknown, a: string) => void) => listeners.push(l),
        removeListener: (l: (c: unknown, a: string) => void) => listeners.splice(listeners.indexOf(l), 1),
      },
    },
    runtime: { sendMessage: async () => ({ ok: true }) },
  },
}));
// settings-storage reads the browser's own API object (src/extension-api.ts): the same double.
vi.mock('../../src/extension-api', async () => await import('webextension-polyfill'));

import { Options } from '../../src/options/Options';

let root: HTMLDivElement;
beforeEach(() => {
  store.sync = {};
  store.managed = {};
  listeners.length = 0;
});
afterEach(() => {
  render(null, root);
  root.remove();
});
async function mount() {
  root = document.createElement('div');
  document.body.append(root);
  render(<Options />, root);
  await vi.waitFor(() => expect(root.querySelector('#strict-mode')).not.toBeNull());
  return root;
}
const $ = <T extends Element>(sel: string) => root.querySelector(sel) as T;
const orgPin = { project: 'SampleProject', kind: 'GitHub', repository: 'pypa/sampleproject', workflow: 'release.yml' };

describe('Options with a policy', () => {
  it('shows managed strict / confirm as checked, disabled and "Set by your organisation"', async () => {
    store.sync = { strict: false, confirmFailedDownloads: false };
    store.managed = { strict: true, confirmFailedDownloads: true };
    await mount();
    for (const id of ['#strict-mode', '#confirm-failed']) {
      const input = $<HTMLInputElement>(id);
      expect(input.checked).toBe(true);
      expect(input.disabled).toBe(true);
      const note = $(`${id}-managed`);
      expect(note.textContent).toBe('Set by your organisation');
      expect(input.getAttribute('aria-describedby')).toContain(note.id);
    }
    expect($<HTMLInputElement>('#show-summary').disabled).toBe(false);
    expect(root.textContent).toContain('Some settings are set by your organisation');
  });

  it('a policy false locks nothing', async () => {
    store.sync = { strict: true };
    store.managed = { strict: false };
    await mount();
    expect($<HTMLInputElement>('#strict-mode').disabled).toBe(false);
    expect($<HTMLInputElement>('#strict-mode').checked).toBe(true);
    expect($('#strict-mode-managed')).toBeNull();
  });

  it('lists managed pins without a Remove button and never saves them into storage.sync', async () => {
    store.sync = { pins: [{ project: 'other', kind: 'GitHub', repository: 'o/other' }] };
    store.managed = { pins: [orgPin] };
    await mount();
    const managed = $('[data-pin="sampleproject"][data-managed="true"]');
    expect(managed.textContent).toContain('pypa/sampleproject');
    expect(managed.textContent).toContain('Set by your organisation');
    expect(managed.querySelector('button')).toBeNull();
    // remove the user's own pin: storage.sync gets the user's pins only
    $<HTMLButtonElement>('[data-pin="other"] button').click();
    await vi.waitFor(() => expect(store.sync.pins).toEqual([]));
    expect($('[data-pin="sampleproject"][data-managed="true"]')).not.toBeNull();
    // toggling an unmanaged setting does not copy the policy either
    $<HTMLInputElement>('#show-summary').click();
    await vi.waitFor(() => expect(store.sync.showSummary).toBe(false));
    expect(store.sync.pins).toEqual([]);
    expect(store.sync.strict).toBe(false);
  });

  it('refuses a user pin for a project the organisation pins; marks an existing one not in effect', async () => {
    store.sync = { pins: [{ project: 'sampleproject', kind: 'GitHub', repository: 'someone/fork' }] };
    store.managed = { pins: [orgPin] };
    await mount();
    expect($('[data-pin="sampleproject"][data-overridden="true"]').textContent).toContain('Not in effect');
    const input = $<HTMLInputElement>('#pin-project');
    input.value = 'SampleProject';
    $<HTMLInputElement>('#pin-repository').value = 'a/b';
    $<HTMLButtonElement>('#pin-add').click();
    await vi.waitFor(() => expect(root.textContent).toContain('Your organisation already pins'));
    expect((store.sync.pins as unknown[]).length).toBe(1);
  });

  it('a rejecting managed area (Firefox without a policy) is no policy', async () => {
    store.managed = new Error('Managed storage manifest not found');
    store.sync = { strict: true };
    await mount();
    expect($<HTMLInputElement>('#strict-mode').checked).toBe(true);
    expect($<HTMLInputElement>('#strict-mode').disabled).toBe(false);
  });

  it('follows a policy change (storage.onChanged area "managed")', async () => {
    await mount();
    expect($<HTMLInputElement>('#strict-mode').disabled).toBe(false);
    store.managed = { strict: true };
    for (const l of [...listeners]) l({ strict: { newValue: true } }, 'managed');
    await vi.waitFor(() => expect($<HTMLInputElement>('#strict-mode').disabled).toBe(true));
    expect($<HTMLInputElement>('#strict-mode').checked).toBe(true);
  });
});
