/**
 * The details panel for one file. Says only what was proven; who is speaking is in the header.
 * Rendered inside a closed shadow root on pypi.org: no style attributes, only classes + PANEL_CSS.
 */
import { useEffect, useRef } from 'preact/hooks';
import type { PanelProps } from './types';
import { AttestationList } from './AttestationList';
import { Commands } from './Commands';
import { FailedBody } from './FailedBody';
import { HistoryNote } from './HistoryNote';
import { ReportActions } from './ReportActions';
import { Icon, iconFor } from './icons';
import { verifiedIdentity } from './identity';
import { normalizeFile } from './normalize';
import { PinStatus } from './PinStatus';
import { PypiView } from './PypiView';
import { AbsentBody, ErrorBody, PendingBody } from './SimpleStates';
import { fileState, fileStatusText } from './status';
import { citedAttestation, VerifiedBody } from './VerifiedBody';
import { formatUtc } from './time';
import { speakerFor, W } from './wording';

export function Panel({ file: rawFile, onClose, onSaveProvenance, onRetry, onPinPublisher, onExport, onMatchFile }: PanelProps) {
  const file = normalizeFile(rawFile);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const v = file.verdict;
  const state = fileState(file);
  const identity = verifiedIdentity(v);
  const hasProvenance = v !== null && (state === 'verified' || state === 'failed');
  // Controls that cannot help here are left out: nothing to re-check or match when no file of the
  // release has provenance, and an error says nothing about the file or its history.
  const noneAttested = state === 'absent' && rawFile.history?.checks?.coverage === 'none';
  const historyHelps = state !== 'error' && !(noneAttested && (rawFile.history?.state === 'never' || rawFile.history?.state === 'unknown'));
  const canPin = state === 'verified' && identity !== null && identity.kind !== 'other' && onPinPublisher && file.pin.status !== 'match';
  return (
    // A disclosure region (the badge is its aria-expanded button), not a dialog: it sits in the page's
    // flow and does not trap focus. Close comes after the heading, so the heading is read first.
    <section class={`panel panel--${file.level} panel--${state}`} aria-label={W.panelLabel(file.filename)} data-state={state}>
      <header class="panel__header">
        <div class="panel__speaker">{speakerFor(file.index)}</div>
        <h2 class="panel__title" tabIndex={-1} ref={heading}>
          <span class={`status status--${file.level}`}>
            <Icon name={iconFor(state, file.level, file.pin.status === 'mismatch')} /> {fileStatusText(file)}
          </span>
          <span class="panel__file mono">{file.filename}</span>
        </h2>
        <button type="button" class="btn btn--close" aria-label={W.closeLabel} onClick={() => onClose()}>
          {W.close}
        </button>
      </header>
      <PinStatus pin={file.pin} project={file.project} />
      {v === null || state === 'pending' ? <PendingBody /> : null}
      {v && state === 'verified' ? <VerifiedBody verdict={v} /> : null}
      {v && state === 'failed' ? <FailedBody verdict={v} release={file} /> : null}
      {v && state === 'absent' ? <AbsentBody strict={file.strict} /> : null}
      {v && state === 'error' ? <ErrorBody verdict={v} onRetry={onRetry} /> : null}
      {v && hasProvenance ? (
        <AttestationList
          attestations={v.attestations}
          filename={file.filename}
          shown={v.reasons}
          logShownFor={state === 'verified' ? citedAttestation(v) : null}
        />
      ) : null}
      {v?.reasons.some((r) => r.code === 'TRUST_ROOT_KEY_UNKNOWN') ? (
        <p class="small" data-trust-root-stale="">
          {W.trustRootStale}
        </p>
      ) : null}
      {historyHelps ? <HistoryNote history={rawFile.history} filename={file.filename} /> : null}
      {/* A failed file's advice links PyPI's details itself (FailedBody): one link, not two. */}
      {(v && state === 'verified') || state === 'error' ? <PypiView file={file} /> : null}
      {hasProvenance ? <Commands file={file} identity={identity} onSaveProvenance={onSaveProvenance} /> : null}
      <ReportActions onExport={onExport} onMatchFile={state === 'error' || noneAttested ? undefined : onMatchFile} />
      <footer class="panel__footer">
        <div class="actions">
          {state !== 'error' && state !== 'pending' && !noneAttested ? (
            <button type="button" class="btn" data-action="retry" onClick={() => onRetry()}>
              <Icon name="retry" /> {W.retry}
            </button>
          ) : null}
          {canPin ? (
            <button type="button" class="btn" data-action="pin" title={W.pinPublisherHint} onClick={() => onPinPublisher?.()}>
              <Icon name="pin" /> {W.pinPublisher}
            </button>
          ) : null}
        </div>
        {v?.checkedAt ? <p class="small muted">{W.checkedAt(formatUtc(v.checkedAt))}</p> : null}
      </footer>
    </section>
  );
}
