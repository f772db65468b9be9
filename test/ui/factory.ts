/** Hand-built UI inputs (Verdict / FileView) for component tests. Values modelled on real sampleproject 4.0.0 data. */
import type { AttestationResult, CertificateInfo, SigningIdentity, Verdict, VerdictState } from '../../src/verify/verdict';
import { levelFor } from '../../src/verify/verdict';
import type { FileView } from '../../src/ui/types';
import type { PinCheck } from '../../src/messages';

export const SHA = '0ace7980f82c5815ede4cd7bf9f6693684cec2ae47b9b7ade9add533b8627c6b';
export const COMMIT = '621e4974ca25ce531773def586ba3ed8e736b3fc';
export const FILENAME = 'sampleproject-4.0.0.tar.gz';

export function githubIdentity(
  over: Partial<SigningIdentity> = {},
  repo = 'pypa/sampleproject',
  workflow = 'release.yml',
): SigningIdentity {
  return {
    subjectAlternativeName: `https://github.com/${repo}/.github/workflows/${workflow}@refs/heads/main`,
    issuer: 'https://token.actions.githubusercontent.com',
    sourceRepositoryUri: `https://github.com/${repo}`,
    sourceRepositoryDigest: COMMIT,
    sourceRepositoryRef: 'refs/heads/main',
    buildConfigUri: `https://github.com/${repo}/.github/workflows/${workflow}@refs/heads/main`,
    buildConfigDigest: COMMIT,
    buildSignerUri: `https://github.com/${repo}/.github/workflows/${workflow}@refs/heads/main`,
    runInvocationUri: `https://github.com/${repo}/actions/runs/11711111111/attempts/1`,
    runnerEnvironment: 'github-hosted',
    ...over,
  };
}

export function certificate(over: Partial<CertificateInfo> = {}): CertificateInfo {
  return {
    pem: '-----BEGIN CERTIFICATE-----\nMIIGzDCCBlKgAwIBAgIUaaaa\n-----END CERTIFICATE-----\n',
    serialNumber: '69a1b2',
    subjectAlternativeName: 'https://github.com/pypa/sampleproject/.github/workflows/release.yml@refs/heads/main',
    issuer: 'O=sigstore.dev, CN=sigstore-intermediate',
    subject: '',
    notBefore: '2024-11-06T22:37:00Z',
    notAfter: '2024-11-06T22:47:00Z',
    fingerprintSha256: 'ab'.repeat(32),
    extensions: [
      {
        oid: '1.3.6.1.4.1.57264.1.8',
        name: 'Issuer (V2)',
        value: 'https://token.actions.githubusercontent.com',
        description: 'The OIDC issuer that vouched for the identity.',
        critical: false,
      },
      {
        oid: '1.3.6.1.4.1.57264.1.12',
        name: 'Source Repository URI',
        value: 'https://github.com/pypa/sampleproject',
        description: 'The repository the workflow ran in.',
        critical: false,
      },
    ],
    chain: [
      {
        subject: 'O=sigstore.dev, CN=sigstore-intermediate',
        issuer: 'O=sigstore.dev, CN=sigstore',
        notBefore: '2022-04-13T20:06:15Z',
        notAfter: '2031-10-05T13:56:58Z',
        fingerprintSha256: 'cd'.repeat(32),
        pem: 'x',
      },
      {
        subject: 'O=sigstore.dev, CN=sigstore',
        issuer: 'O=sigstore.dev, CN=sigstore',
        notBefore: '2021-10-07T13:56:59Z',
        notAfter: '2031-10-05T13:56:58Z',
        fingerprintSha256: 'ef'.repeat(32),
        pem: 'y',
      },
    ],
    ...over,
  };
}

export function attestation(over: Partial<AttestationResult> = {}): AttestationResult {
  return {
    index: 0,
    bundleIndex: 0,
    ok: true,
    predicateType: 'https://docs.pypi.org/attestations/publish/v1',
    predicate: null,
    subject: { name: FILENAME, sha256: SHA },
    identity: githubIdentity(),
    certificate: certificate(),
    tlog: {
      logIndex: '147137139',
      logId: 'wNI9atQGlz+VWfO6LRygH4QUfY/8W4RFwiT5i5WRgB0=',
      kind: 'dsse',
      version: '0.0.1',
      rekorVersion: 1,
      integratedTime: '2024-11-06T22:37:07Z',
      logBaseUrl: 'https://rekor.sigstore.dev',
    },
    timestamps: [],
    reasons: [],
    ...over,
  };
}

export function verdict(state: VerdictState, over: Partial<Verdict> = {}): Verdict {
  const base: Verdict = {
    state,
    filename: FILENAME,
    sha256: SHA,
    reasons: [],
    publisher: { kind: 'GitHub', repository: 'pypa/sampleproject', workflow: 'release.yml', environment: '', fromProvenance: true },
    attestations: state === 'verified' || state === 'failed' ? [attestation({ ok: state === 'verified' })] : [],
    trustRootId: '6494e21ea73fa7ee769f85f57d5a3e6a08725eae1e38c755fc3517c9e6bc0b66',
    checkedAt: '2026-11-25T15:00:00Z',
  };
  if (state === 'absent') base.publisher = null;
  return { ...base, ...over };
}

export function fileView(v: Verdict | null, over: Partial<FileView> = {}): FileView {
  const strict = over.strict ?? false;
  const pin: PinCheck = over.pin ?? { status: 'none' };
  return {
    filename: v?.filename ?? FILENAME,
    index: 'pypi.org',
    project: 'sampleproject',
    version: '4.0.0',
    pageSha256: SHA,
    verdict: v,
    level: levelFor(v?.state ?? 'pending', { strict, pinMismatch: pin.status === 'mismatch' }),
    pin,
    strict,
    ...over,
  };
}
