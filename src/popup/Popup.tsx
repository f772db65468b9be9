/** Toolbar popup: the current tab's files and their states, and a way to the settings. */
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { Icon, iconFor } from '../ui/icons';
import { statusText } from '../ui/status';
import { checkedAgainst, P, WHO } from '../ui/wording';
import { popupSummary } from './summary';
import { fetchTabStatus, type TabStatus } from './tab-status';

type Load = { kind: 'loading' } | { kind: 'done'; status: TabStatus | null } | { kind: 'failed' };

export function Popup() {
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  useEffect(() => {
    fetchTabStatus().then(
      (status) => setLoad({ kind: 'done', status }),
      () => setLoad({ kind: 'failed' }),
    );
  }, []);
  return (
    <main class="popup">
      <header>
        <h1>{P.title}</h1>
        <p class="speaker">{WHO.speaker}</p>
      </header>
      {/* One live region for the state of the tab: read out by screen readers when it changes. */}
      <p
        id="popup-summary"
        class={load.kind === 'done' && load.status && load.status.files.length > 0 ? 'summary' : 'muted'}
        role="status"
        aria-live="polite"
      >
        {load.kind === 'loading' ? P.loading : null}
        {load.kind === 'failed' ? P.unavailable : null}
        {load.kind === 'done' && (load.status === null || load.status.files.length === 0) ? P.noPage : null}
        {load.kind === 'done' && load.status && load.status.files.length > 0 ? popupSummary(load.status.files) : null}
      </p>
      {load.kind === 'done' && load.status && load.status.files.length > 0 ? (
        <>
          <p class="project">
            <span class="mono">{load.status.project ?? ''}</span>{' '}
            {load.status.version ? <span class="mono">{load.status.version}</span> : null} · {P.files(load.status.files.length)}
            {load.status.index && load.status.index !== 'pypi.org' ? (
              <span class="index"> · {checkedAgainst(load.status.index)}</span>
            ) : null}
          </p>
          <ul class="files" aria-label={P.filesLabel}>
            {load.status.files.map((f) => {
              const pinMismatch = f.level === 'danger' && f.state !== 'failed';
              return (
                <li key={f.filename} data-filename={f.filename} data-state={f.state} data-level={f.level}>
                  <span class="mono file">{f.filename}</span>
                  <span class={`status status--${f.level}`}>
                    <Icon name={iconFor(f.state, f.level, pinMismatch)} /> {statusText(f.state, f.level, { pinMismatch })}
                  </span>
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
      <footer>
        <button id="open-options" type="button" class="btn" onClick={() => void browser.runtime.openOptionsPage()}>
          {P.options}
        </button>
      </footer>
    </main>
  );
}
