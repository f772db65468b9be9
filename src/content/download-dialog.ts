/**
 * The download guard's question (#13.5): an in-page dialog of our own, not `window.confirm()`,
 * which browsers title "pypi.org says" (users would take it for PyPI's warning). Loaded on the
 * first guarded click (dynamic import from controller.ts), so the script every page runs does not
 * carry it.
 *
 * A native modal <dialog> in a closed shadow root: the page behind is inert, role=alertdialog
 * named by its heading and described by the question, focus goes to Cancel (the safe answer) and
 * stays in the dialog (Tab wraps), Escape cancels, and focus returns to the link afterwards.
 * Colours are the in-page tokens (pypi.org's light page), never the OS dark theme. Plain DOM with
 * text nodes only: the question quotes the page's filename and the verdict's reason.
 */
import { t } from '../i18n';
import { css } from '../ui/css';
import { TOKENS } from '../ui/styles';
import { createShadowHost, isolateEvents } from './shadow';

/** Marks the dialog's shadow host (e2e tests and axe find it by this attribute). */
export const DIALOG_ATTR = 'data-provenance-dialog';

export const DIALOG_CSS = css`
  ${TOKENS}
  :host {
    color-scheme: light;
  }
  .dlg {
    max-width: min(34em, calc(100vw - 32px));
    padding: 16px 20px;
    border: 2px solid var(--pp-warning);
    border-left-width: 6px;
    border-radius: 8px;
    background: var(--pp-bg);
    color: var(--pp-fg);
    font: 14px/1.45 var(--pp-font);
    box-shadow: 0 8px 28px rgba(0, 0, 0, 0.25);
  }
  .dlg::backdrop {
    background: rgba(29, 36, 48, 0.45);
  }
  .who {
    margin: 0 0 4px;
    font-size: 12px;
    color: var(--pp-muted);
  }
  .title {
    margin: 0 0 8px;
    font-size: 17px;
    line-height: 1.3;
  }
  .body p {
    margin: 0 0 8px;
    overflow-wrap: anywhere;
    white-space: pre-line;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    justify-content: flex-end;
    margin-top: 12px;
  }
  button {
    font: 600 14px/1.2 var(--pp-font);
    padding: 7px 14px;
    border-radius: 6px;
    cursor: pointer;
    border: 1px solid var(--pp-border);
    background: var(--pp-bg2);
    color: var(--pp-fg);
  }
  button.proceed {
    border-color: var(--pp-danger);
    color: var(--pp-danger);
    background: var(--pp-bg);
  }
  button:hover {
    filter: brightness(0.96);
  }
`;

function el<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, cls: string, text?: string): HTMLElementTagNameMap[K] {
  const e = doc.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** The open dialog of this document, if any (one question at a time). */
const open = new WeakMap<Document, Promise<boolean>>();

/**
 * Ask whether to download anyway. Resolves true for "Download anyway", false for Cancel, Escape
 * or the dialog going away. `returnFocus` (the clicked link) gets the focus back.
 */
export function askDownload(doc: Document, question: string, returnFocus?: HTMLElement | null): Promise<boolean> {
  const already = open.get(doc);
  if (already) return already.then(() => false);
  const asked = new Promise<boolean>((resolve) => {
    const { host, root } = createShadowHost(doc, 'div', DIALOG_CSS);
    host.setAttribute(DIALOG_ATTR, '');
    isolateEvents(host);

    const dialog = el(doc, 'dialog', 'dlg');
    dialog.setAttribute('role', 'alertdialog');
    dialog.setAttribute('aria-modal', 'true');
    dialog.setAttribute('aria-labelledby', 'pp-dlg-title');
    dialog.setAttribute('aria-describedby', 'pp-dlg-body');
    const title = el(doc, 'h2', 'title', t('dialog_title'));
    title.id = 'pp-dlg-title';
    const body = el(doc, 'div', 'body');
    body.id = 'pp-dlg-body';
    for (const para of question.split(/\n\s*\n/)) if (para.trim()) body.append(el(doc, 'p', '', para.trim()));
    const cancel = el(doc, 'button', 'cancel', t('dialog_cancel'));
    const proceed = el(doc, 'button', 'proceed', t('dialog_download_anyway'));
    cancel.type = proceed.type = 'button';
    const actions = el(doc, 'div', 'actions');
    actions.append(cancel, proceed);
    const buttons = [cancel, proceed];
    dialog.append(el(doc, 'p', 'who', t('dialog_from', t('ext_name'))), title, body, actions);
    root.append(dialog);

    let done = false;
    const finish = (ok: boolean) => {
      if (done) return;
      done = true;
      open.delete(doc);
      try {
        if (dialog.open && typeof dialog.close === 'function') dialog.close();
      } catch {
        /* already closed */
      }
      host.remove();
      try {
        returnFocus?.focus();
      } catch {
        /* the link left the page */
      }
      resolve(ok);
    };
    cancel.addEventListener('click', () => finish(false));
    proceed.addEventListener('click', () => finish(true));
    // Escape: the native dialog fires `cancel` (and may close itself); our keydown covers the fallback.
    dialog.addEventListener('cancel', (ev) => {
      ev.preventDefault();
      finish(false);
    });
    dialog.addEventListener('close', () => finish(false));
    dialog.addEventListener('keydown', (ev) => {
      if (ev.key === 'Escape') {
        ev.preventDefault();
        finish(false);
      } else if ((ev.key === 'Enter' || ev.key === ' ') && buttons.includes(root.activeElement as HTMLButtonElement)) {
        // Activate the focused button ourselves: Firefox fires no click for Enter on a button in a
        // content script's modal dialog (seen in e2e-firefox), Chromium does; one click either way.
        ev.preventDefault();
        (root.activeElement as HTMLButtonElement).click();
      } else if (ev.key === 'Tab') {
        // Focus stays in the dialog: Tab and Shift+Tab move between its two buttons and wrap. Done
        // here, not left to the browser (Firefox may move it out of a modal dialog to its own UI).
        ev.preventDefault();
        const i = buttons.indexOf(root.activeElement as HTMLButtonElement);
        const next = i < 0 ? (ev.shiftKey ? buttons.length - 1 : 0) : (i + (ev.shiftKey ? buttons.length - 1 : 1)) % buttons.length;
        buttons[next]!.focus();
      }
    });

    (doc.body ?? doc.documentElement).append(host);
    try {
      if (typeof dialog.showModal !== 'function') throw new Error('no showModal');
      dialog.showModal();
    } catch {
      dialog.setAttribute('open', ''); // not modal, but still in our shadow root and answerable
    }
    cancel.focus();
  });
  open.set(doc, asked);
  return asked;
}
