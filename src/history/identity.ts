/** Publisher identities of verified verdicts, and how two of them differ. Pure. */
import { t } from '../i18n';
import type { Verdict } from '../verify/verdict';
import { IDENTITY_FIELDS, type IdentityChange, type PublisherIdentity } from './types';

/** The verified publisher identity of a verdict; null unless the verdict is `verified`. */
export function identityOf(v: Pick<Verdict, 'state' | 'publisher'> | null | undefined): PublisherIdentity | null {
  if (!v || v.state !== 'verified' || !v.publisher || typeof v.publisher.kind !== 'string') return null;
  const p = v.publisher;
  const id: PublisherIdentity = { kind: p.kind };
  if (typeof p.repository === 'string') id.repository = p.repository;
  if (typeof p.workflow === 'string') id.workflow = p.workflow;
  if (typeof p.email === 'string') id.email = p.email;
  if (p.environment === null || typeof p.environment === 'string') id.environment = p.environment === '' ? null : p.environment;
  return id;
}

function norm(field: (typeof IDENTITY_FIELDS)[number], v: string | null | undefined): string | null {
  if (v === undefined || v === null || v === '') return null;
  // Repositories and e-mails compare case-insensitively (GitHub/GitLab/Google do); kind too.
  return field === 'workflow' || field === 'environment' ? v : v.toLowerCase();
}

/** Fields in the certificate (checked): only these decide same/changed. */
const SIGNED_FIELDS = IDENTITY_FIELDS.filter((f) => f !== 'environment');

/**
 * Field-by-field differences, in a fixed order (kind first). Empty = same publisher. Only signed
 * fields decide: `environment` is stated by PyPI, not part of the signature, so it never makes a
 * change (nor confirms sameness) by itself; it is listed last, as a note, beside a signed change.
 */
export function diffIdentity(before: PublisherIdentity, after: PublisherIdentity): IdentityChange[] {
  const out: IdentityChange[] = [];
  for (const field of [...SIGNED_FIELDS, 'environment' as const]) {
    const a = before[field] ?? null;
    const b = after[field] ?? null;
    if (norm(field, a) !== norm(field, b)) out.push({ field, before: a, after: b });
  }
  return out.some((c) => c.field !== 'environment') ? out : [];
}

export function sameIdentity(a: PublisherIdentity, b: PublisherIdentity): boolean {
  return diffIdentity(a, b).length === 0;
}

export function identityKey(id: PublisherIdentity): string {
  return SIGNED_FIELDS.map((f) => norm(f, id[f]) ?? '').join('\u0000');
}

export function distinctIdentities(ids: Iterable<PublisherIdentity | null>): PublisherIdentity[] {
  const seen = new Map<string, PublisherIdentity>();
  for (const id of ids) if (id && !seen.has(identityKey(id))) seen.set(identityKey(id), id);
  return [...seen.values()];
}

/** "GitHub pypa/sampleproject · release.yml (environment pypi)". */
export function describeIdentity(id: PublisherIdentity): string {
  if (id.email) return t('identity_email', [id.kind, id.email]);
  let s = t('identity_repository', [id.kind, id.repository ?? t('identity_no_repository')]);
  if (id.workflow) s = t('identity_workflow', [s, id.workflow]);
  if (id.environment) s = t('identity_environment', [s, id.environment]);
  return s;
}
