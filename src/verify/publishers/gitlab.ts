/** GitLab CI/CD Trusted Publisher: Build Config URI is `https://gitlab.com/{repository}//{workflow_filepath}@{ref|sha}`. */
import type { PublisherInfo } from '../verdict';
import { checkForge, inferForge, type ForgePolicy } from './forge';
import { envOf, str, type PublisherRule } from './types';

export const GITLAB_ISSUER = 'https://gitlab.com';
const POLICY: ForgePolicy = { issuer: GITLAB_ISSUER, host: 'https://gitlab.com', workflowSeparator: '//' };

export const gitlab: PublisherRule = {
  kind: 'GitLab',
  describe(raw) {
    const p: PublisherInfo = { kind: 'GitLab', fromProvenance: true, environment: envOf(raw.environment) };
    const repository = str(raw.repository);
    const workflow = str(raw.workflow_filepath);
    if (repository !== undefined) p.repository = repository;
    if (workflow !== undefined) p.workflow = workflow;
    return p;
  },
  check(publisher, identity, attestation) {
    return checkForge(POLICY, publisher, identity, attestation);
  },
  infer(identity) {
    const f = inferForge(POLICY, identity);
    return f ? { kind: 'GitLab', repository: f.repository, workflow: f.workflow, fromProvenance: false } : null;
  },
};
