/**
 * Issue #18.4 (Chromium): a release page whose README carries each injection readme_renderer lets
 * through (test/content/hostile-readme.ts: ids `files`, `description`, `files-tab`, every filename,
 * nested lists of links to files.pythonhosted.org, fake <code> digests). The real files get exactly
 * one badge each with the right verdict, the README none, and the popup lists the release's files.
 */
import {
  test,
  expect,
  URLS,
  SAMPLE_SDIST,
  SAMPLE_WHEEL,
  BADGE_SELECTOR,
  openPopupFor,
  popupFileStates,
  type ExtensionSession,
} from './harness';
import { hostileReadmes } from '../test/content/hostile-readme';

const INJECTIONS = hostileReadmes([SAMPLE_SDIST, SAMPLE_WHEEL]);

async function popupFiles(ext: ExtensionSession, pattern: string): Promise<Record<string, string>> {
  const popup = await openPopupFor(ext, pattern);
  await expect(popup.locator('ul.files li')).toHaveCount(2);
  await expect(popup.locator('ul.files li[data-state="pending"]')).toHaveCount(0);
  const files = await popupFileStates(popup);
  await popup.close();
  return files;
}

for (const [name, html] of Object.entries(INJECTIONS)) {
  test(`README injection (${name}): one badge per real file, verified; none in the README; the popup lists the release`, async ({
    ext,
    page,
    pypi,
  }) => {
    pypi.override('/project/sampleproject/4.0.0/', {
      transform: (r) => ({
        ...r,
        body: Buffer.from(
          r.body
            .toString('utf8')
            .replace('<div class="project-description__content">', `<div class="project-description__content">${html}`),
        ),
      }),
    });
    await page.goto(URLS.sampleprojectRelease);
    await expect(page.locator('.project-description [id]').first()).toBeAttached(); // the injection is there
    for (const f of [SAMPLE_SDIST, SAMPLE_WHEEL]) {
      const real = page.locator(`${BADGE_SELECTOR}[data-provenance-filename="${f}"]`);
      await expect(real).toHaveCount(1);
      await expect(real).toHaveAttribute('data-provenance-state', 'verified', { timeout: 30_000 });
    }
    await expect(page.locator(`.project-description ${BADGE_SELECTOR}`)).toHaveCount(0);
    await expect(page.locator(BADGE_SELECTOR)).toHaveCount(2);
    expect(await popupFiles(ext, 'https://pypi.org/project/sampleproject/*')).toEqual({
      [SAMPLE_SDIST]: 'verified',
      [SAMPLE_WHEEL]: 'verified',
    });
  });
}
