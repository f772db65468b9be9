/**
 * Options page "Trust root" in the built extension (Chromium): the worker answers with the root in
 * use, "Check now" makes the worker fetch Sigstore's TUF repository (and only that host), and a
 * failed refresh is shown with its result while the bundled root stays in use.
 * (The test network aborts every request to tuf-repo-cdn.sigstore.dev: a real "CDN down".)
 *
 * The last two tests route tuf-repo-cdn.sigstore.dev to a local TUF repository on 127.0.0.1
 * (e2e/lib/trust-repo.ts says how the extension comes to trust it): after "Check now" the options
 * page shows the refreshed root's facts, and a provenance that could not be checked under the old
 * root (its Rekor key unknown) verifies under the refreshed one.
 */
import type { BrowserContext, Page } from '@playwright/test';
import type { TufRepo } from '../test/trust/tuf-repo';
import { formatUtc, rootWithoutRekorV1, trustScenario, TUF_HOST, TUF_STATE_KEY } from './lib/trust-repo';
import { test, expect, openOptions, stopServiceWorker, visitAndSettle, URLS, SAMPLE_SDIST, SAMPLE_WHEEL } from './harness';

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

/** Answer the worker's requests to tuf-repo-cdn.sigstore.dev from `repo`'s server on 127.0.0.1; returns who asked. */
async function routeTufTo(context: BrowserContext, repo: TufRepo): Promise<{ path: string; fromWorker: boolean }[]> {
  const seen: { path: string; fromWorker: boolean }[] = [];
  await context.route(`https://${TUF_HOST}/**`, async (route) => {
    const req = route.request();
    const url = new URL(req.url());
    seen.push({ path: url.pathname + url.search, fromWorker: req.serviceWorker() !== null });
    const res = await fetch(new URL(url.pathname.slice(1), repo.url), { redirect: 'manual' });
    await route.fulfill({
      status: res.status,
      contentType: res.headers.get('content-type') ?? undefined,
      body: Buffer.from(await res.arrayBuffer()),
    });
  });
  return seen;
}

type Local = { get(k: string): Promise<Record<string, { lastAttempt?: unknown } | undefined>>; set(v: object): Promise<void> };
declare const chrome: { storage: { local: Local } };

/** Write the worker's TUF state from the options page, once the worker's own first refresh (at install) is over. */
async function seedTufState(options: Page, state: object): Promise<void> {
  await expect
    .poll(() => options.evaluate(async (k) => Boolean((await chrome.storage.local.get(k))[k]?.lastAttempt), TUF_STATE_KEY), {
      message: 'the worker recorded its first refresh attempt',
    })
    .toBe(true);
  await options.evaluate(([k, v]) => chrome.storage.local.set({ [k]: v }), [TUF_STATE_KEY, state] as const);
}

test('options page: "Check now" refreshes from the TUF repository (local, rotated root v16 → v17) and shows the refreshed root', async ({
  ext,
}) => {
  const { repo, seed, expected } = trustScenario();
  await repo.start();
  try {
    const seen = await routeTufTo(ext.context, repo);
    const options = await openOptions(ext);
    await seedTufState(options, seed);
    await options.reload();
    // Before: the bundled root (Sigstore's TUF root v16).
    await expect(options.locator('#trust-in-use')).toHaveAttribute('data-source', 'bundled');
    await expect(options.locator('#trust-tuf-version')).toHaveText('16');
    await expect(options.locator('#trust-in-use-sha256')).not.toHaveText(expected.trustedRootSha256);

    const before = Date.now();
    await options.locator('#trust-check-now').click();
    await expect(options.locator('#trust-last-attempt')).toHaveAttribute('data-status', 'ok', { timeout: 30_000 });
    await expect(options.locator('#trust-last-attempt')).toHaveAttribute('data-ok', 'true');
    await expect(options.locator('#trust-last-attempt')).toContainText('The trust root was updated from Sigstore.');
    const facts = async () => {
      await expect(options.locator('#trust-in-use')).toHaveAttribute('data-source', 'refreshed');
      await expect(options.locator('#trust-tuf-version')).toHaveText(String(expected.tufRootVersion));
      await expect(options.locator('#trust-tuf-expires')).toHaveText(formatUtc(expected.tufRootExpires));
      await expect(options.locator('#trust-next-expiry')).toHaveText(formatUtc(expected.timestampExpires));
      await expect(options.locator('#trust-in-use-sha256')).toHaveText(expected.trustedRootSha256);
      const at = Date.parse((await options.locator('#trust-refreshed-at').innerText()).replace(' ', 'T').replace(' UTC', 'Z'));
      expect(at).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
      expect(at).toBeLessThanOrEqual(Date.now());
    };
    await facts();
    // Stored: the page shows the same after a reload (the worker's state, not the page's).
    await options.reload();
    await facts();

    // The whole TUF workflow ran, by the worker only, against the repository's consistent snapshots.
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((r) => r.fromWorker)).toBe(true);
    expect(repo.requests).toEqual(
      expect.arrayContaining([
        '17.root.json',
        '18.root.json',
        'timestamp.json',
        '7.snapshot.json',
        '7.targets.json',
        `targets/${expected.trustedRootSha256}.trusted_root.json`,
      ]),
    );
  } finally {
    await repo.stop();
  }
});

async function badgeStates(page: Page): Promise<Record<string, string>> {
  const badges = await visitAndSettle(page, URLS.sampleproject, 2);
  return Object.fromEntries([SAMPLE_SDIST, SAMPLE_WHEEL].map((f) => [f, badges.get(f)?.state ?? 'none']));
}

test('a provenance signed with a Rekor key the root in use lacks: could not check before the refresh, verified after', async ({
  ext,
  page,
}) => {
  const { repo, seed } = trustScenario();
  await repo.start();
  try {
    await routeTufTo(ext.context, repo);
    const options = await openOptions(ext);
    // The last refresh (long before sampleproject 4.0.0 was signed) gave a root without the Rekor v1
    // key: the state a user is in the day after Sigstore adds a log key. The worker reads it at start.
    await seedTufState(options, {
      ...seed,
      trustedRoot: rootWithoutRekorV1(),
      refreshedAt: '2024-01-01T00:00:00Z',
      lastAttempt: { at: new Date().toISOString(), ok: true, status: 'ok' },
    });
    await stopServiceWorker(ext);
    expect(await badgeStates(page)).toEqual({ [SAMPLE_SDIST]: 'error', [SAMPLE_WHEEL]: 'error' });

    await options.reload();
    await expect(options.locator('#trust-in-use')).toHaveAttribute('data-source', 'refreshed');
    await expect(options.locator('#trust-tuf-version')).toHaveText('16');
    await options.locator('#trust-check-now').click();
    await expect(options.locator('#trust-last-attempt')).toHaveAttribute('data-status', 'ok', { timeout: 30_000 });
    await expect(options.locator('#trust-tuf-version')).toHaveText('17');
    expect(await badgeStates(page)).toEqual({ [SAMPLE_SDIST]: 'verified', [SAMPLE_WHEEL]: 'verified' });
  } finally {
    await repo.stop();
  }
});
