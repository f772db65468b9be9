/** CSS for the details panel (loaded with the panel, see src/content/panel-app.ts); tokens from styles.ts. */
import { css } from './css';
import { LEVELS, TOKENS } from './styles';

export const PANEL_CSS = css`
  ${TOKENS}
  :host {
    --pp-link: #0b57d0;
    --pp-mono: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    display: block;
    margin: 8px 0;
    font-size: 14px;
    line-height: 1.45;
  }
  .mono,
  code,
  pre {
    font-family: var(--pp-mono);
    font-size: 0.92em;
  }
  .panel {
    position: relative;
    max-width: 52em;
    padding: 12px 16px 14px;
    border: 2px solid var(--pp-border);
    border-left-width: 6px;
    border-radius: 8px;
    background: var(--pp-bg);
    color: var(--pp-fg);
    box-shadow: 0 2px 10px rgba(0, 0, 0, 0.12);
  }
  .panel--ok {
    border-left-color: var(--pp-ok);
  }
  .panel--warning {
    border-left-color: var(--pp-warning);
  }
  .panel--danger {
    border-color: var(--pp-danger);
  }
  /* DOM order speaker, heading, Close (the heading is read first); Close sits top right. */
  .panel__header {
    display: grid;
    grid-template-columns: 1fr auto;
    align-items: center;
    gap: 6px 8px;
    margin: -4px 0 8px;
    padding-bottom: 8px;
    border-bottom: 1px dashed var(--pp-border);
  }
  .panel__speaker {
    grid-area: 1 / 1;
    font-size: 12px;
    font-weight: 600;
    color: var(--pp-muted);
    letter-spacing: 0.02em;
  }
  .btn--close {
    grid-area: 1 / 2;
  }
  .panel__title {
    grid-column: 1 / -1;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 8px;
    margin: 0;
    font-size: 16px;
  }
  .panel__file {
    font-weight: 400;
    color: var(--pp-muted);
    word-break: break-all;
  }
  .status {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    padding: 2px 8px;
    border: 1px solid;
    border-radius: 999px;
    font-size: 14px;
  }
  h3 {
    font-size: 14px;
    margin: 12px 0 4px;
  }
  h4.cert__h {
    font-size: 13px;
    margin: 10px 0 4px;
  }
  p {
    margin: 4px 0;
  }
  a {
    color: var(--pp-link);
  }
  code {
    background: var(--pp-bg2);
    padding: 0 3px;
    border-radius: 3px;
    overflow-wrap: anywhere;
  }
  .small {
    font-size: 12px;
  }
  .muted {
    color: var(--pp-muted);
  }
  .state__title {
    font-size: 15px;
    margin-top: 4px;
  }
  .state--failed .state__title,
  .att__result--failed,
  .sum__failed {
    color: var(--pp-danger);
  }
  .todo {
    margin: 8px 0;
    padding: 6px 10px;
    border: 1px solid var(--pp-danger);
    border-radius: 6px;
    background: var(--pp-danger-bg);
  }
  .todo__first {
    font-weight: 700;
    color: var(--pp-danger);
  }
  .todo__h {
    margin: 6px 0 2px;
  }
  .todo__causes {
    margin: 2px 0;
    padding-left: 1.3em;
  }
  .state--strict .state__title,
  .strict-note {
    color: var(--pp-warning);
  }
  .unverified-note,
  .claimed {
    color: var(--pp-muted);
    font-style: italic;
  }
  .claimed__label {
    font-weight: 600;
  }
  .facts--built {
    margin-top: 6px;
    padding-top: 6px;
    border-top: 1px dotted var(--pp-border);
  }
  .not-proven {
    margin: 12px 0 4px;
    padding: 8px 12px;
    border: 1px solid var(--pp-border);
    border-radius: 6px;
    background: var(--pp-bg2);
  }
  .not-proven h3 {
    margin-top: 0;
  }
  .proves__title {
    margin: 8px 0 2px;
  }
  .not-proven ul,
  ul.proves,
  .reasons,
  .pin ul {
    margin: 4px 0;
    padding-left: 1.3em;
  }
  .reasons li {
    margin: 2px 0;
  }
  .reason__next {
    display: block;
  }
  .reason__detail {
    display: block;
    color: var(--pp-muted);
    word-break: break-word;
  }
  .pin {
    margin: 6px 0;
    padding: 6px 10px;
    border-radius: 6px;
  }
  .pin--match {
    background: var(--pp-ok-bg);
    color: var(--pp-ok);
  }
  .pin--mismatch {
    background: var(--pp-danger-bg);
    color: var(--pp-danger);
    border: 1px solid var(--pp-danger);
  }
  .atts__list {
    margin: 4px 0;
    padding-left: 1.3em;
  }
  .att {
    margin: 6px 0 10px;
  }
  .att__type {
    font-weight: 600;
  }
  .att__result {
    font-size: 12px;
    text-transform: uppercase;
    letter-spacing: 0.04em;
  }
  .att__result--ok {
    color: var(--pp-ok);
  }
  .kvs {
    margin: 4px 0;
  }
  .kv {
    display: grid;
    grid-template-columns: 11em 1fr;
    gap: 8px;
    margin: 2px 0;
  }
  .kv dt {
    color: var(--pp-muted);
  }
  .kv dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .validity--outside {
    color: var(--pp-danger);
    font-weight: 600;
  }
  .cert {
    margin: 6px 0;
    padding: 4px 8px;
    border: 1px solid var(--pp-border);
    border-radius: 6px;
  }
  .cert > summary {
    cursor: pointer;
    font-weight: 600;
  }
  .cert--unverified > summary {
    color: var(--pp-muted);
    font-style: italic;
  }
  .exts,
  .chain {
    margin: 4px 0;
    padding-left: 1.3em;
  }
  .ext {
    margin: 4px 0;
  }
  .ext__name {
    font-weight: 600;
  }
  .ext__oid,
  .ext__desc {
    color: var(--pp-muted);
    font-size: 12px;
  }
  .ext__value {
    overflow-wrap: anywhere;
  }
  .cert__legacy {
    margin: 8px 0 4px;
  }
  .cert__legacy > summary {
    cursor: pointer;
    font-size: 13px;
    font-weight: 600;
  }
  .hex__value {
    overflow-wrap: anywhere;
  }
  .hex__g {
    margin-right: 0.3em;
  }
  .hex .copy {
    vertical-align: 1px;
  }
  .pem,
  .cmd__text {
    margin: 4px 0;
    padding: 6px 8px;
    background: var(--pp-bg2);
    border: 1px solid var(--pp-border);
    border-radius: 4px;
    font-size: 11px;
    white-space: pre-wrap;
    word-break: break-all;
  }
  .pem {
    max-height: 14em;
    overflow: auto;
  }
  .cmd {
    display: flex;
    gap: 8px;
    align-items: flex-start;
  }
  .cmd__text {
    flex: 1;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    align-items: center;
    margin: 6px 0;
  }
  .btn {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    padding: 4px 10px;
    border: 1px solid var(--pp-border);
    border-radius: 6px;
    background: var(--pp-bg2);
    color: var(--pp-fg);
    font: 13px/1.3 var(--pp-font);
    cursor: pointer;
  }
  .btn:hover {
    border-color: var(--pp-fg);
  }
  .btn--small {
    padding: 2px 8px;
    font-size: 12px;
  }
  .btn--primary {
    background: var(--pp-link);
    border-color: var(--pp-link);
    color: var(--pp-bg);
  }
  .copy {
    display: inline-flex;
    gap: 6px;
    align-items: center;
  }
  .copy__status {
    font-size: 12px;
    color: var(--pp-muted);
  }
  .hist {
    margin: 10px 0 4px;
    padding: 6px 10px;
    border: 1px solid var(--pp-border);
    border-radius: 6px;
  }
  .hist--warning {
    border-color: var(--pp-warning);
    background: var(--pp-warning-bg);
  }
  .hist__title {
    margin: 0 0 4px;
    font-size: 14px;
  }
  .hist__main,
  .hist__absence {
    margin: 4px 0;
  }
  .hist__changes,
  .hist__checks,
  .hist__examined ul {
    margin: 4px 0;
    padding-left: 1.3em;
    overflow-wrap: anywhere;
  }
  .report {
    margin: 8px 0;
  }
  .match {
    margin: 6px 0;
    padding: 6px 8px;
    border: 1px dashed var(--pp-border);
    border-radius: 6px;
  }
  .match--over {
    border-color: var(--pp-link);
  }
  .match__result {
    margin: 4px 0 0;
    overflow-wrap: anywhere;
  }
  .pypi-view {
    margin: 10px 0 4px;
    color: var(--pp-muted);
  }
  .panel__footer {
    margin-top: 10px;
    padding-top: 6px;
    border-top: 1px dashed var(--pp-border);
  }
  ${LEVELS}
`;
