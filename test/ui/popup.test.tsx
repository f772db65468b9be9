// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render } from 'preact';

const answer: { value: unknown } = { value: null };
const sendMessage = vi.fn(async (_m: unknown) => answer.value);
const openOptionsPage = vi.fn(async () => {});
const tabsSendMessage = vi.fn(async (_id: number, _m: unknown) => true);
vi.mock('webextension-polyfill', () => ({
  default: {
    tabs: { query: vi.fn(async () => [{ id: 42 }]), sendMessage: (id: number, m: unknown) => tabsSendMessage(id, m) },
    runtime: { sendMessage: (m: unknown) => sendMessage(m), openOptionsPage: () => openOptionsPage() },
  },
}));

import { Popup } from '../../src/popup/Popup';
import { filenameBreaks, parseTabStatus, type TabFile } from '../../src/popup/tab-status';
import { popupSummary } from '../../src/popup/summary';

let root: HTMLDivElement;
beforeEach(() => {
  sendMessage.mockClear();
  vi.spyOn(window, 'close').mockImplementation(() => undefined); // the popup closes itself after opening a panel
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
    expect(items[0]).toContain('Provenance verified');
    expect(items[1]).toContain('Provenance FAILED');
    expect(items[2]).toContain('No provenance published');
    // one status line for screen readers, with the counts
    const summary = root.querySelector('#popup-summary')!;
    expect(summary.getAttribute('role')).toBe('status');
    expect(summary.textContent).toBe('1 file FAILED the provenance check; 1 of 3 files have verified provenance; 1 without provenance.');
    expect(root.querySelector('ul.files')!.getAttribute('aria-label')).toBeTruthy();
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
      index: null,
      files: [{ filename: 'a.whl', state: 'pending', level: 'neutral' }],
    });
    expect(parseTabStatus('nope')).toBeNull();
  });

  it('says which index when it is test.pypi.org', async () => {
    answer.value = {
      project: 'sampleproject',
      version: '4.0.0',
      index: 'test.pypi.org',
      files: [{ filename: 'sampleproject-4.0.0.tar.gz', state: 'verified', level: 'ok' }],
    };
    render(<Popup />, root);
    await vi.waitFor(() => expect(root.querySelector('#popup-summary')!.textContent).toBe('1 of 1 file has verified provenance.'));
    expect(root.textContent).toContain('checked against test.pypi.org');
    expect(parseTabStatus({ index: 'evil.example', files: [] })!.index).toBeNull();
  });
});

describe('Popup speaks from the index (#18.3, #17.5, #13.10)', () => {
  const WHL = 'sampleproject-4.0.0-py3-none-any.whl';
  const SDIST = 'sampleproject-4.0.0.tar.gz';
  it('rows: sha256 prefix, verified publisher, a failure reason, files the page did not show; a row opens its panel', async () => {
    answer.value = {
      project: 'sampleproject',
      version: '4.0.0',
      index: 'pypi.org',
      pageList: 'found',
      files: [
        { filename: SDIST, state: 'verified', level: 'ok', sha256: 'a'.repeat(64), publisher: 'pypa/sampleproject · release.yml' },
        {
          filename: WHL,
          state: 'failed',
          level: 'danger',
          sha256: 'b'.repeat(64),
          reason: { code: 'FILE_NOT_IN_RELEASE', message: 'something specific' },
          onPage: false,
        },
      ],
    };
    render(<Popup />, root);
    await vi.waitFor(() => expect(root.querySelectorAll('[data-filename]').length).toBe(2));
    const [sdist, whl] = [...root.querySelectorAll<HTMLLIElement>('[data-filename]')];
    expect(sdist!.textContent).toContain('sha256 aaaaaaaaaaaa…');
    expect(sdist!.textContent).toContain('Published by pypa/sampleproject · release.yml');
    expect(whl!.dataset.onPage).toBe('false');
    expect(whl!.textContent).toContain("not in the page's file list");
    expect(whl!.querySelector('.reason')!.textContent).toBe('something specific (FILE_NOT_IN_RELEASE)');
    // what it means for the file / what to do, as the panel says it (consequence_<code>)
    expect(whl!.querySelector('.reason__next')!.textContent).toBe(
      'A file shown under the wrong release may be passed off as another version: check it on its own release page before installing.',
    );
    expect(sdist!.querySelector('.reason__next')).toBeNull();
    expect(whl!.querySelector('button')).toBeNull(); // nothing on the page to open
    expect(root.querySelector('.not-on-page')!.textContent).toBe("1 file of this release is not in the page's file list.");
    expect(root.querySelector('.from-index')!.textContent).toMatch(/PyPI's index.*could imitate/);
    // the filename may wrap only after - and .
    expect(sdist!.querySelectorAll('.file wbr')).toHaveLength(filenameBreaks(SDIST).length - 1);
    sdist!.querySelector('button')!.click();
    await vi.waitFor(() => expect(tabsSendMessage).toHaveBeenCalledWith(42, { type: 'open-panel', filename: SDIST }));
  });

  it("names the page's links that are not PyPI's download URL: file, host as text, both URLs; never as links", async () => {
    const listed = `https://files.pythonhosted.org/packages/aa/bb/${SDIST}`;
    // an internationalised look-alike host shows as its punycode; a userinfo prefix does not hide the real host
    const lookalike = `https://files.pythonhosted.örg.example/${SDIST}`;
    const userinfo = `https://files.pythonhosted.org@evil.example/${SDIST}`;
    answer.value = {
      project: 'sampleproject',
      version: '4.0.0',
      index: 'pypi.org',
      files: [{ filename: SDIST, state: 'verified', level: 'ok' }],
      links: [
        { filename: SDIST, href: lookalike, indexUrl: listed },
        { filename: SDIST, href: userinfo, indexUrl: listed },
        { filename: SDIST, href: 'javascript:alert(1)', indexUrl: listed },
        { filename: SDIST, href: `https://x.example/${'a'.repeat(400)}/${SDIST}`, indexUrl: listed },
      ],
    };
    render(<Popup />, root);
    await vi.waitFor(() => expect(root.querySelectorAll('.links li').length).toBe(3));
    const section = root.querySelector('.links')!;
    expect(section.getAttribute('aria-labelledby')).toBe('links-heading');
    expect(section.querySelector('h2')!.textContent).toBe("Links on this page that are not PyPI's download URL");
    const [a, b, c] = [...section.querySelectorAll<HTMLLIElement>('li')];
    expect(a!.dataset.host).toMatch(/^files\.pythonhosted\.xn--[a-z0-9-]+\.example$/);
    expect(a!.textContent).toContain(`Link for ${SDIST} points to ${a!.dataset.host}`);
    expect(a!.textContent).not.toContain('örg');
    expect(a!.textContent).toContain(`PyPI's URL: ${listed}`);
    expect(b!.dataset.host).toBe('evil.example');
    expect(c!.textContent).toContain('…'); // long URL shortened, the filename end kept
    expect(c!.textContent).toContain(`/${SDIST}`);
    expect(section.querySelector('a')).toBeNull();
  });

  it('a verified file whose bundles name two publishers says so in its row, with the code', async () => {
    const message =
      'This file is attested by two different publishers: GitHub pypa/sampleproject (release.yml); GitHub other/fork (release.yml). Each signature verified.';
    answer.value = {
      project: 'sampleproject',
      version: '4.0.0',
      index: 'pypi.org',
      files: [
        { filename: SDIST, state: 'verified', level: 'warning', reason: { code: 'MULTIPLE_PUBLISHERS', message } },
        { filename: WHL, state: 'verified', level: 'ok', reason: { code: 'SOMETHING_ELSE', message: 'not shown' } },
      ],
    };
    render(<Popup />, root);
    await vi.waitFor(() => expect(root.querySelectorAll('[data-filename]').length).toBe(2));
    const [sdist, whl] = [...root.querySelectorAll<HTMLLIElement>('ul.files [data-filename]')];
    expect(sdist!.querySelector('.reason')!.textContent).toBe(`${message} (MULTIPLE_PUBLISHERS)`);
    expect(sdist!.querySelector('.reason__next')!.textContent).toBe(
      'Each of them really signed the file; if the project publishes from one place, ask it why there are more.',
    );
    expect(whl!.querySelector('.reason')).toBeNull();
    expect(whl!.querySelector('.reason__next')).toBeNull();
  });

  it('a could-not-check row and a pin mismatch say what to do; a code without a consequence adds nothing', async () => {
    answer.value = {
      project: 'sampleproject',
      version: '4.0.0',
      index: 'pypi.org',
      files: [
        { filename: SDIST, state: 'error', level: 'neutral', reason: { code: 'INDEX_UNREACHABLE', message: 'pypi.org did not answer.' } },
        { filename: WHL, state: 'verified', level: 'danger', reason: { code: 'PIN_MISMATCH', message: 'repository: a → b' } },
        { filename: 'other-1.0.tar.gz', state: 'failed', level: 'danger', reason: { code: 'NOT_A_CODE', message: 'odd' } },
      ],
    };
    render(<Popup />, root);
    await vi.waitFor(() => expect(root.querySelectorAll('[data-filename]').length).toBe(3));
    const [sdist, whl, other] = [...root.querySelectorAll<HTMLLIElement>('ul.files [data-filename]')];
    expect(sdist!.querySelector('.reason__next')!.textContent).toBe('Check your connection, then try again.');
    expect(whl!.querySelector('.reason__next')!.textContent).toMatch(/^Don't install it until you know why: .*pin/);
    expect(other!.querySelector('.reason')!.textContent).toBe('odd (NOT_A_CODE)');
    expect(other!.querySelector('.reason__next')).toBeNull();
  });

  it("says when PyPI's own file list was not found on the page", async () => {
    answer.value = { project: 'sampleproject', version: '4.0.0', index: 'pypi.org', pageList: 'missing', files: [] };
    render(<Popup />, root);
    await vi.waitFor(() => expect(root.querySelector('#popup-summary')!.textContent).toMatch(/PyPI's own file list was not found/));
  });

  it('filenameBreaks', () => {
    expect(filenameBreaks('a_b-1.0.tar.gz')).toEqual(['a_b-', '1.', '0.', 'tar.', 'gz']);
    expect(filenameBreaks('x')).toEqual(['x']);
  });
});

describe('popupSummary', () => {
  it('counts every state and pin mismatches', () => {
    const f = (state: string, level: string) => ({ filename: `${state}-${level}`, state, level }) as TabFile;
    expect(popupSummary([])).toBe('No files to check.');
    expect(popupSummary([...Array(7)].map(() => f('verified', 'ok')).concat([f('absent', 'neutral')]))).toBe(
      '7 of 8 files have verified provenance; 1 without provenance.',
    );
    expect(popupSummary([f('verified', 'danger'), f('pending', 'neutral'), f('error', 'neutral'), f('failed', 'danger')])).toBe(
      '1 file FAILED the provenance check; 1 file from a publisher other than your pin; 1 of 4 files have verified provenance; checking 1 file…; 1 could not be checked.',
    );
  });
});
