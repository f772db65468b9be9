/** The equivalent command lines a user can copy to repeat the check outside the browser. */
import type { FileView } from './types';
import type { ProvenIdentity } from './identity';

/** Quote for a POSIX shell unless the word is plainly safe. */
export function shellWord(s: string): string {
  return /^[A-Za-z0-9._+/:=@-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * Our own CLI, in its installed form (`pypi-provenance`, docs/cli.md): it hashes the downloaded
 * file itself and fetches the provenance from the same index, so nothing is taken from this page.
 */
export function cliCommand(file: FileView): string {
  const index = file.index === 'pypi.org' ? '' : ` --index ${shellWord(`https://${file.index}`)}`;
  return `pypi-provenance check ${shellWord(`./${file.filename}`)}${index}`;
}

export interface RepoForCommand {
  url: string;
  /** true when the repository comes from the (unverified) provenance claim, not the verified certificate. */
  claimed: boolean;
}

export function repoForCommand(file: FileView, identity: ProvenIdentity | null): RepoForCommand | null {
  if (identity?.kind === 'forge') {
    return { url: `https://${identity.forge === 'github' ? 'github.com' : 'gitlab.com'}/${identity.repository}`, claimed: false };
  }
  if (identity) return null;
  const p = file.verdict?.publisher;
  if (p && typeof p.repository === 'string' && /^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)+$/.test(p.repository)) {
    if (p.kind === 'GitHub') return { url: `https://github.com/${p.repository}`, claimed: true };
    if (p.kind === 'GitLab') return { url: `https://gitlab.com/${p.repository}`, claimed: true };
  }
  return null;
}

/** PyPI's reference verifier, fetching the file and its provenance from pypi.org itself. */
export function pypiAttestationsCommand(file: FileView, repo: RepoForCommand): string | null {
  if (file.index !== 'pypi.org') return null;
  return `uvx pypi-attestations verify pypi --repository ${shellWord(repo.url)} ${shellWord(`pypi:${file.filename}`)}`;
}

/** The reference verifier on a downloaded file and the provenance saved beside it ("Save raw provenance"). */
export function pypiAttestationsLocalCommand(file: FileView, repo: RepoForCommand): string {
  const f = file.filename;
  return `uvx pypi-attestations verify pypi --repository ${shellWord(repo.url)} --provenance-file ${shellWord(`${f}.provenance.json`)} ${shellWord(`./${f}`)}`;
}
