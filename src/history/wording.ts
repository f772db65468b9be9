/**
 * What the extension says about publisher history: neutral by default, benign reasons offered;
 * amber (`warning`) only for changed / lost; never red (red is for cryptographic failures and pins).
 */
import type { VerdictLevel } from '../verify/verdict';
import { describeIdentity } from './identity';
import type { AbsenceReason, HistoryState, IdentityChange, ReleaseChecks, ReleaseHistory } from './types';

export const BENIGN_REASONS =
  'This can be a move to an organisation, a renamed workflow or a new publishing tool — check the project’s announcements.';

const FIELD_NAMES: Record<IdentityChange['field'], string> = {
  kind: 'publisher kind',
  repository: 'repository',
  workflow: 'workflow',
  environment: 'environment',
  email: 'service account',
};

export function describeChange(c: IdentityChange): string {
  return `${FIELD_NAMES[c.field]}: ${c.before ?? 'none'} → ${c.after ?? 'none'}`;
}

export function historyLevel(state: HistoryState): VerdictLevel {
  return state === 'changed' || state === 'lost' ? 'warning' : 'neutral';
}

/** One sentence for the summary line. */
export function historySentence(h: ReleaseHistory): string {
  const ref = h.compared ? h.compared.version : null;
  switch (h.state) {
    case 'same':
      return `Published the same way as ${ref} (${describeIdentity(h.compared!.identity!)}).`;
    case 'changed':
      return `Published differently from ${ref} (${h.changes.map(describeChange).join('; ')}). ${BENIGN_REASONS}`;
    case 'lost':
      return `No provenance for this release, but ${ref} had verified provenance (${describeIdentity(h.compared!.identity!)}). This can be a manual upload or a change of publishing tool — check the project’s announcements.`;
    case 'new':
      return h.earlierWithProvenance === 0 && h.firstWithProvenance === h.version
        ? 'First release of this project with provenance.'
        : 'No earlier release of this project has provenance.';
    case 'never':
      return 'No release of this project has provenance; many projects do not publish it yet.';
    case 'not-yet':
      return `This release predates the project’s first release with provenance (${h.firstWithProvenance ?? 'a later one'}).`;
    case 'unknown':
      return 'Could not compare with earlier releases.';
  }
}

export const ABSENCE_TEXT: Record<AbsenceReason, string> = {
  'predates-attestations': 'Uploaded before PyPI accepted attestations (29 October 2024).',
  never: 'No release of this project has provenance.',
  lost: 'Earlier releases had provenance; this one has none.',
  'not-yet': 'Only later releases of this project have provenance.',
  'partial-release':
    'Other files of this release have provenance; this one was uploaded without it (for example by hand or by another tool).',
};

/** Short lines for the release checks ("2 of 3 files attested", "mixed publishers", "added later"). */
export function checkLines(c: ReleaseChecks): string[] {
  const out: string[] = [];
  if (c.coverage === 'all') out.push(`All ${c.total} files of this release have provenance in the index.`);
  else if (c.coverage === 'some') out.push(`${c.attested} of ${c.total} files of this release have provenance in the index.`);
  else out.push(`None of the ${c.total} files of this release has provenance in the index.`);
  if (c.mixedPublishers)
    out.push(`Files of this release were published by different identities: ${c.publishers.map(describeIdentity).join('; ')}.`);
  for (const f of c.addedLater.slice(0, 5)) out.push(`${f.filename} was added ${f.hoursAfter} h after the release’s first file.`);
  if (c.addedLater.length > 5) out.push(`…and ${c.addedLater.length - 5} more files added later.`);
  return out;
}

/** How many earlier releases were looked at, for the panel ("looked at 3 earlier releases"). */
export function boundsSentence(h: ReleaseHistory): string {
  return `Looked at ${h.examined.length} earlier release${h.examined.length === 1 ? '' : 's'} with provenance (at most ${h.limits.sameLine} in the same release line and ${h.limits.overall} before it; ${h.earlierWithProvenance} earlier with provenance in all).`;
}
