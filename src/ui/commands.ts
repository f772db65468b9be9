/** The equivalent command lines a user can copy to repeat the check outside the browser. */
import type { FileView } from './types';
import type { ProvenIdentity } from './identity';

/** Quote for a POSIX shell unless the word is plainly safe. */
export function shellWord(s: string): string {
  return /^[A-Za-z0-9._+/:=@-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

export function cliCommand(file: FileView): string {
  const sha = file.verdict?.sha256 || file.pageSha256 || '<sha256>';
  const f = file.filename;
  return `npm run verify -- ${shellWord(`${f}.provenance.json`)} --filename ${shellWord(f)} --sha256 ${shellWord(sha)}`;
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

export function pypiAttestationsCommand(file: FileView, repo: RepoForCommand): string | null {
  if (file.index !== 'pypi.org') return null;
  return `pypi-attestations verify pypi --repository ${shellWord(repo.url)} ${shellWord(`pypi:${file.filename}`)}`;
}
