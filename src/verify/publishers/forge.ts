/**
 * Shared identity policy for forge-hosted CI publishers (GitHub Actions, GitLab CI/CD), mirroring
 * pypi-attestations: issuer (.8), Source Repository URI (.12) and Build Config URI (.18) built from
 * the repository, the workflow path and the cert's own ref (.14) or commit (.13).
 * The repository part is compared case-insensitively (both forges treat owner/name that way and
 * PyPI may store a different case); the workflow path and ref are compared exactly.
 */
import { reason, type PublisherInfo, type Reason, type SigningIdentity } from '../verdict';
import { at, envOf, str } from './types';

export interface ForgePolicy {
  issuer: string;
  host: string; // 'https://github.com'
  /** Between the repository and the workflow path in .18: '/.github/workflows/' or '//'. */
  workflowSeparator: string;
}

const REPO_RE = /^[A-Za-z0-9_.-]+(?:\/[A-Za-z0-9_.-]+)+$/;

export function checkForge(policy: ForgePolicy, publisher: PublisherInfo, identity: SigningIdentity, attestation?: number): Reason[] {
  const reasons: Reason[] = [];
  const repo = publisher.repository;
  const workflow = publisher.workflow;
  if (!repo || !workflow || !REPO_RE.test(repo) || workflow.includes('@')) {
    return [reason('PUBLISHER_MALFORMED', at(attestation, 'repository or workflow is missing or malformed'))];
  }
  if (identity.issuer !== policy.issuer) {
    reasons.push(
      reason('IDENTITY_ISSUER_MISMATCH', at(attestation, `certificate issuer ${identity.issuer ?? '(none)'}, expected ${policy.issuer}`)),
    );
  }
  const repoUri = `${policy.host}/${repo}`;
  if (identity.sourceRepositoryUri === undefined) {
    reasons.push(reason('IDENTITY_MISSING_EXTENSION', at(attestation, 'no Source Repository URI (1.3.6.1.4.1.57264.1.12)')));
  } else if (identity.sourceRepositoryUri.toLowerCase() !== repoUri.toLowerCase()) {
    reasons.push(
      reason('IDENTITY_REPOSITORY_MISMATCH', at(attestation, `certificate names ${identity.sourceRepositoryUri}, expected ${repoUri}`)),
    );
  }
  const xs = [identity.sourceRepositoryRef, identity.sourceRepositoryDigest].filter(
    (x): x is string => typeof x === 'string' && x.length > 0,
  );
  if (xs.length === 0) {
    reasons.push(
      reason('IDENTITY_MISSING_EXTENSION', at(attestation, 'no Source Repository Ref or Digest (1.3.6.1.4.1.57264.1.14 / .13)')),
    );
    return reasons;
  }
  const build = identity.buildConfigUri;
  if (build === undefined) {
    reasons.push(reason('IDENTITY_MISSING_EXTENSION', at(attestation, 'no Build Config URI (1.3.6.1.4.1.57264.1.18)')));
    return reasons;
  }
  const prefix = repoUri.toLowerCase();
  const matches = xs.some((x) => {
    const suffix = `${policy.workflowSeparator}${workflow}@${x}`;
    return (
      build.length === repoUri.length + suffix.length &&
      build.slice(0, repoUri.length).toLowerCase() === prefix &&
      build.slice(repoUri.length) === suffix
    );
  });
  if (!matches) {
    const expected = `${repoUri}${policy.workflowSeparator}${workflow}@${xs[0]}`;
    const sameRepo = build.slice(0, repoUri.length).toLowerCase() === prefix && build.startsWith('/', repoUri.length);
    const code = sameRepo ? 'IDENTITY_WORKFLOW_MISMATCH' : 'IDENTITY_REPOSITORY_MISMATCH';
    reasons.push(reason(code, at(attestation, `certificate Build Config URI ${build}, expected ${expected}`)));
  }
  return reasons;
}

/** Repository and workflow path read from .12/.18 of a forge certificate, or null. */
export function inferForge(policy: ForgePolicy, identity: SigningIdentity): { repository: string; workflow: string } | null {
  if (identity.issuer !== policy.issuer) return null;
  const repoUri = identity.sourceRepositoryUri;
  const build = identity.buildConfigUri;
  if (!repoUri || !build || !repoUri.startsWith(policy.host + '/')) return null;
  const repository = repoUri.slice(policy.host.length + 1);
  if (!REPO_RE.test(repository)) return null;
  const start = repoUri.length + policy.workflowSeparator.length;
  if (
    build.slice(0, repoUri.length).toLowerCase() !== repoUri.toLowerCase() ||
    build.slice(repoUri.length, start) !== policy.workflowSeparator
  )
    return null;
  const rest = build.slice(start);
  const atIdx = rest.lastIndexOf('@');
  if (atIdx <= 0) return null;
  return { repository, workflow: rest.slice(0, atIdx) };
}

/** The publisher as the provenance states it (`workflowKey`: 'workflow' on GitHub, 'workflow_filepath' on GitLab). */
export function describeForge(kind: 'GitHub' | 'GitLab', raw: Record<string, unknown>, workflowKey: string): PublisherInfo {
  const p: PublisherInfo = { kind, fromProvenance: true, environment: envOf(raw.environment) };
  const repository = str(raw.repository);
  const workflow = str(raw[workflowKey]);
  if (repository !== undefined) p.repository = repository;
  if (workflow !== undefined) p.workflow = workflow;
  return p;
}
