/**
 * Verdicts the worker makes itself (no provenance to verify: absent, index errors, hash mismatches).
 * Verdicts about provenance come from `verifyProvenance` in src/verify only.
 */
import type { Reason, Verdict, VerdictState } from '../verify/verdict';

export interface VerdictBase {
  filename: string;
  /** The index's sha256 when known, else the page's, else ''. */
  sha256: string;
  trustRootId: string;
  now: Date;
}

export function makeVerdict(state: Exclude<VerdictState, 'verified'>, base: VerdictBase, reasons: Reason[]): Verdict {
  return {
    state,
    filename: base.filename,
    sha256: base.sha256,
    reasons,
    publisher: null,
    attestations: [],
    trustRootId: base.trustRootId,
    checkedAt: base.now.toISOString(),
  };
}

export const errorVerdict = (base: VerdictBase, reason: Reason): Verdict => makeVerdict('error', base, [reason]);
