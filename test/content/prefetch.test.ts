// @vitest-environment jsdom
// @vitest-environment-options {"url": "https://pypi.org/"}
/**
 * src/content/prefetch.iife.ts, the document_start classic script: on a page whose path can name a
 * project it sends `{type: 'prefetch'}` (nothing else) once; elsewhere nothing; never throws into
 * the page. It sends exactly where parsePypiUrl (what the worker judges the URL by) finds a page.
 */
import { afterEach, describe, expect, test, vi } from 'vitest';
import { parsePypiUrl } from '../../src/content/detect/url';

type G = { chrome?: unknown; browser?: unknown };

async function runAt(path: string, api: { runtime: { sendMessage: (m: unknown) => unknown } }, as: 'chrome' | 'browser' = 'chrome') {
  window.history.replaceState(null, '', path);
  (globalThis as G)[as] = api;
  vi.resetModules();
  await import('../../src/content/prefetch.iife');
}

afterEach(() => {
  delete (globalThis as G).chrome;
  delete (globalThis as G).browser;
});

const SENDS = ['/project/sampleproject/', '/project/sampleproject/4.0.0/', '/project/Sample.Project_X/1.0rc1/', '/simple/sampleproject/'];
const SILENT = [
  '/',
  '/simple/',
  '/project/',
  '/project/sampleproject',
  '/project/sampleproject/submit-malware-report/',
  '/project/sampleproject/SUBMIT-MALWARE-REPORT/',
  '/project/sampleproject/4.0.0/extra/',
  '/simple/sampleproject/4.0.0/',
  '/search/',
  '/account/login/',
];

describe('prefetch.iife.ts', () => {
  test.each(SENDS)('%s: one prefetch message, carrying nothing else', async (path) => {
    const sendMessage = vi.fn(async () => ({ ok: true }));
    await runAt(path, { runtime: { sendMessage } });
    expect(sendMessage).toHaveBeenCalledTimes(1);
    expect(sendMessage).toHaveBeenCalledWith({ type: 'prefetch' });
  });

  test.each(SILENT)('%s: nothing sent', async (path) => {
    const sendMessage = vi.fn(async () => ({ ok: true }));
    await runAt(path, { runtime: { sendMessage } });
    expect(sendMessage).not.toHaveBeenCalled();
  });

  test('sends exactly where the worker finds a page in the URL (parsePypiUrl)', async () => {
    for (const path of [...SENDS, ...SILENT]) {
      const sendMessage = vi.fn(async () => ({ ok: true }));
      await runAt(path, { runtime: { sendMessage } });
      expect(sendMessage.mock.calls.length, path).toBe(parsePypiUrl(`https://pypi.org${path}`) ? 1 : 0);
    }
  });

  test("Firefox's `browser` is used where it exists", async () => {
    const chromeSend = vi.fn(async () => undefined);
    const browserSend = vi.fn(async () => undefined);
    (globalThis as G).chrome = { runtime: { sendMessage: chromeSend } };
    await runAt('/project/sampleproject/4.0.0/', { runtime: { sendMessage: browserSend } }, 'browser');
    expect(browserSend).toHaveBeenCalledTimes(1);
    expect(chromeSend).not.toHaveBeenCalled();
  });

  test('a worker that cannot be reached, or an API that throws, does not reach the page', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    try {
      await runAt('/project/sampleproject/4.0.0/', { runtime: { sendMessage: async () => Promise.reject(new Error('no receiver')) } });
      await expect(
        runAt('/project/sampleproject/4.0.0/', {
          runtime: {
            sendMessage: () => {
              throw new Error('Extension context invalidated.');
            },
          },
        }),
      ).resolves.toBeUndefined();
      await new Promise((r) => setTimeout(r, 20));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  test('without the extension API (e.g. after an update) nothing happens', async () => {
    window.history.replaceState(null, '', '/project/sampleproject/4.0.0/');
    vi.resetModules();
    await expect(import('../../src/content/prefetch.iife')).resolves.toBeDefined();
  });
});
