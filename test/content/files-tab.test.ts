// @vitest-environment jsdom
/**
 * Issue #12.4: Warehouse's files-tab redesign (branch 2026-ui-update-files-tab, fixtures rendered
 * from its templates in e2e/fixtures/files-tab-2026/): detection in table rows, badge and panel
 * placement, and the README rule of #18.1 in that layout too.
 */
import { afterEach, describe, expect, test, vi } from 'vitest';
import { detectPage } from '../../src/content/detect';
import { startController, type PageController } from '../../src/content/controller';
import { BADGE_CLASS, PANEL_ROW_ATTR } from '../../src/content/badges';
import { DEFAULT_SETTINGS } from '../../src/settings';
import { fixtureDoc, loadIntoGlobalDocument, TOKENS } from './fixtures';
import { portFactory, verdictMessage } from './helpers';
import { hostileReadmes, pageWithReadme } from './hostile-readme';

const FT = '../files-tab-2026/';
const SAMPLE = ['sampleproject-4.0.0.tar.gz', 'sampleproject-4.0.0-py3-none-any.whl'];
const CASES = [
  { rel: `${FT}project/sampleproject/4.0.0/index.html`, url: 'https://pypi.org/project/sampleproject/4.0.0/', n: 2 },
  { rel: `${FT}project/sampleproject/index.html`, url: 'https://pypi.org/project/sampleproject/', n: 2 },
  { rel: `${FT}project/FastHash_Lib/1.2.0/index.html`, url: 'https://pypi.org/project/FastHash_Lib/1.2.0/', n: 7 },
] as const;

describe('detection in table.table--files rows', () => {
  for (const c of CASES) {
    test(`${c.rel}: ${c.n} files, each in its own row, sha256 from the new details table`, () => {
      const doc = fixtureDoc(c.rel);
      expect(doc.querySelector('table.table--files')).not.toBeNull(); // really the redesign markup
      expect(doc.querySelector('.file__card')).toBeNull();
      const page = detectPage(doc, c.url)!;
      expect(page.files).toHaveLength(c.n);
      expect(new Set(page.files.map((f) => f.mountPoint)).size).toBe(c.n);
      for (const f of page.files) {
        expect(f.mountPoint.tagName).toBe('TR');
        expect(f.mountPoint.closest('table')!.classList.contains('table--files')).toBe(true);
        expect(f.anchor.parentElement!.classList.contains('file-info__name')).toBe(true);
        expect(f.pageSha256).toBe(TOKENS[f.filename]!.sha256);
      }
    });
  }

  test('the wheel rows are tr.file-row; the sdist row is a plain tr', () => {
    const page = detectPage(fixtureDoc(CASES[0].rel), CASES[0].url)!;
    expect(page.files.map((f) => [f.filename, f.mountPoint.classList.contains('file-row')])).toEqual([
      [SAMPLE[0], false],
      [SAMPLE[1], true],
    ]);
  });

  for (const [name, html] of Object.entries(hostileReadmes(SAMPLE))) {
    test(`hostile README (${name}): the real rows, the real digests`, () => {
      const page = detectPage(pageWithReadme(CASES[0].rel, html), CASES[0].url)!;
      expect(page.files.map((f) => f.filename)).toEqual(SAMPLE);
      for (const f of page.files) {
        expect(f.mountPoint.closest('.project-description')).toBeNull();
        expect(f.pageSha256).toBe(TOKENS[f.filename]!.sha256);
      }
    });
  }
});

describe('placement in table rows', () => {
  let controllers: PageController[] = [];
  afterEach(() => {
    for (const c of controllers) c.destroy();
    controllers = [];
  });

  function start(rel: string, url: string) {
    loadIntoGlobalDocument(rel);
    const page = detectPage(document, url)!;
    const pf = portFactory();
    const c = startController(page, {
      doc: document,
      settings: DEFAULT_SETTINGS,
      connect: pf.connect,
      sendMessage: vi.fn(async () => ({ ok: false, message: 'not in test' })),
      confirm: vi.fn(() => false),
      alert: vi.fn(),
      clientOptions: { backoffMs: [10, 10, 10] },
    });
    controllers.push(c);
    return { c, pf, page };
  }

  test('badge right after the link, inside span.file-info__name; nothing added to the row or table', () => {
    const { page } = start(CASES[2].rel, CASES[2].url);
    for (const f of page.files) {
      const host = f.anchor.nextElementSibling!;
      expect(host.classList.contains(BADGE_CLASS)).toBe(true);
      expect(host.parentElement!.classList.contains('file-info__name')).toBe(true);
    }
    expect(document.querySelectorAll(`[${PANEL_ROW_ATTR}]`)).toHaveLength(0);
  });

  test('the panel opens in a row of its own below the file, one cell spanning the row; closing removes the row', async () => {
    const { c, pf, page } = start(CASES[2].rel, CASES[2].url);
    const wheel = page.files.find((f) => f.filename.endsWith('.whl'))!;
    pf.current.emit(verdictMessage(pf.current.last().requestId, wheel.filename, 'absent'));
    await c.openPanel(wheel.filename);
    const panel = document.querySelector<HTMLElement>('[data-provenance-panel]')!;
    const cell = panel.parentElement as HTMLTableCellElement;
    const row = cell.parentElement as HTMLTableRowElement;
    expect(row.hasAttribute(PANEL_ROW_ATTR)).toBe(true);
    expect(row.previousElementSibling).toBe(wheel.mountPoint);
    expect(cell.tagName).toBe('TD');
    expect(cell.colSpan).toBe(5); // file, interpreter, ABI, platform, details
    expect(row.hasAttribute('data-filter-list-target')).toBe(false);

    const sdist = page.files.find((f) => f.filename.endsWith('.tar.gz'))!;
    await c.openPanel(sdist.filename); // one at a time: the wheel's row goes
    expect(document.querySelectorAll(`[${PANEL_ROW_ATTR}]`)).toHaveLength(1);
    const sdistCell = document.querySelector<HTMLElement>('[data-provenance-panel]')!.parentElement as HTMLTableCellElement;
    expect(sdistCell.colSpan).toBe(4); // file, size, uploaded, details
    expect(sdistCell.parentElement!.previousElementSibling).toBe(sdist.mountPoint);
    c.closePanel();
    expect(document.querySelectorAll(`[${PANEL_ROW_ATTR}]`)).toHaveLength(0);
    expect(document.querySelector('[data-provenance-panel]')).toBeNull();
  });
});
