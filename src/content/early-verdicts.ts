/**
 * A page seen again shows its verdicts when its badges go up, not a round trip later (#16 warm).
 *
 * When the content script starts, before the page is parsed, it asks the worker for the verdicts
 * it can give at once for the release in the page's URL (`release-verdicts`, messages.ts): only
 * what a fresh cached index and fresh cached verdicts answer, nothing fetched or verified for it.
 * When the badges are mounted, a file whose badge is still pending shows its early verdict if the
 * page's sha256 for the file is the verdict's (or the page shows none). The page's own `check`
 * is still sent as before, and its verdicts replace these; what is checked does not change.
 */
import { isBackgroundToContent, isObj, MAX_FILES_PER_REQUEST, type FileVerdictMessage, type ReleaseVerdictsRequest } from '../messages';
import type { DetectedFile, PageInfo } from './detect/types';
import { isUsableVerdictMessage } from './file-view';

export type EarlyVerdictsByFile = ReadonlyMap<string, FileVerdictMessage>;

export interface EarlyVerdicts {
  /**
   * Calls `use` once with this page's early verdicts, by filename: at once if the answer is in,
   * else when it arrives. Not at all when there are none or the answer is about another release.
   */
  use(page: Pick<PageInfo, 'index' | 'project' | 'version'>, use: (byFile: EarlyVerdictsByFile) => void): void;
}

/** The answer's usable final verdicts by filename, if the answer is about this page's release. */
export function earlyVerdictsOf(answer: unknown, page: Pick<PageInfo, 'index' | 'project' | 'version'>): EarlyVerdictsByFile {
  const found = new Map<string, FileVerdictMessage>();
  if (!isObj(answer) || answer.ok !== true || !Array.isArray(answer.verdicts)) return found;
  if (answer.index !== page.index || answer.project !== page.project || page.version === null || answer.version !== page.version)
    return found;
  for (const m of answer.verdicts.slice(0, MAX_FILES_PER_REQUEST)) {
    if (!isBackgroundToContent(m) || m.type !== 'verdict' || found.has(m.filename)) continue;
    if (!isUsableVerdictMessage(m) || m.verdict.state === 'pending') continue;
    found.set(m.filename, m);
  }
  return found;
}

/** Asks at once; never throws, never rejects (no answer: no early verdicts). */
export function askEarlyVerdicts(send: (m: ReleaseVerdictsRequest) => Promise<unknown>): EarlyVerdicts {
  let answer: unknown;
  let arrived = false;
  const waiting: (() => void)[] = [];
  const arrive = (a: unknown) => {
    answer = a;
    arrived = true;
    for (const w of waiting.splice(0)) w();
  };
  try {
    send({ type: 'release-verdicts' }).then(arrive, () => arrive(null));
  } catch {
    arrive(null);
  }
  return {
    use(page, use) {
      const run = () => {
        const found = earlyVerdictsOf(answer, page);
        if (found.size > 0) use(found);
      };
      if (arrived) run();
      else waiting.push(run);
    },
  };
}

/**
 * Which early verdict each file may show: a checkable file still waiting for its first answer
 * (`waiting`), whose page sha256 is the verdict's or absent. The verdict's sha256 is the index's
 * (the worker compares the page's when the page asks); a page that shows another hash waits for
 * its own check, which reports the mismatch.
 */
export function earlyVerdictsFor(
  files: readonly DetectedFile[],
  found: EarlyVerdictsByFile,
  waiting: (filename: string) => boolean,
): FileVerdictMessage[] {
  const out: FileVerdictMessage[] = [];
  for (const f of files) {
    const m = found.get(f.filename);
    if (!m || !waiting(f.filename)) continue;
    if (f.pageSha256 !== null && f.pageSha256 !== m.verdict.sha256) continue;
    out.push(m);
  }
  return out;
}
