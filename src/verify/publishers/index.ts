/**
 * Publisher dispatch. Unknown kinds (and ActiveState) yield PUBLISHER_UNSUPPORTED, so a verdict
 * with such a publisher is never 'verified'.
 */
import { reason, type PublisherInfo, type Reason, type SigningIdentity } from '../verdict';
import { activestate } from './activestate';
import { github } from './github';
import { gitlab } from './gitlab';
import { google } from './google';
import { at, type PublisherRule } from './types';

export type { PublisherRule } from './types';
export { github, gitlab, google, activestate };

export const PUBLISHER_RULES: readonly PublisherRule[] = [github, gitlab, google, activestate];

export function ruleFor(kind: string): PublisherRule | undefined {
  return PUBLISHER_RULES.find((r) => r.kind === kind);
}

/** PublisherInfo from a provenance publisher object (kind kept as given for unknown kinds). */
export function describePublisher(kind: string, raw: Record<string, unknown>): PublisherInfo {
  return ruleFor(kind)?.describe(raw) ?? { kind, fromProvenance: true };
}

/** Reasons why `identity` does not match `publisher`; [] means it matches. */
export function checkPublisher(publisher: PublisherInfo, identity: SigningIdentity, attestation?: number): Reason[] {
  const rule = ruleFor(publisher.kind);
  if (!rule)
    return [reason('PUBLISHER_UNSUPPORTED', at(attestation, `cannot check this publisher kind yet: ${publisher.kind.slice(0, 64)}`))];
  return rule.check(publisher, identity, attestation);
}

/** The publisher a certificate identity implies (GitHub, GitLab, Google), or null. */
export function inferPublisher(identity: SigningIdentity): PublisherInfo | null {
  for (const rule of PUBLISHER_RULES) {
    const p = rule.infer?.(identity);
    if (p) return p;
  }
  return null;
}
