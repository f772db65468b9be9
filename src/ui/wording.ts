/**
 * Every user-visible sentence of the UI, in one place (see shared/docs/ui-wording.md).
 * Never "safe", "trusted", "secure" or "verified publisher": say what was checked, and what was not.
 */
import type { VerdictState } from '../verify/verdict';

export const SPEAKER = 'Checked in your browser by pypi-provenance';
export const APP_NAME = 'pypi-provenance';

export const BADGE_TEXT: Record<VerdictState, string> = {
  verified: 'Provenance checked',
  absent: 'No provenance published',
  failed: 'Provenance FAILED',
  error: 'Could not check',
  pending: 'Checking…',
};
export const BADGE_ABSENT_STRICT = 'No provenance published — strict mode asks you to confirm downloads';
export const BADGE_PIN_MISMATCH = 'Publisher differs from your pin';
export const BADGE_HINT = 'Click for details. Checked in your browser by pypi-provenance.';

/** Which index a file was checked against, said only when it is not pypi.org (test.pypi.org). */
export const checkedAgainst = (index: string | undefined): string => (index && index !== 'pypi.org' ? `checked against ${index}` : '');
export const badgeAriaLabel = (filename: string, text: string, index?: string): string =>
  `${filename}: ${text}${checkedAgainst(index) ? ` (${checkedAgainst(index)})` : ''}. Show provenance details`;
/** The panel's header line: who checked, and against which index when it is not pypi.org. */
export const speakerFor = (index: string | undefined): string => (checkedAgainst(index) ? `${SPEAKER}, ${checkedAgainst(index)}` : SPEAKER);

export const W = {
  panelLabel: (filename: string) => `Provenance of ${filename}`,
  close: 'Close',
  checkedAt: (t: string) => `Checked ${t}.`,
  closeLabel: 'Close provenance details',
  retry: 'Retry',
  saveProvenance: 'Save raw provenance JSON',
  pinPublisher: 'Pin this publisher',
  pinPublisherHint: 'Warn me if a later file of this project is published by a different identity.',

  // verified
  verifiedTitle: 'Provenance checked',
  uploadedVia: 'Uploaded via PyPI Trusted Publishing by',
  githubWorkflow: 'GitHub Actions workflow',
  gitlabWorkflow: 'GitLab CI/CD pipeline',
  googleAccount: 'Google Cloud service account',
  otherIdentity: 'the signing identity',
  inRepo: 'in',
  atCommit: 'at commit',
  fromRef: 'from',
  noCommit: '(the certificate names no commit)',
  recordedIn: 'recorded in the Sigstore transparency log',
  entry: 'entry',
  issuerLabel: 'issued by',
  runLink: 'workflow run',
  environment: (env: string) => `Environment “${env}” (not verifiable, as claimed by PyPI).`,
  googleNote: 'Google Cloud certificates name only the service account: no repository, workflow or commit.',
  publishedVia: 'PyPI Trusted Publishing lets a project upload from CI with a short-lived identity instead of a password.',

  builtBy: 'Built by',
  builtFrom: 'from',
  buildType: 'build type',
  slsaNote: 'As stated in the SLSA build provenance signed by that identity.',

  notProvenTitle: 'What this does not prove',
  notProven: [
    'That the source code is safe, reviewed, or free of malware.',
    'That this commit’s code is what was built: a publish attestation only says who uploaded the file.',
    'That the repository, workflow or maintainers are still the same today: values are as they were at signing time and may have changed since.',
  ],
  notProvenWithSlsa: 'That this commit’s code is what was built, beyond what the SLSA build provenance above states.',

  // failed
  failedTitle: 'Provenance FAILED',
  failedIntro: 'This file has provenance, but it did not pass the check. Nothing it claims is shown here as fact.',
  failedReasons: 'Why',
  claimedPublisher: 'Claimed publisher (not verified)',
  unverifiedCert: 'Certificate contents (not verified)',

  // absent
  absentTitle: 'No provenance published',
  absentBody: 'The index has no provenance for this file.',
  absentWhy: 'Many honest projects upload by hand or from platforms that cannot attest yet. Older files predate attestations.',
  absentStrict: 'Strict mode is on, so you will be asked to confirm downloads of this file.',

  // error
  errorTitle: 'Could not check',
  errorDefault: 'Could not check — pypi.org did not answer (try again)',
  errorTryAgain: 'Try again with Retry.',

  // pending
  pendingTitle: 'Checking…',
  pendingBody: 'Fetching and checking the provenance of this file.',

  // pin
  pinMatch: (project: string) => `Matches the publisher you pinned for ${project}.`,
  pinMismatch: (project: string) => `The publisher differs from the one you pinned for ${project}.`,
  pinDifferences: 'Differences',

  // attestations
  attestationsTitle: 'Attestations',
  attestationOk: 'checked',
  attestationFailed: 'FAILED',
  logEntry: 'Log entry',
  logTime: 'Logged at',
  noLogTime: 'no log time',
  rekorV2Entry: (origin: string, index: string) => `${origin}, entry ${index}`,

  // commands
  commandsTitle: 'Check it yourself',
  commandsIntro: 'Save the raw provenance JSON, then run one of these:',
  commandRepoClaimed: 'The repository in the second command is the one claimed by the provenance (not verified).',
  commandGoogleNote: 'pypi-attestations needs a repository; for a Google Cloud publisher use the first command.',
  commandTestPyPINote: 'The pypi-attestations “pypi:” shortcut reads from pypi.org only.',
  copy: 'Copy',
  copied: 'Copied',
  copyFailed: 'Copy failed — select the text instead',

  // certificate
  certificate: 'Certificate',
  san: 'Subject alternative name',
  issuerDn: 'Issuer',
  subject: 'Subject',
  serial: 'Serial number',
  fingerprint: 'SHA-256 fingerprint',
  validity: 'Validity',
  extensions: 'Extensions',
  critical: 'critical',
  chain: 'Chain to the bundled Sigstore root',
  pem: 'PEM',
  savePem: 'Save .pem',
  none: '(none)',
};

export const PREDICATE_NAMES: Record<string, string> = {
  'https://docs.pypi.org/attestations/publish/v1': 'PyPI publish attestation',
  'https://slsa.dev/provenance/v1': 'SLSA build provenance',
};

export function predicateName(t: string | null): string {
  if (t === null) return 'Unknown attestation type';
  return PREDICATE_NAMES[t] ?? `Unknown attestation type (${t})`;
}

export const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

export const S = {
  noFiles: 'No files to check.',
  verifiedOf: (v: number, total: number) => `${v} of ${plural(total, 'file', 'files')} ${total === 1 ? 'has' : 'have'} verified provenance`,
  from: (label: string) => `from ${label}`,
  mixed: (labels: string[]) => `from ${labels.length} different publishers: ${labels.join('; ')}`,
  checking: (n: number) => `checking ${plural(n, 'file', 'files')}…`,
  failed: (n: number) => `${plural(n, 'file', 'files')} FAILED`,
  absent: (n: number) => `${n} without provenance`,
  error: (n: number) => `${n} could not be checked`,
  pinMismatch: (n: number) => `${plural(n, 'file', 'files')} from a publisher other than your pin`,
};

/** Certificate validity against the log time. */
export function validitySentence(window: { from: string; to: string; minutes: number }, logged: { at: string; inside: boolean } | null): string {
  const base = `valid ${plural(window.minutes, 'minute', 'minutes')}: ${window.from}–${window.to} UTC`;
  if (!logged) return `${base}; no log time to compare`;
  return `${base}; logged at ${logged.at} — ${logged.inside ? 'inside the window' : 'OUTSIDE the window'}`;
}

/** Options page. */
export const O = {
  title: 'pypi-provenance settings',
  intro: 'pypi-provenance checks PEP 740 provenance (Sigstore attestations) of files on pypi.org, in your browser.',
  saved: 'Saved',
  saveFailed: (m: string) => `Could not save: ${m}`,
  loading: 'Loading settings…',
  behaviour: 'Behaviour',
  strict: 'Strict mode',
  strictHelp:
    'Files without provenance are shown as warnings, and downloading such a file asks you to confirm first. Many honest projects have no provenance yet, so expect to see this often.',
  confirmFailed: 'Ask before downloading a file whose provenance FAILED',
  confirmFailedHelp: 'Applies also when strict mode is off.',
  showSummary: 'Show a summary line above the file list',
  pins: 'Publisher pins',
  pinsHelp:
    'A pin says which identity must publish a project. A file of that project published by another identity is flagged, even if its provenance checks out. Projects do change CI setups for honest reasons, so a flag is a prompt to look, not proof of an attack.',
  noPins: 'No pins yet.',
  project: 'Project',
  kind: 'Publisher kind',
  repository: 'Repository (owner/name)',
  workflow: 'Workflow (optional; GitHub: file name such as release.yml, GitLab: path such as .gitlab-ci.yml)',
  email: 'Service account e-mail (Google only)',
  add: 'Add pin',
  remove: 'Remove',
  removeLabel: (what: string) => `Remove pin ${what}`,
  errProject: 'Enter a project name.',
  errRepository: 'Enter the repository as owner/name.',
  errEmail: 'Enter the service account e-mail address.',
  errDuplicate: (p: string) => `There is already a pin for ${p}. Remove it first.`,
  errInvalid: 'This pin is not valid.',
  anyWorkflow: 'any workflow',
  managed: 'Set by your organisation',
  managedIntro: 'Some settings are set by your organisation and cannot be changed here.',
  managedPinNote: 'Set by your organisation; cannot be removed.',
  pinOverridden: 'Not in effect: your organisation pins this project.',
  errManagedPin: (p: string) => `Your organisation already pins ${p}.`,
  cache: 'Cache',
  cacheHelp: 'Results are cached so pages load quickly. Clearing the cache makes the next visit check every file again.',
  clearCache: 'Clear cache',
  clearing: 'Clearing…',
  cleared: 'Cache cleared.',
  clearFailed: (m: string) => `Could not clear the cache: ${m}`,
  trust: 'About the trust root',
  trustHelp:
    'Signatures are checked against the Sigstore public-good trust root bundled with this extension (certificate authority, transparency logs). It is not downloaded at run time.',
  trustSha: 'Bundled trusted_root.json sha256',
  trustDate: 'Bundled on',
  trustSource: 'Source',
  tufVersion: 'TUF root version',
  tufExpires: 'TUF root expires',
  tufExpired: (d: string) =>
    `The bundled TUF root's expiry date (${d}) has passed. Checks still use the bundled trust root; an update of the extension brings a newer one.`,
};

/** Toolbar popup. */
export const P = {
  title: 'pypi-provenance',
  noPage: 'Open a project or release page on pypi.org to see provenance checks.',
  loading: 'Loading…',
  files: (n: number) => plural(n, 'file', 'files'),
  filesLabel: 'Files on this page and their provenance',
  unavailable: 'Could not read the status of this tab.',
  options: 'Settings',
};
