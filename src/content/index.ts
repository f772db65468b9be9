/**
 * Content script entry (manifest content_scripts, run_at document_start) on pypi.org / test.pypi.org
 * project, release and simple-index pages: once the document is parsed, detect the page, mount
 * badges, ask the worker. (The worker was already asked to start this page's fetches by
 * prefetch.iife.ts, which runs before this module is loaded.) No-op on pages it does not
 * understand; never throws into the page.
 */
import { t } from '../i18n';
import { detectPage, findFilesPanel, releaseOfPage } from './detect';
import { startController, type PageController } from './controller';
import { askEarlyVerdicts } from './early-verdicts';
import { parsePypiUrl } from './detect/url';
import { DEFAULT_PAGE_SETTINGS, samePageSettings } from './page-settings';
import { connectPort, extensionVersion, onOpenPanelRequest, onSettingsChanged, readSettings, sendRuntimeMessage } from './runtime';

/**
 * Resolves once the document is parsed: after DOMContentLoaded and the page's own handlers of it,
 * so PyPI's scripts have set up the page as they did under document_idle.
 */
function documentParsed(): Promise<void> {
  // Already fired (this module can load after it): its handlers have run, start now.
  if (document.readyState === 'complete' || domContentLoadedFired()) return Promise.resolve();
  // On window: DOMContentLoaded is fired at the document and bubbles to the window, so this runs
  // after every handler of the document's, where PyPI's scripts listen (warehouse.js `init`). A
  // task later instead (as before) cost ≈50 ms on page50 warm: a frame was rendered first.
  return new Promise((resolve) => window.addEventListener('DOMContentLoaded', () => resolve(), { once: true }));
}

/** readyState is 'interactive' already while deferred scripts run, before DOMContentLoaded: ask the timing. */
function domContentLoadedFired(): boolean {
  try {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    return nav ? nav.domContentLoadedEventEnd > 0 : document.readyState !== 'loading';
  } catch {
    return document.readyState !== 'loading';
  }
}

async function main(): Promise<void> {
  // Before the page is parsed: the verdicts the worker already has for this release (a page seen
  // again). Only a release URL names one.
  const early = parsePypiUrl(location.href)?.kind === 'release' ? askEarlyVerdicts(sendRuntimeMessage) : undefined;
  await documentParsed();
  // The browser's i18n API speaks for us. Only if it cannot (it answers nothing) is the English
  // table loaded: it is 30 kB, which the script that runs on every page should not carry.
  if (!t('ext_name')) await import('../i18n/english');
  let controller: PageController | null = null;
  let starting = false;

  const tryStart = async (): Promise<void> => {
    if (controller || starting) return;
    const page = detectPage(document, location.href);
    if (!page || page.files.length === 0) return;
    starting = true;
    try {
      // Badges go up at once with the defaults; the real settings follow, from the worker, which
      // reads storage and the policy (that can take seconds on a fresh profile: ~2.4 s measured,
      // npm run bench, page50 cold) and computes levels and pins from them itself anyway.
      const settingsRead = readSettings();
      controller = startController(page, {
        doc: document,
        settings: DEFAULT_PAGE_SETTINGS,
        connect: connectPort,
        sendMessage: sendRuntimeMessage,
        reportLinks: sendRuntimeMessage,
        confirm: (m) => window.confirm(m),
        alert: (m) => window.alert(m),
        savePin: (pin) => import('./save-pin').then((m) => m.savePin(pin)),
        ...(early ? { early } : {}),
        extensionVersion: extensionVersion(),
      });
      onSettingsChanged((s) => controller?.applySettings(s));
      const settings = await settingsRead;
      if (settings && !samePageSettings(settings, DEFAULT_PAGE_SETTINGS)) controller.applySettings(settings);
    } finally {
      starting = false;
    }
  };

  await tryStart();
  if (!controller) reportPageWithoutList();

  // The popup lists the release from PyPI's index; a row opens that file's panel here.
  onOpenPanelRequest((filename) => {
    if (!controller?.view(filename)) return false;
    revealFile(controller, filename);
    return true;
  });

  // Tabs switch by hash only (no client-side navigation). Cheap check: start if #files appeared,
  // re-place badges if the page's scripts removed them.
  window.addEventListener('hashchange', () => {
    try {
      if (controller) controller.ensureMounted();
      else if (findFilesPanel(document) || location.pathname.startsWith('/simple/')) void tryStart().catch(() => undefined);
    } catch {
      /* never break the page */
    }
  });
}

/** A project/release page with no file list of PyPI's own: tell the worker, so the popup can say so. */
function reportPageWithoutList(): void {
  const release = releaseOfPage(document, location.href);
  if (!release) return;
  void Promise.resolve()
    .then(() => sendRuntimeMessage({ type: 'page-without-list', ...release }))
    .catch(() => undefined);
}

/** Show the files tab (PyPI's tab script follows the hash), open the file's panel, scroll to it. */
function revealFile(controller: PageController, filename: string): void {
  if (controller.page.kind !== 'simple' && location.hash !== '#files') location.hash = 'files';
  controller.openPanel(filename);
  setTimeout(() => {
    try {
      controller.badgeHost(filename)?.scrollIntoView?.({ block: 'center' });
    } catch {
      /* never break the page */
    }
  }, 0);
}

main().catch((e) => {
  try {
    console.warn('pypi-provenance: content script stopped:', e);
  } catch {
    /* ignore */
  }
});
