/**
 * The signing identity a verified verdict proves, as forge / repository / workflow / commit, and its
 * short label for summaries. Apart from identity.ts (which re-exports it) because the content script's
 * every-page summary line needs only this. Reads only certificate-derived fields, never the publisher object.
 */
import type { AttestationResult, SigningIdentity, Verdict } from '../verify/verdict';
import { isCommitSha, isRepositoryPath, type Forge } from './repo-names';
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

/** Every identity proven for a verified verdict, the upload's first (a file may be attested by several publishers). */
export function verifiedIdentities(v: Verdict | null): ProvenIdentity[] {
  if (!v || v.state !== 'verified') return [];
  const first = uploadAttestation(v);
  const ok = v.attestations.filter((a) => a.ok && a.identity && a !== first);
  return [first, ...ok].flatMap((a) => {
    const id = a ? provenIdentity(a.identity ?? null) : null;
    return id ? [id] : [];
  });
}

/** Identity proven for a verified verdict; null for any other state. */
export function verifiedIdentity(v: Verdict | null): ProvenIdentity | null {
  if (!v || v.state !== 'verified') return null;
  return provenIdentity(uploadAttestation(v)?.identity ?? null);
}

/**
 * The distinct publisher labels of a verdict's verified signatures, the upload's first: what the
 * page's summary line names. The worker sends them with each verdict (FileVerdictMessage.publishers),
 * so the script every pypi.org page loads does not carry this module (issue #16).
 */
export function publisherLabels(v: Verdict | null): string[] {
  return [...new Set(verifiedIdentities(v).map(identityLabel))];
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
