/**
 * Shape check of a ReleaseHistory from the worker (everything the UI reads). Apart from messages.ts
 * so that the content script loads it with the history (src/content/release-history.ts), not with
 * the script every page loads (issue #16).
 */
import { isValidFilename, MAX_FILES_PER_REQUEST } from '../messages';
import { ABSENCE_REASONS, HISTORY_STATES, type ReleaseHistory } from './types';

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const MAX_HISTORY_LIST = 50;
const isOptStr = (v: unknown) => v === undefined || (typeof v === 'string' && v.length <= 500);

function isIdentity(v: unknown): boolean {
  if (!isObj(v) || typeof v.kind !== 'string' || v.kind.length > 100) return false;
  if (!isOptStr(v.repository) || !isOptStr(v.workflow) || !isOptStr(v.email)) return false;
  return v.environment === undefined || v.environment === null || isOptStr(v.environment);
}

function isExamined(v: unknown): boolean {
  return (
    isObj(v) &&
    typeof v.version === 'string' &&
    typeof v.sameLine === 'boolean' &&
    isValidFilename(v.filename) &&
    (v.identity === null || isIdentity(v.identity)) &&
    (v.outcome === 'verified' || v.outcome === 'failed' || v.outcome === 'error') &&
    (v.outcome !== 'verified' || v.identity !== null)
  );
}

const isList = (v: unknown, item: (x: unknown) => boolean, max = MAX_HISTORY_LIST) => Array.isArray(v) && v.length <= max && v.every(item);
const isCount = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

export function isReleaseHistory(v: unknown): v is ReleaseHistory {
  if (!isObj(v) || typeof v.project !== 'string' || (v.version !== null && typeof v.version !== 'string')) return false;
  if (!HISTORY_STATES.includes(v.state as ReleaseHistory['state'])) return false;
  if (v.line !== null && typeof v.line !== 'string') return false;
  if (!isList(v.current, isIdentity) || !isList(v.examined, isExamined)) return false;
  if (v.compared !== null && !isExamined(v.compared)) return false;
  if (
    !isList(
      v.changes,
      (c) =>
        isObj(c) &&
        typeof c.field === 'string' &&
        (c.before === null || typeof c.before === 'string') &&
        (c.after === null || typeof c.after === 'string'),
    )
  )
    return false;
  if (!isCount(v.earlierWithProvenance) || (v.firstWithProvenance !== null && typeof v.firstWithProvenance !== 'string')) return false;
  if (!isObj(v.limits) || !isCount(v.limits.sameLine) || !isCount(v.limits.overall)) return false;
  if (!isObj(v.absence) || !Object.entries(v.absence).every(([k, r]) => isValidFilename(k) && ABSENCE_REASONS.includes(r as never)))
    return false;
  if (v.checks !== null) {
    const c = v.checks;
    if (!isObj(c) || !isCount(c.total) || !isCount(c.attested) || !['all', 'some', 'none'].includes(c.coverage as string)) return false;
    if (!isList(c.publishers, isIdentity) || typeof c.mixedPublishers !== 'boolean') return false;
    if (
      !isList(
        c.addedLater,
        (f) => isObj(f) && isValidFilename(f.filename) && typeof f.uploadTime === 'string' && isCount(f.hoursAfter),
        MAX_FILES_PER_REQUEST,
      )
    )
      return false;
  }
  // a changed/same/lost history names the release it was compared with
  if ((v.state === 'changed' || v.state === 'same' || v.state === 'lost') && v.compared === null) return false;
  return true;
}
