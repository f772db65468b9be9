// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { render, type ComponentChild } from 'preact';
import { Panel } from '../../src/ui/Panel';
import { PANEL_CSS } from '../../src/ui/panel-styles';
import { BADGE_CSS, SUMMARY_CSS } from '../../src/ui/styles';
import type { FileView } from '../../src/ui/types';
import type { Verdict } from '../../src/verify/verdict';
import { attestation, fileView, verdict } from './factory';
import { badgeButton, summaryBox } from './inline';

let root: HTMLDivElement;
function mount(node: ComponentChild) {
  root = document.createElement('div');
  document.body.append(root);
  render(node, root);
  return root;
}
afterEach(() => {
  if (root) render(null, root);
  document.body.replaceChildren();
});
const noop = () => {};
/** Badge, panel and summary line of one file, in one container. */
const all = (f: FileView) => {
  const panel = <Panel file={f} onClose={noop} onRetry={noop} onSaveProvenance={noop} onPinPublisher={noop} />;
  return {
    mountAll() {
      const el = mount(panel);
      el.prepend(badgeButton(f).parentElement!);
      el.append(summaryBox([f]).parentElement!);
      return el;
    },
  };
};

describe('robustness', () => {
  it('never uses style attributes or <style> elements (pypi.org CSP)', () => {
    for (const state of ['verified', 'failed', 'absent', 'error', 'pending'] as const) {
      const el = all(fileView(verdict(state))).mountAll();
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
      const el = all(f).mountAll();
      expect(el.textContent).not.toContain('Provenance verified');
      expect(el.querySelector('.badge--ok')).toBeNull();
      render(null, root);
      root.remove();
    }
    root = document.createElement('div');
  });

  it('a failed verdict is always danger, whatever level it comes with', () => {
    expect(badgeButton(fileView(verdict('failed'), { level: 'ok' })).classList.contains('badge--danger')).toBe(true);
  });

  it('a verified verdict with one failed attestation is not shown as verified', () => {
    const v = verdict('verified', { attestations: [attestation(), attestation({ index: 1, ok: false })] });
    expect(badgeButton(fileView(v)).textContent).toBe('Could not check');
  });

  it("stylesheets use :host and reduced motion, and follow pypi.org's light page, not the OS dark theme", () => {
    for (const css of [BADGE_CSS, PANEL_CSS, SUMMARY_CSS]) {
      expect(css).toContain(':host');
      expect(css).not.toContain('prefers-color-scheme');
      expect(css).toContain('prefers-reduced-motion');
      expect(css).not.toMatch(/@import|url\(/);
    }
  });
});
