/**
 * What the extension says about publisher history: neutral by default, benign reasons offered;
 * amber (`warning`) only for changed / lost; never red (red is for cryptographic failures and pins).
 * The sentences come from messages.json through `t` (English in Node, where there is no i18n API).
 */
import { t } from '../i18n';
import type { VerdictLevel } from '../verify/verdict';
import { describeIdentity } from './identity';
import type { AbsenceReason, HistoryState, IdentityChange, ReleaseChecks, ReleaseHistory } from './types';

/** "This can be a move to an organisation, …" (offered after every publisher change). */
export const benignReasons = (): string => t('history_benign_reasons');

function fieldName(field: IdentityChange['field']): string {
  switch (field) {
    case 'kind':
      return t('history_field_kind');
    case 'repository':
      return t('history_field_repository');
    case 'workflow':
      return t('history_field_workflow');
    case 'environment':
      return t('history_field_environment');
    case 'email':
      return t('history_field_email');
  }
}

export function describeChange(c: IdentityChange): string {
  const none = t('history_value_none');
  return t('history_change', [fieldName(c.field), c.before ?? none, c.after ?? none]);
}

export function historyLevel(state: HistoryState): VerdictLevel {
  return state === 'changed' || state === 'lost' ? 'warning' : 'neutral';
}

/** One sentence for the summary line. */
export function historySentence(h: ReleaseHistory): string {
  const ref = h.compared ? h.compared.version : '';
  switch (h.state) {
    case 'same':
      return t('history_same', [ref, describeIdentity(h.compared!.identity!)]);
    case 'changed':
      return `${t('history_changed', [ref, h.changes.map(describeChange).join('; ')])} ${benignReasons()}`;
    case 'lost':
      return t('history_lost', [ref, describeIdentity(h.compared!.identity!)]);
    case 'new':
      return h.earlierWithProvenance === 0 && h.firstWithProvenance === h.version ? t('history_new_first') : t('history_new_none_earlier');
    case 'never':
      return t('history_never');
    case 'not-yet':
      return h.firstWithProvenance ? t('history_not_yet', h.firstWithProvenance) : t('history_not_yet_unknown');
    case 'unknown':
      return t('history_unknown');
  }
}

/** Why a file has no provenance, when the history tells. */
export function absenceText(why: AbsenceReason): string {
  switch (why) {
    case 'predates-attestations':
      return t('absence_predates_attestations');
    case 'never':
      return t('absence_never');
    case 'lost':
      return t('absence_lost');
    case 'not-yet':
      return t('absence_not_yet');
    case 'partial-release':
      return t('absence_partial_release');
  }
}

/** Short lines for the release checks ("2 of 3 files attested", "mixed publishers", "added later"). */
export function checkLines(c: ReleaseChecks): string[] {
  const out: string[] = [];
  if (c.coverage === 'all') out.push(c.total === 1 ? t('checks_all_one') : t('checks_all', String(c.total)));
  else if (c.coverage === 'some') out.push(t('checks_some', [String(c.attested), String(c.total)]));
  else out.push(c.total === 1 ? t('checks_none_one') : t('checks_none', String(c.total)));
  if (c.mixedPublishers) out.push(t('checks_mixed_publishers', c.publishers.map(describeIdentity).join('; ')));
  for (const f of c.addedLater.slice(0, 5)) out.push(t('checks_added_later', [f.filename, String(f.hoursAfter)]));
  const more = c.addedLater.length - 5;
  if (more > 0) out.push(more === 1 ? t('checks_more_added_later_one') : t('checks_more_added_later', String(more)));
  return out;
}

/** What the history compared this release with, said to the user (not how the search is bounded). */
export function boundsSentence(h: ReleaseHistory): string {
  const earlier = String(h.earlierWithProvenance);
  // The singular names no count ("the nearest earlier release"), so it takes only `earlier`.
  if (h.examined.length === 1) return t('history_bounds_one', earlier);
  return t('history_bounds_other', [String(h.examined.length), earlier]);
}
