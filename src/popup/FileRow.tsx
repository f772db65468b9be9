/**
 * One file of the popup's list: name (wrapping only at - and .), sha256 prefix, state, publisher, a
 * failure's reason (or several publishers) with its code, and what that means for the file / what
 * to do (`consequence_<code>`, as the panel says it).
 */
import { Icon, iconFor } from '../ui/icons';
import { statusText } from '../ui/status';
import { P, reasonConsequence, reasonText } from '../ui/wording';
import { filenameBreaks, type TabFile } from './tab-status';

function Filename({ name }: { name: string }) {
  return (
    <span class="mono file">
      {filenameBreaks(name).map((part, i) => (
        <>
          {i > 0 ? <wbr /> : null}
          {part}
        </>
      ))}
    </span>
  );
}

export function FileRow({ file, onOpen }: { file: TabFile; onOpen?: (filename: string) => void }) {
  const pinMismatch = file.level === 'danger' && file.state !== 'failed';
  const notOnPage = file.onPage === false;
  const multiplePublishers = file.state === 'verified' && file.reason?.code === 'MULTIPLE_PUBLISHERS';
  const showReason = file.reason && (file.state === 'failed' || file.state === 'error' || pinMismatch || multiplePublishers);
  const next = showReason ? reasonConsequence(file.reason!.code) : '';
  const body = (
    <>
      <span class="row-main">
        <Filename name={file.filename} />
        <span class={`status status--${file.level}`}>
          <Icon name={iconFor(file.state, file.level, pinMismatch)} /> {statusText(file.state, file.level, { pinMismatch })}
        </span>
      </span>
      <span class="row-meta">
        {file.sha256 ? <span class="mono sha">sha256 {file.sha256.slice(0, 12)}…</span> : null}
        {file.publisher ? <span class="publisher">{P.publisher(file.publisher)}</span> : null}
        {notOnPage ? <span class="tag">{P.notOnPageTag}</span> : null}
      </span>
      {showReason ? (
        <span class={multiplePublishers ? 'reason reason--note' : 'reason'} data-code={file.reason!.code}>
          {reasonText(file.reason!)} <span class="mono code">({file.reason!.code})</span>
        </span>
      ) : null}
      {next ? <span class="reason__next">{next}</span> : null}
    </>
  );
  return (
    <li
      data-filename={file.filename}
      data-state={file.state}
      data-level={file.level}
      data-on-page={notOnPage ? 'false' : 'true'}
      data-sha256={file.sha256 ?? ''}
    >
      {onOpen && !notOnPage ? (
        <button type="button" class="row" title={P.openPanel(file.filename)} onClick={() => onOpen(file.filename)}>
          {body}
        </button>
      ) : (
        <div class="row">{body}</div>
      )}
    </li>
  );
}
