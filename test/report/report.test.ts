/** Report builders, pins files and local file matching — over REAL verdicts (real provenance, real verifier). */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { computeHistory } from '../../src/history/compute';
import { groupReleases } from '../../src/history/releases';
import { identityOf } from '../../src/history/identity';
import { describeMatch, matchBlob, matchDigest, sha256Hex } from '../../src/report/match-file';
import { exportPins, importPins, mergePins, PINS_FORMAT } from '../../src/report/pins-file';
import { buildReport, mdEscape, reportFilename, reportToJson, reportToMarkdown } from '../../src/report/verdict-report';
import { parseSettings, type IdentityPin } from '../../src/settings';
import type { FileView } from '../../src/ui/types';
import { verifyProvenance } from '../../src/verify/index';
import { levelFor, type ReasonCode, type Verdict } from '../../src/verify/verdict';
import { PROV, prodTrust, readText } from '../verify/helpers';

const PA = 'pypi_attestations-0.0.19.tar.gz';
const PA_SHA = '9bb1add04b1b4e182be6b0b80931593f7a291eb49d69b4fd728a5d4cbcdc4bd3';
const GL = 'gitlab_oidc_project-0.0.3.tar.gz';

let verified: Verdict;
let views: FileView[];

function view(v: Verdict, over: Partial<FileView> = {}): FileView {
  return {
    filename: v.filename,
    index: 'pypi.org',
    project: 'pypi-attestations',
    version: '0.0.19',
    pageSha256: null,
    verdict: v,
    level: levelFor(v.state),
    pin: { status: 'none' },
    strict: false,
    ...over,
  };
}

beforeAll(async () => {
  verified = await verifyProvenance(readText(`pypi-attestations/${PA}.provenance`), { filename: PA, sha256: PA_SHA }, prodTrust());
  expect(verified.state).toBe('verified');
  const absent: Verdict = {
    state: 'absent',
    filename: 'pypi_attestations-0.0.19-py3-none-any.whl',
    sha256: 'c'.repeat(64),
    reasons: [{ code: 'NO_PROVENANCE', message: 'PyPI has no provenance for this file.' }],
    publisher: null,
    attestations: [],
    trustRootId: verified.trustRootId,
    checkedAt: verified.checkedAt,
  };
  views = [view(verified), view(absent)];
});

describe('verdict report', () => {
  it('JSON: project, version, per file state, reasons, publisher, commit, log entry, trust root, extension version, time', () => {
    const history = computeHistory({
      project: 'pypi-attestations',
      version: '0.0.19',
      releases: groupReleases([
        {
          filename: PA,
          sha256: PA_SHA,
          provenanceUrl: `https://pypi.org/integrity/pypi-attestations/0.0.19/${PA}/provenance`,
          uploadTime: '2024-12-04T23:14:05Z',
        },
        {
          filename: 'pypi_attestations-0.0.19-py3-none-any.whl',
          sha256: 'c'.repeat(64),
          provenanceUrl: null,
          uploadTime: '2024-12-06T23:14:05Z',
        },
      ]),
      pageFiles: views.map((v) => ({ filename: v.filename, state: v.verdict!.state, identity: identityOf(v.verdict) })),
      examined: [],
      earlierWithProvenance: 0,
    });
    const r = buildReport({ files: views, history, extensionVersion: '1.2.3', now: new Date('2026-11-25T12:00:00Z') });
    const j = JSON.parse(reportToJson(r));
    expect(j).toMatchObject({
      format: 'pypi-provenance-report',
      tool: { name: 'pypi-provenance', version: '1.2.3' },
      generatedAt: '2026-11-25T12:00:00.000Z',
      project: 'pypi-attestations',
      version: '0.0.19',
      index: 'pypi.org',
    });
    const [f0, f1] = j.files;
    expect(f0).toMatchObject({
      filename: PA,
      sha256: PA_SHA,
      state: 'verified',
      publisher: { kind: 'GitHub', repository: 'trailofbits/pypi-attestations', workflow: 'release.yml' },
      trustRootId: verified.trustRootId,
    });
    const att = f0.attestations.find((a: { ok: boolean }) => a.ok);
    expect(att.commit).toBe(verified.attestations[0]!.identity!.sourceRepositoryDigest);
    expect(att.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(att.logIndex).toBe('153454663');
    expect(att.logUrl).toBe('https://search.sigstore.dev/?logIndex=153454663');
    expect(f1).toMatchObject({
      state: 'absent',
      // each reason carries what it means for the file, the panel's consequence_<code> sentence
      reasons: [
        {
          code: 'NO_PROVENANCE',
          consequence: 'Nothing is known about who published this file, neither good nor bad: many projects do not publish provenance.',
        },
      ],
      absenceReason: expect.stringContaining('Other files of this release'),
    });
    expect(j.history.state).toBe('new');
    expect(j.history.checks.join(' ')).toContain('1 of 2 files');
    expect(j.history.checks.join(' ')).toContain('added 48 h after');
    expect(reportFilename(r, 'json')).toBe('pypi-attestations-0.0.19-provenance-report.json');
  });

  it('Markdown: a table row per file, values escaped', () => {
    const r = buildReport({ files: views, extensionVersion: '1.2.3', now: new Date('2026-11-25T12:00:00Z') });
    const md = reportToMarkdown(r);
    expect(md).toContain('# Provenance report: pypi-attestations 0.0.19\n');
    expect(md).toContain(`| \`${PA}\` | verified | GitHub trailofbits/pypi-attestations release.yml |`);
    expect(md).toContain('`153454663`');
    expect(md).toContain(`Trust root (sha256 of trusted_root.json): \`${verified.trustRootId}\``);
    expect(md).toContain('| `NO_PROVENANCE`: PyPI has no provenance for this file. |');
    expect(md).toContain('does not say the code is safe');
    expect(mdEscape('a|b\n<script>[x](y)')).toBe('a\\|b \\<script\\>\\[x\\](y)');
    const hostile = buildReport({
      files: [view({ ...verified, reasons: [{ code: 'INTERNAL_ERROR', message: '| injected |\n# heading' }], state: 'error' })],
      extensionVersion: 'x',
      now: new Date(0),
    });
    const row = reportToMarkdown(hostile)
      .split('\n')
      .find((l) => l.includes('injected'))!;
    expect(row.split(/(?<!\\)\|/).length).toBe(8); // still 6 cells
  });

  it('failures and errors say what they mean for the file: JSON per reason, Markdown once per code below the table', () => {
    const failed: Verdict = {
      ...verified,
      state: 'failed',
      reasons: [
        { code: 'STATEMENT_DIGEST_MISMATCH', message: "The signed statement's sha256 does not match this file.", attestation: 0 },
        { code: 'STATEMENT_SUBJECT_NAME_MISMATCH', message: 'The signed statement names a different file.', attestation: 0 },
      ],
    };
    const error: Verdict = {
      ...verified,
      filename: 'pypi_attestations-0.0.19-py3-none-any.whl',
      state: 'error',
      reasons: [
        { code: 'INDEX_TIMEOUT', message: 'pypi.org took too long to answer.' },
        { code: 'NOT_A_REASON_CODE' as ReasonCode, message: 'a code without a consequence' }, // e.g. from a newer worker
      ],
    };
    const second: Verdict = { ...failed, filename: 'pypi_attestations-0.0.19.zip' };
    const r = buildReport({ files: [view(failed), view(error), view(second)], extensionVersion: '1', now: new Date(0) });
    const digest = 'The file listed here is not the file that was signed: it may have been replaced.';
    const name = 'This provenance belongs to another file: it says nothing about this one, which may have been swapped.';
    const retry = 'PyPI may be busy: try again in a moment.';
    expect(r.files[0]!.reasons.map((x) => x.consequence)).toEqual([digest, name]);
    expect(r.files[1]!.reasons.map((x) => x.consequence)).toEqual([retry, undefined]);
    expect(JSON.parse(reportToJson(r)).files[1].reasons[1]).toEqual({ code: 'NOT_A_REASON_CODE', message: 'a code without a consequence' });
    const md = reportToMarkdown(r);
    const section = md.slice(md.indexOf('## What the reasons mean for the files\n'));
    expect(section.length).toBeLessThan(md.length); // the heading is there
    expect(section).toContain(`\n- \`STATEMENT_DIGEST_MISMATCH\`: ${digest}\n`);
    expect(section).toContain(`\n- \`STATEMENT_SUBJECT_NAME_MISMATCH\`: ${name}\n`);
    expect(section).toContain(`\n- \`INDEX_TIMEOUT\`: ${retry}\n`);
    expect(section.split('STATEMENT_DIGEST_MISMATCH')).toHaveLength(2); // once, though two files have it
    expect(section).not.toContain('NOT_A_REASON_CODE');
    // the section comes after the files table, before the trust root line
    expect(md.indexOf('## What the reasons mean')).toBeGreaterThan(md.indexOf('| `pypi_attestations-0.0.19.zip`'));
    expect(md.indexOf('## What the reasons mean')).toBeLessThan(md.indexOf('Trust root (sha256'));
  });

  it('Markdown escaping: plain text stays readable, hostile text stays inert', () => {
    // only what Markdown would misread is escaped (no `4\.0\.0`)
    expect(mdEscape('sampleproject 4.0.0 (from refs/heads/main) - ok!')).toBe('sampleproject 4.0.0 (from refs/heads/main) - ok!');
    expect(mdEscape('pypi-attestations 0.0.19 + #1')).toBe('pypi-attestations 0.0.19 + #1');
    // …also at the start of a value: only a real marker is block markup
    expect(mdEscape('4.0.0 was published from another workflow')).toBe('4.0.0 was published from another workflow');
    expect(mdEscape('1.2.0')).toBe('1.2.0');
    expect(mdEscape('-rc1 build')).toBe('-rc1 build');
    expect(mdEscape('#1 in the log')).toBe('#1 in the log');
    expect(mdEscape('2026-11-25 release')).toBe('2026-11-25 release');
    // an underscore inside a word never makes emphasis: left as written; one that could is escaped
    expect(mdEscape('NO_PROVENANCE in trusted_root.json')).toBe('NO_PROVENANCE in trusted_root.json');
    expect(mdEscape('_em_ a_ _b __c__ x_')).toBe('\\_em\\_ a\\_ \\_b \\_\\_c\\_\\_ x\\_');
    // inline markup: emphasis, code, links, images, HTML, tables, strike, entities
    expect(mdEscape('**bold** _em_ `code` ~~x~~')).toBe('\\*\\*bold\\*\\* \\_em\\_ \\`code\\` \\~\\~x\\~\\~');
    expect(mdEscape('![img](https://evil.example/x.png)')).toBe('!\\[img\\](https\\://evil.example/x.png)');
    expect(mdEscape('<img src=x onerror=alert(1)> <https://evil.example>')).toBe(
      '\\<img src=x onerror=alert(1)\\> \\<https\\://evil.example\\>',
    );
    expect(mdEscape('&lt;script&gt; a\\b')).toBe('\\&lt;script\\&gt; a\\\\b');
    // bare autolinks stay text
    expect(mdEscape('see www.evil.example or http://evil.example')).toBe('see www\\.evil.example or http\\://evil.example');
    // block markup at the start of a value (a list item or a line): heading, list, quote, ordered list, rule
    expect(mdEscape('# heading')).toBe('\\# heading');
    expect(mdEscape('- item')).toBe('\\- item');
    expect(mdEscape('+ item')).toBe('\\+ item');
    expect(mdEscape('> quote')).toBe('\\> quote');
    expect(mdEscape('1. first')).toBe('1\\. first');
    expect(mdEscape('2) second')).toBe('2\\) second');
    expect(mdEscape('===')).toBe('\\===');
    expect(mdEscape('---')).toBe('\\---');
    expect(mdEscape('## two')).toBe('\\## two');
    expect(mdEscape('#')).toBe('\\#');
    expect(mdEscape('3.')).toBe('3\\.');
    // no line breaks get through
    expect(mdEscape('a\r\n# b\n\n| c |')).toBe('a # b \\| c \\|');
  });
});

describe('pins file', () => {
  const pins: IdentityPin[] = [
    { project: 'sampleproject', kind: 'GitHub', repository: 'pypa/sampleproject', workflow: 'release.yml' },
    { project: 'demo', kind: 'Google', email: '919436158236-compute@developer.gserviceaccount.com' },
  ];
  it('round-trips, and the file is usable as settings in CI', () => {
    const text = exportPins(pins);
    expect(JSON.parse(text).format).toBe(PINS_FORMAT);
    expect(importPins(text)).toEqual({ ok: true, pins, rejected: 0 });
    expect(parseSettings({ pins: JSON.parse(text).pins }).pins).toEqual(pins);
  });
  it('validates every pin with parsePin, counts rejected and duplicates, accepts a bare array', () => {
    const r = importPins(
      JSON.stringify([
        pins[0],
        { project: 'x', kind: 'GitHub' },
        { kind: 'Evil' },
        pins[0],
        { project: 'Some_Project', kind: 'GitLab', repository: 'g/p' },
      ]),
    );
    expect(r.ok).toBe(true);
    expect(r.rejected).toBe(3);
    expect(r.pins.map((p) => p.project)).toEqual(['sampleproject', 'some-project']);
    expect(importPins('not json').ok).toBe(false);
    expect(importPins('{"format":"other"}').error).toContain('not a pypi-provenance-pins file');
    expect(importPins(JSON.stringify({ format: PINS_FORMAT, version: 2, pins: [] })).ok).toBe(false);
    expect(mergePins([pins[0]!], [pins[0]!, pins[1]!])).toHaveLength(2);
  });
});

describe('match a downloaded file (hashed locally)', () => {
  it('the real sdist matches its verified file; other bytes match nothing', async () => {
    const bytes = new Uint8Array(readFileSync(`${PROV}pypi-attestations/${PA}`));
    const hex = await sha256Hex(bytes);
    expect(hex).toBe(PA_SHA);
    expect(matchDigest(hex, views)).toEqual({ kind: 'verified', filename: PA, sha256: PA_SHA });
    expect(await matchBlob(Object.assign(new Blob([bytes]), { name: 'download.tar.gz' }), views)).toBe(
      `download.tar.gz matches ${PA} (verified provenance). sha256 ${PA_SHA}`,
    );
    const other = new Uint8Array(readFileSync(`${PROV}gitlab-oidc-project/${GL}`));
    expect(matchDigest(await sha256Hex(other), views).kind).toBe('none');
    expect(await matchBlob(new Blob([other]), views)).toMatch(/^The file matches no file of this release\./);
  });
  it('a match on a file that is not verified is never reported as verified', async () => {
    const bytes = new Uint8Array(readFileSync(`${PROV}pypi-attestations/${PA}`));
    const failedView = view({ ...verified, state: 'failed' });
    const m = matchDigest(await sha256Hex(bytes), [failedView]);
    expect(m).toEqual({ kind: 'unverified', filename: PA, sha256: PA_SHA, state: 'failed' });
    expect(describeMatch(m)).toContain('not verified (failed)');
  });
});
