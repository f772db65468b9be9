/**
 * Publisher continuity of one release, from the index's file list, the page's own verdicts and the
 * verified identities of a few earlier releases (chosen by `selectEarlier`). Pure.
 *
 * Only VERIFIED identities count as history: an earlier release whose provenance failed or could
 * not be fetched is listed as examined but never compared with.
 */
import type { VerdictState } from '../verify/verdict';
import { canonicalizeVersion } from '../verify/version';
import { diffIdentity, distinctIdentities } from './identity';
import { hasProvenance, uploadMs, type IndexFileInfo, type Release } from './releases';
import {
  DEFAULT_HISTORY_LIMITS,
  type AbsenceReason,
  type AddedLaterFile,
  type ExaminedRelease,
  type HistoryLimits,
  type HistoryState,
  type IdentityChange,
  type PublisherIdentity,
  type ReleaseChecks,
  type ReleaseHistory,
} from './types';
import { releaseLine } from './versions';

/** PyPI began accepting attestations (PEP 740) on 2024-10-29: files uploaded before cannot have any. */
export const ATTESTATIONS_SINCE = Date.UTC(2024, 9, 29);
export const ADDED_LATER_MS = 24 * 60 * 60 * 1000;

export interface PageFileResult {
  filename: string;
  state: VerdictState;
  /** Verified identity (only when state is verified). */
  identity: PublisherIdentity | null;
}

export interface HistoryInput {
  project: string;
  /** Version as shown on the page; null on simple-index pages. */
  version: string | null;
  releases: Release[];
  pageFiles: PageFileResult[];
  /** Earlier releases looked at: same line first, each group nearest first. */
  examined: ExaminedRelease[];
  earlierWithProvenance: number;
  limits?: HistoryLimits;
}

export function releaseChecks(release: Release, pageIdentities: PublisherIdentity[]): ReleaseChecks {
  const total = release.files.length;
  const attested = release.files.filter((f) => f.provenanceUrl !== null).length;
  const addedLater: AddedLaterFile[] = [];
  if (release.firstUpload !== null) {
    for (const f of release.files) {
      const t = uploadMs(f.uploadTime);
      if (t !== null && t - release.firstUpload > ADDED_LATER_MS) {
        addedLater.push({ filename: f.filename, uploadTime: f.uploadTime!, hoursAfter: Math.floor((t - release.firstUpload) / 3_600_000) });
      }
    }
  }
  const publishers = distinctIdentities(pageIdentities);
  return {
    total,
    attested,
    coverage: total > 0 && attested === total ? 'all' : attested > 0 ? 'some' : 'none',
    publishers,
    mixedPublishers: publishers.length > 1,
    addedLater,
  };
}

function absenceReason(
  file: IndexFileInfo | undefined,
  release: Release | undefined,
  projectHasProvenance: boolean,
  state: HistoryState | null,
): AbsenceReason | null {
  const t = file ? uploadMs(file.uploadTime) : null;
  if (t !== null && t < ATTESTATIONS_SINCE) return 'predates-attestations';
  if (!projectHasProvenance) return 'never';
  if (release && hasProvenance(release)) return 'partial-release';
  if (state === 'lost') return 'lost';
  if (state === 'not-yet') return 'not-yet';
  return null;
}

export function computeHistory(input: HistoryInput): ReleaseHistory {
  const limits = input.limits ?? DEFAULT_HISTORY_LIMITS;
  const version = input.version === null ? null : canonicalizeVersion(input.version);
  const projectHasProvenance = input.releases.some(hasProvenance);
  const firstWithProvenance = input.releases.find(hasProvenance)?.version ?? null;
  const current = version === null ? undefined : input.releases.find((r) => r.version === version);
  const currentIds = distinctIdentities(input.pageFiles.map((f) => (f.state === 'verified' ? f.identity : null)));
  const verifiedEarlier = input.examined.filter((e) => e.outcome === 'verified' && e.identity !== null);
  const reference = verifiedEarlier.find((e) => e.sameLine) ?? verifiedEarlier[0] ?? null;

  let state: HistoryState;
  let compared: ExaminedRelease | null = null;
  let changes: IdentityChange[] = [];
  if (version === null) {
    state = projectHasProvenance ? 'unknown' : 'never';
  } else if (currentIds.length === 0) {
    const currentAttested = current !== undefined && hasProvenance(current);
    const anyPageFinal = input.pageFiles.some((f) => f.state === 'absent');
    if (currentAttested || !anyPageFinal) state = 'unknown';
    else if (!projectHasProvenance) state = 'never';
    else if (reference) {
      state = 'lost';
      compared = reference;
    } else if (input.earlierWithProvenance > 0) state = 'unknown';
    else state = 'not-yet';
  } else if (reference) {
    compared = reference;
    const differing = currentIds.map((id) => diffIdentity(reference.identity!, id)).find((d) => d.length > 0);
    if (differing) {
      state = 'changed';
      changes = differing;
    } else state = 'same';
  } else {
    state = input.earlierWithProvenance === 0 ? 'new' : 'unknown';
  }

  const byName = new Map<string, { file: IndexFileInfo; release: Release }>();
  for (const r of input.releases) for (const f of r.files) byName.set(f.filename, { file: f, release: r });
  const absence: Record<string, AbsenceReason> = {};
  for (const f of input.pageFiles) {
    if (f.state !== 'absent') continue;
    const at = byName.get(f.filename);
    const why = absenceReason(at?.file, at?.release, projectHasProvenance, version === null ? null : state);
    if (why) absence[f.filename] = why;
  }

  return {
    project: input.project,
    version,
    state,
    line: version === null ? null : releaseLine(version),
    current: currentIds,
    compared,
    changes,
    examined: input.examined,
    earlierWithProvenance: input.earlierWithProvenance,
    firstWithProvenance,
    checks: current ? releaseChecks(current, currentIds) : null,
    absence,
    limits,
  };
}
