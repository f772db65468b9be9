/** Toolbar popup: the current tab's files and their states, and a way to the settings. */
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { readResolvedSettings } from '../settings-storage';
import { checkedAgainst, P, WHO } from '../ui/wording';
import { FileRow } from './FileRow';
import { LinkList } from './LinkList';
import { popupSummary } from './summary';
import { fetchTabStatus, openPanelOnPage, type TabStatus } from './tab-status';

type Load = { kind: 'loading' } | { kind: 'done'; status: TabStatus | null } | { kind: 'failed' };

const notOnPage = (s: TabStatus) => s.files.filter((f) => f.onPage === false).length;

function summaryClass(load: Load, strict: boolean): string {
  if (load.kind !== 'done' || !load.status) return 'muted';
  if (load.status.pageList === 'missing') return strict ? 'summary list-missing warning' : 'summary list-missing';
  return load.status.files.length > 0 ? 'summary' : 'muted';
}

/** Row click: open that file's panel on the page, then get out of the way. */
function openOn(status: TabStatus): ((filename: string) => void) | undefined {
  const tabId = status.tabId;
  if (tabId === undefined) return undefined;
  return (filename) => {
    openPanelOnPage(tabId, filename).then(
      () => window.close(),
      () => undefined, // the page has no content script (yet): the list stays
    );
  };
}

export function Popup() {
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [strict, setStrict] = useState(false);
  useEffect(() => {
    readResolvedSettings().then(
      (r) => setStrict(r.settings.strict),
      () => undefined,
    );
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
      <p id="popup-summary" class={summaryClass(load, strict)} role="status" aria-live="polite">
        {load.kind === 'loading' ? P.loading : null}
        {load.kind === 'failed' ? P.unavailable : null}
        {load.kind === 'done' && load.status?.pageList === 'missing' ? P.listMissing : null}
        {load.kind === 'done' && load.status?.pageList === 'none' ? P.releaseWithoutFiles : null}
        {load.kind === 'done' && load.status?.pageList !== 'missing' && load.status?.pageList !== 'none' && !load.status?.files.length
          ? P.noPage
          : null}
        {load.kind === 'done' && load.status && load.status.files.length > 0 && load.status.pageList !== 'missing'
          ? popupSummary(load.status.files)
          : null}
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
          {notOnPage(load.status) > 0 ? <p class="not-on-page">{P.notOnPage(notOnPage(load.status))}</p> : null}
          <ul class="files" aria-label={P.filesLabel}>
            {load.status.files.map((f) => (
              <FileRow key={f.filename} file={f} onOpen={openOn(load.status!)} />
            ))}
          </ul>
          {load.status.links?.length ? <LinkList links={load.status.links} /> : null}
          <p class="from-index">{P.fromIndex}</p>
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
