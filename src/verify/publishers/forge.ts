/**
 * Shared identity policy for forge-hosted CI publishers (GitHub Actions, GitLab CI/CD), the same
 * rule as pypi-attestations' `_GitHubTrustedPublisherPolicy` / `_GitLabTrustedPublisherPolicy`
 * (_impl.py): Issuer V2 (.8) equals the forge's issuer, Source Repository URI (.12) equals
 * `{host}/{repository}`, and Build Config URI (.18) equals
 * `{host}/{repository}{separator}{workflow}@{suffix}` for a suffix taken from the certificate's own
 * Source Repository Digest (.13) or Ref (.14). GitHub needs at least one of .13/.14, GitLab both.
 * Every comparison is exact, repository case included: PyPI ran this same exact check when it
 * accepted the upload, so a genuine provenance always matches byte for byte (src/verify/README.md).
 * Warehouse binds the Trusted Publisher to the calling workflow (`job_workflow_ref`), which is
 * what .18 records; .9 / the SAN name the job's workflow and are not checked.
 */
import { reason, type PublisherInfo, type Reason, type SigningIdentity } from '../verdict';
import { at, envOf, str } from './types';

export interface ForgePolicy {
  issuer: string;
  host: string; // 'https://github.com'
  /** Between the repository and the workflow path in .18: '/.github/workflows/' or '//'. */
  workflowSeparator: string;
  /** Which of .13 (digest) and .14 (ref) the certificate must carry: 'any' (GitHub) or 'both' (GitLab). */
  refAndDigest: 'any' | 'both';
}

const REPO_RE = /^[A-Za-z0-9_.-]+(?:\/[A-Za-z0-9_.-]+)+$/;

/** The certificate's .13 and .14 values (in that order, as the reference tries them), or a reason. */
function buildSuffixes(policy: ForgePolicy, identity: SigningIdentity, attestation?: number): string[] | Reason {
  const digest = identity.sourceRepositoryDigest;
  const ref = identity.sourceRepositoryRef;
  const present = [digest, ref].filter((x): x is string => typeof x === 'string');
  if (policy.refAndDigest === 'both' && present.length < 2) {
    return reason(
      'IDENTITY_MISSING_EXTENSION',
      at(attestation, 'GitLab certificates must carry both Source Repository Digest and Ref (1.3.6.1.4.1.57264.1.13 and .14)'),
    );
  }
  if (present.length === 0) {
    return reason('IDENTITY_MISSING_EXTENSION', at(attestation, 'no Source Repository Ref or Digest (1.3.6.1.4.1.57264.1.14 / .13)'));
  }
  return present;
}

export function checkForge(policy: ForgePolicy, publisher: PublisherInfo, identity: SigningIdentity, attestation?: number): Reason[] {
  const reasons: Reason[] = [];
  const repo = publisher.repository;
  const workflow = publisher.workflow;
  // A workflow file name may contain '@' (Warehouse allows it): the comparison below is exact.
  if (!repo || !workflow || !REPO_RE.test(repo)) {
    return [reason('PUBLISHER_MALFORMED', at(attestation, 'repository or workflow is missing or malformed'))];
  }
  if (identity.issuerV2 !== policy.issuer) {
    reasons.push(
      reason(
        'IDENTITY_ISSUER_MISMATCH',
        at(attestation, `certificate issuer (1.3.6.1.4.1.57264.1.8) ${identity.issuerV2 ?? '(none)'}, expected ${policy.issuer}`),
      ),
    );
  }
  const repoUri = `${policy.host}/${repo}`;
  if (identity.sourceRepositoryUri === undefined) {
    reasons.push(reason('IDENTITY_MISSING_EXTENSION', at(attestation, 'no Source Repository URI (1.3.6.1.4.1.57264.1.12)')));
  } else if (identity.sourceRepositoryUri !== repoUri) {
    reasons.push(
      reason('IDENTITY_REPOSITORY_MISMATCH', at(attestation, `certificate names ${identity.sourceRepositoryUri}, expected ${repoUri}`)),
    );
  }
  const build = identity.buildConfigUri;
  if (build === undefined) {
    reasons.push(reason('IDENTITY_MISSING_EXTENSION', at(attestation, 'no Build Config URI (1.3.6.1.4.1.57264.1.18)')));
    return reasons;
  }
  const suffixes = buildSuffixes(policy, identity, attestation);
  if (!Array.isArray(suffixes)) {
    reasons.push(suffixes);
    return reasons;
  }
  const expected = suffixes.map((x) => `${repoUri}${policy.workflowSeparator}${workflow}@${x}`);
  if (!expected.includes(build)) {
    const code = build.startsWith(`${repoUri}/`) ? 'IDENTITY_WORKFLOW_MISMATCH' : 'IDENTITY_REPOSITORY_MISMATCH';
    reasons.push(reason(code, at(attestation, `certificate Build Config URI ${build}, expected ${expected.join(' or ')}`)));
  }
  return reasons;
}

/** Repository and workflow path read from .12/.18 of a forge certificate, or null. */
export function inferForge(policy: ForgePolicy, identity: SigningIdentity): { repository: string; workflow: string } | null {
  if (identity.issuerV2 !== policy.issuer) return null;
  const repoUri = identity.sourceRepositoryUri;
  const build = identity.buildConfigUri;
  if (!repoUri || !build || !repoUri.startsWith(policy.host + '/')) return null;
  const repository = repoUri.slice(policy.host.length + 1);
  if (!REPO_RE.test(repository)) return null;
  const start = repoUri.length + policy.workflowSeparator.length;
  if (build.slice(0, repoUri.length) !== repoUri || build.slice(repoUri.length, start) !== policy.workflowSeparator) return null;
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
