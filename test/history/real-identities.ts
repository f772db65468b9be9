/** Real verified publisher identities, from the real provenance fixtures (verified with the real verifier). */
import { identityOf } from '../../src/history/identity';
import type { PublisherIdentity } from '../../src/history/types';
import { verifyProvenance } from '../../src/verify/index';
import { prodTrust, readJSON, readText, wrap } from '../verify/helpers';

export interface RealIdentities {
  sampleproject: PublisherIdentity; // GitHub pypa/sampleproject release.yml
  pypiAttestations: PublisherIdentity; // GitHub trailofbits/pypi-attestations release.yml
  attestationModels: PublisherIdentity; // GitHub trailofbits/pypi-attestation-models release.yml (the project's earlier name)
  gitlab: PublisherIdentity; // GitLab pep740-example/sampleproject
  google: PublisherIdentity; // Google service account
}

async function verified(prov: unknown, filename: string, sha256: string): Promise<PublisherIdentity> {
  const v = await verifyProvenance(prov, { filename, sha256 }, prodTrust());
  if (v.state !== 'verified') throw new Error(`fixture ${filename} did not verify: ${v.reasons.map((r) => r.code).join()}`);
  return identityOf(v)!;
}

export async function realIdentities(): Promise<RealIdentities> {
  return {
    sampleproject: await verified(
      readText('sampleproject/sampleproject-4.0.0.tar.gz.provenance'),
      'sampleproject-4.0.0.tar.gz',
      '0ace7980f82c5815ede4cd7bf9f6693684cec2ae47b9b7ade9add533b8627c6b',
    ),
    pypiAttestations: await verified(
      readText('pypi-attestations/pypi_attestations-0.0.19.tar.gz.provenance'),
      'pypi_attestations-0.0.19.tar.gz',
      '9bb1add04b1b4e182be6b0b80931593f7a291eb49d69b4fd728a5d4cbcdc4bd3',
    ),
    attestationModels: await verified(
      wrap(readJSON('pypi-attestation-models/pypi_attestation_models-0.0.4a2.tar.gz.attestation'), {
        kind: 'GitHub',
        repository: 'trailofbits/pypi-attestation-models',
        workflow: 'release.yml',
        environment: null,
      }),
      'pypi_attestation_models-0.0.4a2.tar.gz',
      'c9709ce6fd5b67b59b4a28758cf14d3f411803c4b89b6068b1f1a8e4ee94c8ef',
    ),
    gitlab: await verified(
      readText('pep740-sampleproject/pep740_sampleproject-1.0.0.tar.gz.provenance'),
      'pep740_sampleproject-1.0.0.tar.gz',
      '6cdd4a1a0a49aeef47265e7bf8ec1667257b397d34d731dc7b7af349deca1cd8',
    ),
    google: await verified(
      wrap(readJSON('sampleproject/sampleproject-3.0.0.tar.gz.publish.attestation'), {
        kind: 'Google',
        email: '919436158236-compute@developer.gserviceaccount.com',
      }),
      'sampleproject-3.0.0.tar.gz',
      '117ed88e5db073bb92969a7545745fd977ee85b7019706dd256a64058f70963d',
    ),
  };
}
