/** Export the page's verdicts (JSON / Markdown) and match a downloaded file (hashed locally, never uploaded). */
import { useState } from 'preact/hooks';
import { W } from './wording';

export function ReportActions({
  onExport,
  onMatchFile,
}: {
  onExport?(format: 'json' | 'markdown'): void;
  onMatchFile?(file: Blob & { name?: string }): Promise<string>;
}) {
  const [match, setMatch] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  if (!onExport && !onMatchFile) return null;
  const run = (file: (Blob & { name?: string }) | null | undefined) => {
    if (!file || !onMatchFile) return;
    setMatch(W.hashing);
    onMatchFile(file).then(setMatch, () => setMatch(W.hashFailed));
  };
  return (
    <section class="report">
      {onExport ? (
        <div class="actions">
          <button type="button" class="btn btn--small" data-action="export-json" onClick={() => onExport('json')}>
            {W.saveReportJson}
          </button>
          <button type="button" class="btn btn--small" data-action="export-markdown" onClick={() => onExport('markdown')}>
            {W.saveReportMarkdown}
          </button>
        </div>
      ) : null}
      {onMatchFile ? (
        <div
          class={`match${dragging ? ' match--over' : ''}`}
          data-action="match-drop"
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={(e) => {
            e.preventDefault();
            setDragging(false);
            run(e.dataTransfer?.files?.[0]);
          }}
        >
          <label class="small">
            {W.matchFileLabel}{' '}
            <input
              type="file"
              data-action="match-file"
              accept=".whl,.tar.gz,.zip"
              onChange={(e) => run((e.currentTarget as HTMLInputElement).files?.[0])}
            />
          </label>
          {match ? (
            <p class="match__result mono small" role="status">
              {match}
            </p>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
