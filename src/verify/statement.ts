/**
 * In-toto v1 statement checks (the DSSE payload of a PEP 740 attestation): type, exactly one
 * subject whose name is the distribution (PyPI's parsed-filename rule) and whose sha256 is the
 * file's, and a known predicate type.
 */
import { parseBoundedJsonBytes, SIGNED_DOCUMENT_LIMITS } from './bounded-json';
import { filenameMatches, parseDistFilename } from './filename';
import { isRecord } from './provenance';
import { reason, type Reason } from './verdict';

export const INTOTO_STATEMENT_V1 = 'https://in-toto.io/Statement/v1';
export const PYPI_PUBLISH_V1 = 'https://docs.pypi.org/attestations/publish/v1';
export const SLSA_PROVENANCE_V1 = 'https://slsa.dev/provenance/v1';
export const KNOWN_PREDICATE_TYPES: readonly string[] = [PYPI_PUBLISH_V1, SLSA_PROVENANCE_V1];
export const MAX_STATEMENT_BYTES = 1024 * 1024;

export interface StatementCheck {
  ok: boolean;
  predicateType: string | null;
  predicate: unknown;
  subject: { name: string; sha256: string } | null;
  reasons: Reason[];
}

const SHA256_RE = /^[0-9a-f]{64}$/;
/** The digest algorithms sigstore-python's in-toto DigestSet admits (sigstore/dsse/__init__.py). */
export const DIGEST_ALGORITHMS: readonly string[] = ['sha256', 'sha384', 'sha512', 'sha3_256', 'sha3_384', 'sha3_512'];

/** Why a subject digest set is not one sigstore-python's model accepts, or null. */
function digestSetProblem(digest: unknown): string | null {
  if (!isRecord(digest)) return 'the subject digest is not a JSON object';
  for (const [alg, value] of Object.entries(digest)) {
    if (!DIGEST_ALGORITHMS.includes(alg))
      return `the subject digest names the algorithm ${JSON.stringify(alg).slice(0, 40)}, which is not allowed`;
    if (typeof value !== 'string') return `the subject digest's ${alg} value is not a string`;
  }
  return null;
}

/** Decode and check the statement bytes against the expected distribution. Never throws. */
export function checkStatement(bytes: Uint8Array, dist: { filename: string; sha256: string }, attestation?: number): StatementCheck {
  const at = (detail?: string) => ({ ...(attestation === undefined ? {} : { attestation }), ...(detail === undefined ? {} : { detail }) });
  const result: StatementCheck = { ok: false, predicateType: null, predicate: null, subject: null, reasons: [] };
  if (bytes.length > MAX_STATEMENT_BYTES) {
    result.reasons.push(reason('STATEMENT_MALFORMED', at(`statement larger than ${MAX_STATEMENT_BYTES} bytes`)));
    return result;
  }
  const parsed = parseBoundedJsonBytes(bytes, SIGNED_DOCUMENT_LIMITS);
  if (!parsed.ok) {
    const why = parsed.problem === 'not-json' ? `not UTF-8 JSON: ${parsed.detail}` : `statement ${parsed.detail}`;
    result.reasons.push(reason('STATEMENT_MALFORMED', at(why)));
    return result;
  }
  const st = parsed.value;
  if (!isRecord(st)) {
    result.reasons.push(reason('STATEMENT_MALFORMED', at('statement is not a JSON object')));
    return result;
  }
  if (st._type !== INTOTO_STATEMENT_V1)
    result.reasons.push(reason('STATEMENT_BAD_TYPE', at(`_type is ${JSON.stringify(st._type) ?? 'missing'}`)));

  // predicate: sigstore-python's _Statement has `predicate: Optional[dict]` for every type.
  if (typeof st.predicateType === 'string') {
    result.predicateType = st.predicateType;
    result.predicate = st.predicate ?? null;
    if (!KNOWN_PREDICATE_TYPES.includes(st.predicateType)) {
      result.reasons.push(reason('STATEMENT_UNKNOWN_PREDICATE', at(`predicateType ${st.predicateType}`)));
    }
    if (!(st.predicate === undefined || st.predicate === null || isRecord(st.predicate))) {
      result.reasons.push(reason('STATEMENT_MALFORMED', at('the predicate must be absent, null or a JSON object')));
    }
  } else {
    result.reasons.push(reason('STATEMENT_UNKNOWN_PREDICATE', at('predicateType is missing')));
  }

  // subject
  const subjects = st.subject;
  if (!Array.isArray(subjects) || subjects.length !== 1) {
    result.reasons.push(reason('STATEMENT_SUBJECT_COUNT', at(`subject has ${Array.isArray(subjects) ? subjects.length : 'no'} entries`)));
  } else {
    const s = subjects[0];
    if (!isRecord(s) || typeof s.name !== 'string' || s.name.length === 0) {
      result.reasons.push(reason('STATEMENT_MALFORMED', at('subject has no name')));
    } else {
      const digestProblem = digestSetProblem(s.digest);
      if (digestProblem) result.reasons.push(reason('STATEMENT_MALFORMED', at(digestProblem)));
      const digest = isRecord(s.digest) ? s.digest.sha256 : undefined;
      result.subject = { name: s.name, sha256: typeof digest === 'string' ? digest : '' };
      if (parseDistFilename(s.name) === null) {
        result.reasons.push(reason('STATEMENT_SUBJECT_NAME_INVALID', at(`subject name ${JSON.stringify(s.name)}`)));
      } else if (!filenameMatches(s.name, dist.filename)) {
        result.reasons.push(
          reason(
            'STATEMENT_SUBJECT_NAME_MISMATCH',
            at(`statement names ${JSON.stringify(s.name)}, file is ${JSON.stringify(dist.filename)}`),
          ),
        );
      }
      if (typeof digest !== 'string' || digest.length === 0) {
        result.reasons.push(reason('STATEMENT_DIGEST_MISSING', at()));
      } else if (!SHA256_RE.test(digest) || digest !== dist.sha256.toLowerCase()) {
        result.reasons.push(reason('STATEMENT_DIGEST_MISMATCH', at(`statement sha256 ${digest.slice(0, 80)}, file sha256 ${dist.sha256}`)));
      }
    }
  }
  result.ok = result.reasons.length === 0;
  return result;
}
