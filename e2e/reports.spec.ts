/**
 * Issue #6 on real fixture pages: "Pin this publisher" in one click, the report export (JSON and
 * Markdown downloads), and matching a local file (hashed in the page, never uploaded).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  test,
  expect,
  URLS,
  SAMPLE_SDIST,
  REPO_ROOT,
  showFilesTab,
  badgeSelector,
  panelSelector,
  readShadow,
  clickInShadow,
  control,
  visitAndSettle,
  openOptions,
} from './harness';
import type { Page } from '@playwright/test';

async function openPanel(page: Page, filename: string): Promise<string> {
  const badge = page.locator(badgeSelector(filename));
  await badge.scrollIntoViewIfNeeded();
  await badge.click();
  const sel = panelSelector(filename);
  await expect(page.locator(sel)).toHaveCount(1);
  return sel;
}

async function chooseFile(page: Page, hostSelector: string, path: string): Promise<void> {
  const content = await readShadow(page, hostSelector);
  const input = content?.elements.find((e) => e.tag === 'input' && e.attributes.type === 'file');
  if (!input) throw new Error('no file input in the panel');
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
  await cdp.send('DOM.setFileInputFiles', { files: [path], backendNodeId: input.backendNodeId });
}

test('"Pin this publisher" pins the verified identity in one click', async ({ page, ext }) => {
  await visitAndSettle(page, URLS.sampleprojectRelease, 2);
  await showFilesTab(page);
  const sel = await openPanel(page, SAMPLE_SDIST);
  await clickInShadow(page, sel, control('pin this publisher'));
  const options = await openOptions(ext);
  await expect(options.locator('[data-pin="sampleproject"]')).toHaveCount(1);
  await expect(options.locator('[data-pin="sampleproject"]')).toContainText('pypa/sampleproject');
  // the open tab re-checks with the new pin: the file stays verified/ok and the panel says the pin matches
  await expect(page.locator(badgeSelector(SAMPLE_SDIST))).toHaveAttribute('data-provenance-level', 'ok');
  await expect.poll(async () => (await readShadow(page, sel))?.text ?? '').toContain('Matches the publisher you pinned for sampleproject.');
  expect((await readShadow(page, sel))?.text).not.toContain('Pin this publisher');
});

test('report export: JSON and Markdown downloads with the page verdicts', async ({ page, ext }) => {
  await visitAndSettle(page, URLS.sampleprojectRelease, 2);
  await showFilesTab(page);
  const sel = await openPanel(page, SAMPLE_SDIST);
  const version = JSON.parse(readFileSync(join(REPO_ROOT, 'dist', 'manifest.json'), 'utf8')).version as string;
  const json = page.waitForEvent('download');
  await clickInShadow(page, sel, control('save report (json)'));
  const dj = await json;
  expect(dj.suggestedFilename()).toBe('sampleproject-4.0.0-provenance-report.json');
  const report = JSON.parse(readFileSync((await dj.path())!, 'utf8'));
  expect(report).toMatchObject({
    format: 'pypi-provenance-report',
    tool: { version },
    project: 'sampleproject',
    version: '4.0.0',
    index: 'pypi.org',
  });
  expect(report.files).toHaveLength(2);
  for (const f of report.files) {
    expect(f.state).toBe('verified');
    expect(f.trustRootId).toMatch(/^[0-9a-f]{64}$/);
    expect(f.attestations[0].commit).toMatch(/^[0-9a-f]{40}$/);
    expect(f.attestations[0].logIndex).toMatch(/^\d+$/);
  }
  expect(Date.parse(report.generatedAt)).toBeGreaterThan(Date.now() - 60_000);
  const md = page.waitForEvent('download');
  await clickInShadow(page, sel, control('save report (markdown)'));
  const dm = await md;
  expect(dm.suggestedFilename()).toBe('sampleproject-4.0.0-provenance-report.md');
  const text = readFileSync((await dm.path())!, 'utf8');
  expect(text).toContain('# Provenance report: sampleproject 4.0.0\n');
  expect(text).toContain(`| \`${SAMPLE_SDIST}\` | verified |`);
  void ext;
});

test('match a downloaded file: hashed locally, matched against the page (simple index lists 3.0.0)', async ({ page, pypi }) => {
  await visitAndSettle(page, URLS.simpleSampleproject, 13);
  const sel = await openPanel(page, 'sampleproject-3.0.0.tar.gz');
  const before = pypi.requests.length;
  await chooseFile(page, sel, join(REPO_ROOT, 'test/fixtures/provenance/sampleproject/sampleproject-3.0.0.tar.gz'));
  await expect
    .poll(async () => (await readShadow(page, sel))?.text ?? '')
    .toContain(
      'sampleproject-3.0.0.tar.gz matches sampleproject-3.0.0.tar.gz, whose provenance is not verified (absent). sha256 117ed88e5db073bb92969a7545745fd977ee85b7019706dd256a64058f70963d',
    );
  // nothing was sent anywhere
  expect(pypi.requests.slice(before).filter((r) => r.method !== 'GET')).toHaveLength(0);
  // a file of another project matches nothing
  await chooseFile(page, sel, join(REPO_ROOT, 'test/fixtures/provenance/pypi-attestations/pypi_attestations-0.0.19.tar.gz'));
  await expect.poll(async () => (await readShadow(page, sel))?.text ?? '').toContain('matches no file of this release');
});
