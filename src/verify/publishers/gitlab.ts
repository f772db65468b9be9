/** GitLab CI/CD Trusted Publisher: Build Config URI is `https://gitlab.com/{repository}//{workflow_filepath}@{ref|sha}`. */
import { checkForge, describeForge, inferForge, type ForgePolicy } from './forge';
import type { PublisherRule } from './types';

export const GITLAB_ISSUER = 'https://gitlab.com';
const POLICY: ForgePolicy = { issuer: GITLAB_ISSUER, host: 'https://gitlab.com', workflowSeparator: '//', refAndDigest: 'both' };

export const gitlab: PublisherRule = {
  kind: 'GitLab',
  describe(raw) {
    return describeForge('GitLab', raw, 'workflow_filepath');
  },
  check(publisher, identity, attestation) {
    return checkForge(POLICY, publisher, identity, attestation);
  },
  infer(identity) {
    const f = inferForge(POLICY, identity);
    return f ? { kind: 'GitLab', repository: f.repository, workflow: f.workflow, fromProvenance: false } : null;
  },
};
