// @vitest-environment jsdom
// @vitest-environment-options {"url": "https://pypi.org/project/sampleproject/"}
/** The entry point wires detection, settings and the Port; extension APIs are replaced by test doubles. */
import { describe, expect, test, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/settings';
import { loadIntoGlobalDocument } from './fixtures';
import { portFactory } from './helpers';

const pf = portFactory();
const settingsListeners: ((s: typeof DEFAULT_SETTINGS) => void)[] = [];
const openPanel: { cb: ((filename: string) => boolean) | null } = { cb: null };
const oneShot: unknown[] = [];
vi.mock('../../src/content/runtime', () => ({
  connectPort: () => pf.connect(),
  sendRuntimeMessage: async (m: unknown) => (oneShot.push(m), { ok: false }),
  readSettings: async () => DEFAULT_SETTINGS,
  onSettingsChanged: (cb: (s: typeof DEFAULT_SETTINGS) => void) => {
    settingsListeners.push(cb);
    return () => undefined;
  },
  savePin: async () => undefined,
  extensionVersion: () => '0.0.0-test',
  onOpenPanelRequest: (cb: (filename: string) => boolean) => {
    openPanel.cb = cb;
  },
}));

describe('content script entry', () => {
  test('on a project page: badges mounted, one check sent; settings changes re-send it', async () => {
    expect(location.href).toBe('https://pypi.org/project/sampleproject/');
    loadIntoGlobalDocument('project/sampleproject/index.html');
    await import('../../src/content/index');
    // The first import and the panel's lazy chunk are transformed on demand: seconds on a loaded machine.
    await vi.waitFor(() => expect(document.querySelectorAll('.pypi-provenance-badge')).toHaveLength(2), { timeout: 10_000 });
    expect(pf.ports).toHaveLength(1);
    expect(oneShot).not.toContainEqual({ type: 'prefetch' }); // prefetch.iife.ts sends that, before this module loads
    expect(pf.current.sent).toHaveLength(1);
    expect(pf.current.last()).toMatchObject({ type: 'check', index: 'pypi.org', project: 'sampleproject', version: '4.0.0' });
    expect(settingsListeners).toHaveLength(1);
    settingsListeners[0]!({ ...DEFAULT_SETTINGS, strict: true });
    expect(pf.current.sent).toHaveLength(2);
    // hashchange: cheap, no duplicate badges
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    expect(document.querySelectorAll('.pypi-provenance-badge')).toHaveLength(2);

    // The popup's row for a file: the files tab, that file's panel.
    expect(openPanel.cb!('sampleproject-4.0.0.tar.gz')).toBe(true);
    expect(location.hash).toBe('#files');
    await vi.waitFor(
      () =>
        expect(document.querySelector('[data-provenance-panel]')?.getAttribute('data-provenance-panel')).toBe('sampleproject-4.0.0.tar.gz'),
      { timeout: 10_000 },
    );
    expect(openPanel.cb!('sampleproject-3.0.0.tar.gz')).toBe(false); // not on this page
    // Preact runs the panel's effects after a paint (requestAnimationFrame, a 100 ms timer as fallback):
    // let that happen while jsdom is still here, or it calls cancelAnimationFrame after teardown.
    await new Promise((resolve) => setTimeout(resolve, 250));
  });
});
