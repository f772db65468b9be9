// @vitest-environment jsdom
/** The badge and the panel say which index was checked when it is test.pypi.org (and stay quiet for pypi.org). */
import { afterEach, describe, expect, it } from 'vitest';
import { render } from 'preact';
import { Panel } from '../../src/ui/Panel';
import { fileView, verdict } from './factory';
import { badgeButton } from './inline';

let root: HTMLDivElement;
afterEach(() => {
  if (root) render(null, root);
  document.body.replaceChildren();
});
function mountInto(vnode: preact.ComponentChild) {
  root = document.createElement('div');
  document.body.append(root);
  render(vnode, root);
  return root;
}
const noop = () => {};

describe('index host in the UI', () => {
  it('test.pypi.org: badge title and aria-label name the index', () => {
    const b = badgeButton(fileView(verdict('verified'), { index: 'test.pypi.org' }));
    expect(b.getAttribute('aria-label')).toBe(
      'sampleproject-4.0.0.tar.gz: Provenance verified (checked against test.pypi.org). Show provenance details',
    );
    expect(b.title).toContain('(checked against test.pypi.org)');
    expect(b.getAttribute('data-index')).toBe('test.pypi.org');
  });

  it('pypi.org: no index note', () => {
    const b = badgeButton(fileView(verdict('verified'), { index: 'pypi.org' }));
    expect(b.getAttribute('aria-label')).not.toContain('checked against');
    expect(b.title).not.toContain('checked against');
  });

  it('panel header says "checked against test.pypi.org" only there', () => {
    for (const [index, expected] of [
      ['test.pypi.org', 'Checked in your browser by pypi-provenance, checked against test.pypi.org'],
      ['pypi.org', 'Checked in your browser by pypi-provenance'],
    ] as const) {
      const r = mountInto(<Panel file={fileView(verdict('failed'), { index })} onClose={noop} onSaveProvenance={noop} onRetry={noop} />);
      expect(r.querySelector('.panel__speaker')!.textContent).toBe(expected);
      render(null, root);
      root.remove();
    }
    root = document.createElement('div');
  });
});
