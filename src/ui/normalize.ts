/**
 * Defensive copy of a Verdict before rendering. The worker is ours, but a verdict crosses a message
 * boundary whose guard only checks it is an object: make every field the type the components expect
 * (strings are strings, lists are lists), so a malformed verdict renders as little, never crashes,
 * and can never turn into a "verified" it was not.
 */
import { REASON_MESSAGES } from '../verify/verdict';
import type { PinCheck } from '../messages';
import { shownLevel } from './status';
import type { FileView } from './types';
import type {
  AttestationResult,
  CertificateInfo,
  PublisherInfo,
  Reason,
  SigningIdentity,
  TransparencyLogInfo,
  Verdict,
  VerdictState,
} from '../verify/verdict';

const STATES: readonly VerdictState[] = ['verified', 'failed', 'absent', 'error', 'pending'];
type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | null => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : null);
const s = (v: unknown, max = 4096): string => (typeof v === 'string' ? v.slice(0, max) : typeof v === 'number' ? String(v) : '');
const sOrNull = (v: unknown, max = 4096): string | null => (typeof v === 'string' ? v.slice(0, max) : null);
const sOpt = (v: unknown, max = 4096): string | undefined => (typeof v === 'string' ? v.slice(0, max) : undefined);
const arr = (v: unknown, max = 100): unknown[] => (Array.isArray(v) ? v.slice(0, max) : []);

function reasons(v: unknown): Reason[] {
  return arr(v)
    .map(obj)
    .filter((r): r is Obj => r !== null)
    .map((r) => {
      const out = { code: s(r.code, 100), message: s(r.message) || s(r.code, 100) } as Reason;
      if (typeof r.detail === 'string') out.detail = r.detail.slice(0, 2000);
      if (typeof r.attestation === 'number') out.attestation = r.attestation;
      return out;
    });
}

function publisher(v: unknown): PublisherInfo | null {
  const p = obj(v);
  if (!p) return null;
  const out: PublisherInfo = { kind: s(p.kind, 100), fromProvenance: p.fromProvenance === true };
  if (typeof p.repository === 'string') out.repository = p.repository.slice(0, 300);
  if (typeof p.workflow === 'string') out.workflow = p.workflow.slice(0, 300);
  if (typeof p.email === 'string') out.email = p.email.slice(0, 300);
  if (typeof p.environment === 'string' || p.environment === null) out.environment = p.environment as string | null;
  return out;
}

function identity(v: unknown): SigningIdentity | null {
  const i = obj(v);
  if (!i) return null;
  const out: SigningIdentity = { subjectAlternativeName: sOrNull(i.subjectAlternativeName), issuer: sOrNull(i.issuer) };
  const keys = [
    'sourceRepositoryUri',
    'sourceRepositoryDigest',
    'sourceRepositoryRef',
    'sourceRepositoryOwnerUri',
    'sourceRepositoryVisibility',
    'buildConfigUri',
    'buildConfigDigest',
    'buildSignerUri',
    'buildSignerDigest',
    'buildTrigger',
    'runInvocationUri',
    'runnerEnvironment',
  ] as const;
  for (const k of keys) {
    const val = sOpt(i[k]);
    if (val !== undefined) out[k] = val;
  }
  return out;
}

function certificate(v: unknown): CertificateInfo | null {
  const c = obj(v);
  if (!c) return null;
  return {
    pem: s(c.pem, 20000),
    serialNumber: s(c.serialNumber),
    subjectAlternativeName: sOrNull(c.subjectAlternativeName),
    issuer: s(c.issuer),
    subject: s(c.subject),
    notBefore: s(c.notBefore, 100),
    notAfter: s(c.notAfter, 100),
    fingerprintSha256: s(c.fingerprintSha256, 200),
    extensions: arr(c.extensions)
      .map(obj)
      .filter((e): e is Obj => e !== null)
      .map((e) => ({
        oid: s(e.oid, 200),
        name: s(e.name, 200),
        value: s(e.value),
        description: s(e.description, 500),
        critical: e.critical === true,
      })),
    chain: arr(c.chain, 10)
      .map(obj)
      .filter((e): e is Obj => e !== null)
      .map((e) => ({
        subject: s(e.subject),
        issuer: s(e.issuer),
        notBefore: s(e.notBefore, 100),
        notAfter: s(e.notAfter, 100),
        fingerprintSha256: s(e.fingerprintSha256, 200),
        pem: s(e.pem, 20000),
      })),
  };
}

function tlog(v: unknown): TransparencyLogInfo | null {
  const t = obj(v);
  if (!t) return null;
  const out: TransparencyLogInfo = {
    logIndex: s(t.logIndex, 40),
    logId: s(t.logId, 200),
    kind: s(t.kind, 50),
    version: s(t.version, 50),
    rekorVersion: t.rekorVersion === 2 ? 2 : 1,
    integratedTime: sOrNull(t.integratedTime, 100),
  };
  if (typeof t.checkpointOrigin === 'string') out.checkpointOrigin = t.checkpointOrigin.slice(0, 200);
  if (typeof t.logBaseUrl === 'string') out.logBaseUrl = t.logBaseUrl.slice(0, 200);
  return out;
}

function attestation(v: unknown, i: number): AttestationResult | null {
  const a = obj(v);
  if (!a) return null;
  const subj = obj(a.subject);
  return {
    index: typeof a.index === 'number' ? a.index : i,
    bundleIndex: typeof a.bundleIndex === 'number' ? a.bundleIndex : 0,
    ok: a.ok === true,
    predicateType: sOrNull(a.predicateType, 500),
    predicate: a.predicate,
    subject: subj ? { name: s(subj.name, 300), sha256: s(subj.sha256, 100) } : null,
    identity: identity(a.identity),
    certificate: certificate(a.certificate),
    tlog: tlog(a.tlog),
    timestamps: arr(a.timestamps).filter((t): t is string => typeof t === 'string'),
    reasons: reasons(a.reasons),
  };
}

export function normalizeVerdict(v: unknown): Verdict | null {
  const o = obj(v);
  if (!o) return null;
  const state = STATES.includes(o.state as VerdictState) ? (o.state as VerdictState) : 'error';
  const atts = arr(o.attestations, 20)
    .map(attestation)
    .filter((a): a is AttestationResult => a !== null);
  // A "verified" verdict without every attestation verified is not shown as verified.
  const inconsistent = state === 'verified' && (atts.length === 0 || atts.some((a) => !a.ok));
  const rs = reasons(o.reasons);
  if (inconsistent) rs.push({ code: 'INTERNAL_ERROR', message: REASON_MESSAGES.INTERNAL_ERROR, detail: 'inconsistent verdict' });
  return {
    state: inconsistent ? 'error' : state,
    filename: s(o.filename, 300),
    sha256: s(o.sha256, 100),
    reasons: rs,
    publisher: publisher(o.publisher),
    attestations: atts,
    trustRootId: s(o.trustRootId, 100),
    checkedAt: s(o.checkedAt, 100),
  };
}

function pinCheck(v: unknown): PinCheck {
  const p = obj(v);
  const status = p && (p.status === 'match' || p.status === 'mismatch') ? p.status : 'none';
  const out: PinCheck = { status };
  if (p && status !== 'none') {
    const pin = obj(p.pin);
    if (pin) out.pin = pin as unknown as PinCheck['pin'];
    out.differences = arr(p.differences, 20)
      .filter((d): d is string => typeof d === 'string')
      .map((d) => d.slice(0, 500));
  }
  return out;
}

/** FileView with a normalized verdict and a level that agrees with the state. */
export function normalizeFile(file: FileView): FileView {
  const verdict = normalizeVerdict(file.verdict);
  const state = verdict?.state ?? 'pending';
  const pin = pinCheck(file.pin);
  const strict = file.strict === true;
  // Never louder-than-proven: "ok" only for verified; failed and pin mismatches are always danger.
  const level = shownLevel(file.level, state, strict, pin.status === 'mismatch');
  return { ...file, filename: s(file.filename, 300), project: s(file.project, 200), verdict, pin, strict, level };
}
