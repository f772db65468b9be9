/**
 * `t(key, substitutions?)`: every user-visible string goes through here.
 *
 * In the extension (content scripts, popup, options) it asks the browser's i18n API, so the user's
 * locale is used. Elsewhere (Node / jsdom unit tests, CLI) there is no such API, and it formats the
 * English text of `public/_locales/en/messages.json` itself — the same file the browser reads, so
 * there is ONE source of truth — substituting placeholders exactly as the browser does.
 *
 * No webextension-polyfill here: `chrome.i18n` / `browser.i18n` are feature-detected.
 *
 * The English table and its formatter (`formatMessage`, `english`, `hasMessage`) are in `./english`
 * (imported first by the popup, options page, panel, CLI and the unit-test setup; by the content
 * script only when the browser's API answers nothing), not here: the service worker always has
 * `chrome.i18n`, and the script every pypi.org page loads carries neither ~30 kB of fallback text
 * nor the code that formats it (issue #16).
 */
export type MessageKey = keyof typeof import('../../public/_locales/en/messages.json') & string;

/** A messages.json entry (Chrome / Firefox format). */
export interface MessageEntry {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}

/** Substitutions as `getMessage` takes them: one string or up to 9. */
export type Substitutions = string | readonly string[];

interface I18nApi {
  getMessage(name: string, substitutions?: string | string[]): string;
}

/** The English fallback: '' until `./english` installs its formatter of the table. */
let fallback: (key: MessageKey, substitutions?: Substitutions) => string = () => '';

/** Install the English fallback (`./english` does, with messages.json). */
export function setFallback(f: (key: MessageKey, substitutions?: Substitutions) => string): void {
  fallback = f;
}

function browserI18n(): I18nApi | null {
  const g = globalThis as { chrome?: { i18n?: I18nApi }; browser?: { i18n?: I18nApi } };
  const api = g.chrome?.i18n ?? g.browser?.i18n;
  return api && typeof api.getMessage === 'function' ? api : null;
}

/** The message `key` in the user's language (English outside the browser or if the browser has none). */
export function t(key: MessageKey, substitutions?: Substitutions): string {
  const api = browserI18n();
  if (api) {
    try {
      const s = api.getMessage(
        key,
        substitutions === undefined ? undefined : typeof substitutions === 'string' ? substitutions : [...substitutions],
      );
      if (typeof s === 'string' && s !== '') return s;
    } catch {
      // e.g. the extension was reloaded under an old content script: fall back to English
    }
  }
  return fallback(key, substitutions);
}

/** `oneKey` when n is 1, else `otherKey`; the count is the first substitution. */
export function tPlural(n: number, oneKey: MessageKey, otherKey: MessageKey, more: readonly string[] = []): string {
  return t(n === 1 ? oneKey : otherKey, [String(n), ...more]);
}
