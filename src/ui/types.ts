/**
 * Props contract between the content script (which mounts UI into closed shadow roots on pypi.org)
 * and the Preact UI components in src/ui/. Keep it small and stable.
 */
import type { Verdict, VerdictLevel } from '../verify/verdict';
import type { IndexHost, PinCheck } from '../messages';
import type { ReleaseHistory } from '../history/types';

/** Everything the UI knows about one file on the page. */
export interface FileView {
  filename: string;
  index: IndexHost;
  /** PEP 503 normalised project name. */
  project: string;
  /** Version of the release the file belongs to (null if unknown, e.g. simple index). */
  version: string | null;
  /** sha256 shown on the page, if any. */
  pageSha256: string | null;
  /** null while pending (no answer from the worker yet). */
  verdict: Verdict | null;
  level: VerdictLevel;
  /** The file's own level as the worker sent it, before the history may raise `level` (strict mode). */
  ownLevel?: VerdictLevel;
  pin: PinCheck;
  strict: boolean;
  /**
   * The distinct publisher labels of the verdict's verified signatures, the upload's first, as the
   * worker sent them (`publisherLabels`, FileVerdictMessage.publishers): the summary line names them.
   */
  publishers?: string[];
  /** The index's download URL for the file, when it gave an acceptable one (download guard). */
  downloadUrl?: string;
  /** The page's publisher history (same object for every file; arrives after the verdicts). */
  history?: ReleaseHistory | null;
}

export interface PanelProps {
  file: FileView;
  onClose(): void;
  /** Ask the worker for the raw provenance JSON and save it as a file. */
  onSaveProvenance(): void;
  /** Re-run the check bypassing the cache. */
  onRetry(): void;
  /** Pin the verified publisher of this file for its project (optional feature). */
  onPinPublisher?(): void;
  /** Save the page's verdicts as a report (optional feature). */
  onExport?(format: 'json' | 'markdown'): void;
  /** Hash a local file (never uploaded) and match it against the release's verified files (optional feature). */
  onMatchFile?(file: Blob & { name?: string }): Promise<string>;
}
