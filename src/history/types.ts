/**
 * Publisher history of a release: types shared by the worker (which computes it), the message
 * protocol (src/messages.ts) and the UI. Pure data, JSON-safe.
 */

/**
 * - `same`: the nearest earlier release looked at (same release line first) was published by the same identity;
 * - `changed`: it was published by a different identity (see `changes`);
 * - `lost`: earlier releases had verified provenance, this one has none;
 * - `new`: this is the first release with provenance (no earlier release has any);
 * - `never`: no release of the project has provenance (neutral);
 * - `not-yet`: this release has none, but only LATER releases have provenance (it predates the move);
 * - `unknown`: could not tell (this release's own files did not verify, or earlier provenance could not be checked).
 */
export type HistoryState = 'same' | 'changed' | 'lost' | 'new' | 'never' | 'not-yet' | 'unknown';
export const HISTORY_STATES: readonly HistoryState[] = ['same', 'changed', 'lost', 'new', 'never', 'not-yet', 'unknown'];

/** A verified publisher identity, reduced to what is compared between releases. */
export interface PublisherIdentity {
  kind: string;
  repository?: string;
  workflow?: string;
  /** As stated in the provenance (not in the certificate): context only. */
  environment?: string | null;
  /** Google service account. */
  email?: string;
}

export type IdentityField = 'kind' | 'repository' | 'workflow' | 'environment' | 'email';
export const IDENTITY_FIELDS: readonly IdentityField[] = ['kind', 'repository', 'workflow', 'environment', 'email'];

export interface IdentityChange {
  field: IdentityField;
  before: string | null;
  after: string | null;
}

/** Why a file has no provenance, when it can be known. */
export type AbsenceReason = 'predates-attestations' | 'never' | 'lost' | 'not-yet' | 'partial-release';
export const ABSENCE_REASONS: readonly AbsenceReason[] = ['predates-attestations', 'never', 'lost', 'not-yet', 'partial-release'];

/** An earlier release whose provenance was looked at. */
export interface ExaminedRelease {
  version: string;
  /** In the same release line as the shown release. */
  sameLine: boolean;
  /** The one file whose provenance was checked. */
  filename: string;
  /** Verified identity, or null when its provenance did not verify / could not be fetched. */
  identity: PublisherIdentity | null;
  outcome: 'verified' | 'failed' | 'error';
}

export interface AddedLaterFile {
  filename: string;
  uploadTime: string;
  /** Whole hours after the release's first file. */
  hoursAfter: number;
}

export interface ReleaseChecks {
  /** Files of the release in the index. */
  total: number;
  /** Files the index lists with provenance. */
  attested: number;
  coverage: 'all' | 'some' | 'none';
  /** Distinct verified identities among the release's files on the page (more than one = mixed). */
  publishers: PublisherIdentity[];
  mixedPublishers: boolean;
  /** Files uploaded more than 24 h after the release's first file. */
  addedLater: AddedLaterFile[];
}

export interface HistoryLimits {
  /** Earlier releases with provenance looked at in the same release line. */
  sameLine: number;
  /** Earlier releases with provenance looked at outside the release line. */
  overall: number;
}

export const DEFAULT_HISTORY_LIMITS: HistoryLimits = { sameLine: 3, overall: 2 };

export interface ReleaseHistory {
  project: string;
  /** Canonical version of the shown release; null on simple-index pages (no history, only absence reasons). */
  version: string | null;
  state: HistoryState;
  /** Release line of the shown release, e.g. "2" or "0.4". */
  line: string | null;
  /** Distinct verified identities of the shown release. */
  current: PublisherIdentity[];
  /** The earlier release compared with (nearest with verified provenance, same line first). */
  compared: ExaminedRelease | null;
  /** Field-by-field differences (state `changed`). */
  changes: IdentityChange[];
  /** Every earlier release looked at, nearest first. */
  examined: ExaminedRelease[];
  /** Earlier releases whose files the index lists with provenance (looked at or not). */
  earlierWithProvenance: number;
  /** Earliest release (by version) the index lists with provenance, if any. */
  firstWithProvenance: string | null;
  checks: ReleaseChecks | null;
  /** Absent files of the page → why (only when known). */
  absence: Record<string, AbsenceReason>;
  limits: HistoryLimits;
}
