/**
 * The differential cases (#12.1): every real asset of pypi-attestations' and Warehouse's test
 * folders and docs, and sigstore-python's DSSE bundles, each with the outcome the reference
 * (pypi-attestations 0.0.29 + sigstore-python 4.5.0, what Warehouse runs at upload) gives and WHY:
 * the reference test or code it is read from. Nothing here is computed by our verifier.
 *
 * A reference "reject" names the layer that fails first in the reference:
 *  - parse: pydantic models (Provenance / Attestation / publisher) or `to_bundle` conversion;
 *  - sigstore: `Verifier.verify_dsse` (time, chain, SCT, tlog, signature, log body);
 *  - identity: the Trusted Publisher policy (`_as_policy().verify(cert)`, run inside verify_dsse);
 *  - statement: `_Statement` model and the subject / predicate-type checks after verify_dsse.
 * `passes` lists layers the reference test shows passing (e.g. verification under another policy).
 */
import { readFileSync } from 'node:fs';
import { asProvenance, bundleToAttestation } from './convert';

export type Layer = 'parse' | 'sigstore' | 'identity' | 'statement';
export type Outcome = { outcome: 'accept' } | { outcome: 'reject'; layer: Layer };

export interface DiffCase {
  id: string;
  /** repository @ commit, path (see test/fixtures/reference/README.md and test/fixtures/provenance/README.md). */
  source: string;
  input: () => unknown;
  dist: { filename: string; sha256: string };
  root: 'production' | 'staging';
  reference: Outcome;
  passes?: Layer[];
  /** The reference test or code the outcome is read from. */
  why: string;
  /** Set only for an explained disagreement; the same id is listed in src/verify/README.md. */
  disagreement?: { ours: Outcome; passes?: Layer[]; reason: string };
}

const FIX = new URL('../fixtures/', import.meta.url);
const text = (rel: string): string => readFileSync(new URL(rel, FIX), 'utf8');
const json = (rel: string): any => JSON.parse(text(rel));

const PA_SHA = '9bb1add04b1b4e182be6b0b80931593f7a291eb49d69b4fd728a5d4cbcdc4bd3';
const RFC_SHA = 'c4e92e9ecc828bef2aa7dba1de8ac983511f7532a0df11c770d39099a25cf201';
const RFC = 'rfc8785-0.1.2-py3-none-any.whl';
const NOTHING_SHA = '1785cfc3bc6ac7738e8b38cdccd1af12563c2b9070e07af336a1bf8c0f772b6a'; // sha256(b"nothing")
const GH_PA = { kind: 'GitHub', repository: 'trailofbits/pypi-attestations', workflow: 'release.yml', environment: null };
const GH_PAM = { kind: 'GitHub', repository: 'trailofbits/pypi-attestation-models', workflow: 'release.yml', environment: null };
const GL_OIDC = { kind: 'GitLab', repository: 'facutuesca/gitlab-oidc-project', workflow_filepath: '.gitlab-ci.yml', environment: null };
const GOOGLE = { kind: 'Google', email: '919436158236-compute@developer.gserviceaccount.com' };
const PA = 'trailofbits/pypi-attestations @ b70ff03';
const PA_NEW = 'pypi/pypi-attestations';
const WH = 'pypi/warehouse @ 6b62157';
const SP = 'sigstore/sigstore-python @ v4.5.0 (181074f)';

/** Personal-identity staging assets: the reference test verifies them under policy.Identity only. */
const PERSONAL =
  'verified by the reference test under policy.Identity(a personal e-mail, https://github.com/login/oauth): the Sigstore layer and the statement checks pass. PyPI accepts only Trusted Publisher identities (GitHub, GitLab, Google, ActiveState); none describes a personal e-mail, so as PyPI checks it the identity layer fails';

export const CASES: DiffCase[] = [
  // ---- provenance objects as the Integrity API serves them (PyPI verified each at upload)
  {
    id: 'pa-0.0.19-provenance',
    source: `${PA}, test/assets/pypi_attestations-0.0.19.tar.gz.provenance`,
    input: () => text('provenance/pypi-attestations/pypi_attestations-0.0.19.tar.gz.provenance'),
    dist: { filename: 'pypi_attestations-0.0.19.tar.gz', sha256: PA_SHA },
    root: 'production',
    reference: { outcome: 'accept' },
    why: 'test_cli.py test_verify_pypi_command_with_local_files: `verify pypi --provenance-file` prints OK',
  },
  {
    id: 'sigstore-3.6.1-provenance',
    source: 'trailofbits/pypi-attestations @ 1d1e238, test/assets/sigstore-3.6.1.tar.gz.provenance (removed in 143f879)',
    input: () => text('reference/pypi-attestations/sigstore-3.6.1.tar.gz.provenance'),
    dist: { filename: 'sigstore-3.6.1.tar.gz', sha256: 'ee60fdc9236fd6709271ad53b44027461360c3fde155d2af15482e4c451ff865' },
    root: 'production',
    reference: { outcome: 'accept' },
    why: 'test_cli.py @ 1d1e238 test_verify_pypi_command_with_local_files verified this provenance against sigstore-3.6.1.tar.gz (sha256 above, the dist file of that commit)',
  },
  {
    id: 'gcb-provenance-google',
    source: `${PA_NEW} @ e484579, test/assets/gcb_attestation_test-0.0.0.tar.gz.provenance`,
    input: () => text('reference/pypi-attestations/gcb_attestation_test-0.0.0.tar.gz.provenance'),
    dist: { filename: 'gcb_attestation_test-0.0.0.tar.gz', sha256: '461317362419124b6012e855423a9078d6de8aed3e74fa78cc74d669b23dc6cf' },
    root: 'production',
    reference: { outcome: 'accept' },
    why: 'CHANGELOG 0.0.29 "verifying Google Cloud attestations has been added to the CLI": the CLI test verifies this Google provenance (GooglePublisher → policy.Identity(email, issuer via legacy .1))',
  },
  {
    id: 'warehouse-sampleproject-4.0.0-provenance',
    source: `${WH}, tests/_fixtures/sampleproject-4.0.0.tar.gz.provenance`,
    input: () => text('provenance/sampleproject/sampleproject-4.0.0.tar.gz.provenance'),
    dist: { filename: 'sampleproject-4.0.0.tar.gz', sha256: '0ace7980f82c5815ede4cd7bf9f6693684cec2ae47b9b7ade9add533b8627c6b' },
    root: 'production',
    reference: { outcome: 'accept' },
    why: 'tests/conftest.py github_provenance: "Provenance from https://pypi.org/integrity/sampleproject/4.0.0/…" — PyPI built it after verifying the upload (warehouse/attestations/services.py)',
  },
  {
    id: 'warehouse-pep740-sampleproject-gitlab-provenance',
    source: `${WH}, tests/_fixtures/pep740-sampleproject-1.0.0.tar.gz.provenance`,
    input: () => text('provenance/pep740-sampleproject/pep740_sampleproject-1.0.0.tar.gz.provenance'),
    dist: { filename: 'pep740_sampleproject-1.0.0.tar.gz', sha256: '6cdd4a1a0a49aeef47265e7bf8ec1667257b397d34d731dc7b7af349deca1cd8' },
    root: 'production',
    reference: { outcome: 'accept' },
    why: 'tests/conftest.py gitlab_provenance: "Provenance from https://test.pypi.org/integrity/pep740-sampleproject/…" (GitLab, both .13 and .14 present)',
  },
  // ---- bare attestations, with the Trusted Publisher the reference test verifies them against
  {
    id: 'gitlab-oidc-project',
    source: `${PA}, test/assets/gitlab_oidc_project-0.0.3.tar.gz.publish.attestation`,
    input: () => asProvenance(json('provenance/gitlab-oidc-project/gitlab_oidc_project-0.0.3.tar.gz.publish.attestation'), GL_OIDC),
    dist: { filename: 'gitlab_oidc_project-0.0.3.tar.gz', sha256: 'c1ca9b0d85df1606451098233018534497bf584362e10e4a8c21dfaea92c02a8' },
    root: 'production',
    reference: { outcome: 'accept' },
    why: 'test_impl.py test_verify_from_gitlab_publisher (predicate None)',
  },
  {
    id: 'gitlab-oidc-project-wrong-workflow',
    source: `${PA}, same asset`,
    input: () =>
      asProvenance(json('provenance/gitlab-oidc-project/gitlab_oidc_project-0.0.3.tar.gz.publish.attestation'), {
        ...GL_OIDC,
        workflow_filepath: 'wrong.yml',
      }),
    dist: { filename: 'gitlab_oidc_project-0.0.3.tar.gz', sha256: 'c1ca9b0d85df1606451098233018534497bf584362e10e4a8c21dfaea92c02a8' },
    root: 'production',
    reference: { outcome: 'reject', layer: 'identity' },
    why: 'test_impl.py test_verify_from_gitlab_publisher_wrong: "Build Config URI .+ does not match"',
  },
  {
    id: 'pam-0.0.4a2-bundle-github',
    source: `${PA}, test/assets/pypi_attestation_models-0.0.4a2.tar.gz.sigstore (converted as Attestation.from_bundle)`,
    input: () =>
      asProvenance(bundleToAttestation(json('provenance/pypi-attestation-models/pypi_attestation_models-0.0.4a2.tar.gz.sigstore')), GH_PAM),
    dist: {
      filename: 'pypi_attestation_models-0.0.4a2.tar.gz',
      sha256: 'c9709ce6fd5b67b59b4a28758cf14d3f411803c4b89b6068b1f1a8e4ee94c8ef',
    },
    root: 'production',
    reference: { outcome: 'accept' },
    why: 'test_impl.py test_verify_from_github_publisher / test_verify_github_attested (predicate == {})',
  },
  {
    id: 'pam-0.0.4a2-bundle-wrong-workflow',
    source: `${PA}, same asset`,
    input: () =>
      asProvenance(bundleToAttestation(json('provenance/pypi-attestation-models/pypi_attestation_models-0.0.4a2.tar.gz.sigstore')), {
        ...GH_PAM,
        workflow: 'wrong.yml',
      }),
    dist: {
      filename: 'pypi_attestation_models-0.0.4a2.tar.gz',
      sha256: 'c9709ce6fd5b67b59b4a28758cf14d3f411803c4b89b6068b1f1a8e4ee94c8ef',
    },
    root: 'production',
    reference: { outcome: 'reject', layer: 'identity' },
    why: 'test_impl.py test_verify_from_github_publisher_wrong: "Build Config URI .+ does not match"',
  },
  {
    id: 'pam-0.0.4a2-converted-attestation',
    source: `${PA}, test/assets/pypi_attestation_models-0.0.4a2.tar.gz.attestation`,
    input: () => asProvenance(json('provenance/pypi-attestation-models/pypi_attestation_models-0.0.4a2.tar.gz.attestation'), GH_PAM),
    dist: {
      filename: 'pypi_attestation_models-0.0.4a2.tar.gz',
      sha256: 'c9709ce6fd5b67b59b4a28758cf14d3f411803c4b89b6068b1f1a8e4ee94c8ef',
    },
    root: 'production',
    reference: { outcome: 'accept' },
    why: 'test_cli.py test_convert_command: the `convert` output of the bundle above (same signature), verified as in test_verify_from_github_publisher',
  },
  {
    id: 'pa-0.0.19-publish',
    source: `${PA}, test/assets/pypi_attestations-0.0.19.tar.gz.publish.attestation`,
    input: () => asProvenance(json('provenance/pypi-attestations/pypi_attestations-0.0.19.tar.gz.publish.attestation'), GH_PA),
    dist: { filename: 'pypi_attestations-0.0.19.tar.gz', sha256: PA_SHA },
    root: 'production',
    reference: { outcome: 'accept' },
    why: 'test_cli.py test_verify_attestation_command: "OK: …publish.attestation"',
  },
  {
    id: 'pa-0.0.19-slsa',
    source: `${PA}, test/assets/pypi_attestations-0.0.19.tar.gz.slsa.attestation`,
    input: () => asProvenance(json('provenance/pypi-attestations/pypi_attestations-0.0.19.tar.gz.slsa.attestation'), GH_PA),
    dist: { filename: 'pypi_attestations-0.0.19.tar.gz', sha256: PA_SHA },
    root: 'production',
    reference: { outcome: 'accept' },
    why: 'test_cli.py test_verify_attestation_command: "OK: …slsa.attestation" (SLSA predicate object)',
  },
  {
    id: 'pa-0.0.16-attestation',
    source: 'trailofbits/pypi-attestations @ 6e3edcd, test/assets/pypi_attestations-0.0.16.tar.gz.attestation (removed in cb83f6e)',
    input: () => asProvenance(json('reference/pypi-attestations/pypi_attestations-0.0.16.tar.gz.attestation'), GH_PA),
    dist: { filename: 'pypi_attestations-0.0.16.tar.gz', sha256: 'cbd2b946fe160793606dee4516ef58ac5959456e69630a7f03e7de73aa7f2737' },
    root: 'production',
    reference: { outcome: 'accept' },
    why: 'test_impl.py @ 6e3edcd test_certificate_claims: .18 = …/release.yml@refs/tags/v0.0.16, .14 = refs/tags/v0.0.16 — the GitHub policy builds exactly that URI from (trailofbits/pypi-attestations, release.yml)',
  },
  {
    id: 'warehouse-sampleproject-3.0.0-google',
    source: `${WH}, tests/functional/_fixtures/sampleproject-3.0.0.tar.gz.publish.attestation`,
    input: () => asProvenance(json('provenance/sampleproject/sampleproject-3.0.0.tar.gz.publish.attestation'), GOOGLE),
    dist: { filename: 'sampleproject-3.0.0.tar.gz', sha256: '117ed88e5db073bb92969a7545745fd977ee85b7019706dd256a64058f70963d' },
    root: 'production',
    reference: { outcome: 'accept' },
    why: 'tests/functional/forklift/test_legacy.py: upload with this attestation under a GooglePublisher answers 200 and stores the provenance',
  },
  {
    id: 'warehouse-docs-sampleproject-4.0.0-wheel',
    source: `${WH}, docs/dev/security/attestation-internals.md (JSON block)`,
    input: () =>
      asProvenance(json('provenance/sampleproject/sampleproject-4.0.0-py3-none-any.whl.publish.attestation'), {
        kind: 'GitHub',
        repository: 'pypa/sampleproject',
        workflow: 'release.yml',
        environment: 'pypi',
      }),
    dist: { filename: 'sampleproject-4.0.0-py3-none-any.whl', sha256: 'c23e447ea90d796d1e645c35c4b2de125040add12a845825546f91c93f391b6b' },
    root: 'production',
    reference: { outcome: 'accept' },
    why: "the docs show it as the wheel's attestation PyPI accepted for sampleproject 4.0.0 (same Trusted Publisher as the sdist's provenance)",
  },
  // ---- staging assets signed by a personal identity
  ...[
    ['rfc8785-attestation', `${PA}, test/assets/${RFC}.attestation`, () => text(`provenance/staging/rfc8785/${RFC}.attestation`)],
    [
      'rfc8785-publish',
      `${PA}, test/assets/${RFC}.publish.attestation`,
      () => text(`provenance/staging/rfc8785/${RFC}.publish.attestation`),
    ],
    [
      'rfc8785-bundle',
      `${PA}, test/assets/${RFC}.sigstore (converted as Attestation.from_bundle)`,
      () => bundleToAttestation(json(`provenance/staging/rfc8785/${RFC}.sigstore`)),
    ],
    [
      'rfc8785-wrapped-pre-0.0.12',
      `trailofbits/pypi-attestations @ 67f2903, test/assets/${RFC}.attestation (base64 wrapped at 76 columns)`,
      () => text(`reference/pypi-attestations/${RFC}.attestation.wrapped-pre-0.0.12`),
    ],
  ].map(([id, source, input]): DiffCase => ({
    id: id as string,
    source: source as string,
    input: input as () => unknown,
    dist: { filename: RFC, sha256: RFC_SHA },
    root: 'staging',
    reference: { outcome: 'reject', layer: 'identity' },
    passes: ['sigstore', 'statement'],
    why: `test_impl.py test_verify: ${PERSONAL}${id === 'rfc8785-wrapped-pre-0.0.12' ? '; pydantic Base64Bytes decodes the wrapped base64 (the same bytes)' : ''}`,
  })),
  {
    id: 'spt3g-tag-order',
    source: `${PA}, test/assets/spt3g-1.0-cp310-cp310-manylinux_2_17_x86_64.manylinux2014_x86_64.whl.publish.attestation`,
    input: () => text('provenance/staging/spt3g/spt3g-1.0-cp310-cp310-manylinux_2_17_x86_64.manylinux2014_x86_64.whl.publish.attestation'),
    dist: {
      filename: 'spt3g-1.0-cp310-cp310-manylinux2014_x86_64.manylinux_2_17_x86_64.whl',
      sha256: 'd2772f9a5199f05ed1be8d9aa78b879e51772e3ead9d73fe8057257b1aec7cf8',
    },
    root: 'staging',
    reference: { outcome: 'reject', layer: 'identity' },
    passes: ['sigstore', 'statement'],
    why: `test_impl.py test_verify_different_wheel_tag_order (the subject's tag set in another order matches): ${PERSONAL}`,
  },
  {
    id: 'rfc8785-digest-mismatch',
    source: `${PA}, test/assets/${RFC}.attestation with a dist whose content is b"nothing"`,
    input: () => text(`provenance/staging/rfc8785/${RFC}.attestation`),
    dist: { filename: RFC, sha256: NOTHING_SHA },
    root: 'staging',
    reference: { outcome: 'reject', layer: 'statement' },
    passes: ['sigstore'],
    why: 'test_impl.py test_verify_digest_mismatch: "subject does not match distribution digest"',
  },
  {
    id: 'rfc8785-filename-mismatch',
    source: `${PA}, test/assets/${RFC}.attestation with the dist renamed wrong_name-0.1.2-py3-none-any.whl`,
    input: () => text(`provenance/staging/rfc8785/${RFC}.attestation`),
    dist: { filename: 'wrong_name-0.1.2-py3-none-any.whl', sha256: RFC_SHA },
    root: 'staging',
    reference: { outcome: 'reject', layer: 'statement' },
    passes: ['sigstore'],
    why: 'test_impl.py test_verify_filename_mismatch: "subject does not match distribution name"',
  },
  {
    id: 'rfc8785-invalid-certificate',
    source: `${PA}, test/assets/${RFC}.attestation with verification_material.certificate = b"foo"`,
    input: () => {
      const a = json(`provenance/staging/rfc8785/${RFC}.attestation`);
      a.verification_material.certificate = Buffer.from('foo').toString('base64');
      return a;
    },
    dist: { filename: RFC, sha256: RFC_SHA },
    root: 'staging',
    reference: { outcome: 'reject', layer: 'parse' },
    why: 'test_impl.py test_to_bundle_invalid_cert: ConversionError "invalid X.509 certificate"',
  },
  {
    id: 'rfc8785-invalid-tlog-entry',
    source: `${PA}, test/assets/${RFC}.attestation with transparency_entries[0] cleared`,
    input: () => {
      const a = json(`provenance/staging/rfc8785/${RFC}.attestation`);
      a.verification_material.transparency_entries[0] = {};
      return a;
    },
    dist: { filename: RFC, sha256: RFC_SHA },
    root: 'staging',
    reference: { outcome: 'reject', layer: 'parse' },
    why: 'test_impl.py test_to_bundle_invalid_tlog_entry: ConversionError "invalid transparency log entry"',
  },
  {
    id: 'rfc8785-bundle-no-signatures',
    source: `${PA}, test/assets/${RFC}.sigstore with dsse_envelope.signatures = []`,
    input: () => {
      const b = json(`provenance/staging/rfc8785/${RFC}.sigstore`);
      const a = bundleToAttestation(b) as any;
      delete a.envelope.signature; // from_bundle raises; the nearest PEP 740 shape has no signature
      return a;
    },
    dist: { filename: RFC, sha256: RFC_SHA },
    root: 'staging',
    reference: { outcome: 'reject', layer: 'parse' },
    why: 'test_impl.py test_from_bundle_missing_signatures: ConversionError "expected exactly one signature, got 0"',
  },
  {
    id: 'provenance-version-2',
    source: `${PA}, test/assets/${RFC}.attestation in a Provenance with version 2`,
    input: () => ({ ...asProvenance(json(`provenance/staging/rfc8785/${RFC}.attestation`), GH_PA), version: 2 }),
    dist: { filename: RFC, sha256: RFC_SHA },
    root: 'staging',
    reference: { outcome: 'reject', layer: 'parse' },
    why: 'test_impl.py TestProvenance.test_version: version=2 raises ValueError (Literal[1])',
  },
  {
    id: 'publisher-wrong-kind',
    source: `${PA}, test/assets/${RFC}.attestation with publisher kind "wrong"`,
    input: () => asProvenance(json(`provenance/staging/rfc8785/${RFC}.attestation`), { ...GH_PA, kind: 'wrong' }),
    dist: { filename: RFC, sha256: RFC_SHA },
    root: 'staging',
    reference: { outcome: 'reject', layer: 'parse' },
    why: 'test_impl.py TestPublisher.test_wrong_kind / the `kind` discriminator: no publisher model for "wrong"',
    disagreement: {
      ours: { outcome: 'reject', layer: 'identity' },
      passes: ['sigstore', 'statement'],
      reason:
        'an unknown publisher kind is read and shown, and fails as PUBLISHER_UNSUPPORTED (identity) while the other layers are still checked: rejected either way, the layer named differs',
    },
  },
  // ---- Rekor v2
  {
    id: 'pa-0.0.19-rekor2-dsse-0.0.2',
    source: `${PA_NEW} @ f0ca8bb, test/assets/pypi_attestations-0.0.19.tar.gz.publish.attestation.with_rekor2_timestamp`,
    input: () => text('provenance/staging/pypi-attestations/pypi_attestations-0.0.19.tar.gz.publish.attestation.with_rekor2_timestamp'),
    dist: { filename: 'pypi_attestations-0.0.19.tar.gz', sha256: PA_SHA },
    root: 'staging',
    reference: { outcome: 'reject', layer: 'sigstore' },
    why: 'sigstore-python 4.5.0 sigstore/verify/verifier.py verify_dsse accepts only hashedrekord/0.0.2 and dsse/0.0.1 log entries ("Unsupported DSSE log entry type: dsse/0.0.2"); this entry is dsse/0.0.2 (pypi-attestations\' test_verify_with_timestamp_and_rekor2_entry passed with sigstore 4.0–4.2, which accepted it)',
    disagreement: {
      ours: { outcome: 'reject', layer: 'identity' },
      passes: ['sigstore', 'statement'],
      reason:
        'we keep accepting Rekor v2 dsse/0.0.2 entries at the Sigstore layer (sigstore-python 4.0–4.2 did, so PyPI may hold uploads logged that way; the binding is as strong as for dsse/0.0.1: logged certificate, payload hash and signature). The file still fails here: a personal identity is no Trusted Publisher',
    },
  },
  {
    id: 'sigstore-python-rekor2-hashedrekord-dsse',
    source: `${SP}, test/assets/a.dsse.staging-rekor-v2.txt.sigstore.json (converted as Attestation.from_bundle)`,
    input: () =>
      asProvenance(bundleToAttestation(json('reference/sigstore-python/a.dsse.staging-rekor-v2.txt.sigstore.json')), {
        kind: 'GitHub',
        repository: 'sigstore-conformance/extremely-dangerous-public-oidc-beacon',
        workflow: 'extremely-dangerous-oidc-beacon.yml',
        environment: null,
      }),
    dist: { filename: 'a-1.0.tar.gz', sha256: 'a0cfc71271d6e278e57cd332ff957c3f7043fdda354c4cbb190a30d56efa01bf' },
    root: 'staging',
    reference: { outcome: 'reject', layer: 'statement' },
    passes: ['sigstore', 'identity'],
    why: 'sigstore-python test/unit/verify/test_verifier.py test_verifier_bundle_dsse verifies this bundle with verify_dsse under the staging root (hashedrekord/0.0.2 → _validate_hashedrekord_v002_dsse_entry_body); pypi-attestations then rejects the subject "a.txt": "invalid subject: unknown distribution format"',
  },
];

/** Certificate-only assets: the reference test runs the publisher policy on the certificate alone. */
export interface IdentityCase {
  id: string;
  source: string;
  pem: string;
  publisher: Record<string, unknown>;
  /** Drop these identity fields first (the reference test rebuilds the certificate without them). */
  drop?: ('sourceRepositoryDigest' | 'sourceRepositoryRef')[];
  reference: 'accept' | 'reject';
  why: string;
}

export const IDENTITY_CASES: IdentityCase[] = [
  {
    id: 'github-cert-without-ref',
    source: `${PA}, test/assets/no-source-repository-ref-extension.pem`,
    pem: 'reference/pypi-attestations/no-source-repository-ref-extension.pem',
    publisher: { kind: 'GitHub', repository: 'SWIFTSIM/swiftgalaxy', workflow: 'python-publish.yml' },
    reference: 'accept',
    why: 'test_impl.py TestGitHubPublisher.test_verifies_cert_with_missing_ref (.13 only; repository with upper case, compared exactly)',
  },
  {
    id: 'github-cert-without-ref-or-digest',
    source: `${PA}, same certificate rebuilt without .13`,
    pem: 'reference/pypi-attestations/no-source-repository-ref-extension.pem',
    publisher: { kind: 'GitHub', repository: 'SWIFTSIM/swiftgalaxy', workflow: 'python-publish.yml' },
    drop: ['sourceRepositoryDigest'],
    reference: 'reject',
    why: 'test_impl.py test_fails_cert_with_no_digest_or_ref: "Certificate must contain either Source Repository Digest or Source Repository Ref"',
  },
  {
    id: 'github-cert-repository-case',
    source: `${PA}, same certificate, publisher repository lower-cased`,
    pem: 'reference/pypi-attestations/no-source-repository-ref-extension.pem',
    publisher: { kind: 'GitHub', repository: 'swiftsim/swiftgalaxy', workflow: 'python-publish.yml' },
    reference: 'reject',
    why: '_impl.py _GitHubTrustedPublisherPolicy: OIDCSourceRepositoryURI compares `https://github.com/{repository}` with `!=` (sigstore-python policy.py _SingleX509ExtPolicyV2.verify)',
  },
  {
    id: 'google-cert',
    source: `${PA}, test/assets/200170367.pem`,
    pem: 'reference/pypi-attestations/200170367.pem',
    publisher: GOOGLE,
    reference: 'accept',
    why: 'test_impl.py TestGooglePublisher.test_verifies (policy.Identity: SAN e-mail and legacy issuer .1)',
  },
];
