/**
 * The English text of messages.json as the i18n fallback, and its formatter (see index.ts). Import
 * it first in every entry that shows text and may lack a working `chrome.i18n` (content script
 * after an extension reload, extension pages, Node/jsdom tests). The build bundles it without
 * translator notes.
 */
import messages from '../../public/_locales/en/messages.json';
import { setFallback, type MessageEntry, type MessageKey, type Substitutions } from './index';

const ENGLISH = messages as Record<string, MessageEntry>;

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

setFallback(english);
