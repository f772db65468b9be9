/**
 * The real production attestations the bench verifies: every DISTINCT production (public-good
 * Sigstore) attestation in the repository's fixtures (test/fixtures/provenance/README.md, and the
 * byte-exact pypi.org wheel provenance in e2e/fixtures/pypi-pages). 8 attestations, one per
 * input; each is given with the file it was made for (statement subject name and sha256).
 * Staging attestations are left out: the production root rejects them at the chain, early.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const P = 'test/fixtures/provenance';
export const PRODUCTION_ATTESTATIONS = [
  // [path, filename, sha256, kind]
  [
    `${P}/pypi-attestations/pypi_attestations-0.0.19.tar.gz.provenance`,
    'pypi_attestations-0.0.19.tar.gz',
    '9bb1add04b1b4e182be6b0b80931593f7a291eb49d69b4fd728a5d4cbcdc4bd3',
    'provenance (GitHub, publish/v1)',
  ],
  [
    `${P}/pypi-attestations/pypi_attestations-0.0.19.tar.gz.slsa.attestation`,
    'pypi_attestations-0.0.19.tar.gz',
    '9bb1add04b1b4e182be6b0b80931593f7a291eb49d69b4fd728a5d4cbcdc4bd3',
    'attestation (GitHub, SLSA v1)',
  ],
  [
    `${P}/sampleproject/sampleproject-4.0.0.tar.gz.provenance`,
    'sampleproject-4.0.0.tar.gz',
    '0ace7980f82c5815ede4cd7bf9f6693684cec2ae47b9b7ade9add533b8627c6b',
    'provenance (GitHub)',
  ],
  [
    'e2e/fixtures/pypi-pages/integrity/sampleproject/4.0.0/sampleproject-4.0.0-py3-none-any.whl/provenance.json',
    'sampleproject-4.0.0-py3-none-any.whl',
    'c23e447ea90d796d1e645c35c4b2de125040add12a845825546f91c93f391b6b',
    'provenance (GitHub, pypi.org bytes)',
  ],
  [
    `${P}/sampleproject/sampleproject-3.0.0.tar.gz.publish.attestation`,
    'sampleproject-3.0.0.tar.gz',
    '117ed88e5db073bb92969a7545745fd977ee85b7019706dd256a64058f70963d',
    'attestation (Google)',
  ],
  [
    `${P}/pep740-sampleproject/pep740_sampleproject-1.0.0.tar.gz.provenance`,
    'pep740_sampleproject-1.0.0.tar.gz',
    '6cdd4a1a0a49aeef47265e7bf8ec1667257b397d34d731dc7b7af349deca1cd8',
    'provenance (GitLab)',
  ],
  [
    `${P}/gitlab-oidc-project/gitlab_oidc_project-0.0.3.tar.gz.publish.attestation`,
    'gitlab_oidc_project-0.0.3.tar.gz',
    'c1ca9b0d85df1606451098233018534497bf584362e10e4a8c21dfaea92c02a8',
    'attestation (GitLab)',
  ],
  [
    `${P}/pypi-attestation-models/pypi_attestation_models-0.0.4a2.tar.gz.attestation`,
    'pypi_attestation_models-0.0.4a2.tar.gz',
    'c9709ce6fd5b67b59b4a28758cf14d3f411803c4b89b6068b1f1a8e4ee94c8ef',
    'attestation (GitHub, predicate {})',
  ],
];

/** [{text, filename, sha256, path, kind}] read from the repository at `root`. */
export function loadInputs(root) {
  return PRODUCTION_ATTESTATIONS.map(([path, filename, sha256, kind]) => ({
    text: readFileSync(join(root, path), 'utf8'),
    filename,
    sha256,
    path,
    kind,
  }));
}

export const TRUST_ROOT = 'public/trust/trusted_root.json';
