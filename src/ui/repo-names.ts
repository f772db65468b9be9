/** What a commit id and a repository path look like (used by links.ts and by the summary's publisher label). */

export type Forge = 'github' | 'gitlab';

/** Commit id: a git sha-1 (40 hex) or sha-256 (64 hex). */
export function isCommitSha(s: unknown): s is string {
  return typeof s === 'string' && /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/.test(s);
}

const SEGMENT = /^[A-Za-z0-9_.-]+$/;

/** "owner/name" (GitHub) or "group[/subgroup...]/project" (GitLab), without dot-only segments. */
export function isRepositoryPath(forge: Forge, repo: unknown): repo is string {
  if (typeof repo !== 'string' || repo.length > 255) return false;
  const parts = repo.split('/');
  if (forge === 'github' ? parts.length !== 2 : parts.length < 2) return false;
  return parts.every((p) => SEGMENT.test(p) && p !== '.' && p !== '..');
}
