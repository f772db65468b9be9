/**
 * The Verdict contract: what the verification core says about one distribution file.
 * Shared by the CLI, the service worker and the UI. Keep it stable (see README "Contracts").
 */

export type VerdictState = 'verified' | 'failed' | 'absent' | 'error' | 'pending';

/** How loudly a badge speaks. Computed from the state and the user's settings, see `levelFor`. */
export type VerdictLevel = 'ok' | 'neutral' | 'warning' | 'danger';

/**
 * Every reason a verdict can carry. Grouped by where they arise.
 * Each code has a sentence a user understands in `REASON_MESSAGES` (and, for the UI, `reason_<code>` in
 * messages.json), and what it means for the file and what to do in messages.json's `consequence_<code>`.
 */
export const REASON_MESSAGES = {
  // ---- input / provenance object shape (provenance.ts)
  PROVENANCE_NOT_JSON: 'The provenance is not valid JSON.',
  PROVENANCE_TOO_LARGE: 'The provenance is larger than this tool accepts.',
  PROVENANCE_MALFORMED: 'The provenance object is malformed.',
  PROVENANCE_UNSUPPORTED_VERSION: 'The provenance object has a version this tool does not know.',
  PROVENANCE_NO_BUNDLES: 'The provenance object contains no attestation bundles.',
  PROVENANCE_NO_ATTESTATIONS: 'An attestation bundle contains no attestations.',
  ATTESTATION_MALFORMED: 'An attestation is malformed.',
  ATTESTATION_UNSUPPORTED_VERSION: 'An attestation has a version this tool does not know.',
  ATTESTATION_BAD_BASE64: 'An attestation contains data that is not valid base64.',
  ATTESTATION_NO_TLOG_ENTRY: 'An attestation has no transparency log entry.',
  // ---- publisher / identity (publishers/*)
  PUBLISHER_MALFORMED: 'The Trusted Publisher description is malformed.',
  PUBLISHER_UNSUPPORTED: 'This publisher kind cannot be checked by this tool yet.',
  PUBLISHER_INFERRED: 'No Trusted Publisher was given; the identity was read from the certificate and could not be compared with one.',
  PUBLISHER_MISSING:
    'An attestation came without its Trusted Publisher, so who signed it cannot be checked against the project: it is not verified. PyPI never serves provenance like this.',
  IDENTITY_ISSUER_MISMATCH: 'The certificate was issued for a different identity provider than the Trusted Publisher uses.',
  IDENTITY_REPOSITORY_MISMATCH: 'The certificate names a different source repository than the Trusted Publisher.',
  IDENTITY_WORKFLOW_MISMATCH: 'The certificate names a different workflow than the Trusted Publisher.',
  IDENTITY_EMAIL_MISMATCH: 'The certificate names a different service account than the Trusted Publisher.',
  IDENTITY_MISSING_EXTENSION: 'The certificate lacks an extension needed to check the publisher.',
  // ---- Sigstore (bundle.ts / @sigstore/verify)
  BUNDLE_CONVERSION_FAILED: 'The attestation could not be turned into a Sigstore bundle.',
  CERTIFICATE_INVALID: 'The signing certificate does not chain to the trusted Sigstore certificate authority.',
  CERTIFICATE_SCT_INVALID: 'The signing certificate has no valid certificate-transparency proof.',
  TLOG_INCLUSION_PROOF_INVALID: 'The transparency log inclusion proof is invalid.',
  TLOG_INCLUSION_PROMISE_INVALID: 'The transparency log inclusion promise (signed entry timestamp) is invalid.',
  TLOG_MISSING_INCLUSION: 'The transparency log entry has no inclusion proof.',
  TLOG_BODY_MISMATCH: 'The transparency log entry does not match the signature.',
  TLOG_INVALID: 'The transparency log entry could not be verified.',
  TIMESTAMP_INVALID: 'The signing time could not be verified.',
  SIGNATURE_INVALID: 'The signature does not match the signed statement.',
  PUBLIC_KEY_INVALID: 'The signing key is not trusted.',
  SIGSTORE_VERIFICATION_FAILED: 'Sigstore verification failed.',
  SIGNATURE_UNCHECKED: 'A signature uses an algorithm this browser cannot check, so the file could not be checked.',
  // ---- in-toto statement (statement.ts)
  STATEMENT_MALFORMED: 'The signed statement is not a valid in-toto statement.',
  STATEMENT_BAD_TYPE: 'The signed statement is not an in-toto v1 statement.',
  STATEMENT_SUBJECT_COUNT: 'The signed statement must name exactly one file.',
  STATEMENT_SUBJECT_NAME_MISMATCH: 'The signed statement names a different file.',
  STATEMENT_SUBJECT_NAME_INVALID: 'The signed statement names something that is not a valid distribution filename.',
  STATEMENT_DIGEST_MISMATCH: "The signed statement's sha256 does not match this file.",
  STATEMENT_DIGEST_MISSING: 'The signed statement has no sha256 digest.',
  STATEMENT_UNKNOWN_PREDICATE: 'The signed statement has a predicate type this tool does not know.',
  STATEMENT_DUPLICATE_PREDICATE: 'Two attestations for the same file have the same predicate type.',
  // ---- trust root (trust.ts)
  TRUST_ROOT_INVALID: 'The bundled Sigstore trust root is invalid.',
  TRUST_ROOT_KEY_UNKNOWN: 'Signed with a Sigstore key newer than the trust root in use, so it could not be checked.',
  TRUST_ROOT_KEY_NOT_TRUSTED:
    "Signed with a key that is not in Sigstore's trust root, although that root was updated after the signature was made: do not rely on this provenance.",
  // ---- input to the verifier (not the provenance)
  DIST_INVALID: 'The file name or sha256 given to the verifier is invalid.',
  // ---- absent / network (background)
  NO_PROVENANCE: 'PyPI has no provenance for this file.',
  INDEX_UNREACHABLE: 'pypi.org did not answer.',
  INDEX_HTTP_ERROR: 'pypi.org answered with an error.',
  INDEX_TIMEOUT: 'pypi.org took too long to answer.',
  INDEX_BAD_RESPONSE: 'pypi.org sent a response this tool could not read.',
  INDEX_DISABLED: 'pypi.org has temporarily disabled provenance (attestations).',
  INDEX_RATE_LIMITED: 'pypi.org asked us to slow down.',
  INDEX_REDIRECT: 'pypi.org redirected to an unexpected place.',
  INDEX_TOO_LARGE: 'pypi.org sent a response larger than this tool accepts.',
  HASH_MISMATCH_PAGE_INDEX: 'The sha256 shown on the page differs from the sha256 PyPI lists for this file.',
  FILE_NOT_IN_INDEX: 'PyPI does not list this file.',
  FILE_NOT_IN_RELEASE:
    "The page lists this file under a release it does not belong to. Don't take the page's word for it: open the file's own release on pypi.org.",
  NOT_CHECKABLE:
    'This file does not come from the package index (another index, a URL, a local path or a VCS checkout), so there is no index provenance to check. Make sure you trust where it comes from.',
  INTERNAL_ERROR: 'An internal error stopped the check.',
  MULTIPLE_PUBLISHERS: 'This file is attested by more than one publisher: each signature verified, but they name different identities.',
  VERDICT_DETAILS_OMITTED:
    'This provenance is unusually large: the certificate details were left out of this result. The result itself is complete.',
  // ---- settings (background)
  PIN_MISMATCH: 'The publisher differs from the one you pinned for this project.',
} as const;

export type ReasonCode = keyof typeof REASON_MESSAGES;

export interface Reason {
  code: ReasonCode;
  /** A sentence a user understands. Defaults to REASON_MESSAGES[code]; may add detail. */
  message: string;
  /** Index of the attestation (flattened across bundles) the reason is about, if any. */
  attestation?: number;
  /** Technical detail (e.g. the @sigstore/verify error message). Shown as secondary text only. */
  detail?: string;
}

export function reason(code: ReasonCode, extra?: { message?: string; attestation?: number; detail?: string }): Reason {
  const r: Reason = { code, message: extra?.message ?? REASON_MESSAGES[code] };
  if (extra?.attestation !== undefined) r.attestation = extra.attestation;
  if (extra?.detail !== undefined) r.detail = extra.detail;
  return r;
}

/** The Trusted Publisher as claimed in the provenance object (verified only if state is 'verified'). */
export interface PublisherInfo {
  kind: string; // 'GitHub' | 'GitLab' | 'Google' | 'ActiveState' | other (as given)
  repository?: string; // GitHub/GitLab "owner/name"
  workflow?: string; // GitHub: file name; GitLab: workflow_filepath
  environment?: string | null; // not in the certificate: never verified, context only
  email?: string; // Google service account
  /** Whether the publisher came from the provenance (true) or was inferred from the certificate (false). */
  fromProvenance: boolean;
}

/** One decoded certificate extension (Fulcio OIDs and standard X.509 ones). */
export interface CertificateExtensionInfo {
  oid: string;
  name: string; // e.g. 'Build Config URI'
  value: string; // decoded text (or hex for binary)
  description: string; // one-line explanation for the inspector
  critical: boolean;
}

export interface CertificateInfo {
  pem: string;
  serialNumber: string; // hex
  subjectAlternativeName: string | null;
  issuer: string; // issuer DN, e.g. "O=sigstore.dev, CN=sigstore-intermediate"
  subject: string;
  notBefore: string; // ISO 8601
  notAfter: string; // ISO 8601
  fingerprintSha256: string; // hex of the DER
  extensions: CertificateExtensionInfo[];
  /** The chain from the leaf's issuer up to the bundled root (from the trust root). */
  chain: { subject: string; issuer: string; notBefore: string; notAfter: string; fingerprintSha256: string; pem: string }[];
}

/** The signing identity read from the (verified) certificate's Fulcio extensions. */
export interface SigningIdentity {
  subjectAlternativeName: string | null;
  issuer: string | null; // OIDC issuer for display (.8, else legacy .1)
  /** Issuer (V2), 1.3.6.1.4.1.57264.1.8 (DER UTF8String): what the reference checks for GitHub and GitLab. */
  issuerV2?: string;
  /** Legacy issuer, 1.3.6.1.4.1.57264.1.1 (raw bytes): what the reference checks for Google. */
  issuerV1?: string;
  sourceRepositoryUri?: string; // .12
  sourceRepositoryDigest?: string; // .13 commit sha
  sourceRepositoryRef?: string; // .14
  sourceRepositoryOwnerUri?: string; // .16
  sourceRepositoryVisibility?: string; // .22
  buildConfigUri?: string; // .18 (the top-level workflow @ ref/sha)
  buildConfigDigest?: string; // .19
  buildSignerUri?: string; // .9 (the job's workflow, may be a reusable workflow)
  buildSignerDigest?: string; // .10
  buildTrigger?: string; // .20
  runInvocationUri?: string; // .21
  runnerEnvironment?: string; // .11
}

export interface TransparencyLogInfo {
  logIndex: string;
  logId: string; // base64 key id
  kind: string; // e.g. 'dsse'
  version: string; // e.g. '0.0.1'
  rekorVersion: 1 | 2;
  /** ISO time from integratedTime (Rekor v1) or the RFC 3161 timestamp (Rekor v2); null if none. */
  integratedTime: string | null;
  /** Rekor v2: checkpoint origin line (e.g. "log2025-1.rekor.sigstore.dev"). */
  checkpointOrigin?: string;
  /** Base URL of the log from the trust root, e.g. https://rekor.sigstore.dev */
  logBaseUrl?: string;
}

export interface AttestationResult {
  index: number; // flattened across bundles
  bundleIndex: number;
  ok: boolean;
  predicateType: string | null;
  /** The predicate for display (JSON). Only trustworthy if ok. */
  predicate: unknown;
  subject: { name: string; sha256: string } | null;
  identity: SigningIdentity | null;
  certificate: CertificateInfo | null;
  tlog: TransparencyLogInfo | null;
  /** RFC 3161 timestamps (ISO times), if any. */
  timestamps: string[];
  reasons: Reason[];
}

export interface Verdict {
  state: VerdictState;
  filename: string;
  sha256: string;
  reasons: Reason[];
  publisher: PublisherInfo | null;
  /**
   * Every bundle's publisher, in bundle order (the stated one, or the one read from the certificate
   * for a bare attestation). `publisher` is the first; MULTIPLE_PUBLISHERS when verified bundles
   * name different identities.
   */
  publishers?: PublisherInfo[];
  attestations: AttestationResult[];
  /** sha256 (hex) of the trusted_root.json used. */
  trustRootId: string;
  /** ISO time of the check. */
  checkedAt: string;
}

export interface DistInfo {
  filename: string;
  sha256: string; // lowercase hex
}

export interface VerifyOptions {
  /** Strict mode: affects only the level (see levelFor), never the state. */
  strict?: boolean;
  /** Clock used for trust-root validity; defaults to now. */
  now?: Date;
  /** Maximum size of the provenance JSON in bytes (when given a string). */
  maxBytes?: number;
  /**
   * Runs each synchronous @sigstore/verify call. Default: call it directly. The worker passes a
   * runner that answers the signature checks with native WebCrypto (src/shim/native-verify.ts);
   * `fn` must be pure (it may be run more than once) and its result must be returned unchanged.
   */
  runSigstore?: <T>(fn: () => T) => Promise<T>;
  /**
   * When the trust root in use was last confirmed current through a successful TUF refresh.
   * Absent (the bundled root, a root given as a file): never known current, so a signature under a
   * key the root lacks is `error` (TRUST_ROOT_KEY_UNKNOWN), not `failed`. See freshness.ts.
   */
  trustRootRefreshedAt?: Date;
  /**
   * A bare attestation (no provenance object, so no Trusted Publisher): 'infer' (default; the CLI
   * for a local file) reads the publisher from the certificate and adds PUBLISHER_INFERRED;
   * 'refuse' (the worker: PyPI's Integrity API never serves that shape) fails every such
   * attestation with PUBLISHER_MISSING, so it is never 'verified'.
   */
  bareAttestation?: 'infer' | 'refuse';
}

export { levelFor } from './level';
