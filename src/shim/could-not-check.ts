/**
 * "Could not check": a signature this build cannot verify (an algorithm WebCrypto lacks, WebCrypto
 * missing or failing, or an optimistic run that did not converge: src/shim/native-verify.ts).
 * Never a verdict about the signature: the verifier makes it `error` (SIGNATURE_UNCHECKED), never
 * `verified`, never `failed`; a trust-root refresh keeps the current root.
 */
export class CouldNotCheckError extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = 'CouldNotCheckError';
  }
}

/** Also across bundle copies of this class (the name is the mark). */
export function isCouldNotCheck(e: unknown): e is CouldNotCheckError {
  return e instanceof CouldNotCheckError || (e instanceof Error && e.name === 'CouldNotCheckError');
}
