/** Names and one-line descriptions of certificate extensions shown in the certificate view. */
export const FULCIO_OID_PREFIX = '1.3.6.1.4.1.57264.1.';

export const FULCIO_EXTENSIONS: Record<number, { name: string; description: string }> = {
  1: { name: 'Issuer (legacy)', description: 'OIDC issuer that authenticated the signer (deprecated raw-string form).' },
  2: { name: 'GitHub Workflow Trigger (legacy)', description: 'Event that triggered the GitHub Actions workflow (deprecated).' },
  3: { name: 'GitHub Workflow SHA (legacy)', description: 'Commit the GitHub Actions workflow ran on (deprecated).' },
  4: { name: 'GitHub Workflow Name (legacy)', description: 'Name of the GitHub Actions workflow (deprecated).' },
  5: { name: 'GitHub Workflow Repository (legacy)', description: 'Repository the GitHub Actions workflow ran in (deprecated).' },
  6: { name: 'GitHub Workflow Ref (legacy)', description: 'Git ref the GitHub Actions workflow ran on (deprecated).' },
  7: { name: 'OtherName SAN', description: 'Identity carried as an otherName subject alternative name.' },
  8: { name: 'Issuer', description: 'OIDC issuer that authenticated the signer.' },
  9: { name: 'Build Signer URI', description: 'The workflow that ran the signing job (may be a reusable workflow).' },
  10: { name: 'Build Signer Digest', description: 'Commit of the workflow that ran the signing job.' },
  11: { name: 'Runner Environment', description: 'Whether the job ran on a platform-hosted or self-hosted runner.' },
  12: { name: 'Source Repository URI', description: 'Repository the build ran for.' },
  13: { name: 'Source Repository Digest', description: 'Commit of the source repository the build ran on.' },
  14: { name: 'Source Repository Ref', description: 'Git ref (branch or tag) the build ran on.' },
  15: { name: 'Source Repository Identifier', description: 'Immutable numeric identifier of the source repository.' },
  16: { name: 'Source Repository Owner URI', description: 'Owner (user or organisation) of the source repository.' },
  17: { name: 'Source Repository Owner Identifier', description: 'Immutable numeric identifier of the repository owner.' },
  18: {
    name: 'Build Config URI',
    description: 'The top-level build configuration (workflow file @ ref) — what a Trusted Publisher names.',
  },
  19: { name: 'Build Config Digest', description: 'Commit of the top-level build configuration.' },
  20: { name: 'Build Trigger', description: 'Event that triggered the build.' },
  21: { name: 'Run Invocation URI', description: 'Link to the CI run that produced the signature.' },
  22: { name: 'Source Repository Visibility At Signing', description: 'Whether the repository was public or private when signing.' },
};

export const X509_EXTENSIONS: Record<string, { name: string; description: string }> = {
  '2.5.29.15': { name: 'Key Usage', description: 'What the certified key may be used for.' },
  '2.5.29.37': { name: 'Extended Key Usage', description: 'Purposes the certificate is valid for (Code Signing for Sigstore).' },
  '2.5.29.17': { name: 'Subject Alternative Name', description: 'The signing identity (workflow URI or e-mail).' },
  '2.5.29.35': { name: 'Authority Key Identifier', description: 'Identifies the key of the issuing certificate authority.' },
  '2.5.29.14': { name: 'Subject Key Identifier', description: 'Identifies the key certified by this certificate.' },
  '2.5.29.19': { name: 'Basic Constraints', description: 'Whether this certificate may issue other certificates.' },
  '1.3.6.1.4.1.11129.2.4.2': {
    name: 'CT Precertificate SCTs',
    description: 'Proofs that the certificate was logged in a certificate-transparency log.',
  },
};

export const EKU_NAMES: Record<string, string> = {
  '1.3.6.1.5.5.7.3.1': 'TLS Web Server Authentication',
  '1.3.6.1.5.5.7.3.2': 'TLS Web Client Authentication',
  '1.3.6.1.5.5.7.3.3': 'Code Signing',
  '1.3.6.1.5.5.7.3.4': 'E-mail Protection',
  '1.3.6.1.5.5.7.3.8': 'Time Stamping',
};

export const DN_ATTRIBUTES: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.5': 'serialNumber',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '1.2.840.113549.1.9.1': 'emailAddress',
};
