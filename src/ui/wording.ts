/**
 * Every user-visible sentence of the UI, in one place (see shared/docs/ui-wording.md).
 * Never "safe", "trusted", "secure" or "verified publisher": say what was checked, and what was not.
 */
import { t, tPlural } from '../i18n';
import { english, hasMessage } from '../i18n/english';

export { WHO, BADGE_TEXT, BADGE, checkedAgainst, badgeAriaLabel, badgeTitle, S } from './inline-wording';

/** The panel's header line: who checked, and against which index when it is not pypi.org. */
export const speakerFor = (index: string | undefined): string => (index && index !== 'pypi.org' ? t('speaker_index', index) : t('speaker'));

/** The details panel. */
export const W = {
  panelLabel: (filename: string) => t('panel_label', filename),
  get close() {
    return t('close');
  },
  checkedAt: (time: string) => t('checked_at', time),
  get trustRootStale() {
    return t('panel_trust_root_stale');
  },
  get closeLabel() {
    return t('close_label');
  },
  get retry() {
    return t('retry');
  },
  get saveProvenance() {
    return t('save_provenance');
  },
  get pinPublisher() {
    return t('pin_publisher');
  },
  get pinPublisherHint() {
    return t('pin_publisher_hint');
  },
  // verified
  get uploadedVia() {
    return t('uploaded_via');
  },
  get githubWorkflow() {
    return t('github_workflow');
  },
  get gitlabWorkflow() {
    return t('gitlab_workflow');
  },
  get googleAccount() {
    return t('google_account');
  },
  get otherIdentity() {
    return t('other_identity');
  },
  get inRepo() {
    return t('in_repo');
  },
  get atCommit() {
    return t('at_commit');
  },
  get workflowRanAt() {
    return t('workflow_ran_at');
  },
  get signatureInLog() {
    return t('signature_in_log');
  },
  get provesTitle() {
    return t('proves_title');
  },
  get fromRef() {
    return t('from_ref');
  },
  get noCommit() {
    return t('no_commit');
  },
  get entry() {
    return t('entry');
  },
  get issuerLabel() {
    return t('issuer_label');
  },
  get runLink() {
    return t('run_link');
  },
  environment: (env: string) => t('environment', env),
  get googleNote() {
    return t('google_note');
  },
  get publishedVia() {
    return t('published_via');
  },
  get builtBy() {
    return t('built_by');
  },
  get builtFrom() {
    return t('built_from');
  },
  get buildType() {
    return t('build_type');
  },
  get slsaNote() {
    return t('slsa_note');
  },
  get notProvenTitle() {
    return t('not_proven_title');
  },
  get notProven() {
    return [t('not_proven_code'), t('not_proven_build'), t('not_proven_time')];
  },
  get notProvenWithSlsa() {
    return t('not_proven_build_slsa');
  },
  // failed
  get failedIntro() {
    return t('failed_intro');
  },
  get failedDoNotInstall() {
    return t('failed_do_not_install');
  },
  get failedCausesTitle() {
    return t('failed_causes_title');
  },
  get failedCauses() {
    return [t('failed_cause_replaced'), t('failed_cause_pypi'), t('failed_cause_ours')];
  },
  get failedCompare() {
    return t('failed_compare');
  },
  get pypiViewLink() {
    return t('pypi_view_link');
  },
  get pypiViewNote() {
    return t('pypi_view_note');
  },
  get failedCompareLink() {
    return t('failed_compare_link');
  },
  get failedCompareFileLink() {
    return t('failed_compare_file_link');
  },
  get failedReport() {
    return t('failed_report');
  },
  get failedReportLink() {
    return t('failed_report_link');
  },
  get claimedPublisher() {
    return t('claimed_publisher');
  },
  get unverifiedCert() {
    return t('unverified_cert');
  },
  // absent
  get absentBody() {
    return t('absent_body');
  },
  get absentWhy() {
    return t('absent_why');
  },
  get absentStrict() {
    return t('absent_strict');
  },
  // error
  get errorTitle() {
    return t('error_title');
  },
  get errorDefault() {
    return t('error_default');
  },
  get errorTryAgain() {
    return t('error_try_again');
  },
  // pending
  get pendingBody() {
    return t('pending_body');
  },
  // pin
  pinMatch: (project: string) => t('pin_match', project),
  pinMismatch: (project: string) => t('pin_mismatch', project),
  get pinDifferences() {
    return t('pin_differences');
  },
  // attestations
  get attestationsTitle() {
    return t('attestations_title');
  },
  get attestationOk() {
    return t('attestation_ok');
  },
  get attestationFailed() {
    return t('attestation_failed');
  },
  get logEntry() {
    return t('log_entry');
  },
  get logTime() {
    return t('log_time');
  },
  get noLogTime() {
    return t('no_log_time');
  },
  rekorEntry: (index: string) => t('rekor_entry', index),
  rekorV2Entry: (origin: string, index: string) => t('rekor_v2_entry', [origin, index]),
  // commands
  get commandsTitle() {
    return t('commands_title');
  },
  get commandsIntro() {
    return t('commands_intro');
  },
  get commandsLocalIntro() {
    return t('commands_local_intro');
  },
  get commandsCliIntro() {
    return t('commands_cli_intro');
  },
  get commandRepoClaimed() {
    return t('command_repo_claimed');
  },
  get commandGoogleNote() {
    return t('command_google_note');
  },
  get commandTestPyPINote() {
    return t('command_testpypi_note');
  },
  get copy() {
    return t('copy');
  },
  copyLabel: (what: string) => t('copy_label', what),
  get copied() {
    return t('copied');
  },
  get copyFailed() {
    return t('copy_failed');
  },
  // certificate
  get certificate() {
    return t('certificate');
  },
  get san() {
    return t('san');
  },
  get issuerDn() {
    return t('issuer_dn');
  },
  get subject() {
    return t('subject');
  },
  get serial() {
    return t('serial');
  },
  get fingerprint() {
    return t('fingerprint');
  },
  get validity() {
    return t('validity');
  },
  get certWhoSigned() {
    return t('cert_who_signed');
  },
  get certTechnical() {
    return t('cert_technical');
  },
  get certLegacy() {
    return t('cert_legacy');
  },
  pemLabel: (n: number) => t('pem_label', String(n)),
  get critical() {
    return t('critical');
  },
  get chain() {
    return t('chain');
  },
  get pem() {
    return t('pem');
  },
  get savePem() {
    return t('save_pem');
  },
  get none() {
    return t('none');
  },
  // history
  get historyTitle() {
    return t('history_title');
  },
  get historyExaminedFailed() {
    return t('history_examined_failed');
  },
  get historyExaminedError() {
    return t('history_examined_error');
  },
  // report actions
  get hashing() {
    return t('hashing');
  },
  get hashFailed() {
    return t('hash_failed');
  },
  get saveReportJson() {
    return t('save_report_json');
  },
  get saveReportMarkdown() {
    return t('save_report_markdown');
  },
  get matchFileLabel() {
    return t('match_file_label');
  },
  // content script (alerts)
  saveProvenanceFailed: (filename: string, why: string) => t('save_provenance_failed', [filename, why]),
  get workerNoAnswer() {
    return t('worker_no_answer');
  },
  savePinFailed: (project: string) => t('save_pin_failed', project),
};

/** Friendly name of an attestation type (predicate type). */
export function predicateName(type: string | null): string {
  switch (type) {
    case null:
      return t('predicate_unknown');
    case 'https://docs.pypi.org/attestations/publish/v1':
      return t('predicate_pypi_publish');
    case 'https://slsa.dev/provenance/v1':
      return t('predicate_slsa');
    default:
      return t('predicate_unknown_type', type);
  }
}

/** Certificate validity against the log time. */
export function validitySentence(
  window: { from: string; to: string; minutes: number },
  logged: { at: string; inside: boolean } | null,
): string {
  const base = tPlural(window.minutes, 'validity_window_one', 'validity_window_other', [window.from, window.to]);
  if (!logged) return t('validity_no_log', base);
  return t(logged.inside ? 'validity_logged_inside' : 'validity_logged_outside', [base, logged.at]);
}

/** Options page. */
export const O = {
  get title() {
    return t('options_title');
  },
  get intro() {
    return t('options_intro');
  },
  get saved() {
    return t('options_saved');
  },
  saveFailed: (m: string) => t('options_save_failed', m),
  get loading() {
    return t('options_loading');
  },
  get behaviour() {
    return t('options_behaviour');
  },
  get strict() {
    return t('options_strict');
  },
  get strictHelp() {
    return t('options_strict_help');
  },
  get confirmFailed() {
    return t('options_confirm_failed');
  },
  get confirmFailedHelp() {
    return t('options_confirm_failed_help');
  },
  get showSummary() {
    return t('options_show_summary');
  },
  get pins() {
    return t('options_pins');
  },
  get pinsHelp() {
    return t('options_pins_help');
  },
  get noPins() {
    return t('options_no_pins');
  },
  get project() {
    return t('options_project');
  },
  get kind() {
    return t('options_kind');
  },
  get repository() {
    return t('options_repository');
  },
  get workflow() {
    return t('options_workflow');
  },
  get email() {
    return t('options_email');
  },
  get add() {
    return t('options_add');
  },
  get remove() {
    return t('options_remove');
  },
  removeLabel: (what: string) => t('options_remove_label', what),
  get errProject() {
    return t('options_err_project');
  },
  get errRepository() {
    return t('options_err_repository');
  },
  get errEmail() {
    return t('options_err_email');
  },
  errDuplicate: (p: string) => t('options_err_duplicate', p),
  get errInvalid() {
    return t('options_err_invalid');
  },
  get anyWorkflow() {
    return t('options_any_workflow');
  },
  get managed() {
    return t('options_managed');
  },
  get managedIntro() {
    return t('options_managed_intro');
  },
  get managedPinNote() {
    return t('options_managed_pin_note');
  },
  get pinOverridden() {
    return t('options_pin_overridden');
  },
  errManagedPin: (p: string) => t('options_err_managed_pin', p),
  get cache() {
    return t('options_cache');
  },
  get cacheHelp() {
    return t('options_cache_help');
  },
  get clearCache() {
    return t('options_clear_cache');
  },
  get clearing() {
    return t('options_clearing');
  },
  get cleared() {
    return t('options_cleared');
  },
  clearFailed: (m: string) => t('options_clear_failed', m),
  get unknownError() {
    return t('options_unknown_error');
  },
  get trust() {
    return t('options_trust');
  },
  get trustHelp() {
    return t('options_trust_help');
  },
  get trustSha() {
    return t('options_trust_sha');
  },
  get trustInUseSha() {
    return t('options_trust_in_use_sha');
  },
  get trustBundledFacts() {
    return t('options_trust_bundled_facts');
  },
  get trustDate() {
    return t('options_trust_date');
  },
  get trustSource() {
    return t('options_trust_source');
  },
  get tufVersion() {
    return t('options_tuf_version');
  },
  get tufExpires() {
    return t('options_tuf_expires');
  },
  tufExpired: (d: string) => t('options_tuf_expired', d),
  get trustUpdates() {
    return t('options_trust_updates');
  },
  get trustUpdatesHelp() {
    return t('options_trust_updates_help');
  },
  get trustInUse() {
    return t('options_trust_in_use');
  },
  get trustBundled() {
    return t('options_trust_bundled');
  },
  get trustRefreshed() {
    return t('options_trust_refreshed');
  },
  get trustRefreshedAt() {
    return t('options_trust_refreshed_at');
  },
  get trustLastAttempt() {
    return t('options_trust_last_attempt');
  },
  get trustNextExpiry() {
    return t('options_trust_next_expiry');
  },
  get trustCheckNow() {
    return t('options_trust_check_now');
  },
  get trustChecking() {
    return t('options_trust_checking');
  },
  get trustNever() {
    return t('options_trust_never');
  },
  get trustOff() {
    return t('options_trust_off');
  },
  // pins export / import
  get pinsExport() {
    return t('pins_export');
  },
  get pinsImport() {
    return t('pins_import');
  },
  get pinsReadFailed() {
    return t('pins_read_failed');
  },
  pinsImportNothing: (why: string) => t('pins_import_nothing', why),
  get pinsNotPinsFile() {
    return t('pins_not_pins_file');
  },
  pinsImported: (n: number, rejected: number) => tPlural(n, 'pins_imported_one', 'pins_imported_other', [String(rejected)]),
};

/** Toolbar popup. */
export const P = {
  get title() {
    return t('ext_name');
  },
  get noPage() {
    return t('popup_no_page');
  },
  get loading() {
    return t('popup_loading');
  },
  files: (n: number) => tPlural(n, 'popup_files_one', 'popup_files_other'),
  get filesLabel() {
    return t('popup_files_label');
  },
  get unavailable() {
    return t('popup_unavailable');
  },
  get options() {
    return t('popup_options');
  },
  get fromIndex() {
    return t('popup_from_index');
  },
  notOnPage: (n: number) => tPlural(n, 'popup_not_on_page_one', 'popup_not_on_page_other'),
  get notOnPageTag() {
    return t('popup_not_on_page_tag');
  },
  get listMissing() {
    return t('popup_list_missing');
  },
  get releaseWithoutFiles() {
    return t('popup_release_without_files');
  },
  openPanel: (filename: string) => t('popup_open_panel', [filename]),
  publisher: (label: string) => t('popup_publisher', [label]),
  get linksHeading() {
    return t('popup_links_heading');
  },
  get linksIntro() {
    return t('popup_links_intro');
  },
  linkFor: (filename: string) => t('popup_link_for', [filename]),
  linkHost: (host: string) => t('popup_link_host', [host]),
  get linkUrl() {
    return t('popup_link_url');
  },
  get linkIndexUrl() {
    return t('popup_link_index_url');
  },
};

/**
 * The text for a verdict reason: the localized sentence of its code when the verdict carries the
 * code's standard English sentence (REASON_MESSAGES), else the verdict's own sentence (which then
 * says something more specific than the code's standard one, e.g. "pypi.org does not know this project.").
 * The verification core stays free of i18n.
 */
export function reasonText(r: { code: string; message: string }): string {
  const key = `reason_${String(r.code).toLowerCase()}`;
  if (hasMessage(key) && english(key) === r.message) return t(key);
  return r.message;
}

/**
 * What a reason code means for the file and what to do (`consequence_<code>`), in the user's
 * language; '' for a code without one (a unit test keeps every ReasonCode covered).
 */
export function reasonConsequence(code: string): string {
  const key = `consequence_${String(code).toLowerCase()}`;
  return hasMessage(key) ? t(key) : '';
}
