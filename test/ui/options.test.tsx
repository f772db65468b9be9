// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render } from 'preact';

const store: { data: Record<string, unknown> } = { data: {} };
const sendMessage = vi.fn(async (_m: unknown): Promise<unknown> => ({ ok: true }));
vi.mock('webextension-polyfill', () => ({
  default: {
    storage: {
      sync: {
        get: vi.fn(async () => structuredClone(store.data)),
        set: vi.fn(async (v: Record<string, unknown>) => {
          store.data = { ...store.data, ...structuredClone(v) };
        }),
      },
    },
    runtime: { sendMessage: (m: unknown) => sendMessage(m) },
  },
}));
// settings-storage reads the browser's own API object (src/extension-api.ts): the same double.
vi.mock('../../src/extension-api', async () => await import('webextension-polyfill'));

import { Options } from '../../src/options/Options';
import { TrustRootInfo } from '../../src/options/TrustRootInfo';
import { parseSettings } from '../../src/settings';

let root: HTMLDivElement;
beforeEach(() => {
  store.data = {};
  sendMessage.mockClear();
});
afterEach(() => {
  render(null, root);
  root.remove();
});
async function mount(now?: Date) {
  root = document.createElement('div');
  document.body.append(root);
  render(<Options now={now} />, root);
  await vi.waitFor(() => expect(root.querySelector('#strict-mode')).not.toBeNull());
  return root;
}
const $ = <T extends Element>(sel: string) => root.querySelector(sel) as T;
function type(sel: string, value: string) {
  const el = $<HTMLInputElement | HTMLSelectElement>(sel);
  el.value = value;
  el.dispatchEvent(new Event(el.tagName === 'SELECT' ? 'change' : 'input', { bubbles: true }));
}

describe('Options', () => {
  it('loads stored settings', async () => {
    store.data = {
      strict: true,
      confirmFailedDownloads: false,
      showSummary: true,
      pins: [{ project: 'SampleProject', kind: 'GitHub', repository: 'pypa/sampleproject' }],
    };
    await mount();
    expect($<HTMLInputElement>('#strict-mode').checked).toBe(true);
    expect($<HTMLInputElement>('#confirm-failed').checked).toBe(false);
    expect($<HTMLInputElement>('#show-summary').checked).toBe(true);
    expect(root.querySelectorAll('[data-pin]').length).toBe(1);
    expect($('[data-pin]').getAttribute('data-pin')).toBe('sampleproject');
  });

  it('saves toggles on change and says Saved', async () => {
    await mount();
    $<HTMLInputElement>('#strict-mode').click();
    await vi.waitFor(() => expect(store.data.strict).toBe(true));
    await vi.waitFor(() => expect($('#save-status').textContent).toBe('Saved'));
    $<HTMLInputElement>('#confirm-failed').click();
    await vi.waitFor(() => expect(store.data.confirmFailedDownloads).toBe(false));
    $<HTMLInputElement>('#show-summary').click();
    await vi.waitFor(() => expect(store.data.showSummary).toBe(false));
    expect(parseSettings(store.data)).toEqual({
      strict: true,
      confirmFailedDownloads: false,
      showSummary: false,
      pins: [],
      trustRootUpdates: true,
    });
  });

  it('adds and removes pins, validating inline', async () => {
    await mount();
    $<HTMLButtonElement>('#pin-add').click();
    await vi.waitFor(() => expect(root.textContent).toContain('Enter a project name.'));
    expect(store.data.pins).toBeUndefined();

    type('#pin-project', 'Sample_Project');
    type('#pin-repository', 'not a repo');
    $<HTMLButtonElement>('#pin-add').click();
    await vi.waitFor(() => expect(root.textContent).toContain('Enter the repository as owner/name.'));
    expect($('#pin-repository').getAttribute('aria-invalid')).toBe('true');

    type('#pin-repository', 'pypa/sampleproject');
    type('#pin-workflow', 'release.yml');
    $<HTMLButtonElement>('#pin-add').click();
    await vi.waitFor(() =>
      expect(store.data.pins).toEqual([
        { project: 'sample-project', kind: 'GitHub', repository: 'pypa/sampleproject', workflow: 'release.yml' },
      ]),
    );
    expect(root.querySelectorAll('[data-pin]').length).toBe(1);

    type('#pin-project', 'gproj');
    type('#pin-kind', 'Google');
    $<HTMLButtonElement>('#pin-add').click();
    await vi.waitFor(() => expect(root.textContent).toContain('Enter the service account e-mail address.'));
    type('#pin-email', '919436158236-compute@developer.gserviceaccount.com');
    $<HTMLButtonElement>('#pin-add').click();
    await vi.waitFor(() => expect(root.querySelectorAll('[data-pin]').length).toBe(2));
    expect((store.data.pins as unknown[])[1]).toEqual({
      project: 'gproj',
      kind: 'Google',
      email: '919436158236-compute@developer.gserviceaccount.com',
    });

    ($('[data-pin="sample-project"] button') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(root.querySelectorAll('[data-pin]').length).toBe(1));
    expect(store.data.pins).toEqual([{ project: 'gproj', kind: 'Google', email: '919436158236-compute@developer.gserviceaccount.com' }]);
  });

  it('clears the cache through the background', async () => {
    await mount();
    $<HTMLButtonElement>('#clear-cache').click();
    await vi.waitFor(() => expect($('#clear-cache-status').textContent).toBe('Cache cleared.'));
    expect(sendMessage).toHaveBeenCalledWith({ type: 'clear-cache' });
    sendMessage.mockRejectedValueOnce(new Error('no receiver'));
    $<HTMLButtonElement>('#clear-cache').click();
    await vi.waitFor(() => expect($('#clear-cache-status').textContent).toBe('Could not clear the cache: no receiver'));
  });

  it('shows the bundled trust root and warns neutrally once the TUF root expired', async () => {
    await mount(new Date('2026-11-25T00:00:00Z'));
    expect($('#trust-sha256').textContent).toBe('6494e21ea73fa7ee769f85f57d5a3e6a08725eae1e38c755fc3517c9e6bc0b66');
    expect($('#tuf-version').textContent).toBe('16');
    expect($('#tuf-expires').textContent).toBe('2027-04-22 19:27:31 UTC');
    expect($('#tuf-expired')).toBeNull();
    render(<TrustRootInfo now={new Date('2028-01-01T00:00:00Z')} />, root);
    expect($('#tuf-expired').textContent).toContain('has passed');
  });
});
