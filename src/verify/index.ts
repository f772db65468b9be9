/**
 * verifyProvenance: the whole PEP 740 check for one distribution file. Pure; never throws.
 * 'verified' only if there is ≥1 attestation and every attestation in every bundle passes the
 * Sigstore layer (bundle.ts), the identity check against its bundle's Trusted Publisher
 * (publishers/), and the statement check (statement.ts).
 */
import { isCouldNotCheck } from '../shim/could-not-check';
import { boundVerdict } from './bounded-verdict';
import { verifyAttestationSignature } from './bundle';
import { decodeCertificate } from './certificate';
import { parseProvenance, type ParsedAttestation, type ParsedBundle } from './provenance';
import { checkPublisher, describePublisher, inferPublisher } from './publishers/index';
import { judgeUnknownKeys } from './freshness';
import { checkStatement } from './statement';
import { describeTlogEntry, timestampTimes } from './tlog';
import type { LoadedTrust } from './trust';
import {
  reason,
  type AttestationResult,
  type DistInfo,
  type PublisherInfo,
  type Reason,
  type Verdict,
  type VerifyOptions,
} from './verdict';

export { parseProvenance } from './provenance';
export { boundVerdict, MAX_VERDICT_JSON_CHARS } from './bounded-verdict';
export { parseBoundedJson, SIGNED_DOCUMENT_LIMITS } from './bounded-json';
export type { ParsedAttestation, ParsedBundle, ParsedPublisher, ProvenanceParseResult } from './provenance';
export { filenameMatches, normalizeDistName, parseDistFilename } from './filename';
export type { ParsedDistFilename } from './filename';
export { canonicalizeVersion } from './version';
export { attestationToBundleJSON, verifyAttestationSignature, reasonForSigstoreError } from './bundle';
export { checkStatement, KNOWN_PREDICATE_TYPES, PYPI_PUBLISH_V1, SLSA_PROVENANCE_V1 } from './statement';
export { decodeCertificate } from './certificate';
export {
  PUBLISHER_RULES,
  ruleFor,
  checkPublisher,
  describePublisher,
  inferPublisher,
  github,
  gitlab,
  google,
  activestate,
} from './publishers/index';
export type { PublisherRule } from './publishers/index';

const SHA256_RE = /^[0-9a-f]{64}$/;

function baseVerdict(dist: { filename: string; sha256: string }, trust: LoadedTrust | undefined, now: Date): Verdict {
  return {
    state: 'failed',
    filename: dist.filename,
    sha256: dist.sha256,
    reasons: [],
    publisher: null,
    attestations: [],
    trustRootId: trust?.id ?? '',
    checkedAt: now.toISOString(),
  };
}

type Runner = <T>(fn: () => T) => Promise<T>;
const directRunner: Runner = async (fn) => fn();

type Decoded = ReturnType<typeof decodeCertificate>;

/** Deterministic and never throws, so it can be replayed by a runner. */
function tryDecode(der: Uint8Array, trust: LoadedTrust): { ok: true; value: Decoded } | { ok: false; error: string } {
  try {
    return { ok: true, value: decodeCertificate(der, trust) };
  } catch (e) {
    return { ok: false, error: String((e as Error)?.message ?? e) };
  }
}

async function checkAttestation(
  att: ParsedAttestation,
  bundle: ParsedBundle,
  publisher: PublisherInfo | null,
  dist: DistInfo,
  trust: LoadedTrust,
  run: Runner,
  refreshedAt: Date | undefined,
  bare: 'infer' | 'refuse',
): Promise<{ result: AttestationResult; inferred: PublisherInfo | null }> {
  const reasons: Reason[] = [];
  // These calls do synchronous signature checks: run them through options.runSigstore (the worker's
  // native WebCrypto runner; the chain check in decodeCertificate then hits its memo).
  const sig = await run(() => verifyAttestationSignature(att, trust));
  // A failure may only mean that our trust root lacks a newer Sigstore key (freshness.ts).
  const keys = sig.ok ? null : await run(() => judgeUnknownKeys(att, trust, refreshedAt));
  if (keys?.kind === 'behind') reasons.push(keys.reason);
  else if (!sig.ok) reasons.push(...sig.reasons, ...(keys?.reasons ?? []).filter((r) => !sig.reasons.some((s) => s.code === r.code)));

  const dec = await run(() => tryDecode(att.certificateDer, trust));
  const decoded: Decoded | null = dec.ok ? dec.value : null;
  if (!dec.ok && sig.ok) {
    reasons.push(
      reason('SIGSTORE_VERIFICATION_FAILED', { attestation: att.index, detail: `certificate could not be decoded: ${dec.error}` }),
    );
  }
  // @sigstore/verify stops at its first error (timestamps are checked before the chain); say
  // also when no CA of this trust root issued the leaf at all (e.g. a staging certificate).
  if (
    !sig.ok &&
    keys?.kind !== 'behind' &&
    !reasons.some((r) => r.code === 'CERTIFICATE_INVALID') &&
    (!decoded || decoded.info.chain.length === 0)
  ) {
    reasons.push(
      reason('CERTIFICATE_INVALID', {
        attestation: att.index,
        detail: 'no certificate authority in the trust root issued this certificate',
      }),
    );
  }

  let inferred: PublisherInfo | null = null;
  const refused = bundle.publisher === null && bare === 'refuse';
  if (refused) reasons.push(reason('PUBLISHER_MISSING', { attestation: att.index }));
  if (decoded && !refused) {
    let expected = publisher;
    if (bundle.publisher === null) {
      inferred = inferPublisher(decoded.identity);
      expected = inferred;
      if (!inferred) {
        reasons.push(
          reason('PUBLISHER_UNSUPPORTED', {
            attestation: att.index,
            detail: `no Trusted Publisher given, and the certificate identity (issuer ${decoded.identity.issuer ?? 'none'}) is not one this tool can infer`,
          }),
        );
      }
    }
    if (expected) reasons.push(...checkPublisher(expected, decoded.identity, att.index));
  }

  const st = checkStatement(att.statementBytes, dist, att.index);
  reasons.push(...st.reasons);
  const timestamps = timestampTimes(att.timestampsDer);
  const entry = att.transparencyEntries[0];
  const result: AttestationResult = {
    index: att.index,
    bundleIndex: att.bundleIndex,
    ok: reasons.length === 0,
    // Nothing from a statement whose signature did not verify is carried as content; bounded-verdict.ts
    // keeps a predicate only when the whole attestation is ok.
    predicateType: st.predicateType === null ? null : st.predicateType.slice(0, 256),
    predicate: sig.ok ? st.predicate : null,
    subject: sig.ok ? st.subject : null,
    identity: decoded?.identity ?? null,
    certificate: decoded?.info ?? null,
    tlog: entry ? describeTlogEntry(entry, trust, timestamps) : null,
    timestamps,
    reasons,
  };
  return { result, inferred };
}

/** An attestation whose signature this build could not check: nothing about it is known either way. */
function uncheckedResult(att: ParsedAttestation, e: Error): AttestationResult {
  return {
    index: att.index,
    bundleIndex: att.bundleIndex,
    ok: false,
    predicateType: null,
    predicate: null,
    subject: null,
    identity: null,
    certificate: null,
    tlog: null,
    timestamps: [],
    reasons: [reason('SIGNATURE_UNCHECKED', { attestation: att.index, detail: e.message })],
  };
}

/** Within one bundle, two attestations with the same predicate type make the later ones fail. */
function flagDuplicatePredicates(results: AttestationResult[]): void {
  const seen = new Set<string>();
  for (const r of results) {
    if (r.predicateType === null) continue;
    const key = `${r.bundleIndex}\u0000${r.predicateType}`;
    if (seen.has(key)) {
      r.reasons.push(reason('STATEMENT_DUPLICATE_PREDICATE', { attestation: r.index, detail: r.predicateType }));
      r.ok = false;
    }
    seen.add(key);
  }
}

/** The reasons that mean "could not check", not "failed": our side is behind or cannot do the check. */
const COULD_NOT_CHECK: ReadonlySet<string> = new Set(['TRUST_ROOT_KEY_UNKNOWN', 'SIGNATURE_UNCHECKED']);

/**
 * `failed` if any attestation failed a check; else `error` if any could not be checked (the trust
 * root lacks its key, or this build cannot check its signature: such a reason is then its only
 * kind); else `verified`.
 */
function stateOf(results: AttestationResult[]): Verdict['state'] {
  if (results.length === 0) return 'failed';
  const behind = (r: AttestationResult) => r.reasons.length > 0 && r.reasons.every((x) => COULD_NOT_CHECK.has(x.code));
  if (results.some((r) => !r.ok && !behind(r))) return 'failed';
  return results.some(behind) ? 'error' : 'verified';
}

const COUNT_WORDS: Record<number, string> = { 2: 'two', 3: 'three', 4: 'four', 5: 'five' };

/** Identity of a publisher for "same or different" (environment is not signed: left out). */
function publisherKey(p: PublisherInfo): string {
  return [p.kind.toLowerCase(), p.repository?.toLowerCase() ?? '', p.workflow ?? '', p.email?.toLowerCase() ?? ''].join('\u0000');
}

/** Name of a publisher in one line, e.g. "GitHub pypa/sampleproject (release.yml)". */
function publisherName(p: PublisherInfo): string {
  const who = p.email ?? p.repository ?? '?';
  return `${p.kind} ${who}${p.workflow ? ` (${p.workflow})` : ''}`.slice(0, 300);
}

/**
 * A verified file whose bundles name different publishers: say so, with every name (the index's
 * bundle order must not decide which one the user sees). Strict mode makes it a warning (level.ts).
 */
export function flagMultiplePublishers(verdict: Verdict, publishers: PublisherInfo[]): void {
  const distinct = new Map(publishers.map((p) => [publisherKey(p), p]));
  if (distinct.size < 2) return;
  const names = [...distinct.values()].map(publisherName);
  verdict.reasons.push(
    reason('MULTIPLE_PUBLISHERS', {
      message: `This file is attested by ${COUNT_WORDS[distinct.size] ?? distinct.size} different publishers: ${names.join('; ')}. Each signature verified.`,
      detail: names.join('\n'),
    }),
  );
}

/**
 * Verify the provenance of one distribution file. `provenance` is the parsed JSON or its raw text
 * (a provenance object, a bare attestation object, JSON null or PyPI's 404 body).
 * States: 'verified' | 'failed' | 'absent' | 'error' (bad `dist` input, or a key the trust root
 * lacks while the root is not known current: see freshness.ts). Never throws.
 */
export async function verifyProvenance(
  provenance: unknown,
  dist: DistInfo,
  trust: LoadedTrust,
  options: VerifyOptions = {},
): Promise<Verdict> {
  return boundVerdict(withTrustProblems(await verifyUnbounded(provenance, dist, trust, options), trust));
}

/**
 * The trust material is parsed entry by entry on first use (trust.ts): once an entry of this root
 * has failed to parse, no verdict made with the root stands. `error` (our side cannot check), never
 * `failed`, never `verified`.
 */
function withTrustProblems(verdict: Verdict, trust: LoadedTrust): Verdict {
  const problem = trust.problems?.[0];
  if (problem === undefined || verdict.state === 'absent' || verdict.reasons.some((r) => r.code === 'DIST_INVALID')) return verdict;
  verdict.state = 'error';
  verdict.attestations = verdict.attestations.map((a) => ({ ...a, ok: false }));
  verdict.reasons = [reason('TRUST_ROOT_INVALID', { detail: `trusted root could not be loaded: ${problem}` })];
  return verdict;
}

async function verifyUnbounded(provenance: unknown, dist: DistInfo, trust: LoadedTrust, options: VerifyOptions): Promise<Verdict> {
  const now = options.now ?? new Date();
  const filename = typeof dist?.filename === 'string' ? dist.filename : '';
  const sha256 = typeof dist?.sha256 === 'string' ? dist.sha256.toLowerCase() : '';
  const verdict = baseVerdict({ filename, sha256 }, trust, now);
  try {
    if (filename.length === 0 || filename.length > 512 || !SHA256_RE.test(sha256)) {
      verdict.state = 'error';
      verdict.reasons.push(reason('DIST_INVALID', { detail: filename.length === 0 ? 'empty filename' : 'filename or sha256 malformed' }));
      return verdict;
    }
    const parsed = parseProvenance(provenance, options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes });
    if (parsed.status === 'absent') {
      verdict.state = 'absent';
      verdict.reasons.push(reason('NO_PROVENANCE'));
      return verdict;
    }
    if (parsed.status === 'invalid') {
      verdict.reasons.push(...parsed.reasons);
      return verdict;
    }
    const distInfo = { filename, sha256 };
    const run: Runner = options.runSigstore ?? directRunner;
    const first = parsed.bundles[0];
    const publishers: PublisherInfo[] = [];
    for (const bundle of parsed.bundles) {
      const publisher = bundle.publisher ? describePublisher(bundle.publisher.kind, bundle.publisher.raw) : null;
      if (bundle === first && publisher) verdict.publisher = publisher;
      let bundlePublisher = publisher;
      for (const att of bundle.attestations) {
        const { result, inferred } = await checkAttestation(
          att,
          bundle,
          publisher,
          distInfo,
          trust,
          run,
          options.trustRootRefreshedAt ?? trust.refreshedAt,
          options.bareAttestation ?? 'infer',
        ).catch((e: unknown) => {
          // A signature this build cannot check (runSigstore, src/shim/native-verify.ts): this
          // attestation is "could not check"; the others are still checked and a failure stays one.
          if (isCouldNotCheck(e)) return { result: uncheckedResult(att, e), inferred: null };
          throw e;
        });
        if (inferred && verdict.publisher === null) verdict.publisher = inferred;
        bundlePublisher ??= inferred;
        verdict.attestations.push(result);
      }
      if (bundlePublisher) publishers.push(bundlePublisher);
    }
    verdict.publishers = publishers;
    flagDuplicatePredicates(verdict.attestations);
    for (const a of verdict.attestations) verdict.reasons.push(...a.reasons);
    if (verdict.publisher && !verdict.publisher.fromProvenance) {
      verdict.reasons.push(reason('PUBLISHER_INFERRED'));
    }
    verdict.state = stateOf(verdict.attestations);
    if (verdict.state === 'verified') flagMultiplePublishers(verdict, publishers);
    return verdict;
  } catch (e) {
    verdict.attestations = verdict.attestations.map((a) => ({ ...a, ok: false }));
    verdict.state = 'failed';
    verdict.reasons.push(reason('INTERNAL_ERROR', { detail: String((e as Error)?.message ?? e) }));
    return verdict;
  }
}
