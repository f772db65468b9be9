/**
 * The ONLY way the UI builds links. Every href goes through `safeHref`, which accepts plain
 * `https:` URLs on a short list of exact hosts and nothing else (no userinfo, no port).
 * Builders only produce links to immutable targets: a file or commit at a commit sha, a run id,
 * a transparency-log entry by index. Anything that fails a check yields null and is shown as text.
 */
import { isCommitSha, isRepositoryPath, type Forge } from './repo-names';

export const LINK_HOSTS: readonly string[] = ['github.com', 'gitlab.com', 'search.sigstore.dev', 'pypi.org', 'test.pypi.org'];

// C0 controls, DEL, whitespace, backslash: the URL parser silently strips or rewrites some of these.
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARS = /[\u0000-\u0020\u007f-\u009f\\]/;

export function safeHref(url: unknown): string | null {
  if (typeof url !== 'string' || url.length === 0 || url.length > 2048) return null;
  if (UNSAFE_CHARS.test(url)) return null;
  if (!/^https:\/\//i.test(url)) return null;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== 'https:') return null;
  if (u.username !== '' || u.password !== '') return null;
  if (u.port !== '') return null;
  if (!LINK_HOSTS.includes(u.hostname)) return null;
  // The authority written in the input must be the host itself (catches "https://github.com@evil" forms
  // that some parsers treat differently, and percent-encoded hosts).
  const authority = url.slice('https://'.length).split(/[/?#]/, 1)[0]?.toLowerCase();
  if (authority !== u.hostname) return null;
  return u.href;
}

const FORGE_HOST: Record<Forge, string> = { github: 'github.com', gitlab: 'gitlab.com' };

/** A relative path inside a repository, each segment encoded. Null if it tries to escape. */
function encodePath(path: string): string | null {
  const parts = path.split('/').filter((p) => p !== '');
  if (parts.length === 0 || parts.some((p) => p === '.' || p === '..')) return null;
  return parts.map(encodeURIComponent).join('/');
}

/** The repository's web root (used only as a base; not itself linked: it shows HEAD). */
function base(forge: Forge, repo: string): string | null {
  if (!isRepositoryPath(forge, repo)) return null;
  return `https://${FORGE_HOST[forge]}/${repo}`;
}

/** The workflow (CI config) file as it was at the signing commit. */
export function workflowFileUrl(forge: Forge, repo: string, sha: string, path: string): string | null {
  const b = base(forge, repo);
  const p = encodePath(path);
  if (!b || !p || !isCommitSha(sha)) return null;
  return safeHref(forge === 'github' ? `${b}/blob/${sha}/${p}` : `${b}/-/blob/${sha}/${p}`);
}

/** GitHub workflow file name (e.g. "release.yml") at a commit. */
export function githubWorkflowUrl(repo: string, sha: string, workflow: string): string | null {
  if (workflow.includes('/')) return null;
  return workflowFileUrl('github', repo, sha, `.github/workflows/${workflow}`);
}

export function commitUrl(forge: Forge, repo: string, sha: string): string | null {
  const b = base(forge, repo);
  if (!b || !isCommitSha(sha)) return null;
  return safeHref(forge === 'github' ? `${b}/commit/${sha}` : `${b}/-/commit/${sha}`);
}

/** The CI run, from the certificate's Run Invocation URI, only if it is a github.com/gitlab.com https URL. */
export function runUrl(runInvocationUri: string | undefined | null): string | null {
  const href = safeHref(runInvocationUri);
  if (!href) return null;
  const host = new URL(href).hostname;
  return host === 'github.com' || host === 'gitlab.com' ? href : null;
}

/** Rekor v1 entries by index on search.sigstore.dev. Rekor v2 entries get no link (null). */
export function logEntryUrl(tlog: { logIndex: string; rekorVersion: 1 | 2 } | null | undefined): string | null {
  if (!tlog || tlog.rekorVersion !== 1) return null;
  if (!/^[0-9]{1,20}$/.test(tlog.logIndex)) return null;
  return safeHref(`https://search.sigstore.dev/?logIndex=${tlog.logIndex}`);
}

/** The file's project page on the index, at a fixed version. */
export function releaseUrl(index: string, project: string, version: string | null): string | null {
  if (!/^[a-z0-9-]{1,200}$/.test(project)) return null;
  if (version !== null && !/^[A-Za-z0-9._+!-]{1,100}$/.test(version)) return null;
  return safeHref(`https://${index}/project/${project}/${version === null ? '' : `${encodeURIComponent(version)}/`}`);
}

/**
 * PyPI's own details of one file (its "File details" panel, with hashes and the "Provenance"
 * section), on the release page: `#<filename>` is the panel's id, the raw filename (docs/dom.md).
 */
export function fileDetailsUrl(index: string, project: string, version: string | null, filename: string): string | null {
  if (index !== 'pypi.org' && index !== 'test.pypi.org') return null;
  const release = version === null ? null : releaseUrl(index, project, version);
  if (!release || !/^[A-Za-z0-9._!-]{1,255}$/.test(filename)) return null;
  return safeHref(`${release}#${filename}`);
}
