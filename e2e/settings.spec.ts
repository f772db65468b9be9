/**
 * Settings changed through the OPTIONS PAGE UI reach open pypi.org tabs without a reload:
 * strict mode (absent → warning) and identity pins (publisher mismatch → danger).
 */
import {
  test,
  expect,
  URLS,
  SAMPLE_SDIST,
  SAMPLE_WHEEL,
  badgeSelector,
  openOptions,
  setStrictMode,
  addPin,
  visitAndSettle,
} from './harness';

const PYCRYPTO_SDIST = 'pycrypto-2.6.1.tar.gz';

test('strict mode on: absent becomes warning in an open tab; off again: neutral', async ({ page, ext }) => {
  const before = await visitAndSettle(page, URLS.pycrypto, 1);
  expect(before.get(PYCRYPTO_SDIST)).toMatchObject({ state: 'absent', level: 'neutral' });
  const badge = page.locator(badgeSelector(PYCRYPTO_SDIST));

  const options = await openOptions(ext);
  await setStrictMode(options, true);
  await expect(badge).toHaveAttribute('data-provenance-level', 'warning');
  await expect(badge).toHaveAttribute('data-provenance-state', 'absent');

  await setStrictMode(options, false);
  await expect(badge).toHaveAttribute('data-provenance-level', 'neutral');
  await expect(badge).toHaveAttribute('data-provenance-state', 'absent');
});

test('strict mode persists: a page opened after enabling it shows absent as warning, verified stays ok', async ({ page, ext }) => {
  const options = await openOptions(ext);
  await setStrictMode(options, true);
  await options.reload();
  await expect(options.locator('#strict-mode')).toBeChecked();
  const badges = await visitAndSettle(page, URLS.pycrypto, 1);
  expect(badges.get(PYCRYPTO_SDIST)).toMatchObject({ state: 'absent', level: 'warning' });
  const sample = await visitAndSettle(page, URLS.sampleproject, 2);
  for (const b of sample.values()) expect(b).toMatchObject({ state: 'verified', level: 'ok' });
});

test('pin mismatch: sampleproject pinned to another repository → danger (open tab updates)', async ({ page, ext }) => {
  const before = await visitAndSettle(page, URLS.sampleproject, 2);
  for (const b of before.values()) expect(b.level).toBe('ok');

  const options = await openOptions(ext);
  await addPin(options, { project: 'sampleproject', kind: 'GitHub', repository: 'someone-else/sampleproject', workflow: 'release.yml' });

  for (const f of [SAMPLE_SDIST, SAMPLE_WHEEL]) {
    await expect(page.locator(badgeSelector(f))).toHaveAttribute('data-provenance-level', 'danger');
  }
  // A fresh load agrees.
  const after = await visitAndSettle(page, URLS.sampleproject, 2);
  for (const b of after.values()) expect(b.level).toBe('danger');
});

test('matching pin keeps verified files ok', async ({ page, ext }) => {
  const options = await openOptions(ext);
  await addPin(options, { project: 'sampleproject', kind: 'GitHub', repository: 'pypa/sampleproject', workflow: 'release.yml' });
  const badges = await visitAndSettle(page, URLS.sampleproject, 2);
  for (const b of badges.values()) expect(b).toMatchObject({ state: 'verified', level: 'ok' });
});
