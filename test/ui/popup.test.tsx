// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render } from 'preact';

const answer: { value: unknown } = { value: null };
const sendMessage = vi.fn(async (_m: unknown) => answer.value);
const openOptionsPage = vi.fn(async () => {});
vi.mock('webextension-polyfill', () => ({
  default: {
    tabs: { query: vi.fn(async () => [{ id: 42 }]) },
    runtime: { sendMessage: (m: unknown) => sendMessage(m), openOptionsPage: () => openOptionsPage() },
  },
}));

import { Popup } from '../../src/popup/Popup';
import { parseTabStatus } from '../../src/popup/tab-status';

let root: HTMLDivElement;
beforeEach(() => {
  sendMessage.mockClear();
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
});

describe('Popup', () => {
  it('lists the tab files with their states', async () => {
    answer.value = {
      project: 'sampleproject',
      version: '4.0.0',
      files: [
        { filename: 'sampleproject-4.0.0.tar.gz', state: 'verified', level: 'ok' },
        { filename: 'sampleproject-4.0.0-py3-none-any.whl', state: 'failed', level: 'danger' },
        { filename: 'x-1.tar.gz', state: 'absent', level: 'warning' },
      ],
    };
    render(<Popup />, root);
    await vi.waitFor(() => expect(root.querySelectorAll('[data-filename]').length).toBe(3));
    expect(sendMessage).toHaveBeenCalledWith({ type: 'tab-status', tabId: 42 });
    const items = [...root.querySelectorAll('[data-filename]')].map((li) => li.textContent);
    expect(items[0]).toContain('Provenance checked');
    expect(items[1]).toContain('Provenance FAILED');
    expect(items[2]).toContain('strict mode asks you to confirm downloads');
    (root.querySelector('#open-options') as HTMLButtonElement).click();
    expect(openOptionsPage).toHaveBeenCalled();
  });

  it('copes with no page or garbage', async () => {
    answer.value = null;
    render(<Popup />, root);
    await vi.waitFor(() => expect(root.textContent).toContain('Open a project or release page'));
    expect(parseTabStatus({ files: [{ filename: 3 }, null, { filename: 'a.whl', state: 'bogus', level: 'x' }], project: {} })).toEqual({
      project: null,
      version: null,
      files: [{ filename: 'a.whl', state: 'pending', level: 'neutral' }],
    });
    expect(parseTabStatus('nope')).toBeNull();
  });
});
