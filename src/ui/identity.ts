/**
 * Turn a VERIFIED attestation's signing identity into the few facts the UI shows
 * (forge, repository, workflow path, commit). Reads only certificate-derived fields, never the
 * publisher object. Every value is checked before use; anything odd yields null (shown as raw text).
 */
import type { AttestationResult, SigningIdentity, Verdict } from '../verify/verdict';
import { isCommitSha, isRepositoryPath, type Forge } from './links';
import type { IdentityPin } from '../settings';
import { t } from '../i18n';

export const PYPI_PUBLISH_V1 = 'https://docs.pypi.org/attestations/publish/v1';
export const SLSA_PROVENANCE_V1 = 'https://slsa.dev/provenance/v1';

export const ISSUERS = {
  github: 'https://token.actions.githubusercontent.com',
  gitlab: 'https://gitlab.com',
  google: 'https://accounts.google.com',
} as const;

export type ProvenIdentity =
  | {
      kind: 'forge';
      forge: Forge;
      repository: string;
      workflowPath: string;
      workflowName: string;
      commit: string | null;
      ref: string | null;
      runUri: string | null;
    }
  | { kind: 'google'; email: string }
  | { kind: 'other'; san: string | null; issuer: string | null };

function forgeOfIssuer(issuer: string | null): Forge | 'google' | null {
  if (issuer === ISSUERS.github) return 'github';
  if (issuer === ISSUERS.gitlab) return 'gitlab';
  if (issuer === ISSUERS.google) return 'google';
  return null;
}

/** Parse a Build Config URI (.18): GitHub "https://github.com/R/.github/workflows/W@X", GitLab "https://gitlab.com/R//P@X". */
export function parseBuildConfigUri(forge: Forge, uri: string | undefined): { repository: string; path: string } | null {
  if (typeof uri !== 'string') return null;
  const at = uri.lastIndexOf('@');
  if (at < 0) return null;
  const left = uri.slice(0, at);
  if (forge === 'github') {
    const m = /^https:\/\/github\.com\/([^/]+\/[^/]+)\/(\.github\/workflows\/[^/@]+)$/.exec(left);
    if (!m || !isRepositoryPath('github', m[1])) return null;
    return { repository: m[1]!, path: m[2]! };
  }
  const m = /^https:\/\/gitlab\.com\/(.+?)\/\/(.+)$/.exec(left);
  if (!m || !isRepositoryPath('gitlab', m[1]) || m[2]!.split('/').some((s) => s === '..' || s === '.')) return null;
  return { repository: m[1]!, path: m[2]! };
}

export function provenIdentity(id: SigningIdentity | null): ProvenIdentity | null {
  if (!id) return null;
  const f = forgeOfIssuer(id.issuer);
  if (f === 'google') {
    return id.subjectAlternativeName
      ? { kind: 'google', email: id.subjectAlternativeName }
      : { kind: 'other', san: null, issuer: id.issuer };
  }
  if (f) {
    const cfg = parseBuildConfigUri(f, id.buildConfigUri);
    if (cfg) {
      const commit = isCommitSha(id.sourceRepositoryDigest) ? id.sourceRepositoryDigest : null;
      return {
        kind: 'forge',
        forge: f,
        repository: cfg.repository,
        workflowPath: cfg.path,
        workflowName: cfg.path.split('/').pop() ?? cfg.path,
        commit,
        ref: typeof id.sourceRepositoryRef === 'string' ? id.sourceRepositoryRef : null,
        runUri: typeof id.runInvocationUri === 'string' ? id.runInvocationUri : null,
      };
    }
  }
  return { kind: 'other', san: id.subjectAlternativeName, issuer: id.issuer };
}

/** The attestation whose identity speaks for the upload: the verified publish attestation, else the first verified one. */
export function uploadAttestation(v: Verdict): AttestationResult | null {
  if (v.state !== 'verified') return null;
  const ok = v.attestations.filter((a) => a.ok && a.identity);
  return ok.find((a) => a.predicateType === PYPI_PUBLISH_V1) ?? ok[0] ?? null;
}

/** Identity proven for a verified verdict; null for any other state. */
export function verifiedIdentity(v: Verdict | null): ProvenIdentity | null {
  if (!v || v.state !== 'verified') return null;
  return provenIdentity(uploadAttestation(v)?.identity ?? null);
}

/** Short publisher label for summaries: "pypa/sampleproject · release.yml" or the service account. */
export function identityLabel(p: ProvenIdentity): string {
  switch (p.kind) {
    case 'forge':
      return `${p.repository} · ${p.workflowName}`;
    case 'google':
      return p.email;
    case 'other':
      return p.san ?? p.issuer ?? t('unknown_identity');
  }
}

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
