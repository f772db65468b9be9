// @vitest-environment jsdom
// @vitest-environment-options {"url": "https://pypi.org/project/sampleproject/submit-malware-report/"}
/** On pages it does not understand the entry does nothing: no badges, no port, no error. */
import { expect, test, vi } from 'vitest';
import { loadIntoGlobalDocument } from './fixtures';

const connect = vi.fn();
const readSettings = vi.fn();
const sendRuntimeMessage = vi.fn();
vi.mock('../../src/content/runtime', () => ({
  connectPort: connect,
  sendRuntimeMessage,
  readSettings,
  onSettingsChanged: vi.fn(),
  savePin: vi.fn(),
  onOpenPanelRequest: vi.fn(),
}));

test('malware-report page with project markup: nothing happens', async () => {
  loadIntoGlobalDocument('project/sampleproject/index.html');
  const errors: unknown[] = [];
  window.addEventListener('error', (e) => errors.push(e.error));
  await import('../../src/content/index');
  await new Promise((r) => setTimeout(r, 50));
  window.dispatchEvent(new HashChangeEvent('hashchange'));
  await new Promise((r) => setTimeout(r, 50));
  expect(document.querySelectorAll('.pypi-provenance-badge, [data-provenance-panel], [data-provenance-summary]')).toHaveLength(0);
  expect(connect).not.toHaveBeenCalled();
  expect(readSettings).not.toHaveBeenCalled();
  expect(sendRuntimeMessage).not.toHaveBeenCalled();
  expect(errors).toEqual([]);
});
