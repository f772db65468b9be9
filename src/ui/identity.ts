/**
 * Turn a VERIFIED attestation's signing identity into the few facts the UI shows
 * (forge, repository, workflow path, commit). Reads only certificate-derived fields, never the
 * publisher object. Every value is checked before use; anything odd yields null (shown as raw text).
 */
import type { AttestationResult, Verdict } from '../verify/verdict';
import { isCommitSha } from './repo-names';
import { SLSA_PROVENANCE_V1, verifiedIdentity } from './proven-identity';
import type { IdentityPin } from '../settings';

export {
  type ProvenIdentity,
  parseBuildConfigUri,
  provenIdentity,
  uploadAttestation,
  verifiedIdentity,
  identityLabel,
} from './proven-identity';

export const shortSha = (sha: string): string => sha.slice(0, 7);

/** "Built by" facts from a verified SLSA v1 provenance predicate. Strings only, length-capped. */
export interface SlsaFacts {
  builderId: string | null;
  buildType: string | null;
  source: { uri: string; commit: string | null } | null;
  invocationId: string | null;
}

const str = (v: unknown, max = 500): string | null => (typeof v === 'string' && v.length > 0 ? v.slice(0, max) : null);
const obj = (v: unknown): Record<string, unknown> | null =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;

export function slsaFacts(a: AttestationResult): SlsaFacts | null {
  if (!a.ok || a.predicateType !== SLSA_PROVENANCE_V1) return null;
  const p = obj(a.predicate);
  if (!p) return null;
  const bd = obj(p.buildDefinition);
  const rd = obj(p.runDetails);
  const deps = Array.isArray(bd?.resolvedDependencies) ? bd.resolvedDependencies : [];
  const dep0 = obj(deps[0]);
  const commit = str(obj(dep0?.digest)?.gitCommit);
  return {
    builderId: str(obj(rd?.builder)?.id),
    buildType: str(bd?.buildType),
    source: dep0 && str(dep0.uri) ? { uri: str(dep0.uri)!, commit: isCommitSha(commit) ? commit : null } : null,
    invocationId: str(obj(rd?.metadata)?.invocationId),
  };
}

/**
 * The identity pin "Pin this publisher" should store for a verified file (from the verified
 * certificate, not the publisher claim); null if the file is not verified or the identity is unknown.
 */
export function pinFromVerdict(project: string, v: Verdict | null): IdentityPin | null {
  const id = verifiedIdentity(v);
  if (!id || id.kind === 'other') return null;
  if (id.kind === 'google') return { project, kind: 'Google', email: id.email };
  return {
    project,
    kind: id.forge === 'github' ? 'GitHub' : 'GitLab',
    repository: id.repository,
    workflow: id.forge === 'github' ? id.workflowName : id.workflowPath,
  };
}
