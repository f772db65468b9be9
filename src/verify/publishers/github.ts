/**
 * GitHub Actions Trusted Publisher. The publisher's `workflow` is the calling (top-level) workflow's
 * file name, which the certificate carries in Build Config URI (.18) — not the SAN / Build Signer
 * URI (.9), which names a reusable workflow when one is used. `environment` is not in the
 * certificate and is never verified.
 */
import { checkForge, describeForge, inferForge, type ForgePolicy } from './forge';
import type { PublisherRule } from './types';

export const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com';
const POLICY: ForgePolicy = { issuer: GITHUB_ISSUER, host: 'https://github.com', workflowSeparator: '/.github/workflows/' };

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
