/**
 * Publisher history on fixture pages (issue #6): a CHANGED and a LOST publisher.
 *
 * The simple index here is SYNTHETIC: the real sampleproject / pycrypto JSON index plus one "older
 * release" whose file is the REAL `pypi_attestations-0.0.19.tar.gz` (real sha256) with its REAL
 * provenance (test/fixtures/provenance/pypi-attestations/), published from
 * trailofbits/pypi-attestations. A verified identity needs the statement subject to match, so the
 * older release must use that real filename and digest; the project name in the file name does
 * not matter to the history (versions come from file names: 0.0.19 < 4.0.0 / 2.6.1).
 */
import { readFileSync } from 'node:fs';
import type { PypiFixture } from '../scripts/e2e-lib/pypi-fixture';
import { join } from 'node:path';
import {
  test,
  expect,
  URLS,
  SAMPLE_SDIST,
  SAMPLE_WHEEL,
  SUMMARY_SELECTOR,
  REPO_ROOT,
  visitAndSettle,
  readShadow,
  setStrictMode,
  openOptions,
} from './harness';

const PA = 'pypi_attestations-0.0.19.tar.gz';
const PA_SHA = '9bb1add04b1b4e182be6b0b80931593f7a291eb49d69b4fd728a5d4cbcdc4bd3';
const PA_PROVENANCE = readFileSync(join(REPO_ROOT, 'test/fixtures/provenance/pypi-attestations', `${PA}.provenance`));

/** Add the older release to `project`'s JSON simple index and serve its real provenance. */
function addOlderRelease(pypi: PypiFixture, project: string): string {
  const path = `/integrity/${project}/0.0.19/${PA}/provenance`;
  pypi.overrideJson(`/simple/${project}/`, (json) => {
    if (!json || !Array.isArray(json.files)) return json; // the HTML form of the index is left alone
    json.files.unshift({
      filename: PA,
      hashes: { sha256: PA_SHA },
      provenance: `https://pypi.org${path}`,
      'upload-time': '2024-12-04T23:14:05.000000Z',
      url: `https://files.pythonhosted.org/packages/xx/${PA}`,
      yanked: false,
    });
    if (Array.isArray(json.versions)) json.versions.unshift('0.0.19');
    return json;
  });
  pypi.override(path, {
    status: 200,
    body: PA_PROVENANCE,
    headers: { 'content-type': 'application/vnd.pypi.integrity.v1+json', 'access-control-allow-origin': '*' },
  });
  return path;
}

async function historyState(page: import('@playwright/test').Page): Promise<string | null> {
  const host = page.locator(SUMMARY_SELECTOR);
  await expect(host).toHaveAttribute('data-provenance-history', /.+/, { timeout: 30_000 });
  return host.getAttribute('data-provenance-history');
}

test.describe('publisher history', () => {
  test('changed: sampleproject 4.0.0 vs an older release published from another repository', async ({ page, pypi, ext }) => {
    const path = addOlderRelease(pypi, 'sampleproject');
    const badges = await visitAndSettle(page, URLS.sampleprojectRelease, 2);
    // the files' own verdicts are unchanged by history
    for (const f of [SAMPLE_SDIST, SAMPLE_WHEEL]) expect(badges.get(f)).toMatchObject({ state: 'verified', level: 'ok' });
    expect(await historyState(page)).toBe('changed');
    const text = (await readShadow(page, SUMMARY_SELECTOR))?.text ?? '';
    expect(text).toContain('Published differently from 0.0.19');
    expect(text).toContain('repository: trailofbits/pypi-attestations → pypa/sampleproject');
    expect(text).toContain('move to an organisation');
    // one request for the older release, from the worker, after the page's own files
    const reqs = pypi.workerRequests(path);
    expect(reqs).toHaveLength(1);
    // strict mode: the verified badges speak amber (never red) because the publisher changed
    const options = await openOptions(ext);
    await setStrictMode(options, true);
    await options.close();
    await page.reload();
    await expect(page.locator(`[data-provenance-filename="${SAMPLE_SDIST}"]`)).toHaveAttribute('data-provenance-level', 'warning', {
      timeout: 30_000,
    });
    await expect(page.locator(`[data-provenance-filename="${SAMPLE_SDIST}"]`)).toHaveAttribute('data-provenance-state', 'verified');
    // the history of the older release came from the cache: still one request
    expect(pypi.workerRequests(path)).toHaveLength(1);
  });

  test('lost: pycrypto 2.6.1 has no provenance, an older release had verified provenance', async ({ page, pypi }) => {
    addOlderRelease(pypi, 'pycrypto');
    const badges = await visitAndSettle(page, URLS.pycrypto, 1);
    expect(badges.get('pycrypto-2.6.1.tar.gz')).toMatchObject({ state: 'absent', level: 'neutral' });
    expect(await historyState(page)).toBe('lost');
    const text = (await readShadow(page, SUMMARY_SELECTOR))?.text ?? '';
    expect(text).toContain('but 0.0.19 had verified provenance');
    expect(text).not.toMatch(/malicious|compromised|unsafe/i);
  });
});
