// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { render, type ComponentChild } from 'preact';
import { Badge } from '../../src/ui/Badge';
import { Panel } from '../../src/ui/Panel';
import { Summary } from '../../src/ui/Summary';
import { BADGE_CSS, PANEL_CSS, SUMMARY_CSS } from '../../src/ui/styles';
import type { FileView } from '../../src/ui/types';
import type { Verdict } from '../../src/verify/verdict';
import { attestation, fileView, verdict } from './factory';

let root: HTMLDivElement;
function mount(node: ComponentChild) {
  root = document.createElement('div');
  document.body.append(root);
  render(node, root);
  return root;
}
afterEach(() => {
  render(null, root);
  root.remove();
});
const noop = () => {};
const all = (f: FileView) => (
  <>
    <Badge file={f} expanded={false} onToggle={noop} />
    <Panel file={f} onClose={noop} onRetry={noop} onSaveProvenance={noop} onPinPublisher={noop} />
    <Summary files={[f]} project="sampleproject" version="4.0.0" />
  </>
);

describe('robustness', () => {
  it('never uses style attributes or <style> elements (pypi.org CSP)', () => {
    for (const state of ['verified', 'failed', 'absent', 'error', 'pending'] as const) {
      const el = mount(all(fileView(verdict(state))));
      expect(el.querySelector('[style], style, link, script')).toBeNull();
      render(null, root);
      root.remove();
    }
    root = document.createElement('div');
  });

  it('malformed verdicts render without crashing and are not shown as verified', () => {
    const junk = [
      { state: 'verified', attestations: 'x', reasons: 7, publisher: [] },
      { state: 'verified', attestations: [{ ok: false }] },
      { state: 'bogus' },
      {
        state: 'failed',
        reasons: [{ code: 'X', message: { evil: 1 } }, null],
        attestations: [{ certificate: { extensions: [{ value: 5 }], chain: 'no' }, tlog: { logIndex: {} } }],
      },
    ];
    for (const j of junk) {
      const f = fileView(j as unknown as Verdict, { level: 'ok' });
      const el = mount(all(f));
      expect(el.textContent).not.toContain('Provenance checked');
      expect(el.querySelector('.badge--ok')).toBeNull();
      render(null, root);
      root.remove();
    }
    root = document.createElement('div');
  });

  it('a failed verdict is always danger, whatever level it comes with', () => {
    const el = mount(<Badge file={fileView(verdict('failed'), { level: 'ok' })} expanded={false} onToggle={noop} />);
    expect(el.querySelector('.badge--danger')).not.toBeNull();
  });

  it('a verified verdict with one failed attestation is not shown as verified', () => {
    const v = verdict('verified', { attestations: [attestation(), attestation({ index: 1, ok: false })] });
    const el = mount(<Badge file={fileView(v)} expanded={false} onToggle={noop} />);
    expect(el.textContent).toBe('Could not check');
  });

  it('stylesheets use :host, dark mode and reduced motion', () => {
    for (const css of [BADGE_CSS, PANEL_CSS, SUMMARY_CSS]) {
      expect(css).toContain(':host');
      expect(css).toContain('prefers-color-scheme: dark');
      expect(css).toContain('prefers-reduced-motion');
      expect(css).not.toMatch(/@import|url\(/);
    }
  });
});
