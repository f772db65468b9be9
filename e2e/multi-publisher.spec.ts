/**
 * Issue #17.4 end to end: a file whose provenance carries two attestation bundles, both genuinely
 * signed (real Sigstore material from the bench minter, scripts/bench/mint.ts) by two different
 * GitHub identities. Real PyPI cannot give us that, so this spec builds the bench build (dist/ +
 * the bench trust root, scripts/bench/build.mjs; dist/ cannot load that root, e2e/shipped-build.spec.ts)
 * into its own folder and serves a two-file release (page50.mjs's generator): the sdist with the
 * two bundles, the wheel signed by the first identity only.
 * What the product does (src/verify flagMultiplePublishers, level.ts, FileRow.tsx): the sdist is
 * `verified` with a MULTIPLE_PUBLISHERS reason naming both; level `ok`, `warning` in strict mode;
 * the panel, the summary line (every verified signature's publisher, and how many files have more
 * than one) and the popup row name both publishers.
 */
import { test } from '@playwright/test';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { createBenchAuthority, mintRelease, BENCH_IDENTITY, type BenchAuthority } from '../scripts/bench/mint';
import { PypiFixture, substituteTokens, REPO_ROOT } from '../scripts/e2e-lib/pypi-fixture';
import { launchWithExtension, type ExtensionSession } from '../scripts/e2e-lib/launch';
import {
  expect,
  openOptions,
  setStrictMode,
  openPopupFor,
  popupFileStates,
  visitAndSettle,
  showFilesTab,
  badgeSelector,
  panelSelector,
  readShadow,
  SUMMARY_SELECTOR,
} from './harness';

// Not the harness's `test` (it launches dist/): this spec launches its own bench-root build.

const URL = 'https://pypi.org/project/FastHash_Lib/1.2.0/';
const SDIST = 'fasthash_lib-1.2.0.tar.gz';
const OTHER = { ...BENCH_IDENTITY, repository: 'other-org/fasthash-fork', workflow: 'publish.yml', sha: 'a'.repeat(40) };

// scripts/bench/*.mjs carry no type declarations: import them by a non-literal specifier.
const mjs = (name: string) => import(join(REPO_ROOT, 'scripts', 'bench', name)) as Promise<any>;

let dist: string;
let site: { html: string; simpleJson: string; integrity: Map<string, string>; floorHtml: string };
let files: { filename: string; sha256: string }[];
let fixture: PypiFixture;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  const { buildHooked } = await mjs('build.mjs');
  const { buildPage50, page50Files } = await mjs('page50.mjs');
  const authority: BenchAuthority = await createBenchAuthority();
  // Its own folder, rebuilt from the current sources with this run's fresh bench root.
  dist = join(REPO_ROOT, '.cache', 'e2e', 'multi-publisher-dist');
  mkdirSync(dist, { recursive: true });
  await buildHooked(REPO_ROOT, dist, { trust: authority });
  files = page50Files(2, substituteTokens);
  expect(files.map((f) => f.filename)[0]).toBe(SDIST);
  const first = await mintRelease(authority, files);
  const second = await mintRelease(authority, [files[0]!], { identity: OTHER, firstIndex: 2_000_000 });
  const both = JSON.parse(first.get(SDIST)!);
  both.attestation_bundles.push(...JSON.parse(second.get(SDIST)!).attestation_bundles);
  expect(both.attestation_bundles).toHaveLength(2);
  first.set(SDIST, JSON.stringify(both));
  site = buildPage50(REPO_ROOT, files, first, substituteTokens);
  fixture = new PypiFixture();
});

async function launch(): Promise<ExtensionSession> {
  const { routePage50 } = await mjs('page50.mjs');
  return launchWithExtension({ dist, beforeFirstPage: (c) => routePage50(c, site, fixture, 0) });
}

const NAMES = ['bench-org/fasthash-lib', 'other-org/fasthash-fork'];

test('two verified bundles from different publishers: verified, both named in panel and popup; strict mode warns', async () => {
  test.setTimeout(120_000);
  const ext = await launch();
  try {
    const page = ext.context.pages()[0] ?? (await ext.context.newPage());
    const badges = await visitAndSettle(page, URL, 2);
    const wheel = files[1]!.filename;
    expect(badges.get(SDIST)).toMatchObject({ state: 'verified', level: 'ok' });
    expect(badges.get(wheel)).toMatchObject({ state: 'verified', level: 'ok' });

    // The panel of the sdist says it plainly, with both names.
    await showFilesTab(page);
    await page.locator(badgeSelector(SDIST)).scrollIntoViewIfNeeded();
    await page.locator(badgeSelector(SDIST)).click();
    await expect(page.locator(panelSelector(SDIST))).toHaveCount(1);
    const panel = (await readShadow(page, panelSelector(SDIST)))!.text;
    expect(panel).toContain('attested by two different publishers');
    for (const n of NAMES) expect(panel).toContain(n);
    expect(panel).toContain('Each signature verified.');
    expect(panel).toContain('ask it why there are more');

    // The summary names both publishers and says one file has more than one.
    const summary = (await readShadow(page, SUMMARY_SELECTOR))!.text;
    expect(summary).toContain('2 of 2 files have verified provenance from 2 different publishers');
    for (const n of ['bench-org/fasthash-lib', 'other-org/fasthash-fork']) expect(summary).toContain(n);
    expect(summary).toContain('1 file attested by more than one publisher');

    // The popup row of the sdist carries the note (not the wheel's).
    const popup = await openPopupFor(ext, 'https://pypi.org/project/FastHash_Lib/*');
    await expect.poll(() => popupFileStates(popup)).toEqual({ [SDIST]: 'verified', [wheel]: 'verified' });
    const note = popup.locator(`ul.files li[data-filename="${SDIST}"] .reason.reason--note[data-code="MULTIPLE_PUBLISHERS"]`);
    await expect(note).toHaveCount(1);
    for (const n of NAMES) await expect(note).toContainText(n);
    await expect(popup.locator(`ul.files li[data-filename="${wheel}"] .reason`)).toHaveCount(0);
    await popup.close();

    // Strict mode: the sdist becomes a warning (still verified); the single-publisher wheel stays ok.
    const options = await openOptions(ext);
    await setStrictMode(options, true);
    await options.close();
    const strict = await visitAndSettle(page, URL, 2);
    expect(strict.get(SDIST)).toMatchObject({ state: 'verified', level: 'warning' });
    expect(strict.get(wheel)).toMatchObject({ state: 'verified', level: 'ok' });
    const popup2 = await openPopupFor(ext, 'https://pypi.org/project/FastHash_Lib/*');
    await expect(popup2.locator(`ul.files li[data-filename="${SDIST}"]`)).toHaveAttribute('data-level', 'warning');
    await expect(popup2.locator(`ul.files li[data-filename="${wheel}"]`)).toHaveAttribute('data-level', 'ok');
  } finally {
    await ext.close();
  }
});
