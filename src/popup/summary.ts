/**
 * The popup's one-sentence summary for screen readers (and everyone): "1 file FAILED the provenance
 * check; 7 of 8 files have verified provenance". Pure; the same wording and order as the on-page
 * summary line (ui/wording S).
 */
import { S } from '../ui/wording';
import type { TabFile } from './tab-status';

export function popupSummary(files: TabFile[]): string {
  if (files.length === 0) return S.noFiles;
  const n = (f: (x: TabFile) => boolean) => files.filter(f).length;
  const verified = n((f) => f.state === 'verified');
  const failed = n((f) => f.state === 'failed');
  // A pin mismatch is the only other way a file reaches 'danger' (see background/pins.ts).
  const pinMismatch = n((f) => f.state !== 'failed' && f.level === 'danger');
  const pending = n((f) => f.state === 'pending');
  const absent = n((f) => f.state === 'absent');
  const error = n((f) => f.state === 'error');
  // Failures lead, as on the page's summary line: "6 files FAILED the provenance check; 0 of 7 …".
  const parts: string[] = [];
  if (failed > 0) parts.push(S.failed(failed));
  if (pinMismatch > 0) parts.push(S.pinMismatch(pinMismatch));
  parts.push(S.verifiedOf(verified, files.length));
  if (pending > 0) parts.push(S.checking(pending));
  if (absent > 0) parts.push(S.absent(absent));
  if (error > 0) parts.push(S.error(error));
  return `${parts.join('; ')}.`;
}
