/**
 * Warehouse's files-tab redesign (branch 2026-ui-update-files-tab; fixtures rendered from its
 * templates, e2e/fixtures/files-tab-2026/): files in table.table--files rows. Same verdicts as
 * the card layouts, badge inside the filename cell, panel in a full-width row below the file.
 */
import {
  test,
  expect,
  URLS,
  SAMPLE_SDIST,
  SAMPLE_WHEEL,
  FASTHASH_FILES,
  FASTHASH_UNATTESTED,
  BADGE_SELECTOR,
  SUMMARY_SELECTOR,
  visitAndSettle,
  filesOnPage,
  showFilesTab,
} from './harness';

const badgeSelector = (f: string) => `${BADGE_SELECTOR}[data-provenance-filename="${f}"]`;
const panelSelector = (f: string) => `[data-provenance-panel="${f}"]`;

test.use({ pypiOptions: { layout: 'files-tab' } });

test('sampleproject 4.0.0: both files verified, one badge per row, summary shown', async ({ page }) => {
  const badges = await visitAndSettle(page, URLS.sampleprojectRelease, 2);
  await expect(page.locator('table.table--files')).toHaveCount(2); // really the redesign markup
  await expect(page.locator('.file__card')).toHaveCount(0);
  expect([...badges.keys()].sort()).toEqual([SAMPLE_WHEEL, SAMPLE_SDIST].sort());
  for (const b of badges.values()) expect(b).toMatchObject({ state: 'verified', level: 'ok' });
  expect((await filesOnPage(page)).sort()).toEqual([...badges.keys()].sort());
  await expect(page.locator(`table.table--files span.file-info__name > ${BADGE_SELECTOR}`)).toHaveCount(2);
  await expect(page.locator(SUMMARY_SELECTOR)).toHaveCount(1);
});

test('FastHash_Lib 1.2.0 (7 rows): 6 attested files fail, 1 absent', async ({ page }) => {
  const badges = await visitAndSettle(page, URLS.fasthash, 7);
  expect([...badges.keys()].sort()).toEqual([...FASTHASH_FILES].sort());
  for (const f of FASTHASH_FILES) {
    if (f === FASTHASH_UNATTESTED) expect(badges.get(f), f).toMatchObject({ state: 'absent', level: 'neutral' });
    else expect(badges.get(f), f).toMatchObject({ state: 'failed', level: 'danger' });
  }
});

test('the panel opens in its own full-width row below the file row, and goes with it', async ({ page }) => {
  await visitAndSettle(page, URLS.fasthash, 7);
  await showFilesTab(page);
  const file = 'fasthash_lib-1.2.0-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl';
  const badge = page.locator(badgeSelector(file));
  await badge.scrollIntoViewIfNeeded();
  await badge.click();
  const host = page.locator(panelSelector(file));
  await expect(host).toHaveCount(1);
  const where = await host.evaluate((el) => {
    const cell = el.parentElement as HTMLTableCellElement;
    const row = cell.parentElement as HTMLTableRowElement;
    const fileRow = row.previousElementSibling as HTMLTableRowElement;
    const table = row.closest('table')!;
    return {
      cell: cell.tagName,
      colSpan: cell.colSpan,
      fileRowCells: fileRow.cells.length,
      fileRowHasLink: fileRow.querySelector('span.file-info__name a')?.textContent?.trim(),
      panelWidth: el.getBoundingClientRect().width,
      tableWidth: table.getBoundingClientRect().width,
    };
  });
  expect(where.cell).toBe('TD');
  expect(where.colSpan).toBe(where.fileRowCells);
  expect(where.fileRowHasLink).toBe(file);
  expect(where.panelWidth).toBeGreaterThan(where.tableWidth * 0.8); // not squeezed into one column
  await badge.click(); // toggles closed: the row goes too
  await expect(host).toHaveCount(0);
  await expect(page.locator('[data-provenance-panel-row]')).toHaveCount(0);
});
