/**
 * `--sarif`: SARIF 2.1.0 for code-scanning uploads (GitHub, GitLab). One result per file that is
 * not verified: failed / pin mismatch = "error", could not check = "warning", no provenance or
 * not checkable = "note" ("warning" with --strict). Verified files produce no result. Locations
 * point at the lock file line when the file came from one.
 */
import { REASON_MESSAGES } from '../verify/verdict';
import { outcomeOf, type FileRow, type Outcome, type RunResult } from './results';

const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

const RULES: Record<Exclude<Outcome, 'verified'>, { id: string; name: string; text: string }> = {
  failed: { id: 'PP001', name: 'ProvenanceFailed', text: 'The file has provenance that did not verify.' },
  'pin-mismatch': { id: 'PP002', name: 'PinnedPublisherDiffers', text: 'The publisher differs from the identity pinned for this project.' },
  error: {
    id: 'PP003',
    name: 'ProvenanceNotChecked',
    text: 'The provenance could not be checked (network, index error or outdated trust root).',
  },
  absent: { id: 'PP004', name: 'NoProvenance', text: 'The index has no provenance for this file.' },
  'not-checkable': { id: 'PP005', name: 'NotCheckable', text: REASON_MESSAGES.NOT_CHECKABLE },
};

function level(o: Outcome, strict: boolean): 'error' | 'warning' | 'note' {
  if (o === 'failed' || o === 'pin-mismatch') return 'error';
  if (o === 'error') return 'warning';
  return strict ? 'warning' : 'note';
}

function message(r: FileRow): string {
  const why =
    r.pin.status === 'mismatch' ? (r.pin.differences ?? []).join('; ') : r.verdict.reasons.map((x) => `${x.code}: ${x.message}`).join(' ');
  return `${r.filename} (${[r.project, r.version].filter(Boolean).join(' ')}): ${why || RULES[outcomeOf(r) as Exclude<Outcome, 'verified'>].text}`;
}

export function toSarif(result: RunResult, version: string): string {
  const outcomes = Object.keys(RULES) as (keyof typeof RULES)[];
  const rules = outcomes.map((o) => ({
    id: RULES[o].id,
    name: RULES[o].name,
    shortDescription: { text: RULES[o].text },
  }));
  const results = result.files
    .filter((r) => outcomeOf(r) !== 'verified')
    .map((r) => {
      const o = outcomeOf(r) as keyof typeof RULES;
      const res: Record<string, unknown> = {
        ruleId: RULES[o].id,
        ruleIndex: outcomes.indexOf(o),
        level: level(o, result.strict),
        message: { text: message(r) },
        partialFingerprints: { 'pypiProvenanceFile/v1': `${r.project}|${r.version}|${r.filename}` },
      };
      if (r.source) {
        const region = r.source.line !== undefined ? { region: { startLine: r.source.line } } : {};
        res.locations = [{ physicalLocation: { artifactLocation: { uri: r.source.path.replace(/\\/g, '/') }, ...region } }];
      }
      return res;
    });
  const log = {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'pypi-provenance', version, rules } },
        results,
      },
    ],
  };
  return JSON.stringify(log) + '\n';
}
