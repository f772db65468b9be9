/**
 * Identity pins: "project X must be published by this identity" (settings, storage.sync).
 *
 * - verified: compare the verified publisher AND every attestation's certificate identity with the
 *   pin (kind; repository case-insensitively; workflow if pinned; e-mail). Equal → 'match',
 *   different → 'mismatch' with human-readable differences ("repository: pinned → seen").
 * - absent under a pin → 'mismatch' ("no provenance, but you pinned …"): a pinned project losing
 *   its provenance is exactly what a pin is for.
 * - failed / error / pending → 'none' (not comparable; `failed` is already danger). The pin is
 *   still returned so the UI can mention it.
 * Several pins for one project are alternatives: any matching pin is a match.
 * The level: `levelFor(state, { strict, pinMismatch })`, so a mismatch is always 'danger'.
 */
import type { PinCheck } from '../messages';
import type { IdentityPin, Settings } from '../settings';
import { normalizeProjectName } from '../settings';
import { levelFor, type SigningIdentity, type Verdict, type VerdictLevel } from '../verify/verdict';
import { hasMultiplePublishers } from '../verify/level';

const HOSTS: Record<string, string> = { github: 'https://github.com/', gitlab: 'https://gitlab.com/' };

export function describePin(pin: IdentityPin): string {
  if (pin.kind === 'Google') return `Google ${pin.email ?? ''}`.trim();
  return `${pin.kind} ${pin.repository ?? ''}${pin.workflow ? ` (${pin.workflow})` : ''}`.trim();
}

function lc(s: string | null | undefined): string | null {
  return typeof s === 'string' ? s.toLowerCase() : null;
}

/** "owner/name" from the certificate's Source Repository URI. */
export function certRepository(id: SigningIdentity, kind: string): string | null {
  const host = HOSTS[kind.toLowerCase()];
  const uri = id.sourceRepositoryUri;
  if (!host || typeof uri !== 'string' || !uri.startsWith(host)) return null;
  return uri.slice(host.length).replace(/\/+$/, '') || null;
}

/** Workflow from the certificate's Build Config URI (GitHub: file name; GitLab: workflow path). */
export function certWorkflow(id: SigningIdentity, kind: string): string | null {
  const uri = id.buildConfigUri ?? id.subjectAlternativeName ?? undefined;
  if (typeof uri !== 'string') return null;
  const at = uri.lastIndexOf('@');
  const path = at >= 0 ? uri.slice(0, at) : uri;
  if (kind.toLowerCase() === 'github') {
    const m = /\/\.github\/workflows\/([^/]+)$/.exec(path);
    return m ? m[1]! : null;
  }
  if (kind.toLowerCase() === 'gitlab') {
    const i = path.indexOf('//', 'https://'.length);
    return i >= 0 ? path.slice(i + 2) : null;
  }
  return null;
}

function workflowKey(kind: string, w: string): string {
  // GitHub publishers name the file only; accept a pin written as ".github/workflows/x.yml".
  return kind.toLowerCase() === 'github' ? w.slice(w.lastIndexOf('/') + 1) : w.replace(/^\.\//, '');
}

/** Differences between a verified verdict and one pin (empty = match). */
export function pinDifferences(verdict: Verdict, pin: IdentityPin): string[] {
  const pub = verdict.publisher;
  if (!pub) return [`publisher: ${describePin(pin)} → none`];
  if (lc(pub.kind) !== lc(pin.kind)) return [`publisher: ${pin.kind} → ${pub.kind}`];
  const out = new Set<string>();
  const identities = verdict.attestations.map((a) => a.identity).filter((i): i is SigningIdentity => i !== null);
  if (pin.kind === 'Google') {
    const want = lc(pin.email);
    if (lc(pub.email) !== want) out.add(`e-mail: ${pin.email} → ${pub.email ?? 'none'}`);
    for (const id of identities) {
      if (lc(id.subjectAlternativeName) !== want) out.add(`certificate e-mail: ${pin.email} → ${id.subjectAlternativeName ?? 'none'}`);
    }
    return [...out];
  }
  const wantRepo = lc(pin.repository);
  if (lc(pub.repository) !== wantRepo) out.add(`repository: ${pin.repository} → ${pub.repository ?? 'none'}`);
  for (const id of identities) {
    const r = certRepository(id, pin.kind);
    if (lc(r) !== wantRepo) out.add(`certificate repository: ${pin.repository} → ${r ?? 'none'}`);
  }
  if (pin.workflow) {
    const want = workflowKey(pin.kind, pin.workflow);
    if (!pub.workflow || workflowKey(pin.kind, pub.workflow) !== want) out.add(`workflow: ${pin.workflow} → ${pub.workflow ?? 'none'}`);
    for (const id of identities) {
      const w = certWorkflow(id, pin.kind);
      if (!w || workflowKey(pin.kind, w) !== want) out.add(`certificate workflow: ${pin.workflow} → ${w ?? 'none'}`);
    }
  }
  return [...out];
}

export function pinsFor(project: string, settings: Settings): IdentityPin[] {
  const p = normalizeProjectName(project);
  return settings.pins.filter((pin) => pin.project === p);
}

export function checkPin(verdict: Verdict, project: string, settings: Settings): PinCheck {
  const pins = pinsFor(project, settings);
  const first = pins[0];
  if (!first) return { status: 'none' };
  if (verdict.state === 'verified') {
    let best: { pin: IdentityPin; diffs: string[] } | null = null;
    for (const pin of pins) {
      const diffs = pinDifferences(verdict, pin);
      if (diffs.length === 0) return { status: 'match', pin };
      if (!best || diffs.length < best.diffs.length) best = { pin, diffs };
    }
    return { status: 'mismatch', pin: best!.pin, differences: best!.diffs };
  }
  if (verdict.state === 'absent') {
    return { status: 'mismatch', pin: first, differences: [`no provenance, but you pinned ${describePin(first)}`] };
  }
  return { status: 'none', pin: first };
}

export function levelWithPin(verdict: Verdict, pin: PinCheck, settings: Settings): VerdictLevel {
  return levelFor(verdict.state, {
    strict: settings.strict,
    pinMismatch: pin.status === 'mismatch',
    multiplePublishers: hasMultiplePublishers(verdict.reasons),
  });
}
