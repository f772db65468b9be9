/**
 * GitHub Actions Trusted Publisher. The publisher's `workflow` is a workflow file name in the
 * publishing repository's .github/workflows; the certificate records the top-level workflow run in
 * Build Config URI (.18), which is what the reference compares. Warehouse binds the Trusted
 * Publisher to the OIDC `job_workflow_ref` claim at upload, so PyPI only holds attestations whose
 * signing job's workflow is that same file: an upload from a reusable workflow in another file is
 * refused by PyPI, and this check is not what makes reusable workflows work or fail. The SAN and
 * Build Signer URI (.9) are shown, not checked. `environment` is not in the certificate and is
 * never verified.
 */
import { checkForge, describeForge, inferForge, type ForgePolicy } from './forge';
import type { PublisherRule } from './types';

export const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com';
const POLICY: ForgePolicy = {
  issuer: GITHUB_ISSUER,
  host: 'https://github.com',
  workflowSeparator: '/.github/workflows/',
  refAndDigest: 'any',
};

export const github: PublisherRule = {
  kind: 'GitHub',
  describe(raw) {
    return describeForge('GitHub', raw, 'workflow');
  },
  check(publisher, identity, attestation) {
    return checkForge(POLICY, publisher, identity, attestation);
  },
  infer(identity) {
    const f = inferForge(POLICY, identity);
    // The workflow must be a plain file name in .github/workflows.
    if (!f || f.workflow.includes('/')) return null;
    return { kind: 'GitHub', repository: f.repository, workflow: f.workflow, fromProvenance: false };
  },
};
