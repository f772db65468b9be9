/** The shared Sigstore conformance cases (test/fixtures/sigstore-conformance/cases.json), for the CLI and worker suites. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ConformanceCase {
  case: string;
  expect: 'pass' | 'fail';
  artifactPath: string;
  digest: string;
  identity: string | null;
  issuer: string | null;
  trustedRoot: string;
  key: string | null;
}

export function conformanceDir(repoRoot: string): string {
  return join(repoRoot, 'test/fixtures/sigstore-conformance');
}

export function loadConformanceCases(repoRoot: string): ConformanceCase[] {
  return JSON.parse(readFileSync(join(conformanceDir(repoRoot), 'cases.json'), 'utf8')) as ConformanceCase[];
}
