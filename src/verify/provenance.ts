/**
 * Parse and strictly validate a PEP 740 provenance object (or a bare attestation object) from
 * untrusted input. Unknown keys are ignored; missing or mistyped required keys are rejected with a
 * reason code. Nothing here is cryptographic: see bundle.ts for that.
 */
import { decodeBase64Lenient, decodeBase64Strict, encodeBase64 } from './base64';
import {
  checkJsonShape,
  parseBoundedJson,
  parseBoundedJsonBytes,
  SIGNED_DOCUMENT_LIMITS,
  type JsonLimits,
  type JsonProblem,
} from './bounded-json';
import { reason, type Reason, type ReasonCode } from './verdict';

export const DEFAULT_MAX_BYTES = 2 * 1024 * 1024;
export const MAX_DEPTH = 64;
export const MAX_BUNDLES = 16;
export const MAX_ATTESTATIONS = 16;
/** Attestations across all bundles (PyPI serves one bundle per publisher, one attestation per predicate type). */
export const MAX_TOTAL_ATTESTATIONS = 32;
export const MAX_TLOG_ENTRIES = 8;
export const MAX_TIMESTAMPS = 8;
export const MAX_PROOF_HASHES = 64;
/** Bound on JSON nodes (objects, arrays, scalars). */
export const MAX_NODES = 100_000;
/** Limits of the provenance JSON (text or parsed value): strings are bounded by the size cap. */
export const PROVENANCE_LIMITS: JsonLimits = { maxDepth: MAX_DEPTH, maxNodes: MAX_NODES, maxStringLength: DEFAULT_MAX_BYTES };

export interface ParsedPublisher {
  kind: string;
  /** The publisher object as given (unknown keys kept for display; read through the rules only). */
  raw: Record<string, unknown>;
}

export interface ParsedAttestation {
  /** Flattened index across bundles. */
  index: number;
  bundleIndex: number;
  certificate: string; // canonical base64 of the DER (re-encoded)
  certificateDer: Uint8Array;
  transparencyEntries: Record<string, unknown>[];
  timestamps: string[]; // strict base64 RFC 3161 responses
  timestampsDer: Uint8Array[];
  statement: string; // canonical base64 of the in-toto statement bytes (re-encoded)
  statementBytes: Uint8Array;
  signature: string; // canonical base64 (re-encoded)
}

export interface ParsedBundle {
  /** null when the input was a bare attestation (publisher to be inferred from the certificate). */
  publisher: ParsedPublisher | null;
  attestations: ParsedAttestation[];
}

export type ProvenanceParseResult =
  { status: 'ok'; bundles: ParsedBundle[] } | { status: 'absent' } | { status: 'invalid'; reasons: Reason[] };

class ParseError extends Error {
  constructor(
    readonly code: ReasonCode,
    readonly detail: string,
  ) {
    super(detail);
  }
}

function fail(code: ReasonCode, detail: string): never {
  throw new ParseError(code, detail);
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The provenance's reason code for a broken JSON limit. */
function shapeFail(problem: JsonProblem, detail: string): never {
  if (problem === 'not-json') fail('PROVENANCE_NOT_JSON', detail);
  fail(problem === 'too-deep' ? 'PROVENANCE_MALFORMED' : 'PROVENANCE_TOO_LARGE', detail);
}

/** Reject over-deep or over-large structures without recursion. */
function checkShape(root: unknown): void {
  const bad = checkJsonShape(root, PROVENANCE_LIMITS);
  if (bad) shapeFail(bad.problem, bad.detail);
}

function utf8Length(s: string): number {
  // Cheap upper bound first; exact count only when near the cap.
  return new TextEncoder().encode(s).length;
}

function b64(value: unknown, where: string, allowEmpty = false): Uint8Array {
  if (typeof value !== 'string') fail('ATTESTATION_MALFORMED', `${where} is not a string`);
  if (!allowEmpty && value.length === 0) fail('ATTESTATION_MALFORMED', `${where} is empty`);
  const bytes = decodeBase64Strict(value);
  if (bytes === null) fail('ATTESTATION_BAD_BASE64', `${where} is not strict base64`);
  return bytes;
}

/**
 * The attestation's own byte fields (certificate, statement, signature) are pydantic `Base64Bytes`
 * in pypi-attestations, which decodes leniently (line-wrapped pre-0.0.12 attestations, spaces):
 * decode them the same way. The bytes are what gets verified; they are passed on re-encoded.
 */
function b64Bytes(value: unknown, where: string): Uint8Array {
  if (typeof value !== 'string') fail('ATTESTATION_MALFORMED', `${where} is not a string`);
  const bytes = decodeBase64Lenient(value);
  if (bytes === null) fail('ATTESTATION_BAD_BASE64', `${where} is not base64`);
  if (bytes.length === 0) fail('ATTESTATION_MALFORMED', `${where} is empty`);
  return bytes;
}

/** A DER SEQUENCE with a definite length covering exactly the input. */
function looksLikeDerSequence(b: Uint8Array): boolean {
  if (b.length < 2 || b[0] !== 0x30) return false;
  const first = b[1]!;
  if (first < 0x80) return first + 2 === b.length;
  const n = first & 0x7f;
  if (n === 0 || n > 4 || b.length < 2 + n) return false;
  let len = 0;
  for (let i = 0; i < n; i++) len = len * 256 + b[2 + i]!;
  return len + 2 + n === b.length;
}

/** Decimal int64 string without sign, spaces or leading zeros (protobuf JSON int64). */
const INT64_RE = /^(?:0|[1-9][0-9]{0,18})$/;

function int64(v: unknown, where: string): void {
  if (typeof v !== 'string' || !INT64_RE.test(v)) fail('ATTESTATION_MALFORMED', `${where} is not a decimal integer string`);
}

function optionalInt64(v: unknown, where: string): void {
  if (v !== undefined) int64(v, where);
}

/**
 * The Rekor entry body is JSON that @sigstore/verify and binding.ts decode: bound it here, before
 * either does. A body that is not JSON at all is left to those checks (TLOG_BODY_MISMATCH).
 */
function checkLogBody(bytes: Uint8Array, where: string): void {
  const r = parseBoundedJsonBytes(bytes, SIGNED_DOCUMENT_LIMITS);
  if (!r.ok && r.problem !== 'not-json') fail('ATTESTATION_MALFORMED', `${where}: ${r.detail}`);
}

/**
 * A transparency log entry (protobuf-specs JSON). protobuf's JSON decoding is lenient (it skips
 * non-base64 characters, accepts arrays and hex for integers), which would let unsigned variants of
 * a real entry verify and be displayed: so every field we pass on must be in canonical form.
 */
function checkTlogEntry(e: unknown, where: string): void {
  if (!isRecord(e)) fail('ATTESTATION_MALFORMED', `${where} is not an object`);
  int64(e.logIndex, `${where}.logIndex`);
  if (!isRecord(e.logId)) fail('ATTESTATION_MALFORMED', `${where}.logId is missing`);
  b64(e.logId.keyId, `${where}.logId.keyId`);
  const kv = e.kindVersion;
  if (
    !isRecord(kv) ||
    typeof kv.kind !== 'string' ||
    !/^[a-z][a-z0-9]{0,31}$/.test(kv.kind) ||
    typeof kv.version !== 'string' ||
    !/^[0-9]{1,4}\.[0-9]{1,4}\.[0-9]{1,4}$/.test(kv.version)
  ) {
    fail('ATTESTATION_MALFORMED', `${where}.kindVersion is missing or malformed`);
  }
  optionalInt64(e.integratedTime, `${where}.integratedTime`);
  checkLogBody(b64(e.canonicalizedBody, `${where}.canonicalizedBody`), `${where}.canonicalizedBody`);
  if (e.inclusionPromise !== undefined) {
    if (!isRecord(e.inclusionPromise)) fail('ATTESTATION_MALFORMED', `${where}.inclusionPromise is not an object`);
    b64(e.inclusionPromise.signedEntryTimestamp, `${where}.inclusionPromise.signedEntryTimestamp`);
  }
  const proof = e.inclusionProof;
  if (proof !== undefined) {
    if (!isRecord(proof)) fail('ATTESTATION_MALFORMED', `${where}.inclusionProof is not an object`);
    int64(proof.logIndex, `${where}.inclusionProof.logIndex`);
    int64(proof.treeSize, `${where}.inclusionProof.treeSize`);
    b64(proof.rootHash, `${where}.inclusionProof.rootHash`);
    if (!Array.isArray(proof.hashes) || proof.hashes.length > MAX_PROOF_HASHES)
      fail('ATTESTATION_MALFORMED', `${where}.inclusionProof.hashes is not a list of at most ${MAX_PROOF_HASHES}`);
    proof.hashes.forEach((h, i) => b64(h, `${where}.inclusionProof.hashes[${i}]`));
    if (!isRecord(proof.checkpoint) || typeof proof.checkpoint.envelope !== 'string' || proof.checkpoint.envelope.length === 0) {
      fail('ATTESTATION_MALFORMED', `${where}.inclusionProof.checkpoint.envelope is missing`);
    }
  }
}

function parseAttestation(v: unknown, where: string, index: number, bundleIndex: number): ParsedAttestation {
  if (!isRecord(v)) fail('ATTESTATION_MALFORMED', `${where} is not an object`);
  if (v.version !== 1) fail('ATTESTATION_UNSUPPORTED_VERSION', `${where}.version is ${JSON.stringify(v.version) ?? 'missing'}, expected 1`);
  const vm = v.verification_material;
  if (!isRecord(vm)) fail('ATTESTATION_MALFORMED', `${where}.verification_material is missing or not an object`);
  const certificateDer = b64Bytes(vm.certificate, `${where}.verification_material.certificate`);
  if (!looksLikeDerSequence(certificateDer)) fail('ATTESTATION_MALFORMED', `${where}.verification_material.certificate is not DER`);
  const te = vm.transparency_entries;
  if (!Array.isArray(te)) fail('ATTESTATION_MALFORMED', `${where}.verification_material.transparency_entries is missing or not a list`);
  if (te.length === 0) fail('ATTESTATION_NO_TLOG_ENTRY', `${where}.verification_material.transparency_entries is empty`);
  if (te.length > MAX_TLOG_ENTRIES) fail('ATTESTATION_MALFORMED', `${where} has more than ${MAX_TLOG_ENTRIES} transparency entries`);
  // Only entry [0] is used (as pypi-attestations does); the rest must be objects and are ignored.
  te.forEach((e, i) => {
    if (i === 0) checkTlogEntry(e, `${where}.verification_material.transparency_entries[0]`);
    else if (!isRecord(e)) fail('ATTESTATION_MALFORMED', `${where}.verification_material.transparency_entries[${i}] is not an object`);
  });
  const timestamps: string[] = [];
  const timestampsDer: Uint8Array[] = [];
  if (vm.timestamps !== undefined && vm.timestamps !== null) {
    if (!Array.isArray(vm.timestamps)) fail('ATTESTATION_MALFORMED', `${where}.verification_material.timestamps is not a list`);
    if (vm.timestamps.length > MAX_TIMESTAMPS) fail('ATTESTATION_MALFORMED', `${where} has more than ${MAX_TIMESTAMPS} timestamps`);
    vm.timestamps.forEach((t, i) => {
      const der = b64(t, `${where}.verification_material.timestamps[${i}]`);
      if (!looksLikeDerSequence(der)) fail('ATTESTATION_MALFORMED', `${where}.verification_material.timestamps[${i}] is not DER`);
      timestampsDer.push(der);
      timestamps.push(t as string);
    });
  }
  const env = v.envelope;
  if (!isRecord(env)) fail('ATTESTATION_MALFORMED', `${where}.envelope is missing or not an object`);
  const statementBytes = b64Bytes(env.statement, `${where}.envelope.statement`);
  const signatureBytes = b64Bytes(env.signature, `${where}.envelope.signature`);
  return {
    index,
    bundleIndex,
    certificate: encodeBase64(certificateDer),
    certificateDer,
    transparencyEntries: te as Record<string, unknown>[],
    timestamps,
    timestampsDer,
    statement: encodeBase64(statementBytes),
    statementBytes,
    signature: encodeBase64(signatureBytes),
  };
}

function parsePublisher(v: unknown, where: string): ParsedPublisher {
  if (!isRecord(v)) fail('PROVENANCE_MALFORMED', `${where}.publisher is missing or not an object`);
  if (typeof v.kind !== 'string' || v.kind.length === 0) fail('PROVENANCE_MALFORMED', `${where}.publisher.kind is missing or not a string`);
  return { kind: v.kind, raw: v };
}

function isAbsentBody(v: unknown): boolean {
  if (v === null) return true;
  return (
    isRecord(v) &&
    typeof v.message === 'string' &&
    v.message.startsWith('No provenance available') &&
    v.attestation_bundles === undefined &&
    v.verification_material === undefined
  );
}

/** `shapeChecked`: the value came from parseBoundedJson (already within the limits). */
function parseValue(v: unknown, shapeChecked: boolean): ProvenanceParseResult {
  if (isAbsentBody(v)) return { status: 'absent' };
  if (!isRecord(v)) fail('PROVENANCE_MALFORMED', 'the provenance is not a JSON object');
  if (!shapeChecked) checkShape(v);
  // A bare attestation object (has verification_material, no attestation_bundles).
  if (v.attestation_bundles === undefined && v.verification_material !== undefined) {
    return { status: 'ok', bundles: [{ publisher: null, attestations: [parseAttestation(v, 'attestation', 0, 0)] }] };
  }
  if (v.version !== 1) fail('PROVENANCE_UNSUPPORTED_VERSION', `version is ${JSON.stringify(v.version) ?? 'missing'}, expected 1`);
  const ab = v.attestation_bundles;
  if (!Array.isArray(ab)) fail('PROVENANCE_MALFORMED', 'attestation_bundles is missing or not a list');
  if (ab.length === 0) fail('PROVENANCE_NO_BUNDLES', 'attestation_bundles is empty');
  if (ab.length > MAX_BUNDLES) fail('PROVENANCE_TOO_LARGE', `more than ${MAX_BUNDLES} attestation bundles`);
  let flat = 0;
  const bundles = ab.map((b, bi): ParsedBundle => {
    const where = `attestation_bundles[${bi}]`;
    if (!isRecord(b)) fail('PROVENANCE_MALFORMED', `${where} is not an object`);
    const publisher = parsePublisher(b.publisher, where);
    const atts = b.attestations;
    if (!Array.isArray(atts)) fail('PROVENANCE_MALFORMED', `${where}.attestations is missing or not a list`);
    if (atts.length === 0) fail('PROVENANCE_NO_ATTESTATIONS', `${where}.attestations is empty`);
    if (atts.length > MAX_ATTESTATIONS) fail('PROVENANCE_TOO_LARGE', `${where} has more than ${MAX_ATTESTATIONS} attestations`);
    if (flat + atts.length > MAX_TOTAL_ATTESTATIONS)
      fail('PROVENANCE_TOO_LARGE', `more than ${MAX_TOTAL_ATTESTATIONS} attestations in all bundles`);
    return { publisher, attestations: atts.map((a, ai) => parseAttestation(a, `${where}.attestations[${ai}]`, flat++, bi)) };
  });
  return { status: 'ok', bundles };
}

/**
 * Parse a provenance object, a bare attestation object, JSON null or PyPI's 404 body.
 * `input` is either parsed JSON or the raw JSON text (then capped at `maxBytes`, default 2 MB).
 * Never throws.
 */
export function parseProvenance(input: unknown, opts: { maxBytes?: number } = {}): ProvenanceParseResult {
  try {
    let value = input;
    if (typeof input === 'string') {
      const max = opts.maxBytes ?? DEFAULT_MAX_BYTES;
      if (input.length > max || utf8Length(input) > max) fail('PROVENANCE_TOO_LARGE', `larger than ${max} bytes`);
      const parsed = parseBoundedJson(input, { ...PROVENANCE_LIMITS, maxStringLength: max });
      if (!parsed.ok) shapeFail(parsed.problem, parsed.detail);
      value = parsed.value;
    } else if (input instanceof Uint8Array) {
      fail('PROVENANCE_MALFORMED', 'bytes given; pass the JSON text or the parsed value');
    }
    return parseValue(value, typeof input === 'string');
  } catch (e) {
    if (e instanceof ParseError) return { status: 'invalid', reasons: [reason(e.code, { detail: e.detail })] };
    return { status: 'invalid', reasons: [reason('PROVENANCE_MALFORMED', { detail: String((e as Error)?.message ?? e) })] };
  }
}
