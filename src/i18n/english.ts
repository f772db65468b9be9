/**
 * Registers the English text of messages.json as the i18n fallback (see i18n.ts). Import it first
 * in every entry that shows text and may lack a working `chrome.i18n` (content script after an
 * extension reload, extension pages, Node/jsdom tests). The build bundles it without translator notes.
 */
import messages from '../../public/_locales/en/messages.json';
import { registerEnglish, type MessageEntry } from './index';

registerEnglish(messages as Record<string, MessageEntry>);
