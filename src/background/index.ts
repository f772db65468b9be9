// Service worker entry (placeholder).
import browser from 'webextension-polyfill';
browser.runtime.onInstalled.addListener(() => {});
