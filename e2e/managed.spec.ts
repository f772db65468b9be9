/**
 * Organisation policy (storage.managed) end to end, through Chromium's REAL policy machinery:
 * a policy file in /etc/chromium/policies/managed/ with a `3rdparty.extensions.<id>` entry, which
 * Chromium validates against public/managed-schema.json and hands to the extension as
 * storage.managed.
 *
 * Each test loads its own copy of the built extension from a fresh temporary directory: an
 * unpacked extension's id is derived from its path, so the policy names only this copy and no
 * other browser on the machine is affected. The policy file is removed afterwards.
 * Needs write access to /etc/chromium/policies/managed (root, as in CI); skipped otherwise.
 */
import { accessSync, constants, cpSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchWithExtension, DIST_DIR } from '../scripts/e2e-lib/launch';
import { expectNoSerious, runAxe } from './lib/axe';
import {
  test as base,
  expect,
  URLS,
  SAMPLE_WHEEL,
  SAMPLE_SDIST,
  openOptions,
  showFilesTab,
  visitAndSettle,
  downloadDialogText,
  answerDownloadDialog,
  type ExtensionSession,
} from './harness';

const POLICY_DIR = '/etc/chromium/policies/managed';

function policyDirWritable(): boolean {
  try {
    mkdirSync(POLICY_DIR, { recursive: true });
    accessSync(POLICY_DIR, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** Chromium's id for an unpacked extension: sha256 of its absolute path, first 32 hex digits mapped 0-f → a-p. */
function unpackedExtensionId(path: string): string {
  return [...createHash('sha256').update(path).digest('hex').slice(0, 32)].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}

const test = base.extend<{ policy: Record<string, unknown> | null }>({
  policy: [null, { option: true }],
  ext: async ({ pypi, policy }, use) => {
    const dir = realpathSync(mkdtempSync(join(tmpdir(), 'pypi-provenance-managed-')));
    const dist = join(dir, 'dist');
    cpSync(process.env.PYPI_PROVENANCE_DIST ?? DIST_DIR, dist, { recursive: true });
    const id = unpackedExtensionId(dist);
    const policyFile = join(POLICY_DIR, `pypi-provenance-e2e-${id}.json`);
    if (policy) writeFileSync(policyFile, JSON.stringify({ '3rdparty': { extensions: { [id]: policy } } }));
    let session: ExtensionSession | null = null;
    try {
      session = await launchWithExtension({ dist, beforeFirstPage: (c) => pypi.install(c) });
      expect(session.extensionId, 'extension id derived from the path').toBe(id);
      await use(session);
    } finally {
      await pypi.releaseHanging();
      await session?.close();
      rmSync(policyFile, { force: true });
      rmSync(dir, { recursive: true, force: true });
    }
  },
});

test.skip(!policyDirWritable(), `needs write access to ${POLICY_DIR} (run as root)`);

/** What the extension reads from storage.managed (waits for Chromium to deliver the policy). */
async function managedArea(ext: ExtensionSession): Promise<Record<string, unknown>> {
  const worker = await ext.currentWorker();
  let v: Record<string, unknown> = {};
  await expect
    .poll(async () => {
      v = await worker.evaluate(() =>
        (
          globalThis as unknown as { chrome: { storage: { managed: { get(k: null): Promise<Record<string, unknown>> } } } }
        ).chrome.storage.managed.get(null),
      );
      return Object.keys(v).length;
    })
    .toBeGreaterThan(0);
  return v;
}

const ORG_PIN = { project: 'SampleProject', kind: 'GitHub', repository: 'some-org/another-repo', workflow: 'release.yml' };

test.describe('strict mode and a pin forced by policy', () => {
  test.use({ policy: { strict: true, pins: [ORG_PIN] } });

  test('options page shows them locked; the user cannot turn strict off or remove the pin', async ({ ext }) => {
    expect(await managedArea(ext)).toMatchObject({ strict: true, pins: [ORG_PIN] });
    const options = await openOptions(ext);
    const strict = options.locator('#strict-mode');
    await expect(strict).toBeChecked();
    await expect(strict).toBeDisabled();
    await expect(options.locator('#strict-mode-managed')).toHaveText('Set by your organisation');
    await expect(options.locator('#confirm-failed')).toBeEnabled();
    const pin = options.locator('[data-pin="sampleproject"][data-managed="true"]');
    await expect(pin).toContainText('some-org/another-repo');
    await expect(pin).toContainText('Set by your organisation');
    await expect(pin.locator('button')).toHaveCount(0);
    // locked controls stay accessible (name, description, contrast)
    for (const scheme of ['light', 'dark'] as const) {
      await options.emulateMedia({ colorScheme: scheme });
      expectNoSerious(await runAxe(options), `options with a policy (${scheme})`);
    }
    // nothing of the policy was copied into the user's storage
    const sync = await (
      await ext.currentWorker()
    ).evaluate(() =>
      (
        globalThis as unknown as { chrome: { storage: { sync: { get(k: null): Promise<Record<string, unknown>> } } } }
      ).chrome.storage.sync.get(null),
    );
    expect(sync.strict).not.toBe(true);
    expect(sync.pins ?? []).toEqual([]);
  });

  test('pages follow the policy: absent is a warning, the org pin flags a different publisher', async ({ ext, page }) => {
    await managedArea(ext);
    const pycrypto = await visitAndSettle(page, URLS.pycrypto, 1);
    expect(pycrypto.get('pycrypto-2.6.1.tar.gz')).toMatchObject({ state: 'absent', level: 'warning' });
    const sample = await visitAndSettle(page, URLS.sampleproject, 2);
    // provenance verifies, but the publisher is not the one the organisation pinned
    expect(sample.get(SAMPLE_WHEEL)).toMatchObject({ state: 'verified', level: 'danger' });
    expect(sample.get(SAMPLE_SDIST)).toMatchObject({ state: 'verified', level: 'danger' });
  });

  test('strict from the policy asks before downloading a file without provenance', async ({ ext, page }) => {
    await managedArea(ext);
    await visitAndSettle(page, URLS.pycrypto, 1);
    await showFilesTab(page);
    await page.locator('#files a[href*="pycrypto-2.6.1.tar.gz"]').first().click();
    expect(await downloadDialogText(page)).toContain('pycrypto-2.6.1.tar.gz has no published provenance');
    await answerDownloadDialog(page, 'Cancel');
  });
});

test.describe('a user pin cannot widen the organisation pin', () => {
  test.use({ policy: { pins: [{ project: 'sampleproject', kind: 'GitHub', repository: 'pypa/sampleproject' }] } });

  test('matching org pin → ok; a user pin for the same project is refused in the editor', async ({ ext, page }) => {
    await managedArea(ext);
    const sample = await visitAndSettle(page, URLS.sampleproject, 2);
    expect(sample.get(SAMPLE_WHEEL)).toMatchObject({ state: 'verified', level: 'ok' });
    const options = await openOptions(ext);
    await options.locator('#pin-project').fill('sampleproject');
    await options.locator('#pin-repository').fill('evil/fork');
    await options.locator('#pin-add').click();
    await expect(options.locator('#pin-project-error')).toContainText('Your organisation already pins sampleproject');
  });
});

test.describe('values the schema rejects', () => {
  // Chromium validates the policy against public/managed-schema.json: wrong types are dropped.
  test.use({ policy: { strict: 'yes', confirmFailedDownloads: true, pins: 'sampleproject' } });

  test('only the valid value is applied', async ({ ext }) => {
    const managed = await managedArea(ext);
    expect(managed).toEqual({ confirmFailedDownloads: true });
    const options = await openOptions(ext);
    await expect(options.locator('#strict-mode')).toBeEnabled();
    await expect(options.locator('#confirm-failed')).toBeDisabled();
    await expect(options.locator('#confirm-failed')).toBeChecked();
  });
});

test.describe('no policy for this extension', () => {
  test('nothing is locked', async ({ ext }) => {
    const options = await openOptions(ext);
    await expect(options.locator('#strict-mode')).toBeEnabled();
    await expect(options.locator('#confirm-failed')).toBeEnabled();
    await expect(options.locator('[data-managed]')).toHaveCount(0);
    await expect(options.locator('#managed-intro')).toHaveCount(0);
  });
});
