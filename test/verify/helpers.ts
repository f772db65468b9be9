import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { loadTrust, type LoadedTrust } from '../../src/verify/trust';

const root = fileURLToPath(new URL('../fixtures/', import.meta.url));
export const PROV = `${root}provenance/`;

let prod: LoadedTrust | undefined;
let staging: LoadedTrust | undefined;
export const prodTrust = (): LoadedTrust => (prod ??= loadTrust(readFileSync(`${root}trust/trusted_root.json`)));
export const stagingTrust = (): LoadedTrust => (staging ??= loadTrust(readFileSync(`${root}trust/trusted_root.staging.json`)));

export const readText = (rel: string): string => readFileSync(PROV + rel, 'utf8');
export const readJSON = (rel: string): any => JSON.parse(readText(rel));
export const sha256File = (rel: string): string =>
  createHash('sha256')
    .update(readFileSync(PROV + rel))
    .digest('hex');

export interface ProdFixture {
  file: string;
  filename: string;
  sha256: string;
  /** Path of the dist file present, to cross-check the table's sha256. */
  dist?: string;
  kind: 'GitHub' | 'GitLab' | 'Google';
  repository?: string;
  workflow?: string;
  email?: string;
  fromProvenance: boolean;
  predicateTypes: string[];
}

const PUBLISH = 'https://docs.pypi.org/attestations/publish/v1';
const SLSA = 'https://slsa.dev/provenance/v1';
const PA_SHA = '9bb1add04b1b4e182be6b0b80931593f7a291eb49d69b4fd728a5d4cbcdc4bd3';

/** The production rows of test/fixtures/provenance/README.md. */
export const PROD_FIXTURES: ProdFixture[] = [
  {
    file: 'pypi-attestations/pypi_attestations-0.0.19.tar.gz.provenance',
    filename: 'pypi_attestations-0.0.19.tar.gz',
    sha256: PA_SHA,
    dist: 'pypi-attestations/pypi_attestations-0.0.19.tar.gz',
    kind: 'GitHub',
    repository: 'trailofbits/pypi-attestations',
    workflow: 'release.yml',
    fromProvenance: true,
    predicateTypes: [PUBLISH],
  },
  {
    file: 'pypi-attestations/pypi_attestations-0.0.19.tar.gz.publish.attestation',
    filename: 'pypi_attestations-0.0.19.tar.gz',
    sha256: PA_SHA,
    dist: 'pypi-attestations/pypi_attestations-0.0.19.tar.gz',
    kind: 'GitHub',
    repository: 'trailofbits/pypi-attestations',
    workflow: 'release.yml',
    fromProvenance: false,
    predicateTypes: [PUBLISH],
  },
  {
    file: 'pypi-attestations/pypi_attestations-0.0.19.tar.gz.slsa.attestation',
    filename: 'pypi_attestations-0.0.19.tar.gz',
    sha256: PA_SHA,
    dist: 'pypi-attestations/pypi_attestations-0.0.19.tar.gz',
    kind: 'GitHub',
    repository: 'trailofbits/pypi-attestations',
    workflow: 'release.yml',
    fromProvenance: false,
    predicateTypes: [SLSA],
  },
  {
    file: 'sampleproject/sampleproject-4.0.0.tar.gz.provenance',
    filename: 'sampleproject-4.0.0.tar.gz',
    sha256: '0ace7980f82c5815ede4cd7bf9f6693684cec2ae47b9b7ade9add533b8627c6b',
    kind: 'GitHub',
    repository: 'pypa/sampleproject',
    workflow: 'release.yml',
    fromProvenance: true,
    predicateTypes: [PUBLISH],
  },
  {
    file: 'sampleproject/sampleproject-4.0.0-py3-none-any.whl.publish.attestation',
    filename: 'sampleproject-4.0.0-py3-none-any.whl',
    sha256: 'c23e447ea90d796d1e645c35c4b2de125040add12a845825546f91c93f391b6b',
    kind: 'GitHub',
    repository: 'pypa/sampleproject',
    workflow: 'release.yml',
    fromProvenance: false,
    predicateTypes: [PUBLISH],
  },
  {
    file: 'sampleproject/sampleproject-3.0.0.tar.gz.publish.attestation',
    filename: 'sampleproject-3.0.0.tar.gz',
    sha256: '117ed88e5db073bb92969a7545745fd977ee85b7019706dd256a64058f70963d',
    dist: 'sampleproject/sampleproject-3.0.0.tar.gz',
    kind: 'Google',
    email: '919436158236-compute@developer.gserviceaccount.com',
    fromProvenance: false,
    predicateTypes: [PUBLISH],
  },
  {
    file: 'pep740-sampleproject/pep740_sampleproject-1.0.0.tar.gz.provenance',
    filename: 'pep740_sampleproject-1.0.0.tar.gz',
    sha256: '6cdd4a1a0a49aeef47265e7bf8ec1667257b397d34d731dc7b7af349deca1cd8',
    kind: 'GitLab',
    repository: 'pep740-example/sampleproject',
    workflow: '.gitlab-ci.yml',
    fromProvenance: true,
    predicateTypes: [PUBLISH],
  },
  {
    file: 'gitlab-oidc-project/gitlab_oidc_project-0.0.3.tar.gz.publish.attestation',
    filename: 'gitlab_oidc_project-0.0.3.tar.gz',
    sha256: 'c1ca9b0d85df1606451098233018534497bf584362e10e4a8c21dfaea92c02a8',
    dist: 'gitlab-oidc-project/gitlab_oidc_project-0.0.3.tar.gz',
    kind: 'GitLab',
    repository: 'facutuesca/gitlab-oidc-project',
    workflow: '.gitlab-ci.yml',
    fromProvenance: false,
    predicateTypes: [PUBLISH],
  },
  {
    file: 'pypi-attestation-models/pypi_attestation_models-0.0.4a2.tar.gz.attestation',
    filename: 'pypi_attestation_models-0.0.4a2.tar.gz',
    sha256: 'c9709ce6fd5b67b59b4a28758cf14d3f411803c4b89b6068b1f1a8e4ee94c8ef',
    dist: 'pypi-attestation-models/pypi_attestation_models-0.0.4a2.tar.gz',
    kind: 'GitHub',
    repository: 'trailofbits/pypi-attestation-models',
    workflow: 'release.yml',
    fromProvenance: false,
    predicateTypes: [PUBLISH],
  },
];

export interface StagingFixture {
  file: string;
  filename: string;
  sha256: string;
  rekorVersion: 1 | 2;
}

export const STAGING_FIXTURES: StagingFixture[] = [
  {
    file: 'staging/rfc8785/rfc8785-0.1.2-py3-none-any.whl.attestation',
    filename: 'rfc8785-0.1.2-py3-none-any.whl',
    sha256: 'c4e92e9ecc828bef2aa7dba1de8ac983511f7532a0df11c770d39099a25cf201',
    rekorVersion: 1,
  },
  {
    file: 'staging/rfc8785/rfc8785-0.1.2-py3-none-any.whl.publish.attestation',
    filename: 'rfc8785-0.1.2-py3-none-any.whl',
    sha256: 'c4e92e9ecc828bef2aa7dba1de8ac983511f7532a0df11c770d39099a25cf201',
    rekorVersion: 1,
  },
  {
    file: 'staging/spt3g/spt3g-1.0-cp310-cp310-manylinux_2_17_x86_64.manylinux2014_x86_64.whl.publish.attestation',
    filename: 'spt3g-1.0-cp310-cp310-manylinux_2_17_x86_64.manylinux2014_x86_64.whl',
    sha256: 'd2772f9a5199f05ed1be8d9aa78b879e51772e3ead9d73fe8057257b1aec7cf8',
    rekorVersion: 1,
  },
  {
    file: 'staging/pypi-attestations/pypi_attestations-0.0.19.tar.gz.publish.attestation.with_rekor2_timestamp',
    filename: 'pypi_attestations-0.0.19.tar.gz',
    sha256: PA_SHA,
    rekorVersion: 2,
  },
];

export const codes = (v: { reasons: { code: string }[] }): string[] => v.reasons.map((r) => r.code);

/** Wrap a bare attestation in a provenance object with the given publisher. */
export function wrap(attestation: unknown, publisher: Record<string, unknown>): unknown {
  return { version: 1, attestation_bundles: [{ publisher, attestations: [attestation] }] };
}

export const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

export function b64decode(s: string): Buffer {
  return Buffer.from(s, 'base64');
}
export function b64encode(b: Uint8Array): string {
  return Buffer.from(b).toString('base64');
}
/** Flip one bit of a base64-encoded value at byte offset `at` (negative = from the end). */
export function flipByte(s: string, at: number): string {
  const b = b64decode(s);
  const i = at < 0 ? b.length + at : at;
  b[i] = b[i]! ^ 0x01;
  return b64encode(b);
}
