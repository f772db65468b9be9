/**
 * The toolbar badge for a tab: a status the page cannot fake (it lives in the browser's UI).
 *   "✓N" green  — every file on the page verified (and no pin mismatch);
 *   "!"  red    — any file at level danger (failed, or a pin mismatch);
 *   "?"  grey   — any file could not be checked (error), none dangerous;
 *   "…"  grey   — still checking;
 *   ""          — otherwise (no files, or a mix of verified and absent).
 */
import type { TabStatusFile } from '../messages';
import { t, tPlural } from '../i18n';

export interface Badge {
  text: string;
  color: string;
  title: string;
}

export const BADGE_COLORS = { ok: '#1b7f3b', danger: '#c62828', neutral: '#6b6b6b' } as const;

export function badgeFor(files: readonly TabStatusFile[]): Badge {
  const n = files.length;
  if (n === 0) return { text: '', color: BADGE_COLORS.neutral, title: t('action_title') };
  const danger = files.filter((f) => f.level === 'danger').length;
  if (danger > 0) {
    return {
      text: '!',
      color: BADGE_COLORS.danger,
      title: n === 1 ? t('toolbar_title_failed_one') : t('toolbar_title_failed', [String(danger), String(n)]),
    };
  }
  if (files.every((f) => f.state === 'verified' && f.level === 'ok')) {
    return {
      text: n <= 99 ? `✓${n}` : '✓',
      color: BADGE_COLORS.ok,
      title: tPlural(n, 'toolbar_title_verified_one', 'toolbar_title_verified_other'),
    };
  }
  const errors = files.filter((f) => f.state === 'error').length;
  if (errors > 0) {
    const title = n === 1 ? t('toolbar_title_errors_one') : t('toolbar_title_errors', [String(errors), String(n)]);
    return { text: '?', color: BADGE_COLORS.neutral, title };
  }
  if (files.some((f) => f.state === 'pending')) return { text: '…', color: BADGE_COLORS.neutral, title: t('toolbar_title_checking') };
  return { text: '', color: BADGE_COLORS.neutral, title: t('action_title') };
}
