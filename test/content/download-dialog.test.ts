// @vitest-environment jsdom
/**
 * The download guard's in-page dialog (#13.5): it names the extension, says why it asks, is an
 * alertdialog labelled by its heading and described by the question, takes the focus (Cancel),
 * keeps it (Tab wraps), and answers Cancel / Escape / "Download anyway", then gives the focus back.
 * The real browser's modal behaviour and axe are covered in e2e/downloads-csp.spec.ts.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { askDownload, DIALOG_ATTR } from '../../src/content/download-dialog';
import { shadowOf } from '../../src/content/shadow';

const QUESTION = 'The provenance check FAILED for x-1.0.tar.gz: <img src=x onerror=alert(1)>\n\nDownload it anyway?';

function open(question = QUESTION) {
  document.body.replaceChildren();
  const link = document.createElement('a');
  link.href = 'https://files.pythonhosted.org/packages/x-1.0.tar.gz';
  link.textContent = 'x-1.0.tar.gz';
  document.body.append(link);
  link.focus();
  const answer = askDownload(document, question, link);
  const host = document.querySelector(`[${DIALOG_ATTR}]`)!;
  const root = shadowOf(host)!;
  const dialog = root.querySelector('dialog')!;
  const [cancel, proceed] = [...root.querySelectorAll('button')] as [HTMLButtonElement, HTMLButtonElement];
  return { answer, host, root, dialog, cancel, proceed, link };
}
const key = (el: Element, k: string, shiftKey = false) =>
  el.dispatchEvent(new KeyboardEvent('keydown', { key: k, shiftKey, bubbles: true, cancelable: true }));

afterEach(() => document.body.replaceChildren());

describe('askDownload', () => {
  test('names the extension and the reason, as text; accessible name and description; Cancel has the focus', () => {
    const d = open();
    expect(d.host.shadowRoot).toBeNull(); // closed
    expect(d.dialog.getAttribute('role')).toBe('alertdialog');
    const title = d.root.getElementById(d.dialog.getAttribute('aria-labelledby')!)!;
    const body = d.root.getElementById(d.dialog.getAttribute('aria-describedby')!)!;
    expect(title.tagName).toBe('H2');
    expect(title.textContent).toBe('Check before you download');
    expect(d.dialog.textContent).toContain('Asked by the pypi-provenance browser extension, not by PyPI');
    expect(body.querySelectorAll('p')).toHaveLength(2);
    expect(body.textContent).toContain('<img src=x onerror=alert(1)>'); // shown, not parsed
    expect(d.root.querySelector('img')).toBeNull();
    expect([d.cancel.textContent, d.proceed.textContent]).toEqual(['Cancel', 'Download anyway']);
    expect(d.root.activeElement).toBe(d.cancel);
    d.cancel.click();
  });

  test('Cancel answers false, removes the dialog and gives the focus back to the link', async () => {
    const d = open();
    d.cancel.click();
    expect(await d.answer).toBe(false);
    expect(document.querySelector(`[${DIALOG_ATTR}]`)).toBeNull();
    expect(document.activeElement).toBe(d.link);
  });

  test('"Download anyway" answers true', async () => {
    const d = open();
    d.proceed.click();
    expect(await d.answer).toBe(true);
    expect(document.querySelector(`[${DIALOG_ATTR}]`)).toBeNull();
  });

  test('Escape cancels', async () => {
    const d = open();
    key(d.cancel, 'Escape');
    expect(await d.answer).toBe(false);
    expect(document.activeElement).toBe(d.link);
  });

  test('Enter and Space on a button answer it (one click)', async () => {
    const d = open();
    d.proceed.focus();
    key(d.proceed, 'Enter');
    expect(await d.answer).toBe(true);
    const e = open();
    key(e.cancel, ' ');
    expect(await e.answer).toBe(false);
  });

  test('Tab and Shift+Tab wrap between the two buttons', () => {
    const d = open();
    d.proceed.focus();
    key(d.proceed, 'Tab');
    expect(d.root.activeElement).toBe(d.cancel);
    key(d.cancel, 'Tab', true);
    expect(d.root.activeElement).toBe(d.proceed);
    d.cancel.click();
  });

  test('keys do not reach the page (its Escape / shortcut handlers)', () => {
    const d = open();
    let seen = 0;
    const onKey = () => seen++;
    document.addEventListener('keydown', onKey);
    key(d.proceed, 'x');
    document.removeEventListener('keydown', onKey);
    expect(seen).toBe(0);
    d.cancel.click();
  });

  test('a second question while one is open is answered "no" without a second dialog', async () => {
    const d = open();
    const second = askDownload(document, 'again?');
    expect(document.querySelectorAll(`[${DIALOG_ATTR}]`)).toHaveLength(1);
    d.proceed.click();
    expect(await d.answer).toBe(true);
    expect(await second).toBe(false);
  });
});
