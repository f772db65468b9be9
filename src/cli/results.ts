/**
 * What a `check` or `audit` run found, in one shape for every output (table, --json, --sarif):
 * one row per distribution file, its release's continuity, and the exit code.
 *
 * Exit codes (README "Command-line tool", docs/cli.md):
 *   0  every checked file verified (without --strict: verified or absent / not checkable)
 *   1  a file FAILED verification, or its publisher differs from a pin
 *   2  bad input (usage, unreadable or malformed lock file, unknown release)
 *   3  --strict and a file has no provenance (or cannot be checked: another index, a URL, a path),
 *      or a release's publisher changed / its provenance was lost since earlier releases
 *   4  a file could not be checked (network, index error, timeout, outdated trust root)
 * When several apply, the first in the order 1, 4, 3 wins.
 */
import { describeIdentity, identityOf } from '../history/identity';
import type { ReleaseHistory } from '../history/types';
import { historySentence } from '../history/wording';
import { withConsequences } from './consequences';
import type { PinCheck } from '../messages';
import type { Verdict, VerdictLevel, VerdictState } from '../verify/verdict';

export const EXIT_CODES = { ok: 0, failed: 1, badInput: 2, absentStrict: 3, couldNotCheck: 4 } as const;

export interface FileRow {
  project: string;
  version: string;
  filename: string;
  verdict: Verdict;
  level: VerdictLevel;
  pin: PinCheck;
  /** false: from another index, a URL, a path or VCS (verdict state `error`, reason NOT_CHECKABLE). */
  checkable: boolean;
  /** Where the file was named (lock file path and line), if anywhere. */
  source?: { path: string; line?: number };
}

export interface ReleaseRow {
  project: string;
  version: string;
  history: ReleaseHistory | null;
}

export interface RunResult {
  files: FileRow[];
  releases: ReleaseRow[];
  strict: boolean;
  index: string;
}

export type Outcome = 'verified' | 'failed' | 'absent' | 'not-checkable' | 'error' | 'pin-mismatch';

export function outcomeOf(r: FileRow): Outcome {
  if (!r.checkable) return 'not-checkable';
  if (r.pin.status === 'mismatch') return 'pin-mismatch';
  const s: VerdictState = r.verdict.state;
  return s === 'pending' ? 'error' : s;
}

export function exitCodeOf(result: RunResult): number {
  const outcomes = new Set(result.files.map(outcomeOf));
  if (outcomes.has('failed') || outcomes.has('pin-mismatch')) return EXIT_CODES.failed;
  if (outcomes.has('error')) return EXIT_CODES.couldNotCheck;
  if (result.strict && (outcomes.has('absent') || outcomes.has('not-checkable'))) return EXIT_CODES.absentStrict;
  // Strict mode's other warning (as in the extension): the publisher changed, or provenance was lost.
  if (result.strict && result.releases.some((r) => r.history?.state === 'changed' || r.history?.state === 'lost')) {
    return EXIT_CODES.absentStrict;
  }
  return EXIT_CODES.ok;
}

export interface Summary {
  total: number;
  verified: number;
  failed: number;
  absent: number;
  error: number;
  notCheckable: number;
  pinMismatch: number;
  strict: boolean;
  index: string;
  exitCode: number;
  releases: { project: string; version: string; continuity: string | null; sentence: string | null; publishers: string[] }[];
}

export function summarize(result: RunResult): Summary {
  const count = (o: Outcome) => result.files.filter((f) => outcomeOf(f) === o).length;
  return {
    total: result.files.length,
    verified: count('verified'),
    failed: count('failed'),
    absent: count('absent'),
    error: count('error'),
    notCheckable: count('not-checkable'),
    pinMismatch: count('pin-mismatch'),
    strict: result.strict,
    index: result.index,
    exitCode: exitCodeOf(result),
    releases: result.releases.map((r) => ({
      project: r.project,
      version: r.version,
      continuity: r.history?.state ?? null,
      sentence: r.history ? historySentence(r.history) : null,
      publishers: (r.history?.current ?? []).map(describeIdentity),
    })),
  };
}

/**
 * `--json`: one object, `files` = the Verdict contract per file plus where it comes from; each of a
 * file's reasons also carries its `consequence` (what it means and what to do, as the table says).
 */
export function toJson(result: RunResult): string {
  const files = result.files.map((r) => {
    const { state, reasons, ...rest } = r.verdict;
    return {
      state,
      reasons: withConsequences(reasons),
      level: r.level,
      ...rest,
      project: r.project,
      version: r.version,
      filename: r.filename,
      pin: r.pin,
      checkable: r.checkable,
      ...(r.source ? { source: r.source } : {}),
    };
  });
  return JSON.stringify({ files, summary: summarize(result) }) + '\n';
}

/** Columns of the table: only a VERIFIED verdict's publisher, workflow and commit are shown. */
export function publisherColumns(v: Verdict): { publisher: string; workflow: string; commit: string } {
  const id = identityOf(v);
  if (!id) return { publisher: '', workflow: '', commit: '' };
  const commit = v.attestations.find((a) => a.ok && a.identity?.sourceRepositoryDigest)?.identity?.sourceRepositoryDigest ?? '';
  return { publisher: `${id.kind} ${id.repository ?? id.email ?? ''}`.trim(), workflow: id.workflow ?? '', commit: commit.slice(0, 12) };
}
