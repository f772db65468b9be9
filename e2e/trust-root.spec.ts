/**
 * Options page "Trust root" in the built extension (Chromium): the worker answers with the root in
 * use, "Check now" makes the worker fetch Sigstore's TUF repository (and only that host), and a
 * failed refresh is shown with its result while the bundled root stays in use.
 * (The test network aborts every request to tuf-repo-cdn.sigstore.dev: a real "CDN down".)
 */
import { test, expect, openOptions } from './harness';

test('options page: bundled root in use; "Check now" with the CDN down shows the attempt and keeps the bundled root', async ({
  ext,
  pypi,
}) => {
  const options = await openOptions(ext);
  await expect(options.locator('#trust-updates')).toBeChecked();
  await expect(options.locator('#trust-in-use')).toHaveAttribute('data-source', 'bundled');
  await expect(options.locator('#trust-tuf-version')).toHaveText('16');
  await expect(options.getByText('The request carries nothing about the pages you visit.')).toBeVisible();
  await options.locator('#trust-check-now').click();
  await expect(options.locator('#trust-last-attempt')).toHaveAttribute('data-status', 'network', { timeout: 30_000 });
  await expect(options.locator('#trust-last-attempt')).toContainText('could not be reached; the last good trust root stays in use');
  await expect(options.locator('#trust-in-use')).toHaveAttribute('data-source', 'bundled');
  const tuf = pypi.requests.filter((r) => new URL(r.url).hostname === 'tuf-repo-cdn.sigstore.dev');
  expect(tuf.length).toBeGreaterThan(0);
  for (const r of tuf) {
    expect(r.fromWorker).toBe(true);
    expect(new URL(r.url).pathname).toMatch(/^\/(\d+\.root|timestamp|\d+\.snapshot|\d+\.targets)\.json$|^\/targets\//);
    expect(new URL(r.url).search).toBe('');
  }
});

test('options page: turning updates off hides "Check now" and says the bundled root is used', async ({ ext }) => {
  const options = await openOptions(ext);
  await options.locator('#trust-updates').uncheck();
  await expect(options.locator('#trust-check-now')).toHaveCount(0);
  await expect(options.locator('#trust-updates-off')).toBeVisible();
  await options.reload();
  await expect(options.locator('#trust-updates')).not.toBeChecked();
});
