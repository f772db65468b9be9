/**
 * Props contract between the content script (which mounts UI into closed shadow roots on pypi.org)
 * and the Preact UI components in src/ui/. Keep it small and stable.
 */
import type { Verdict, VerdictLevel } from '../verify/verdict';
import type { IndexHost, PinCheck } from '../messages';

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
  pin: PinCheck;
  strict: boolean;
}

export interface BadgeProps {
  file: FileView;
  expanded: boolean;
  /** Toggle the panel (click or Enter/Space). */
  onToggle(): void;
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
}

export interface SummaryProps {
  files: FileView[];
  project: string;
  version: string | null;
}
