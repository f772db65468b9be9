/**
 * Group an index's files into releases and choose which earlier releases to look at (bounded).
 * Pure. Files come from the JSON simple index (hostile input already validated by the worker).
 */
import { parseDistFilename } from '../verify/filename';
import { canonicalizeVersion } from '../verify/version';
import type { HistoryLimits } from './types';
import { compareVersions, releaseLine } from './versions';

export interface IndexFileInfo {
  filename: string;
  sha256: string;
  /** Integrity API URL, or null when the index lists no provenance. */
  provenanceUrl: string | null;
  uploadTime: string | null;
}

export interface Release {
  /** Canonical PEP 440 version. */
  version: string;
  line: string | null;
  files: IndexFileInfo[];
  /** Earliest valid upload time of its files (ms), or null. */
  firstUpload: number | null;
}

/** Canonical version in an Integrity API URL (`https://<index>/integrity/<p>/<version>/<f>/provenance`), or null. */
export function provenanceUrlVersion(provenanceUrl: string | null): string | null {
  const seg = provenanceUrl?.split('/')[5];
  if (!seg) return null;
  try {
    return canonicalizeVersion(decodeURIComponent(seg));
  } catch {
    return null;
  }
}

/** Canonical version of a distribution file, from its name, else from its Integrity API URL. */
export function fileVersion(f: Pick<IndexFileInfo, 'filename' | 'provenanceUrl'>): string | null {
  return parseDistFilename(f.filename)?.version ?? provenanceUrlVersion(f.provenanceUrl);
}

export function uploadMs(t: string | null): number | null {
  if (t === null) return null;
  const ms = Date.parse(t);
  return Number.isFinite(ms) ? ms : null;
}

/** Releases sorted by version, oldest first. Files whose version cannot be told are left out. */
export function groupReleases(files: Iterable<IndexFileInfo>): Release[] {
  const byVersion = new Map<string, Release>();
  for (const f of files) {
    const version = fileVersion(f);
    if (version === null) continue;
    let r = byVersion.get(version);
    if (!r) {
      r = { version, line: releaseLine(version), files: [], firstUpload: null };
      byVersion.set(version, r);
    }
    r.files.push(f);
    const t = uploadMs(f.uploadTime);
    if (t !== null && (r.firstUpload === null || t < r.firstUpload)) r.firstUpload = t;
  }
  return [...byVersion.values()].sort((a, b) => compareVersions(a.version, b.version));
}

export function hasProvenance(r: Release): boolean {
  return r.files.some((f) => f.provenanceUrl !== null);
}

/** The file whose provenance stands for the release: the attested sdist, else the first attested file by name. */
export function representativeFile(r: Release): (IndexFileInfo & { provenanceUrl: string }) | null {
  const attested = r.files.filter((f): f is IndexFileInfo & { provenanceUrl: string } => f.provenanceUrl !== null);
  const sdist = attested.find((f) => parseDistFilename(f.filename)?.type === 'sdist');
  if (sdist) return sdist;
  return [...attested].sort((a, b) => (a.filename < b.filename ? -1 : 1))[0] ?? null;
}

export interface Selection {
  /** Nearest earlier releases with provenance in the same line, nearest first (at most limits.sameLine). */
  sameLine: Release[];
  /** Nearest earlier releases with provenance outside the line, nearest first (at most limits.overall). */
  overall: Release[];
  /** Earlier releases (any line) the index lists with provenance. */
  earlierWithProvenance: number;
}

/** Earlier = lower PEP 440 version. Only releases with provenance in the index are worth a request. */
export function selectEarlier(releases: Release[], version: string, limits: HistoryLimits): Selection {
  const line = releaseLine(version);
  const earlier = releases.filter((r) => compareVersions(r.version, version) < 0 && hasProvenance(r)).reverse();
  const sameLine = earlier.filter((r) => line !== null && r.line === line).slice(0, Math.max(0, limits.sameLine));
  const overall = earlier.filter((r) => line === null || r.line !== line).slice(0, Math.max(0, limits.overall));
  return { sameLine, overall, earlierWithProvenance: earlier.length };
}
