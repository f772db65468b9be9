/** Counting for the release summary line (pure, testable). */
import type { VerdictState } from '../verify/verdict';
import { fileState } from './status';
import type { FileView } from './types';

export interface SummaryCounts {
  total: number;
  byState: Record<VerdictState, number>;
  pinMismatch: number;
  /** Verified files whose signatures name more than one publisher. */
  multiplePublishers: number;
  /** Distinct publisher labels of verified files (every verified signature's, `FileView.publishers`), in page order. */
  publishers: string[];
}

export function countFiles(files: FileView[]): SummaryCounts {
  const byState: Record<VerdictState, number> = { verified: 0, failed: 0, absent: 0, error: 0, pending: 0 };
  const publishers: string[] = [];
  let pinMismatch = 0;
  let multiplePublishers = 0;
  for (const f of files) {
    const state = fileState(f);
    byState[state]++;
    if (f.pin.status === 'mismatch') pinMismatch++;
    // Only a file shown verified names a publisher (labels of an earlier verdict never count).
    const labels = state === 'verified' ? [...new Set(f.publishers ?? [])] : [];
    if (labels.length > 1) multiplePublishers++;
    for (const label of labels) if (!publishers.includes(label)) publishers.push(label);
  }
  return { total: files.length, byState, pinMismatch, multiplePublishers, publishers };
}
