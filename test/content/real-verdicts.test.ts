// @vitest-environment jsdom
/**
 * End to end inside the content script with REAL verdicts: the real provenance of sampleproject 4.0.0
 * verified by src/verify against the bundled trust root, delivered as the worker would deliver it.
 */
import { afterEach, describe, expect, test, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { detectPage } from '../../src/content/detect';
import { startController, type PageController } from '../../src/content/controller';
import { shadowOf } from '../../src/content/shadow';
import { verifyProvenance } from '../../src/verify/index';
import { loadTrust } from '../../src/verify/trust';
import { levelFor } from '../../src/verify/verdict';
import type { FileVerdictMessage } from '../../src/messages';
import { DEFAULT_SETTINGS } from '../../src/settings';
import { loadIntoGlobalDocument, PAGES_DIR } from './fixtures';
import { portFactory } from './helpers';

const trust = loadTrust(readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../fixtures/trust/trusted_root.json'), 'utf8'));
const provenanceOf = (filename: string) =>
  readFileSync(join(PAGES_DIR, 'integrity/sampleproject/4.0.0', filename, 'provenance.json'), 'utf8');

let controller: PageController | null = null;
afterEach(() => controller?.destroy());

async function run(override?: Record<string, string>) {
  loadIntoGlobalDocument('project/sampleproject/index.html', override);
  const page = detectPage(document, 'https://pypi.org/project/sampleproject/')!;
  const pf = portFactory();
  const confirm = vi.fn((_m: string) => false);
  controller = startController(page, {
    doc: document,
    settings: DEFAULT_SETTINGS,
    connect: pf.connect,
    sendMessage: async () => ({ ok: false }),
    confirm,
    alert: () => undefined,
  });
  const req = pf.current.last();
  for (const f of req.files) {
    const verdict = await verifyProvenance(provenanceOf(f.filename), { filename: f.filename, sha256: f.pageSha256! }, trust);
    const msg: FileVerdictMessage = {
      type: 'verdict',
      requestId: req.requestId,
      filename: f.filename,
      verdict,
      level: levelFor(verdict.state),
      pin: { status: 'none' },
    };
    pf.current.emit(msg);
  }
  return { page, confirm, c: controller };
}

describe('real verdicts on the sampleproject page', () => {
  test('both files verified; the panel carries the leaf certificate fingerprint', async () => {
    const { page, c } = await run();
    for (const f of page.files) {
      const host = c.badgeHost(f.filename)!;
      expect(host.getAttribute('data-provenance-state')).toBe('verified');
      expect(host.getAttribute('data-provenance-level')).toBe('ok');
    }
    const name = page.files[0]!.filename;
    await c.openPanel(name);
    const p = document.querySelector(`[data-provenance-panel]`)!;
    const fp = c.view(name)!.verdict!.attestations.find((a) => a.certificate)!.certificate!.fingerprintSha256;
    expect(fp).toMatch(/^[0-9a-f]{64}$/);
    expect(p.getAttribute('data-provenance-certificate')).toBe(fp);
    expect(shadowOf(p)!.textContent).toContain('pypa/sampleproject');
    const summary = shadowOf(document.querySelector('[data-provenance-summary]')!)!.textContent!;
    expect(summary).toContain('2 of 2');
  }, 60_000);

  test('a page whose sha256 differs from the signed one: failed, danger, download asks', async () => {
    const { page, c, confirm } = await run({ 'sampleproject-4.0.0.tar.gz': '1'.repeat(64) });
    const sdist = page.files.find((f) => f.filename === 'sampleproject-4.0.0.tar.gz')!;
    const host = c.badgeHost(sdist.filename)!;
    expect(host.getAttribute('data-provenance-state')).toBe('failed');
    expect(host.getAttribute('data-provenance-level')).toBe('danger');
    expect(c.badgeHost('sampleproject-4.0.0-py3-none-any.whl')!.getAttribute('data-provenance-state')).toBe('verified');
    const ev = new MouseEvent('click', { bubbles: true, cancelable: true });
    sdist.anchor.dispatchEvent(ev);
    expect(ev.defaultPrevented).toBe(true);
    // the in-page dialog asks (window.confirm is only the fallback if its code cannot load)
    await vi.waitFor(() => expect(document.querySelector('[data-provenance-dialog]')).not.toBeNull(), { timeout: 10_000 });
    const dialog = shadowOf(document.querySelector('[data-provenance-dialog]')!)!;
    expect(dialog.textContent).toContain('The provenance check FAILED for sampleproject-4.0.0.tar.gz');
    [...dialog.querySelectorAll('button')].find((b) => b.textContent === 'Cancel')!.click();
    expect(document.querySelector('[data-provenance-dialog]')).toBeNull();
    expect(confirm).not.toHaveBeenCalled();
  }, 60_000);
});
