// @vitest-environment jsdom
/** Options page: import / export of identity pins as a JSON file (the PinsTransfer component). */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { render } from 'preact';
import { PinsTransfer } from '../../src/options/PinsTransfer';
import { exportPins } from '../../src/report/pins-file';
import type { IdentityPin } from '../../src/settings';

let root: HTMLDivElement;
afterEach(() => {
  render(null, root);
  root.remove();
});

function mount(pins: IdentityPin[]) {
  root = document.createElement('div');
  document.body.append(root);
  const onChange = vi.fn();
  render(<PinsTransfer pins={pins} onChange={onChange} />, root);
  return onChange;
}

function choose(text: string) {
  const input = root.querySelector<HTMLInputElement>('#pins-import')!;
  const file = new File([text], 'pins.json', { type: 'application/json' });
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

const KEEP: IdentityPin = { project: 'keep', kind: 'GitHub', repository: 'a/keep' };

describe('pins import / export', () => {
  it('imports valid pins, reports rejected ones, replaces pins of the same project, keeps others', async () => {
    const onChange = mount([KEEP, { project: 'sampleproject', kind: 'GitHub', repository: 'old/repo' }]);
    choose(
      JSON.stringify({
        format: 'pypi-provenance-pins',
        version: 1,
        pins: [
          { project: 'SampleProject', kind: 'GitHub', repository: 'pypa/sampleproject', workflow: 'release.yml' },
          { project: 'bad', kind: 'GitHub' },
        ],
      }),
    );
    await vi.waitFor(() => expect(root.querySelector('#pins-import-status')?.textContent).toBe('Imported 1 pin; rejected 1.'));
    expect(onChange).toHaveBeenCalledWith([
      KEEP,
      { project: 'sampleproject', kind: 'GitHub', repository: 'pypa/sampleproject', workflow: 'release.yml' },
    ]);
  });

  it('refuses a file that is not a pins file, and changes nothing', async () => {
    const onChange = mount([KEEP]);
    choose('{"hello": 1}');
    await vi.waitFor(() => expect(root.querySelector('#pins-import-status')?.textContent).toContain('Nothing imported'));
    expect(onChange).not.toHaveBeenCalled();
  });

  it('export produces the pins file of the current pins', async () => {
    mount([KEEP]);
    const blobs: Blob[] = [];
    const create = vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
      blobs.push(b as Blob);
      return 'blob:x';
    });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    root.querySelector<HTMLButtonElement>('#pins-export')!.click();
    expect(click).toHaveBeenCalled();
    expect(await blobs[0]!.text()).toBe(exportPins([KEEP]));
    create.mockRestore();
    click.mockRestore();
  });
});
