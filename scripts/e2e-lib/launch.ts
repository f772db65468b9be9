/**
 * Launch Debian Chromium with the built extension (dist/) in a fresh persistent profile.
 * Shared by the e2e harness and `npm run demo`.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';
import { REPO_ROOT } from './pypi-fixture';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';
export const DIST_DIR = join(REPO_ROOT, 'dist');

export interface LaunchOptions {
  dist?: string;
  headless?: boolean;
  /** Called with the context before any page is opened (install routes here). */
  beforeFirstPage?: (context: BrowserContext) => Promise<void>;
  extraArgs?: string[];
  /** ms to wait for the extension service worker. */
  workerTimeout?: number;
}

export interface ExtensionSession {
  context: BrowserContext;
  /** The extension's service worker as first seen (it may be restarted later: use `currentWorker()`). */
  worker: Worker;
  extensionId: string;
  profileDir: string;
  /** The extension's live service worker, waiting for it to (re)start if needed. */
  currentWorker(timeout?: number): Promise<Worker>;
  optionsUrl: string;
  close(): Promise<void>;
}

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH || DEFAULT_CHROMIUM;
}

export function chromiumArgs(dist: string): string[] {
  return [
    `--disable-extensions-except=${dist}`,
    `--load-extension=${dist}`,
    '--no-sandbox',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-quic',
    '--disable-dev-shm-usage',
    '--disable-features=Translate,OptimizationHints,MediaRouter,DialMediaRouteProvider',
    '--metrics-recording-only',
    '--password-store=basic',
  ];
}

function isExtensionWorker(w: Worker): boolean {
  return w.url().startsWith('chrome-extension://');
}

export async function launchWithExtension(opts: LaunchOptions = {}): Promise<ExtensionSession> {
  // The e2e global setup points PYPI_PROVENANCE_DIST at a snapshot of dist/ (see e2e/global-setup.ts).
  const dist = resolve(opts.dist ?? process.env.PYPI_PROVENANCE_DIST ?? DIST_DIR);
  if (!existsSync(join(dist, 'manifest.json'))) {
    throw new Error(`${dist}/manifest.json is missing: run "npm run build" first`);
  }
  const exe = chromiumPath();
  if (!existsSync(exe)) throw new Error(`Chromium not found at ${exe} (apt-get install chromium, or set CHROMIUM_PATH)`);
  const profileDir = mkdtempSync(join(tmpdir(), 'pypi-provenance-profile-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: exe,
    headless: opts.headless ?? true,
    args: [...chromiumArgs(dist), ...(opts.extraArgs ?? [])],
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  });
  try {
    if (opts.beforeFirstPage) await opts.beforeFirstPage(context);
    const timeout = opts.workerTimeout ?? 20_000;
    const findWorker = async (t: number): Promise<Worker> => {
      // After a stop/restart Chromium keeps the same DevTools target: Playwright keeps the same
      // Worker object, which then evaluates in the new instance.
      const known = context.serviceWorkers().filter(isExtensionWorker);
      const newest = known[known.length - 1];
      if (newest) return newest;
      return context.waitForEvent('serviceworker', { predicate: isExtensionWorker, timeout: t });
    };
    let worker: Worker;
    try {
      worker = await findWorker(timeout);
    } catch {
      throw new Error(
        `The extension's service worker did not start within ${timeout} ms. ` +
          'Check that dist/ is a complete build and that the worker does not throw at start-up.',
      );
    }
    const extensionId = new URL(worker.url()).host;
    let closed = false;
    return {
      context,
      worker,
      extensionId,
      profileDir,
      optionsUrl: `chrome-extension://${extensionId}/src/options/index.html`,
      currentWorker: (t = timeout) => findWorker(t),
      close: async () => {
        if (closed) return;
        closed = true;
        await context.close().catch(() => {});
        rmSync(profileDir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await context.close().catch(() => {});
    rmSync(profileDir, { recursive: true, force: true });
    throw e;
  }
}

/**
 * Stop the extension's service worker the way Chrome does when it idles, through the DevTools
 * protocol (ServiceWorker.stopAllWorkers on a page target of the same profile). Resolves once
 * DevTools reports the worker version as stopped. The next event that needs the worker (a port
 * connect from a content script, a message, opening the options page) starts it again.
 */
export async function stopServiceWorker(session: ExtensionSession, timeout = 10_000): Promise<void> {
  const { context } = session;
  const page = await context.newPage();
  try {
    const cdp = await context.newCDPSession(page);
    const prefix = `chrome-extension://${session.extensionId}/`;
    let sawRunning = false;
    const stopped = new Promise<void>((resolveStopped, reject) => {
      const timer = setTimeout(() => reject(new Error(`service worker did not stop within ${timeout} ms`)), timeout);
      cdp.on('ServiceWorker.workerVersionUpdated', (e: { versions: { scriptURL: string; runningStatus: string }[] }) => {
        for (const v of e.versions) {
          if (!v.scriptURL.startsWith(prefix)) continue;
          if (v.runningStatus === 'running' || v.runningStatus === 'starting') sawRunning = true;
          if (v.runningStatus === 'stopped' && sawRunning) {
            clearTimeout(timer);
            resolveStopped();
          }
        }
      });
    });
    await cdp.send('ServiceWorker.enable');
    await new Promise((r) => setTimeout(r, 100));
    sawRunning = true; // enable() reports current versions; whatever state, a later 'stopped' is what we wait for
    await cdp.send('ServiceWorker.stopAllWorkers');
    await stopped;
    await cdp.detach().catch(() => {});
  } finally {
    await page.close().catch(() => {});
  }
}
