/**
 * The words of the UI that the content script shows on every page (badge, summary line), apart
 * from wording.ts so that the content script's eager bundle carries only these (issue #16: the
 * panel's wording is loaded with the panel). wording.ts re-exports them.
 */
import type { VerdictState } from '../verify/verdict';
import { t, tPlural } from '../i18n';

/** "Checked in your browser by pypi-provenance" (via getters: the text comes from messages.json through `t`). */
export const WHO = {
  get speaker() {
    return t('speaker');
  },
  get appName() {
    return t('ext_name');
  },
};

export const BADGE_TEXT: Record<VerdictState, string> = {
  get verified() {
    return t('badge_verified');
  },
  get absent() {
    return t('badge_absent');
  },
  get failed() {
    return t('badge_failed');
  },
  get error() {
    return t('badge_error');
  },
  get pending() {
    return t('badge_pending');
  },
};
export const BADGE = {
  /** The strict-mode sentence for a file without provenance: in the badge's tooltip and accessible name, not its text. */
  get absentStrictHint() {
    return t('badge_absent_strict');
  },
  get pinMismatch() {
    return t('badge_pin_mismatch');
  },
};

/** Which index a file was checked against, said only when it is not pypi.org (test.pypi.org). */
export const checkedAgainst = (index: string | undefined): string => (index && index !== 'pypi.org' ? t('checked_against', index) : '');
export const badgeAriaLabel = (filename: string, text: string, index?: string): string =>
  checkedAgainst(index) ? t('badge_aria_label_index', [filename, text, checkedAgainst(index)]) : t('badge_aria_label', [filename, text]);
/** The badge's tooltip: status, index (when not pypi.org), and a hint. */
export const badgeTitle = (text: string, index?: string): string =>
  checkedAgainst(index) ? t('badge_title_index', [text, checkedAgainst(index)]) : t('badge_title', text);
/** The summary line above the file list (and the popup's summary). */
export const S = {
  get noFiles() {
    return t('summary_no_files');
  },
  verifiedOf: (v: number, total: number) => tPlural(total, 'summary_verified_of_one', 'summary_verified_of_other', [String(v)]),
  from: (label: string) => t('summary_from', label),
  mixed: (labels: string[]) => t('summary_mixed', [String(labels.length), labels.join('; ')]),
  checking: (n: number) => tPlural(n, 'summary_checking_one', 'summary_checking_other'),
  failed: (n: number) => tPlural(n, 'summary_failed_one', 'summary_failed_other'),
  absent: (n: number) => t('summary_absent', String(n)),
  error: (n: number) => t('summary_error', String(n)),
  pinMismatch: (n: number) => tPlural(n, 'summary_pin_mismatch_one', 'summary_pin_mismatch_other'),
  multiplePublishers: (n: number) => tPlural(n, 'summary_multiple_publishers_one', 'summary_multiple_publishers_other'),
};
