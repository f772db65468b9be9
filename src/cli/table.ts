/**
 * The default output: a table (state, file, publisher, workflow, commit, reason), then what each
 * reason of a file that is not verified means and what to do (once per code, as the extension's
 * panel says it), then one summary line per release with its publisher continuity, then the totals. Every value from the
 * network or a lock file is stripped of control characters (no terminal escapes get through).
 */
import { cliConsequence } from './consequences';
import { outcomeOf, publisherColumns, summarize, type FileRow, type Outcome, type RunResult } from './results';

const LABEL: Record<Outcome, string> = {
  verified: 'verified',
  failed: 'FAILED',
  absent: 'no provenance',
  'not-checkable': 'not checkable',
  error: 'could not check',
  'pin-mismatch': 'PIN MISMATCH',
};

/** Printable text: C0/C1 controls, DEL and bidi overrides become U+FFFD; one line. */
export function clean(s: string, max = 200): string {
  // eslint-disable-next-line no-control-regex
  const t = s.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '\uFFFD');
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

function reasonColumn(r: FileRow): string {
  if (r.pin.status === 'mismatch') return `pinned publisher differs: ${(r.pin.differences ?? []).join('; ')}`;
  if (r.verdict.state === 'verified') return r.pin.status === 'match' ? 'matches your pin' : '';
  const first = r.verdict.reasons[0];
  if (!first) return '';
  if (!r.checkable) return `not from the index: ${first.detail ?? first.message}`;
  const more = r.verdict.reasons.length > 1 ? ` (+${r.verdict.reasons.length - 1} more)` : '';
  return `${first.code}: ${first.message}${more}`;
}

function pad(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return (
    rows
      .map((r) =>
        r
          .map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!)))
          .join('  ')
          .trimEnd(),
      )
      .join('\n') + '\n'
  );
}

/** Each reason code of the files that are not verified, with what it means for the file / what to do. */
function consequenceLines(files: FileRow[]): string {
  const said = new Map<string, string>();
  for (const f of files) {
    const outcome = outcomeOf(f);
    if (outcome === 'verified') continue;
    const codes = outcome === 'pin-mismatch' ? ['PIN_MISMATCH'] : f.verdict.reasons.map((r) => r.code);
    for (const code of codes) {
      const next = said.has(code) ? '' : cliConsequence(code);
      if (next) said.set(code, next);
    }
  }
  if (said.size === 0) return '';
  return `\nWhat the reasons mean:\n${[...said].map(([code, next]) => `  ${clean(code, 80)}: ${next}\n`).join('')}`;
}

export function renderTable(result: RunResult): string {
  const out: string[] = [];
  if (result.files.length > 0) {
    const rows = [['STATE', 'FILE', 'PUBLISHER', 'WORKFLOW', 'COMMIT', 'REASON']];
    for (const f of result.files) {
      const p = publisherColumns(f.verdict);
      rows.push([
        LABEL[outcomeOf(f)],
        clean(f.filename, 120),
        clean(p.publisher, 80),
        clean(p.workflow, 60),
        clean(p.commit),
        clean(reasonColumn(f), 300),
      ]);
    }
    out.push(pad(rows));
    out.push(consequenceLines(result.files));
  } else {
    out.push('No files to check.\n');
  }
  const s = summarize(result);
  for (const rel of s.releases) {
    const files = result.files.filter((f) => f.project === rel.project && f.version === rel.version);
    const verified = files.filter((f) => outcomeOf(f) === 'verified').length;
    const who = rel.publishers.length > 0 ? `, published by ${rel.publishers.map((p) => clean(p)).join(' and ')}` : '';
    const cont = rel.sentence ? ` Continuity (${rel.continuity}): ${clean(rel.sentence, 400)}` : '';
    out.push(`\n${clean(rel.project)} ${clean(rel.version)}: ${verified} of ${files.length} files verified${who}.${cont}`);
  }
  if (s.releases.length > 0) out.push('\n');
  const parts = [`${s.verified} verified`, `${s.failed} failed`, `${s.absent} without provenance`, `${s.error} could not be checked`];
  if (s.notCheckable) parts.push(`${s.notCheckable} not checkable`);
  if (s.pinMismatch) parts.push(`${s.pinMismatch} differ from a pin`);
  out.push(`\n${s.total} ${s.total === 1 ? 'file' : 'files'}: ${parts.join(', ')}.${result.strict ? ' (strict mode)' : ''}\n`);
  out.push(
    'Provenance shows which workflow published a file; it does not show that the source is safe or that the file was built from that commit.\n',
  );
  return out.join('');
}
