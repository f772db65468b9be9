/**
 * Fuzz seeds: real production PEP 740 provenance objects and attestations (see
 * test/fixtures/provenance/README.md), each with the distribution it is for. Every seed must
 * verify unmutated against the bundled production trust root, otherwise the mutation properties
 * would be vacuous (the fuzz test asserts this first).
 *
 * Node-only (reads files); not part of the verification core.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DistInfo } from '../../src/verify/verdict';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PROV = join(REPO_ROOT, 'test', 'fixtures', 'provenance');
const PAGES = join(REPO_ROOT, 'e2e', 'fixtures', 'pypi-pages', 'integrity', 'sampleproject', '4.0.0');

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

export interface Seed {
  name: string;
  /** 'provenance' = {version, attestation_bundles}; 'attestation' = a bare attestation object. */
  kind: 'provenance' | 'attestation';
  /** Parsed JSON; never mutate it in place: use `clone`. */
  value: Json;
  dist: DistInfo;
}

export const clone = <T>(v: T): T => structuredClone(v);

function readJson(path: string): Json {
  return JSON.parse(readFileSync(path, 'utf8')) as Json;
}

const SP_SDIST: DistInfo = {
  filename: 'sampleproject-4.0.0.tar.gz',
  sha256: '0ace7980f82c5815ede4cd7bf9f6693684cec2ae47b9b7ade9add533b8627c6b',
};
const SP_WHEEL: DistInfo = {
  filename: 'sampleproject-4.0.0-py3-none-any.whl',
  sha256: 'c23e447ea90d796d1e645c35c4b2de125040add12a845825546f91c93f391b6b',
};
const PA: DistInfo = {
  filename: 'pypi_attestations-0.0.19.tar.gz',
  sha256: '9bb1add04b1b4e182be6b0b80931593f7a291eb49d69b4fd728a5d4cbcdc4bd3',
};

/** Load every seed (real data only; the one composed seed is marked and built from real parts). */
export function loadSeeds(): Seed[] {
  const paProv = readJson(join(PROV, 'pypi-attestations', 'pypi_attestations-0.0.19.tar.gz.provenance'));
  const paPublish = readJson(join(PROV, 'pypi-attestations', 'pypi_attestations-0.0.19.tar.gz.publish.attestation'));
  const paSlsa = readJson(join(PROV, 'pypi-attestations', 'pypi_attestations-0.0.19.tar.gz.slsa.attestation'));
  const seeds: Seed[] = [
    {
      name: 'sampleproject-4.0.0.tar.gz.provenance (GitHub)',
      kind: 'provenance',
      value: readJson(join(PROV, 'sampleproject', 'sampleproject-4.0.0.tar.gz.provenance')),
      dist: SP_SDIST,
    },
    { name: 'pypi_attestations-0.0.19.tar.gz.provenance (GitHub)', kind: 'provenance', value: paProv, dist: PA },
    {
      name: 'pep740_sampleproject-1.0.0.tar.gz.provenance (GitLab)',
      kind: 'provenance',
      value: readJson(join(PROV, 'pep740-sampleproject', 'pep740_sampleproject-1.0.0.tar.gz.provenance')),
      dist: { filename: 'pep740_sampleproject-1.0.0.tar.gz', sha256: '6cdd4a1a0a49aeef47265e7bf8ec1667257b397d34d731dc7b7af349deca1cd8' },
    },
    {
      name: 'e2e integrity sampleproject-4.0.0.tar.gz/provenance.json',
      kind: 'provenance',
      value: readJson(join(PAGES, 'sampleproject-4.0.0.tar.gz', 'provenance.json')),
      dist: SP_SDIST,
    },
    {
      name: 'e2e integrity sampleproject-4.0.0-py3-none-any.whl/provenance.json',
      kind: 'provenance',
      value: readJson(join(PAGES, 'sampleproject-4.0.0-py3-none-any.whl', 'provenance.json')),
      dist: SP_WHEEL,
    },
    {
      name: 'sampleproject-3.0.0.tar.gz.publish.attestation (Google, bare)',
      kind: 'attestation',
      value: readJson(join(PROV, 'sampleproject', 'sampleproject-3.0.0.tar.gz.publish.attestation')),
      dist: { filename: 'sampleproject-3.0.0.tar.gz', sha256: '117ed88e5db073bb92969a7545745fd977ee85b7019706dd256a64058f70963d' },
    },
    {
      name: 'gitlab_oidc_project-0.0.3.tar.gz.publish.attestation (GitLab, bare)',
      kind: 'attestation',
      value: readJson(join(PROV, 'gitlab-oidc-project', 'gitlab_oidc_project-0.0.3.tar.gz.publish.attestation')),
      dist: { filename: 'gitlab_oidc_project-0.0.3.tar.gz', sha256: 'c1ca9b0d85df1606451098233018534497bf584362e10e4a8c21dfaea92c02a8' },
    },
    {
      name: 'pypi_attestation_models-0.0.4a2.tar.gz.attestation (GitHub, bare, predicate {})',
      kind: 'attestation',
      value: readJson(join(PROV, 'pypi-attestation-models', 'pypi_attestation_models-0.0.4a2.tar.gz.attestation')),
      dist: {
        filename: 'pypi_attestation_models-0.0.4a2.tar.gz',
        sha256: 'c9709ce6fd5b67b59b4a28758cf14d3f411803c4b89b6068b1f1a8e4ee94c8ef',
      },
    },
    { name: 'pypi_attestations-0.0.19.tar.gz.slsa.attestation (GitHub, bare, SLSA)', kind: 'attestation', value: paSlsa, dist: PA },
    {
      // Composed from real parts: the real provenance's publisher with both real attestations
      // (publish/v1 + SLSA v1) for the same file, as PyPI allows (≤2, one per predicate type).
      name: 'pypi_attestations-0.0.19 publish+slsa (composed: real publisher, 2 real attestations)',
      kind: 'provenance',
      value: composeTwo(paProv, paPublish, paSlsa),
      dist: PA,
    },
  ];
  // Composed from real parts: real bare attestations wrapped in a provenance object with the
  // publisher PyPI lists for them (README: the certificate identity). The publisher object is not
  // signed, so this is exactly what the index could serve; it lets the publisher fields of the
  // Google and a second GitLab identity be fuzzed.
  for (const s of seeds.filter((x) => x.kind === 'attestation' && (x.name.includes('Google') || x.name.includes('gitlab_oidc')))) {
    seeds.push({
      name: `${s.name.replace(/ \(.*\)$/, '')} (composed provenance: ${s.name.includes('Google') ? 'Google' : 'GitLab'} publisher)`,
      kind: 'provenance',
      value: { version: 1, attestation_bundles: [{ publisher: publisherFor(s), attestations: [clone(s.value)] }] },
      dist: s.dist,
    });
  }
  return seeds;
}

/** For bare-attestation seeds: the Trusted Publisher PyPI lists for them (fixtures README). */
export function publisherFor(seed: Seed): Json {
  if (seed.kind === 'provenance')
    return clone((seed.value as { attestation_bundles: { publisher: Json }[] }).attestation_bundles[0]!.publisher);
  if (seed.name.includes('Google')) return { kind: 'Google', email: '919436158236-compute@developer.gserviceaccount.com' };
  if (seed.name.includes('gitlab_oidc'))
    return { kind: 'GitLab', repository: 'facutuesca/gitlab-oidc-project', workflow_filepath: '.gitlab-ci.yml', environment: null };
  if (seed.name.includes('pypi_attestation_models'))
    return { kind: 'GitHub', repository: 'trailofbits/pypi-attestation-models', workflow: 'release.yml', environment: null };
  return { kind: 'GitHub', repository: 'trailofbits/pypi-attestations', workflow: 'release.yml', environment: null };
}

function composeTwo(prov: Json, a: Json, b: Json): Json {
  const p = clone(prov) as { attestation_bundles: { attestations: Json[] }[] };
  p.attestation_bundles[0]!.attestations = [clone(a), clone(b)];
  return p as unknown as Json;
}

/** The bundled production trust root bytes (load once per test file with loadTrust). */
export function trustRootBytes(): Uint8Array {
  return readFileSync(join(REPO_ROOT, 'public', 'trust', 'trusted_root.json'));
}

/** Attestation objects inside a seed value, with a setter path prefix. */
export function attestationPaths(value: Json): (string | number)[][] {
  const v = value as Record<string, unknown>;
  if (Array.isArray(v.attestation_bundles)) {
    const out: (string | number)[][] = [];
    (v.attestation_bundles as { attestations?: unknown }[]).forEach((b, bi) => {
      if (Array.isArray(b?.attestations)) b.attestations.forEach((_, ai) => out.push(['attestation_bundles', bi, 'attestations', ai]));
    });
    return out;
  }
  return [[]];
}

/**
 * The Rekor v2 + RFC 3161 timestamp attestation (staging) and the staging trust root bytes. Passes
 * the Sigstore layer against the staging root only; never a Trusted Publisher (see README).
 */
export function loadRekor2Seed(): { seed: Seed; stagingRoot: Uint8Array } {
  return {
    seed: {
      name: 'staging pypi_attestations-0.0.19 publish attestation (Rekor v2 + RFC 3161, bare)',
      kind: 'attestation',
      value: readJson(
        join(PROV, 'staging', 'pypi-attestations', 'pypi_attestations-0.0.19.tar.gz.publish.attestation.with_rekor2_timestamp'),
      ),
      dist: PA,
    },
    stagingRoot: readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'trust', 'trusted_root.staging.json')),
  };
}
