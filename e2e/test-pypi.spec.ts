/**
 * test.pypi.org works like pypi.org: the local fixture serves the sampleproject pages and APIs
 * under https://test.pypi.org (integrity URLs moved to test.pypi.org, files on
 * test-files.pythonhosted.org). The worker must use the PAGE's index for both the simple API and
 * the Integrity API, and the badge/panel must say that test.pypi.org was checked.
 */
import {
  test,
  expect,
  SAMPLE_SDIST,
  SAMPLE_WHEEL,
  badgeSelector,
  panelSelector,
  readShadow,
  showFilesTab,
  visitAndSettle,
  downloadDialogText,
  answerDownloadDialog,
} from './harness';

const TEST_PROJECT = 'https://test.pypi.org/project/sampleproject/';
const TEST_SIMPLE = 'https://test.pypi.org/simple/sampleproject/';

test('test.pypi.org project page: both files verified from test.pypi.org APIs only; badge and panel name the index', async ({
  page,
  pypi,
}) => {
  const badges = await visitAndSettle(page, TEST_PROJECT, 2);
  expect(badges.get(SAMPLE_WHEEL)).toMatchObject({ state: 'verified', level: 'ok' });
  expect(badges.get(SAMPLE_SDIST)).toMatchObject({ state: 'verified', level: 'ok' });

  // Both APIs were asked on test.pypi.org, none on pypi.org.
  expect(pypi.workerRequests('/simple/sampleproject/', 'test.pypi.org').length).toBeGreaterThan(0);
  expect(pypi.workerRequests('/integrity/sampleproject/4.0.0/', 'test.pypi.org').length).toBe(2);
  expect(pypi.workerRequests('/', 'pypi.org')).toEqual([]);

  // The badge says which index it checked (title + accessible name, inside the closed shadow root).
  const badge = await readShadow(page, badgeSelector(SAMPLE_WHEEL));
  const button = badge!.elements.find((e) => e.tag === 'button');
  expect(button?.attributes['aria-label']).toContain('checked against test.pypi.org');
  expect(button?.attributes['title']).toContain('checked against test.pypi.org');

  // ... and so does the panel header.
  await showFilesTab(page);
  await page.locator(badgeSelector(SAMPLE_WHEEL)).click();
  await expect(page.locator(panelSelector(SAMPLE_WHEEL))).toHaveCount(1);
  const panel = await readShadow(page, panelSelector(SAMPLE_WHEEL));
  expect(panel!.text).toContain('Checked in your browser by pypi-provenance, checked against test.pypi.org');
  expect(panel!.text).toContain('pypa/sampleproject');
});

test('test.pypi.org simple index: attested files verified, the rest absent', async ({ page, pypi }) => {
  const badges = await visitAndSettle(page, TEST_SIMPLE, 13);
  const states = [...badges.values()].map((b) => b.state);
  expect(states.filter((s) => s === 'verified').length).toBe(2);
  expect(states.filter((s) => s === 'absent').length).toBe(11);
  expect(pypi.workerRequests('/', 'pypi.org')).toEqual([]);
});

test('pypi.org badges do not mention the index', async ({ page }) => {
  await visitAndSettle(page, 'https://pypi.org/project/sampleproject/', 2);
  const badge = await readShadow(page, badgeSelector(SAMPLE_WHEEL));
  const button = badge!.elements.find((e) => e.tag === 'button');
  expect(button?.attributes['aria-label']).toBeTruthy();
  expect(button?.attributes['aria-label']).not.toContain('checked against');
});

test('integrity URLs that point at pypi.org from a test.pypi.org index are refused (never verified)', async ({ page, pypi }) => {
  // Undo the fixture's rewrite for the simple JSON: the index now names https://pypi.org/integrity/… URLs.
  pypi.override(/^https:\/\/test\.pypi\.org\/simple\//, {
    transform: (r) => ({
      ...r,
      body: Buffer.from(r.body.toString('utf8').replaceAll('https://test.pypi.org/integrity/', 'https://pypi.org/integrity/'), 'utf8'),
    }),
  });
  const badges = await visitAndSettle(page, TEST_PROJECT, 2);
  for (const f of [SAMPLE_WHEEL, SAMPLE_SDIST]) expect(badges.get(f)?.state, f).not.toBe('verified');
  expect(pypi.workerRequests('/integrity/', 'pypi.org')).toEqual([]);
});

test('test.pypi.org: a tampered file fails, and its download (test-files.pythonhosted.org) asks first', async ({ page, pypi }) => {
  pypi.overrideJson(
    `https://test.pypi.org/integrity/sampleproject/4.0.0/${SAMPLE_WHEEL}/provenance`,
    (p: { attestation_bundles: { attestations: { envelope: { signature: string } }[] }[] }) => {
      const att = p.attestation_bundles[0]!.attestations[0]!;
      const sig = Buffer.from(att.envelope.signature, 'base64');
      sig[sig.length - 1]! ^= 1;
      att.envelope.signature = sig.toString('base64');
      return p;
    },
  );
  const badges = await visitAndSettle(page, TEST_PROJECT, 2);
  expect(badges.get(SAMPLE_WHEEL)).toMatchObject({ state: 'failed', level: 'danger' });
  expect(badges.get(SAMPLE_SDIST)).toMatchObject({ state: 'verified', level: 'ok' });
  await showFilesTab(page);
  const link = page.locator(`#files a[href^="https://test-files.pythonhosted.org/"][href$="/${SAMPLE_WHEEL}"]`).first();
  await link.click();
  expect(await downloadDialogText(page)).toContain(SAMPLE_WHEEL);
  await answerDownloadDialog(page, 'Cancel');
  expect(pypi.requests.filter((r) => r.url.startsWith('https://test-files.pythonhosted.org/'))).toEqual([]);
});
