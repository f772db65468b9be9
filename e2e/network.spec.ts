/**
 * Network faults: the verdict is `error` (neutral, retryable) — never `verified`, never stuck on
 * `pending`, never `failed` (a broken network is not a broken signature).
 */
import {
  test,
  expect,
  URLS,
  SAMPLE_SDIST,
  SAMPLE_WHEEL,
  SAMPLE_WHEEL_INTEGRITY,
  SAMPLE_SDIST_INTEGRITY,
  visitAndSettle,
  waitForSettled,
  byFilename,
  showFilesTab,
  badgeSelector,
  BADGE_SELECTOR,
  panelSelector,
  clickInShadow,
} from './harness';

/** Upper bound for "could not check" when pypi.org never answers (the worker's own timeout must be below this). */
const HANG_BOUND_MS = 45_000;

for (const [status, body] of [
  [404, { message: `No provenance available for ${SAMPLE_WHEEL}` }],
  [500, 'Internal Server Error'],
  [403, { message: 'Attestations temporarily disabled' }],
  [429, 'Too Many Requests'],
  [503, 'Service Unavailable'],
] as const) {
  test(`integrity ${status} for a file the index lists as attested → error/neutral`, async ({ page, pypi }) => {
    pypi.override(SAMPLE_WHEEL_INTEGRITY, {
      status,
      body,
      headers: { 'content-type': typeof body === 'string' ? 'text/plain' : 'application/json' },
    });
    const badges = await visitAndSettle(page, URLS.sampleproject, 2);
    expect(badges.get(SAMPLE_WHEEL)).toMatchObject({ state: 'error', level: 'neutral' });
    expect(badges.get(SAMPLE_SDIST)).toMatchObject({ state: 'verified', level: 'ok' });
  });
}

test('integrity connection reset → error', async ({ page, pypi }) => {
  pypi.override(SAMPLE_WHEEL_INTEGRITY, { abort: true });
  const badges = await visitAndSettle(page, URLS.sampleproject, 2);
  expect(badges.get(SAMPLE_WHEEL)).toMatchObject({ state: 'error', level: 'neutral' });
});

test('simple API 500 → every file error', async ({ page, pypi }) => {
  pypi.override('/simple/', { status: 500, body: 'Internal Server Error', headers: { 'content-type': 'text/plain' } });
  const badges = await visitAndSettle(page, URLS.sampleproject, 2);
  for (const f of [SAMPLE_SDIST, SAMPLE_WHEEL]) expect(badges.get(f), f).toMatchObject({ state: 'error', level: 'neutral' });
});

test('simple API answers HTML where JSON was asked → every file error', async ({ page, pypi }) => {
  pypi.override('/simple/', { body: '<!DOCTYPE html><html><body>maintenance</body></html>', headers: { 'content-type': 'text/html' } });
  const badges = await visitAndSettle(page, URLS.sampleproject, 2);
  for (const b of badges.values()) expect(b.state).toBe('error');
});

test('simple API never answers → error within a bounded time, never verified', async ({ page, pypi }) => {
  test.setTimeout(HANG_BOUND_MS + 15_000);
  pypi.override('/simple/', { hang: true });
  const t0 = Date.now();
  await page.goto(URLS.sampleproject);
  const badges = byFilename(await waitForSettled(page, { count: 2, timeout: HANG_BOUND_MS }));
  for (const b of badges.values()) expect(b).toMatchObject({ state: 'error', level: 'neutral' });
  test.info().annotations.push({ type: 'hang → error after', description: `${Date.now() - t0} ms` });
});

test('integrity never answers → that file error within a bounded time, the other verified', async ({ page, pypi }) => {
  test.setTimeout(HANG_BOUND_MS + 15_000);
  pypi.override(SAMPLE_WHEEL_INTEGRITY, { hang: true });
  await page.goto(URLS.sampleproject);
  const badges = byFilename(await waitForSettled(page, { count: 2, timeout: HANG_BOUND_MS }));
  expect(badges.get(SAMPLE_WHEEL)).toMatchObject({ state: 'error', level: 'neutral' });
  expect(badges.get(SAMPLE_SDIST)).toMatchObject({ state: 'verified', level: 'ok' });
});

test('a slow (but answering) pypi.org still verifies', async ({ page, pypi }) => {
  pypi.override('/integrity/', { delayMs: 1500 });
  const badges = await visitAndSettle(page, URLS.sampleproject, 2);
  for (const b of badges.values()) expect(b.state).toBe('verified');
});

test('a badge shows pending while the check runs (before a final state)', async ({ page, pypi }) => {
  pypi.override('/integrity/', { delayMs: 3000 });
  await page.goto(URLS.sampleproject);
  await expect(page.locator('[data-provenance-state="pending"]').first()).toBeAttached();
  const badges = byFilename(await waitForSettled(page, { count: 2 }));
  for (const b of badges.values()) expect(b.state).toBe('verified');
});

test('after an error, "Retry" in the panel checks again and verifies once pypi.org recovers', async ({ page, pypi }) => {
  const remove = pypi.override(SAMPLE_WHEEL_INTEGRITY, {
    status: 500,
    body: 'Internal Server Error',
    headers: { 'content-type': 'text/plain' },
  });
  const badges = await visitAndSettle(page, URLS.sampleproject, 2);
  expect(badges.get(SAMPLE_WHEEL)?.state).toBe('error');
  const failedAttempts = pypi.workerRequests(SAMPLE_WHEEL_INTEGRITY).length;
  // Bounded: a failing pypi.org is not hammered.
  expect(failedAttempts).toBeGreaterThanOrEqual(1);
  expect(failedAttempts).toBeLessThanOrEqual(5);
  remove();
  await showFilesTab(page);
  await page.locator(badgeSelector(SAMPLE_WHEEL)).click();
  await expect(page.locator(panelSelector(SAMPLE_WHEEL))).toHaveCount(1);
  await clickInShadow(
    page,
    panelSelector(SAMPLE_WHEEL),
    (e) => e.tag === 'button' && (e.attributes['data-action'] === 'retry' || /^(retry|try again|check again)/i.test(e.text)),
  );
  await expect(page.locator(badgeSelector(SAMPLE_WHEEL))).toHaveAttribute('data-provenance-state', 'verified', { timeout: 20_000 });
  expect(pypi.workerRequests(SAMPLE_WHEEL_INTEGRITY).length).toBeGreaterThan(failedAttempts);
});

test('the index and provenance requests start while the page is still loading (document_start), once each; verdicts as before', async ({
  page,
  pypi,
}) => {
  // A parser-blocking script in the page's head, answered late: DOMContentLoaded cannot come before it.
  const BLOCKING = '/static/js/utils/mathjax-config.js';
  const DELAY = 4000;
  pypi.override(BLOCKING, { delayMs: DELAY });
  const badges = await visitAndSettle(page, URLS.sampleprojectRelease, 2);
  expect(badges.get(SAMPLE_SDIST)).toMatchObject({ state: 'verified', level: 'ok' });
  expect(badges.get(SAMPLE_WHEEL)).toMatchObject({ state: 'verified', level: 'ok' });
  const script = pypi.requests.find((r) => new URL(r.url).pathname === BLOCKING);
  expect(script, 'the page requested its blocking script').toBeDefined();
  const parsedNoEarlierThan = script!.at + DELAY;
  const worker = pypi.workerRequests();
  expect(worker.map((r) => new URL(r.url).pathname).sort()).toEqual(
    ['/simple/sampleproject/', SAMPLE_SDIST_INTEGRITY, SAMPLE_WHEEL_INTEGRITY].sort(),
  );
  for (const r of worker) expect(r.at, r.url).toBeLessThan(parsedNoEarlierThan);
  // The page itself asked pypi.org for nothing of ours.
  expect(pypi.requests.filter((r) => !r.fromWorker && /\/(simple|integrity)\//.test(new URL(r.url).pathname))).toEqual([]);
});

test('a release page seen again: its badges are final when they go up (early verdicts), the same verdicts, nothing fetched', async ({
  page,
  pypi,
}) => {
  const first = await visitAndSettle(page, URLS.sampleprojectRelease, 2);
  const before = pypi.workerRequests().length;
  // Hold the page's parse (a parser-blocking head script answered late), so the content script's
  // early question is answered before the badges go up, whatever the machine's load.
  pypi.override('/static/js/utils/mathjax-config.js', { delayMs: 1500 });
  // Every state each badge shows, from its first: a MutationObserver installed before the page's scripts.
  await page.addInitScript((sel) => {
    const seen: Record<string, string[]> = {};
    (globalThis as unknown as { __states: typeof seen }).__states = seen;
    new MutationObserver(() => {
      for (const b of document.querySelectorAll(sel)) {
        const f = b.getAttribute('data-provenance-filename')!;
        const s = b.getAttribute('data-provenance-state')!;
        const list = (seen[f] ??= []);
        if (list.at(-1) !== s) list.push(s);
      }
    }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-provenance-state'] });
  }, BADGE_SELECTOR);
  const again = await visitAndSettle(page, URLS.sampleprojectRelease, 2);
  const states = await page.evaluate(() => (globalThis as unknown as { __states: Record<string, string[]> }).__states);
  for (const f of [SAMPLE_SDIST, SAMPLE_WHEEL]) {
    expect(again.get(f), f).toEqual(first.get(f));
    expect(states[f], f).toEqual(['verified']); // never pending: final at mount
  }
  expect(pypi.workerRequests().length).toBe(before);
});
