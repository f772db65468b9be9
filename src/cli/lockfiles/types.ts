/** What a lock file pins, in one shape for requirements.txt, pylock.toml and uv.lock. */

export interface LockSource {
  path: string;
  line?: number;
}

export type LockEntry =
  /** pylock.toml / uv.lock: each distribution file by name, with the lock's sha256 when it has one. */
  | { kind: 'files'; name: string; version: string; files: { filename: string; sha256: string | null }[]; source: LockSource }
  /** requirements.txt `name==version`, with its `--hash=sha256:` values (none = every file of the release). */
  | { kind: 'hashes'; name: string; version: string; hashes: string[]; source: LockSource }
  /** From another index, a URL, a path, VCS, or not pinned: reported as "not checkable". */
  | { kind: 'not-checkable'; name: string; version: string | null; what: string; why: string; source: LockSource };

/** A lock file that cannot be read: the message names the file and line. Exit code 2. */
export class LockFileError extends Error {
  override name = 'LockFileError';
  constructor(path: string, line: number | null, message: string) {
    super(`${path}${line !== null ? `:${line}` : ''}: ${message}`);
  }
}

/** "sha256:HEX" (any case) → lowercase hex, or null. */
export function sha256Of(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const m = /^sha256[:=]([0-9a-fA-F]{64})$/.exec(value.trim());
  return m ? m[1]!.toLowerCase() : null;
}

/** The last path segment of a URL (decoded), or null. */
export function urlFilename(url: unknown): string | null {
  if (typeof url !== 'string') return null;
  try {
    const u = new URL(url);
    const seg = u.pathname.split('/').filter(Boolean).at(-1);
    return seg ? decodeURIComponent(seg) : null;
  } catch {
    return null;
  }
}
