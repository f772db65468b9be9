// @vitest-environment jsdom
/** Panel and Summary with a publisher history; report buttons; local file matching control. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { render } from 'preact';
import { computeHistory } from '../../src/history/compute';
import { groupReleases } from '../../src/history/releases';
import type { PublisherIdentity, ReleaseHistory } from '../../src/history/types';
import { Panel } from '../../src/ui/Panel';
import { summaryBox } from './inline';
import type { PanelProps } from '../../src/ui/types';
import { fileView, FILENAME, verdict } from './factory';

const NOW: PublisherIdentity = { kind: 'GitHub', repository: 'pypa/sampleproject', workflow: 'release.yml' };
const OLD: PublisherIdentity = { kind: 'GitHub', repository: 'pypa/sampleproject', workflow: 'publish.yml' };

function history(opts: { absent?: boolean; addedLater?: boolean } = {}): ReleaseHistory {
  const f = (filename: string, v: string, prov: boolean, t = '2025-01-01T00:00:00Z') => ({
    filename,
    sha256: 'a'.repeat(64),
    provenanceUrl: prov ? `https://pypi.org/integrity/sampleproject/${v}/${filename}/provenance` : null,
    uploadTime: t,
  });
  const files = [
    f('sampleproject-3.9.tar.gz', '3.9', true),
    f(FILENAME, '4.0.0', !opts.absent),
    f('sampleproject-4.0.0-cp311-cp311-win_amd64.whl', '4.0.0', false, opts.addedLater ? '2025-01-05T00:00:00Z' : '2025-01-01T00:00:00Z'),
  ];
  return computeHistory({
    project: 'sampleproject',
    version: '4.0.0',
    releases: groupReleases(files),
    pageFiles: [
      { filename: FILENAME, state: opts.absent ? 'absent' : 'verified', identity: opts.absent ? null : NOW },
      { filename: 'sampleproject-4.0.0-cp311-cp311-win_amd64.whl', state: 'absent', identity: null },
    ],
    examined: [{ version: '3.9', sameLine: false, filename: 'sampleproject-3.9.tar.gz', identity: OLD, outcome: 'verified' }],
    earlierWithProvenance: 1,
  });
}

let root: HTMLDivElement;
function mount(node: preact.ComponentChild) {
  root = document.createElement('div');
  document.body.append(root);
  render(node, root);
  return root;
}
afterEach(() => {
  render(null, root);
  root.remove();
});
const panel = (props: Partial<PanelProps> & Pick<PanelProps, 'file'>) =>
  mount(<Panel onClose={() => {}} onSaveProvenance={() => {}} onRetry={() => {}} {...props} />);

describe('history in the panel', () => {
  it('changed: amber section with the field changes, release checks and what was looked at', () => {
    const h = history({ addedLater: true });
    expect(h.state).toBe('changed');
    const el = panel({ file: { ...fileView(verdict('verified')), history: h } });
    const sec = el.querySelector('[data-history]')!;
    expect(sec.getAttribute('data-history')).toBe('changed');
    expect(sec.classList.contains('hist--warning')).toBe(true);
    expect(sec.textContent).toContain('workflow: publish.yml → release.yml');
    expect(sec.textContent).toContain('1 of 2 files of this release have provenance');
    expect(sec.textContent).toContain('sampleproject-4.0.0-cp311-cp311-win_amd64.whl was added 96 h after');
    expect(sec.textContent).toContain('Compared with the nearest earlier release that has provenance');
    expect(sec.textContent).toContain('3.9 (sampleproject-3.9.tar.gz): GitHub pypa/sampleproject · publish.yml');
  });

  it('absent file: says why (partial release); no history → no section', () => {
    const h = history();
    const el = panel({
      file: { ...fileView(verdict('absent'), { filename: 'sampleproject-4.0.0-cp311-cp311-win_amd64.whl' }), history: h },
    });
    expect(el.textContent).toContain('Other files of this release have provenance');
    render(null, root);
    root.remove();
    expect(panel({ file: fileView(verdict('verified')) }).querySelector('[data-history]')).toBeNull();
  });

  it('report buttons and the file matcher call back; the result is shown as text', async () => {
    const onExport = vi.fn();
    const onMatchFile = vi.fn(async () => 'x.tar.gz matches <b>nothing</b>');
    const el = panel({ file: fileView(verdict('verified')), onExport, onMatchFile });
    el.querySelector<HTMLButtonElement>('[data-action="export-json"]')!.click();
    el.querySelector<HTMLButtonElement>('[data-action="export-markdown"]')!.click();
    expect(onExport.mock.calls).toEqual([['json'], ['markdown']]);
    const input = el.querySelector<HTMLInputElement>('[data-action="match-file"]')!;
    const file = new File(['abc'], 'x.tar.gz');
    Object.defineProperty(input, 'files', { value: [file] });
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await vi.waitFor(() => expect(el.querySelector('.match__result')?.textContent).toBe('x.tar.gz matches <b>nothing</b>'));
    expect(el.querySelector('.match__result b')).toBeNull(); // text, never HTML
    expect(onMatchFile).toHaveBeenCalledWith(file);
  });
});

describe('history in the summary', () => {
  it('shows the history sentence (amber for changed) and the release checks', () => {
    const h = history({ addedLater: true });
    const el = summaryBox([fileView(verdict('verified'))], h);
    const hist = el.querySelector('.sum__history')!;
    expect(hist.classList.contains('sum__history--warning')).toBe(true);
    expect(hist.textContent).toContain('Published differently from 3.9 (workflow: publish.yml → release.yml)');
    expect(el.querySelector('.sum__checks')!.textContent).toContain('1 of 2 files');
  });
  it('no history, or unknown: nothing added', () => {
    const el = summaryBox([fileView(verdict('verified'))]);
    expect(el.querySelector('.sum__history')).toBeNull();
    expect(el.querySelector('.sum__checks')).toBeNull();
  });

  it('hides the file matcher, Retry and the history where they cannot help (no file attested; error)', () => {
    const none = computeHistory({
      project: 'sampleproject',
      version: '4.0.0',
      releases: groupReleases([
        { filename: 'sampleproject-3.9.tar.gz', sha256: 'b'.repeat(64), provenanceUrl: null, uploadTime: '2024-01-01T00:00:00Z' },
        { filename: FILENAME, sha256: 'a'.repeat(64), provenanceUrl: null, uploadTime: '2025-01-01T00:00:00Z' },
      ]),
      pageFiles: [{ filename: FILENAME, state: 'absent', identity: null }],
      examined: [],
      earlierWithProvenance: 0,
    });
    expect(none.checks?.coverage).toBe('none');
    const cb = { onExport: () => {}, onMatchFile: () => Promise.resolve('x') };
    let el = panel({ file: { ...fileView(verdict('absent')), history: none }, ...cb });
    expect(el.querySelector('[data-action="match-drop"]')).toBeNull();
    expect(el.querySelector('[data-action="retry"]')).toBeNull();
    expect(el.querySelector('[data-history]')).toBeNull();
    expect(el.querySelector('[data-action="export-json"]')).not.toBeNull();
    render(null, root);
    root.remove();
    el = panel({ file: { ...fileView(verdict('error')), history: history() }, ...cb });
    expect(el.querySelector('[data-action="match-drop"]')).toBeNull();
    expect(el.querySelector('[data-history]')).toBeNull();
    expect(el.querySelectorAll('[data-action="retry"]').length).toBe(1); // the error body's own Retry
    render(null, root);
    root.remove();
    // a verified file keeps all three
    el = panel({ file: { ...fileView(verdict('verified')), history: history() }, ...cb });
    expect(el.querySelector('[data-action="match-drop"]')).not.toBeNull();
    expect(el.querySelector('[data-action="retry"]')).not.toBeNull();
    expect(el.querySelector('[data-history]')).not.toBeNull();
  });
});
