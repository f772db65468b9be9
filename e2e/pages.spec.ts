/**
 * Badges on every kind of pypi.org page, with real provenance (sampleproject), no provenance
 * (pycrypto), the simple index, and a mixed release of a fictional project (FastHash_Lib).
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
  waitForSettled,
  byFilename,
} from './harness';

test.describe('project and release pages', () => {
  test('sampleproject project page: both files verified, one badge per file, summary shown', async ({ page, pypi }) => {
    const badges = await visitAndSettle(page, URLS.sampleproject, 2);
    expect([...badges.keys()].sort()).toEqual([SAMPLE_WHEEL, SAMPLE_SDIST].sort());
    for (const f of [SAMPLE_SDIST, SAMPLE_WHEEL]) {
      expect(badges.get(f)).toMatchObject({ state: 'verified', level: 'ok' });
    }
    // Exactly one badge per file listed in #files, and the same set of names.
    const listed = await filesOnPage(page);
    expect(listed.sort()).toEqual([...badges.keys()].sort());
    await expect(page.locator(`#files ${BADGE_SELECTOR}`)).toHaveCount(listed.length);
    await expect(page.locator(SUMMARY_SELECTOR)).toHaveCount(1);
    // The check went through the worker: it fetched each file's provenance.
    expect(pypi.workerRequests('/integrity/sampleproject/4.0.0/').length).toBeGreaterThanOrEqual(2);
  });

  test('sampleproject 4.0.0 release page: both files verified', async ({ page }) => {
    const badges = await visitAndSettle(page, URLS.sampleprojectRelease, 2);
    expect(badges.size).toBe(2);
    for (const b of badges.values()) expect(b).toMatchObject({ state: 'verified', level: 'ok' });
    await expect(page.locator(SUMMARY_SELECTOR)).toHaveCount(1);
  });

  test('non-canonical project URL redirects and still gets badges', async ({ page }) => {
    await page.goto('https://pypi.org/project/SampleProject/4.0.0/');
    await page.waitForURL(URLS.sampleprojectRelease);
    const badges = byFilename(await waitForSettled(page, { count: 2 }));
    expect(badges.get(SAMPLE_WHEEL)?.state).toBe('verified');
  });

  test('pycrypto (no provenance, no Trusted Publishing): absent and neutral', async ({ page, pypi }) => {
    const badges = await visitAndSettle(page, URLS.pycrypto, 1);
    expect(badges.size).toBe(1);
    expect(badges.get('pycrypto-2.6.1.tar.gz')).toEqual({ filename: 'pycrypto-2.6.1.tar.gz', state: 'absent', level: 'neutral' });
    expect(await filesOnPage(page)).toEqual(['pycrypto-2.6.1.tar.gz']);
    // The index says provenance is null: there is nothing to fetch from the Integrity API.
    expect(pypi.workerRequests('/integrity/')).toHaveLength(0);
  });

  test('FastHash_Lib 1.2.0 (7 files): 6 attested files fail (provenance is for another file), 1 absent', async ({ page }) => {
    // See e2e/README.md: the fixture serves the REAL sampleproject wheel provenance for every
    // FastHash file the index marks as attested. It is cryptographically valid but its statement
    // names another file with another digest, so each of them must be `failed`.
    const badges = await visitAndSettle(page, URLS.fasthash, 7);
    expect([...badges.keys()].sort()).toEqual([...FASTHASH_FILES].sort());
    for (const f of FASTHASH_FILES) {
      if (f === FASTHASH_UNATTESTED) expect(badges.get(f), f).toMatchObject({ state: 'absent', level: 'neutral' });
      else expect(badges.get(f), f).toMatchObject({ state: 'failed', level: 'danger' });
    }
    expect((await filesOnPage(page)).sort()).toEqual([...FASTHASH_FILES].sort());
  });

  test('FastHash_Lib via its normalised name redirects to the display name', async ({ page }) => {
    await page.goto('https://pypi.org/project/fasthash-lib/1.2.0/');
    await page.waitForURL(URLS.fasthash);
    expect((await waitForSettled(page, { count: 7 })).length).toBe(7);
  });
});

test.describe('legacy (pre-2026-08) layout', () => {
  test.use({ pypiOptions: { layout: 'legacy' } });

  test('sampleproject in the legacy layout: both files verified', async ({ page }) => {
    const badges = await visitAndSettle(page, URLS.sampleproject, 2);
    expect([...badges.keys()].sort()).toEqual([SAMPLE_WHEEL, SAMPLE_SDIST].sort());
    for (const b of badges.values()) expect(b).toMatchObject({ state: 'verified', level: 'ok' });
    await expect(page.locator('.vertical-tabs').first()).toBeAttached(); // really the legacy markup
    await expect(page.locator(`#files ${BADGE_SELECTOR}`)).toHaveCount(2);
  });
});

test.describe('no-JS state', () => {
  test('warehouse.js blocked (all tab panels visible at once): still exactly one badge per file', async ({ page, pypi }) => {
    pypi.override('/static/js/warehouse.js', { abort: true });
    const badges = await visitAndSettle(page, URLS.sampleproject, 2);
    expect(badges.size).toBe(2);
    await page.waitForTimeout(500); // nothing late should add duplicates
    await expect(page.locator(BADGE_SELECTOR)).toHaveCount(2);
    for (const b of badges.values()) expect(b.state).toBe('verified');
  });
});

test.describe('simple index', () => {
  test('/simple/sampleproject/: one badge per anchor, 2 verified, 11 absent', async ({ page }) => {
    await page.goto(URLS.simpleSampleproject);
    const anchors = await page.locator('a[href^="https://files.pythonhosted.org/"]').count();
    expect(anchors).toBe(13);
    const badges = byFilename(await waitForSettled(page, { count: 13 }));
    expect(badges.size).toBe(13);
    const verified = [...badges.values()]
      .filter((b) => b.state === 'verified')
      .map((b) => b.filename)
      .sort();
    expect(verified).toEqual([SAMPLE_WHEEL, SAMPLE_SDIST].sort());
    const absent = [...badges.values()].filter((b) => b.state === 'absent');
    expect(absent).toHaveLength(11);
    for (const b of absent) expect(b.level).toBe('neutral');
  });

  test('/simple/fasthash-lib/ (36 files): attested ones failed, 1.0.0 and the late wheel absent', async ({ page }) => {
    await page.goto('https://pypi.org/simple/fasthash-lib/');
    const anchors = await page
      .locator('a[href^="https://files.pythonhosted.org/"]')
      .evaluateAll((as) => as.map((a) => ({ name: (a.textContent ?? '').trim(), attested: a.hasAttribute('data-provenance') })));
    expect(anchors).toHaveLength(36);
    const badges = byFilename(await waitForSettled(page, { count: 36 }));
    expect(badges.size).toBe(36);
    for (const a of anchors) {
      const b = badges.get(a.name);
      if (a.attested) expect(b, a.name).toMatchObject({ state: 'failed', level: 'danger' });
      else expect(b, a.name).toMatchObject({ state: 'absent', level: 'neutral' });
    }
    expect(anchors.filter((a) => !a.attested).map((a) => a.name)).toContain(FASTHASH_UNATTESTED);
  });

  test('/simple/pycrypto/: every file absent', async ({ page }) => {
    await page.goto('https://pypi.org/simple/pycrypto/');
    const n = await page.locator('a[href^="https://files.pythonhosted.org/"]').count();
    expect(n).toBeGreaterThan(0);
    const badges = await waitForSettled(page, { count: n });
    expect(badges).toHaveLength(n);
    for (const b of badges) expect(b).toMatchObject({ state: 'absent', level: 'neutral' });
  });
});
