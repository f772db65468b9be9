/**
 * CSS for the badge and the summary line (and the tokens every in-page stylesheet shares; the
 * panel's own, links and monospace, are in panel-styles.ts, so the first load does not carry them), mounted
 * in closed shadow roots on pypi.org; the panel's is in panel-styles.ts, loaded with the panel. The content script adopts
 * these strings as constructable stylesheets (pypi.org's CSP forbids inline <style> and style="").
 * Colours are never the only signal: every state has text and an icon.
 */
import { css } from './css';

export const TOKENS = css`
  :host {
    --pp-fg: #1d2430;
    --pp-muted: #59616e;
    --pp-bg: #ffffff;
    --pp-bg2: #f4f6f8;
    --pp-border: #c9ced6;
    --pp-ok: #0b6b38;
    --pp-ok-bg: #e6f4ec;
    --pp-neutral: #4a5160;
    --pp-neutral-bg: #eef0f3;
    --pp-warning: #7a4b00;
    --pp-warning-bg: #fff3d6;
    --pp-danger: #a4161a;
    --pp-danger-bg: #fde8e8;
    --pp-focus: #0b57d0;
    --pp-font: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
    all: initial;
    font-family: var(--pp-font);
    color: var(--pp-fg);
  }
  /* No OS dark-theme rule: the in-page UI sits on pypi.org's light page, whatever the OS theme (#13.4). */
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  .icon {
    flex: none;
    vertical-align: -2px;
  }
  :focus-visible {
    outline: 2px solid var(--pp-focus);
    outline-offset: 2px;
  }
  @keyframes pp-spin {
    to {
      transform: rotate(360deg);
    }
  }
  .icon--spinner {
    animation: pp-spin 1s linear infinite;
    transform-origin: 50% 50%;
  }
  @media (prefers-reduced-motion: reduce) {
    .icon--spinner {
      animation: none;
    }
    * {
      transition: none !important;
    }
  }
`;

export const LEVELS = css`
  .badge--ok,
  .status--ok {
    color: var(--pp-ok);
    background: var(--pp-ok-bg);
    border-color: var(--pp-ok);
  }
  .badge--neutral,
  .status--neutral {
    color: var(--pp-neutral);
    background: var(--pp-neutral-bg);
    border-color: var(--pp-border);
  }
  .badge--warning,
  .status--warning {
    color: var(--pp-warning);
    background: var(--pp-warning-bg);
    border-color: var(--pp-warning);
  }
  .badge--danger,
  .status--danger {
    color: var(--pp-danger);
    background: var(--pp-danger-bg);
    border-color: var(--pp-danger);
    font-weight: 700;
  }
`;

// margin 0 6px: room on both sides for the focus ring (2px + 2px offset), which must not cover the
// file size PyPI prints right after the badge, "(5.8 kB" (#13.9).
export const BADGE_CSS = css`
  ${TOKENS}
  :host {
    display: inline-block;
    vertical-align: middle;
    margin: 0 6px;
    line-height: 1.2;
  }
  .badge {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    max-width: 28em;
    padding: 2px 8px;
    border: 1px solid;
    border-radius: 999px;
    font: 600 12px/1.3 var(--pp-font);
    cursor: pointer;
    text-align: left;
    white-space: nowrap;
  }
  .badge:hover {
    filter: brightness(0.96);
  }
  .badge[aria-expanded='true'] {
    box-shadow: inset 0 0 0 1px currentColor;
  }
  ${LEVELS}
  /* A long list of old files without provenance is normal: plain muted text, not a wall of pills. */
.badge--absent.badge--neutral {
    background: transparent;
    border-color: transparent;
    color: var(--pp-muted);
    font-weight: 400;
  }
`;

export const SUMMARY_CSS = css`
  ${TOKENS}
  :host {
    display: block;
    margin: 8px 0;
  }
  .sum {
    padding: 6px 10px;
    border: 1px solid var(--pp-border);
    border-radius: 6px;
    background: var(--pp-bg2);
    font: 13px/1.4 var(--pp-font);
    color: var(--pp-fg);
  }
  .sum--danger {
    border-color: var(--pp-danger);
  }
  .sum__who {
    font-weight: 600;
    color: var(--pp-muted);
  }
  .sum__failed {
    color: var(--pp-danger);
    font-weight: 700;
  }
  .sum__pending,
  .sum__absent,
  .sum__error {
    color: var(--pp-muted);
  }
  .sum__history {
    color: var(--pp-muted);
  }
  .sum__history--warning {
    color: var(--pp-warning);
    font-weight: 600;
  }
  .sum__checks {
    display: block;
    margin-top: 2px;
    font-size: 12px;
    color: var(--pp-muted);
  }
`;
