/**
 * The first content script (manifest.json, `run_at: document_start`), built as a classic script
 * (crxjs: `.iife.ts`), so it runs as soon as the document exists, before the page's own scripts:
 * it asks the worker to start this page's fetches (#16.3; router.ts `prefetch`).
 *
 * Why a script of its own: crxjs loads the module content script (index.ts) through a dynamic
 * `import()` of its chunks, which Chromium fetches behind the page's own resources. Sent from
 * there, the prefetch reached the worker ≈1 s after the HTML on page50 cold (HTML at 215 ms, the
 * message at 1233; DOMContentLoaded 1763), so the fetches overlapped little of the page's parse.
 *
 * The message carries nothing: the worker reads the page from the sender's URL, which the browser
 * supplies, and fetches only that page's own pypi.org index and provenance. A path that cannot
 * name a project (`/simple/`, `submit-malware-report`, deeper paths) sends nothing; the worker
 * judges the rest with `parsePypiUrl`. No import: this file is the whole script (≈200 bytes),
 * loaded on every matching page.
 */
type SendMessage = (message: { type: 'prefetch' }) => Promise<unknown> | undefined;
const g = globalThis as { browser?: { runtime?: { sendMessage?: SendMessage } }; chrome?: { runtime?: { sendMessage?: SendMessage } } };

// The path shapes parsePypiUrl accepts (detect/url.ts): /project/<name>/, /project/<name>/<version>/, /simple/<name>/.
if (/^\/(?:project\/[^/]+\/(?:(?!submit-malware-report\/)[^/]+\/)?|simple\/[^/]+\/)$/i.test(location.pathname)) {
  try {
    void (g.browser ?? g.chrome)?.runtime?.sendMessage?.({ type: 'prefetch' })?.catch(() => undefined);
  } catch {
    /* the extension was reloaded or removed: the page works as without it */
  }
}

export {}; // a module for the type checker; the IIFE build exports nothing
