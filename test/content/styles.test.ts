// @vitest-environment jsdom
/** pypi.org's CSP blocks inline styles: our UI may only use adopted (constructable) stylesheets. */
import { afterEach, expect, test } from 'vitest';
import { detectPage } from '../../src/content/detect';
import { startController, type PageController } from '../../src/content/controller';
import { shadowOf } from '../../src/content/shadow';
import { DEFAULT_SETTINGS } from '../../src/settings';
import { loadIntoGlobalDocument } from './fixtures';
import { portFactory, verdictMessage } from './helpers';

let c: PageController | null = null;
afterEach(() => c?.destroy());

test('every host we add: closed shadow root, one adopted sheet, no <style>, no style attributes, no page-controller attributes', async () => {
  loadIntoGlobalDocument('project/FastHash_Lib/1.2.0/index.html');
  const page = detectPage(document, 'https://pypi.org/project/FastHash_Lib/1.2.0/')!;
  const pf = portFactory();
  c = startController(page, {
    doc: document,
    settings: DEFAULT_SETTINGS,
    connect: pf.connect,
    sendMessage: async () => ({}),
    confirm: () => true,
    alert: () => undefined,
  });
  const req = pf.current.last();
  for (const [i, f] of req.files.entries())
    pf.current.emit(verdictMessage(req.requestId, f.filename, (['verified', 'failed', 'absent', 'error'] as const)[i % 4]!));
  await c.openPanel(req.files[0]!.filename);
  const hosts = [...document.querySelectorAll('.pypi-provenance-badge, [data-provenance-panel], [data-provenance-summary]')];
  expect(hosts).toHaveLength(7 + 1 + 1);
  for (const host of hosts) {
    expect(host.shadowRoot).toBeNull();
    expect(host.hasAttribute('style')).toBe(false);
    expect(host.hasAttribute('data-project-tabs-target')).toBe(false);
    expect(host.hasAttribute('data-action')).toBe(false);
    const root = shadowOf(host)!;
    expect(root).toBeTruthy();
    expect(root.adoptedStyleSheets).toHaveLength(1);
    expect(root.adoptedStyleSheets[0]!.cssRules.length).toBeGreaterThan(0);
    expect(root.querySelectorAll('style, link[rel=stylesheet]')).toHaveLength(0);
    expect(root.querySelectorAll('[style]')).toHaveLength(0);
    expect(root.childNodes.length).toBeGreaterThan(0);
  }
});
