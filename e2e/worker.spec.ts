/**
 * The background service worker: alive with the built bundle, it (not the page) talks to
 * pypi.org, it verifies for real, and a worker stopped mid-check leaves no badge pending.
 */
import {
  test,
  expect,
  URLS,
  SAMPLE_SDIST,
  SAMPLE_WHEEL,
  SAMPLE_WHEEL_INTEGRITY,
  visitAndSettle,
  waitForSettled,
  byFilename,
  stopServiceWorker,
} from './harness';
import { fixtureSha256 } from './harness';
import { buildHookedDist, HOOKED_DIST } from '../scripts/e2e-lib/hooked-build';
import { flipSignatureByte, loadProvenance, type Provenance } from './lib/provenance-tamper';

test('the service worker starts from the built bundle and is an extension worker', async ({ ext }) => {
  const w = await ext.currentWorker();
  const info = await w.evaluate(() => ({
    href: self.location.href,
    hasChromeRuntime: typeof (globalThis as { chrome?: { runtime?: { id?: string } } }).chrome?.runtime?.id === 'string',
  }));
  expect(info.href.startsWith(`chrome-extension://${ext.extensionId}/`)).toBe(true);
  expect(info.hasChromeRuntime).toBe(true);
});

test('verification runs in the worker: it fetches index and provenance; the page does not', async ({ page, pypi }) => {
  const badges = await visitAndSettle(page, URLS.sampleproject, 2);
  for (const b of badges.values()) expect(b.state).toBe('verified');
  const integrity = pypi.requests.filter((r) => new URL(r.url).pathname.startsWith('/integrity/'));
  expect(integrity.length).toBeGreaterThanOrEqual(2);
  expect(
    integrity.every((r) => r.fromWorker),
    'every Integrity API request comes from the worker',
  ).toBe(true);
  const simple = pypi.workerRequests('/simple/sampleproject/');
  expect(simple.length).toBeGreaterThanOrEqual(1);
  expect(simple.some((r) => (r.accept ?? '').includes('application/vnd.pypi.simple.v1+json'))).toBe(true);
});

test('the worker verifies the real bytes: the same page with one flipped signature bit fails', async ({ page, pypi }) => {
  // Differential: identical inputs except one bit; a worker that did not really verify could not tell.
  pypi.overrideJson(SAMPLE_WHEEL_INTEGRITY, (p: Provenance) => flipSignatureByte(p));
  const badges = await visitAndSettle(page, URLS.sampleproject, 2);
  expect(badges.get(SAMPLE_WHEEL)?.state).toBe('failed');
  expect(badges.get(SAMPLE_SDIST)?.state).toBe('verified');
});

test.describe('the test build (dist/ + the test hook, scripts/e2e-lib/hooked-build.ts)', () => {
  test.use({ extDist: HOOKED_DIST });
  test.beforeAll(async () => {
    test.setTimeout(180_000);
    await buildHookedDist();
  });

  test('in-worker verification through the test hook: real provenance verifies, one flipped bit fails', async ({ ext }) => {
    const w = await ext.currentWorker();
    const real = loadProvenance('sampleproject', '4.0.0', SAMPLE_WHEEL);
    const input = (p: Provenance) => ({ text: JSON.stringify(p), filename: SAMPLE_WHEEL, sha256: fixtureSha256(SAMPLE_WHEEL) });
    const run = (inputs: { text: string; filename: string; sha256: string }[]) =>
      w.evaluate(async (inputs) => {
        const trust = await (await fetch(new URL('/trust/trusted_root.json', self.location.href))).text();
        const hook = (
          globalThis as unknown as {
            __pypiProvenanceBench: { verifyMany(i: unknown[], t: string, n: number): Promise<Record<string, number>> };
          }
        ).__pypiProvenanceBench;
        return hook.verifyMany(inputs, trust, 1);
      }, inputs);
    expect(await run([input(real)])).toEqual({ verified: 1 });
    expect(await run([input(flipSignatureByte(loadProvenance('sampleproject', '4.0.0', SAMPLE_WHEEL)))])).toEqual({ failed: 1 });
  });
});

test('worker stopped mid-check: the page still ends with no pending badge', async ({ page, pypi, ext }) => {
  // Hold the provenance responses long enough to stop the worker while they are in flight.
  pypi.override('/integrity/', { delayMs: 2500, times: 2 });
  await page.goto(URLS.sampleproject);
  await expect.poll(() => pypi.workerRequests('/integrity/').length, { timeout: 20_000 }).toBeGreaterThanOrEqual(1);
  const pendingAtStop = await page.locator('[data-provenance-state="pending"]').count();
  await stopServiceWorker(ext);
  const badges = byFilename(await waitForSettled(page, { count: 2, timeout: 40_000 }));
  test.info().annotations.push({
    type: 'restart',
    description: `pending at stop: ${pendingAtStop}; final: ${[...badges.values()].map((b) => `${b.filename}=${b.state}`).join(', ')}`,
  });
  for (const f of [SAMPLE_SDIST, SAMPLE_WHEEL]) {
    const b = badges.get(f);
    expect(b?.state, f).not.toBe('pending');
    // The content script reconnects and asks again: the check completes after the restart.
    expect(b?.state, f).toBe('verified');
  }
});

test('worker stopped while idle: a later page load restarts it and verifies', async ({ page, ext }) => {
  await stopServiceWorker(ext);
  const badges = await visitAndSettle(page, URLS.sampleproject, 2);
  for (const b of badges.values()) expect(b.state).toBe('verified');
});
