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
 * The English table itself is registered by `./english` (imported first by the content
 * script, popup, options page and the unit-test setup), not imported here: the service worker
 * always has `chrome.i18n` and so does not carry ~30 kB of fallback text.
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

let ENGLISH: Record<string, MessageEntry> = {};

/** Install the English fallback table (see `./english`). */
export function registerEnglish(table: Record<string, MessageEntry>): void {
  ENGLISH = table;
}

function browserI18n(): I18nApi | null {
  const g = globalThis as { chrome?: { i18n?: I18nApi }; browser?: { i18n?: I18nApi } };
  const api = g.chrome?.i18n ?? g.browser?.i18n;
  return api && typeof api.getMessage === 'function' ? api : null;
}

/**
 * What `getMessage` returns for an entry: first each `$name$` is replaced by its placeholder's
 * `content` (names are case-insensitive; this is what the browser does when it loads the file),
 * then `$1`…`$9` are replaced by the substitutions (missing ones by nothing) and a run of `$`s
 * loses its first one (`$$` → `$`). A `$name$` without a declared placeholder is left as it is
 * (browsers refuse or blank such messages; a unit test keeps messages.json free of them).
 */
export function formatMessage(entry: MessageEntry, substitutions?: Substitutions): string {
  const subs: readonly string[] = substitutions === undefined ? [] : typeof substitutions === 'string' ? [substitutions] : substitutions;
  const placeholders = new Map(Object.entries(entry.placeholders ?? {}).map(([name, p]) => [name.toLowerCase(), p.content] as const));
  const loaded = entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, name: string) => placeholders.get(name.toLowerCase()) ?? whole);
  return loaded.replace(/\$(?:([1-9])|(\$+))/g, (_whole, digit: string | undefined, dollars: string | undefined) =>
    digit !== undefined ? (subs[Number(digit) - 1] ?? '') : (dollars ?? ''),
  );
}

/** Is `key` a message of messages.json? (For keys built at run time, such as reason codes.) */
export function hasMessage(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(ENGLISH, key);
}

/** The English text of a message, formatted without any browser API. */
export function english(key: MessageKey, substitutions?: Substitutions): string {
  const entry = ENGLISH[key];
  return entry ? formatMessage(entry, substitutions) : '';
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
  return english(key, substitutions);
}

/** `oneKey` when n is 1, else `otherKey`; the count is the first substitution. */
export function tPlural(n: number, oneKey: MessageKey, otherKey: MessageKey, more: readonly string[] = []): string {
  return t(n === 1 ? oneKey : otherKey, [String(n), ...more]);
}
