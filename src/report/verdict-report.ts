/**
 * A page's verdicts as a report (JSON and Markdown): project, version, per file state, reasons
 * (each with what it means for the file and what to do, as the panel says it), publisher, commit,
 * log entry, trust root id, plus the extension version and the time.
 * Pure: the caller passes the extension version (browser.runtime.getManifest().version) and the clock.
 * The Markdown escapes every value from the network (it is text for people, not HTML).
 */
import type { ReleaseHistory } from '../history/types';
import { describeIdentity } from '../history/identity';
import { absenceText, checkLines, describeChange, historySentence } from '../history/wording';
import type { PinCheck } from '../messages';
import { t } from '../i18n';
import type { FileView } from '../ui/types';
import { reasonConsequence } from '../ui/wording';
import type { PublisherInfo, VerdictLevel, VerdictState } from '../verify/verdict';

export const REPORT_FORMAT = 'pypi-provenance-report';
export const REPORT_VERSION = 1;

export interface ReportAttestation {
  predicateType: string | null;
  ok: boolean;
  subject: { name: string; sha256: string } | null;
  certificateIdentity: string | null;
  issuer: string | null;
  repository: string | null;
  ref: string | null;
  commit: string | null;
  workflow: string | null;
  runUrl: string | null;
  logIndex: string | null;
  logUrl: string | null;
  integratedTime: string | null;
  certificateSha256: string | null;
}

export interface ReportFile {
  filename: string;
  sha256: string | null;
  state: VerdictState;
  level: VerdictLevel;
  /** `consequence`: what the code means for the file and what to do, as the panel says it (when the code has one). */
  reasons: { code: string; message: string; detail?: string; consequence?: string }[];
  publisher: PublisherInfo | null;
  pin: PinCheck['status'];
  pinDifferences?: string[];
  absenceReason?: string;
  attestations: ReportAttestation[];
  trustRootId: string | null;
  checkedAt: string | null;
}

export interface VerdictReport {
  format: typeof REPORT_FORMAT;
  formatVersion: typeof REPORT_VERSION;
  tool: { name: 'pypi-provenance'; version: string };
  generatedAt: string;
  index: string;
  project: string;
  version: string | null;
  strict: boolean;
  files: ReportFile[];
  history: {
    state: ReleaseHistory['state'];
    summary: string;
    comparedWith: string | null;
    changes: string[];
    examined: { version: string; filename: string; outcome: string; publisher: string | null }[];
    checks: string[];
  } | null;
}

function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

export function buildReport(input: {
  files: FileView[];
  history?: ReleaseHistory | null;
  extensionVersion: string;
  now: Date;
}): VerdictReport {
  const first = input.files[0];
  const h = input.history ?? null;
  const files: ReportFile[] = input.files.map((f) => {
    const v = f.verdict;
    const out: ReportFile = {
      filename: f.filename,
      sha256: v?.sha256 || f.pageSha256 || null,
      state: v?.state ?? 'pending',
      level: f.level,
      reasons: (v?.reasons ?? []).map((r) => {
        const consequence = reasonConsequence(r.code);
        return { code: r.code, message: r.message, ...(r.detail ? { detail: r.detail } : {}), ...(consequence ? { consequence } : {}) };
      }),
      publisher: v?.publisher ?? null,
      pin: f.pin.status,
      attestations: (v?.attestations ?? []).map((a) => {
        const id = a.identity;
        const logIndex = a.tlog?.logIndex ?? null;
        const base = a.tlog?.logBaseUrl;
        return {
          predicateType: a.predicateType,
          ok: a.ok,
          subject: a.subject,
          certificateIdentity: str(id?.subjectAlternativeName),
          issuer: str(id?.issuer),
          repository: str(id?.sourceRepositoryUri),
          ref: str(id?.sourceRepositoryRef),
          commit: str(id?.sourceRepositoryDigest),
          workflow: str(id?.buildConfigUri),
          runUrl: str(id?.runInvocationUri),
          logIndex,
          logUrl:
            logIndex && base === 'https://rekor.sigstore.dev'
              ? `https://search.sigstore.dev/?logIndex=${encodeURIComponent(logIndex)}`
              : null,
          integratedTime: a.tlog?.integratedTime ?? null,
          certificateSha256: a.certificate?.fingerprintSha256 ?? null,
        };
      }),
      trustRootId: v?.trustRootId || null,
      checkedAt: v?.checkedAt ?? null,
    };
    if (f.pin.differences?.length) out.pinDifferences = f.pin.differences;
    const why = h?.absence[f.filename];
    if (why) out.absenceReason = absenceText(why);
    return out;
  });
  return {
    format: REPORT_FORMAT,
    formatVersion: REPORT_VERSION,
    tool: { name: 'pypi-provenance', version: input.extensionVersion },
    generatedAt: input.now.toISOString(),
    index: first?.index ?? 'pypi.org',
    project: first?.project ?? '',
    version: first?.version ?? null,
    strict: first?.strict ?? false,
    files,
    history: h
      ? {
          state: h.state,
          summary: historySentence(h),
          comparedWith: h.compared?.version ?? null,
          changes: h.changes.map(describeChange),
          examined: h.examined.map((e) => ({
            version: e.version,
            filename: e.filename,
            outcome: e.outcome,
            publisher: e.identity ? describeIdentity(e.identity) : null,
          })),
          checks: h.checks ? checkLines(h.checks) : [],
        }
      : null,
  };
}

export function reportToJson(r: VerdictReport): string {
  return JSON.stringify(r, null, 2) + '\n';
}

/**
 * An underscore that could open or close emphasis: one without a letter or digit on each side (an
 * intraword `_`, as in `trusted_root.json` or `NO_PROVENANCE`, never does in CommonMark).
 */
const UNDERSCORE = /(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu;

/** Escape text for a Markdown table cell / line: no markup, no line breaks, no HTML. */
export function mdEscape(s: string): string {
  return (
    s
      .replace(/[\r\n\t]+/g, ' ')
      .slice(0, 2000)
      // inline markup anywhere: emphasis, code, links/images, HTML and autolinks, tables, strike, entities
      .replace(/[\\`*[\]<>|~&]/g, (c) => `\\${c}`)
      .replace(UNDERSCORE, '\\_')
      // block markup where a value starts a line or a list item, only where Markdown would read it:
      // an ATX heading or a list marker (followed by a space or the end), a setext / thematic rule,
      // an ordered-list marker ("1. ", not the "4." of "4.0.0 …")
      .replace(/^(\s*)(?=#{1,6}(?:\s|$)|[+-](?:\s|$)|[=-]+\s*$)([#+=-])/, '$1\\$2')
      .replace(/^(\s*\d{1,9})([.)])(?=\s|$)/, '$1\\$2')
      // GFM bare autolinks (https://…, www.…) stay text
      .replace(/:\/\//g, '\\://')
      .replace(/\bwww\./gi, (w) => `${w.slice(0, 3)}\\.`)
  );
}

const code = (s: string) => (/^[A-Za-z0-9._:/@+=-]*$/.test(s) ? `\`${s}\`` : mdEscape(s));

/** Escape our own (translated) sentence for Markdown: no inline markup, no line breaks; punctuation stays readable. */
const mdText = (s: string): string =>
  s
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/[\\`*{}[\]<>|~]/g, (c) => `\\${c}`)
    .replace(UNDERSCORE, '\\_');

/**
 * A message of messages.json as Markdown: `message(marks)` is `t(key, marks)`; its text is escaped,
 * and each substitution goes in formatted by `fmt` (escaped data by default), so neither a
 * translation nor page data can add markup.
 */
function md(message: (marks: string[]) => string, subs: readonly string[] = [], fmt: (s: string) => string = mdEscape): string {
  const marks = subs.map((_, i) => String.fromCharCode(0xe000 + i)); // private-use marks, untouched by the escaping
  let out = mdText(message(marks));
  subs.forEach((sub, i) => {
    out = out.split(marks[i]!).join(fmt(sub));
  });
  return out;
}

export function reportToMarkdown(r: VerdictReport): string {
  const lines: string[] = [];
  lines.push(`# ${md((m) => t('report_md_title', m), [r.version ? `${r.project} ${r.version}` : r.project])}`);
  lines.push('');
  lines.push(md((m) => t(r.strict ? 'report_md_checked_strict' : 'report_md_checked', m), [r.tool.version, r.generatedAt, r.index]));
  lines.push(md(() => t('report_md_disclaimer')));
  lines.push('');
  if (r.history) {
    lines.push(`## ${md(() => t('report_md_history'))}`);
    lines.push('');
    lines.push(`- **${mdEscape(r.history.state)}**: ${mdEscape(r.history.summary)}`);
    for (const c of r.history.checks) lines.push(`- ${mdEscape(c)}`);
    lines.push('');
  }
  lines.push(`## ${md(() => t('report_md_files'))}`);
  lines.push('');
  const columns = [
    t('report_md_col_file'),
    t('report_md_col_state'),
    t('report_md_col_publisher'),
    t('report_md_col_commit'),
    t('report_md_col_log_entry'),
    t('report_md_col_reasons'),
  ];
  lines.push(`| ${columns.map(mdText).join(' | ')} |`);
  lines.push('| --- | --- | --- | --- | --- | --- |');
  for (const f of r.files) {
    const a = f.attestations.find((x) => x.ok) ?? f.attestations[0];
    const pub = f.publisher
      ? (f.publisher.email ??
        `${f.publisher.kind} ${f.publisher.repository ?? ''}${f.publisher.workflow ? ` ${f.publisher.workflow}` : ''}`)
      : '';
    const reasons = [
      ...f.reasons.map((x) => `${code(x.code)}: ${mdEscape(x.message)}`),
      ...(f.absenceReason ? [mdEscape(f.absenceReason)] : []),
      ...(f.pinDifferences ?? []).map(mdEscape),
    ].join('; ');
    lines.push(
      `| ${code(f.filename)} | ${mdEscape(f.state)} | ${mdEscape(pub.trim())} | ${a?.commit ? code(a.commit) : ''} | ${a?.logIndex ? code(a.logIndex) : ''} | ${reasons} |`,
    );
  }
  lines.push('');
  // What each reason in the table means for the file and what to do: once per code.
  const consequences = new Map<string, string>();
  for (const f of r.files)
    for (const x of f.reasons) if (x.consequence && !consequences.has(x.code)) consequences.set(x.code, x.consequence);
  if (consequences.size > 0) {
    lines.push(`## ${md(() => t('report_md_consequences'))}`);
    lines.push('');
    for (const [c, next] of consequences) lines.push(`- ${code(c)}: ${mdText(next)}`);
    lines.push('');
  }
  const roots = [...new Set(r.files.map((f) => f.trustRootId).filter((x): x is string => !!x))];
  if (roots.length)
    lines.push(
      md(
        (m) => t('report_md_trust_root', m),
        [roots.join(', ')],
        () => roots.map(code).join(', '),
      ),
    );
  lines.push('');
  return lines.join('\n');
}

/** "sampleproject-4.0.0-provenance-report.json" (safe characters only). */
export function reportFilename(r: VerdictReport, ext: 'json' | 'md'): string {
  const base = `${r.project}${r.version ? `-${r.version}` : ''}`.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 150);
  return `${base || 'page'}-provenance-report.${ext}`;
}
