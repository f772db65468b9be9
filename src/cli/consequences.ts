/**
 * What a reason means for the file and what to do, as the CLI says it: the extension's
 * `consequence_<code>` sentence (messages.json, the panel's), except where that sentence speaks of
 * the page, the extension or its options, which the command line has not: there the CLI's own.
 */
import { reasonConsequence } from '../ui/wording';
import type { Reason, ReasonCode } from '../verify/verdict';

const CLI_CONSEQUENCES: Partial<Record<ReasonCode, string>> = {
  PROVENANCE_UNSUPPORTED_VERSION:
    'It may be a newer format than this tool reads: update pypi-provenance. Until then nothing ties this file to its publisher.',
  ATTESTATION_UNSUPPORTED_VERSION:
    'It may be a newer format than this tool reads: update pypi-provenance. Until then that attestation proves nothing about this file.',
  PUBLISHER_UNSUPPORTED:
    "The signature is not counted as verified. Check the file with pypi-attestations (`pypi-attestations verify pypi`) or on PyPI's own page for it.",
  STATEMENT_UNKNOWN_PREDICATE: 'That attestation is not counted as verified; an update of pypi-provenance may know its type.',
  TRUST_ROOT_INVALID:
    'Nothing can be checked until the trust root is valid: update pypi-provenance, or refresh the trust root with --tuf-repository.',
  TRUST_ROOT_KEY_UNKNOWN: 'Once the trust root is newer, check again: refresh it with --tuf-repository, or update pypi-provenance.',
  DIST_INVALID: 'The check could not start with that file name or sha256: check what the lock file or the command line names.',
  INDEX_BAD_RESPONSE: 'Try again later. If it keeps happening, the index may have changed its API and pypi-provenance needs an update.',
  INDEX_REDIRECT: "The redirect was not followed: a proxy may be redirecting the index's traffic.",
  HASH_MISMATCH_PAGE_INDEX:
    "This is not the file the index lists under that name (or the lock file's hash is not its hash): it may have been altered or replaced. Don't install it until you know why.",
  FILE_NOT_IN_INDEX: "The index does not list this file or sha256 for the release: check the lock file's hashes or the file name.",
  SIGNATURE_UNCHECKED:
    'Nothing is known about this file either way: it is neither verified nor failed. Check it with pypi-attestations, or report the algorithm the detail names.',
  INTERNAL_ERROR: 'Run the command again. If it happens again, it is a bug in pypi-provenance: please report it.',
  PIN_MISMATCH:
    "Don't install it until you know why: a project that moved changes its publisher too. Then update or remove the pin in your --pins file.",
};

/** '' for a code without one. */
export function cliConsequence(code: string): string {
  return (Object.hasOwn(CLI_CONSEQUENCES, code) ? CLI_CONSEQUENCES[code as ReasonCode] : undefined) ?? reasonConsequence(code);
}

/** The reasons as `--json` prints them: each with its `consequence`, when its code has one. */
export function withConsequences(reasons: readonly Reason[]): (Reason & { consequence?: string })[] {
  return reasons.map((r) => {
    const consequence = cliConsequence(r.code);
    return consequence ? { ...r, consequence } : r;
  });
}
