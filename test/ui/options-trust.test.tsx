// @vitest-environment jsdom
/** Options page "Trust root": live status from the worker, the on/off switch (and its policy lock), "Check now". */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render } from 'preact';

const store: { data: Record<string, unknown>; managed: Record<string, unknown> } = { data: {}, managed: {} };
const STATUS = {
  enabled: true,
  source: 'refreshed',
  trustedRootSha256: 'ab'.repeat(32),
  tufRootVersion: 17,
  tufRootExpires: '2027-10-01T00:00:00Z',
  refreshedAt: '2026-12-03T10:00:00.000Z',
  timestampExpires: '2026-12-10T00:00:00Z',
  lastAttempt: { at: '2026-12-03T10:00:00.000Z', ok: true, status: 'ok', message: 'The trust root was updated from Sigstore.' },
};
const sendMessage = vi.fn(async (m: any): Promise<unknown> => (m?.type === 'trust-status' ? { ok: true, status: STATUS } : { ok: true }));
vi.mock('webextension-polyfill', () => ({
  default: {
    storage: {
      sync: {
        get: vi.fn(async () => structuredClone(store.data)),
        set: vi.fn(async (v: Record<string, unknown>) => {
          store.data = { ...store.data, ...structuredClone(v) };
        }),
      },
      managed: { get: vi.fn(async () => structuredClone(store.managed)) },
    },
    runtime: { sendMessage: (m: unknown) => sendMessage(m) },
  },
}));

// settings-storage reads the browser's own API object (src/extension-api.ts): the same double.
vi.mock('../../src/extension-api', async () => await import('webextension-polyfill'));

import { Options } from '../../src/options/Options';

let root: HTMLDivElement;
beforeEach(() => {
  store.data = {};
  store.managed = {};
  sendMessage.mockClear();
});
afterEach(() => {
  render(null, root);
  root.remove();
});
async function mount() {
  root = document.createElement('div');
  document.body.append(root);
  render(<Options />, root);
  await vi.waitFor(() => expect(root.querySelector('#trust-updates')).not.toBeNull());
  return root;
}
const $ = <T extends Element>(sel: string) => root.querySelector(sel) as T;

describe('Options: trust root', () => {
  it('shows the refreshed root: source, TUF version, date, last attempt and result, next expiry; says what the request carries', async () => {
    await mount();
    await vi.waitFor(() => expect($('#trust-in-use')).not.toBeNull());
    expect($('#trust-in-use').getAttribute('data-source')).toBe('refreshed');
    expect($('#trust-tuf-version').textContent).toBe('17');
    expect($('#trust-refreshed-at').textContent).toContain('2026-12-03');
    expect($('#trust-last-attempt').textContent).toContain('The trust root was updated from Sigstore.');
    expect($('#trust-last-attempt').getAttribute('data-ok')).toBe('true');
    expect($('#trust-next-expiry').textContent).toContain('2026-12-10');
    expect(root.textContent).toContain('The request carries nothing about the pages you visit.');
    expect($<HTMLInputElement>('#trust-updates').checked).toBe(true);
  });

  it("names the root in use without calling it bundled, and folds the bundled root's facts below it (shown once)", async () => {
    await mount();
    await vi.waitFor(() => expect($('#trust-in-use-sha256')).not.toBeNull());
    const label = $('#trust-in-use-sha256').previousElementSibling?.textContent ?? '';
    expect(label).toContain('in use');
    expect(label).not.toMatch(/bundled/i);
    const bundled = $<HTMLDetailsElement>('#trust-bundled');
    expect(bundled.tagName).toBe('DETAILS');
    expect(bundled.open).toBe(false);
    expect(bundled.querySelector('summary')?.textContent).toMatch(/bundled with this extension/);
    expect(bundled.querySelector('#trust-sha256')).not.toBeNull();
    expect(root.querySelectorAll('#trust-sha256, #trust-in-use-sha256')).toHaveLength(2);
  });

  it('"Check now" asks the worker to refresh, then shows the new status', async () => {
    await mount();
    $<HTMLButtonElement>('#trust-check-now').click();
    await vi.waitFor(() => expect(sendMessage).toHaveBeenCalledWith({ type: 'trust-status', refresh: true }));
  });

  it('the switch saves trustRootUpdates; off hides "Check now"', async () => {
    await mount();
    const box = $<HTMLInputElement>('#trust-updates');
    box.checked = false;
    box.dispatchEvent(new Event('change', { bubbles: true }));
    await vi.waitFor(() => expect(store.data.trustRootUpdates ?? (store.data.settings as any)?.trustRootUpdates).toBe(false));
    await vi.waitFor(() => expect($('#trust-check-now')).toBeNull());
    expect($('#trust-updates-off')).not.toBeNull();
  });

  it('a policy disableTrustRootUpdates: true shows the switch off and locked', async () => {
    store.managed = { disableTrustRootUpdates: true };
    await mount();
    await vi.waitFor(() => expect($<HTMLInputElement>('#trust-updates').disabled).toBe(true));
    expect($<HTMLInputElement>('#trust-updates').checked).toBe(false);
    expect($('#trust-check-now')).toBeNull();
  });
});
