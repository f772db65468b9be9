/**
 * The CLI's output pieces, in process: exit-code precedence, hostile text in the table, the
 * progress bar (drawn only on a terminal), SARIF levels, --index parsing.
 */
import { describe, expect, it } from 'vitest';
import { parseIndexUrl, servesIndex } from '../../src/cli/index-url';
import { UsageError } from '../../src/cli/args';
import { createProgress } from '../../src/cli/progress';
import { exitCodeOf, type FileRow, type RunResult } from '../../src/cli/results';
import { notCheckableRow } from '../../src/cli/rows';
import { clean, renderTable } from '../../src/cli/table';
import { toSarif } from '../../src/cli/sarif';
import { cliConsequence } from '../../src/cli/consequences';
import type { CliHost } from '../../src/cli/host';
import { reason, REASON_MESSAGES, type ReasonCode, type Verdict } from '../../src/verify/verdict';
import type { ReleaseHistory } from '../../src/history/types';

function row(state: Verdict['state'], extra: Partial<FileRow> = {}): FileRow {
  const verdict: Verdict = {
    state,
    filename: `f-${state}.tar.gz`,
    sha256: '',
    reasons: [],
    publisher: null,
    attestations: [],
    trustRootId: '',
    checkedAt: '',
  };
  return {
    project: 'p',
    version: '1',
    filename: verdict.filename,
    verdict,
    level: 'neutral',
    pin: { status: 'none' },
    checkable: true,
    ...extra,
  };
}
const run = (files: FileRow[], strict = false): RunResult => ({ files, releases: [], strict, index: 'https://pypi.org' });

describe('exit codes', () => {
  it('0 verified/absent; 1 failed or pin mismatch wins over 4 could-not-check, which wins over 3 absent-in-strict', () => {
    expect(exitCodeOf(run([row('verified'), row('absent')]))).toBe(0);
    expect(exitCodeOf(run([row('verified'), row('absent')], true))).toBe(3);
    expect(exitCodeOf(run([row('verified'), notCheckableRow('x', '', 'x', 'a URL')]))).toBe(0);
    expect(exitCodeOf(run([notCheckableRow('x', '', 'x', 'a URL')], true))).toBe(3);
    expect(exitCodeOf(run([row('absent'), row('error')], true))).toBe(4);
    expect(exitCodeOf(run([row('error'), row('failed')]))).toBe(1);
    expect(exitCodeOf(run([row('verified', { pin: { status: 'mismatch', differences: ['repository: a → b'] } })]))).toBe(1);
    expect(exitCodeOf(run([]))).toBe(0);
    // strict mode's other warning: a release whose publisher changed (or lost its provenance)
    const changed = (state: 'changed' | 'lost' | 'same', strict: boolean): RunResult => ({
      ...run([row('verified')], strict),
      releases: [{ project: 'p', version: '1', history: { state } as ReleaseHistory }],
    });
    expect(exitCodeOf(changed('changed', false))).toBe(0);
    expect(exitCodeOf(changed('changed', true))).toBe(3);
    expect(exitCodeOf(changed('lost', true))).toBe(3);
    expect(exitCodeOf(changed('same', true))).toBe(0);
  });
});

describe('table', () => {
  it('strips terminal escapes, other controls and bidi overrides from every value', () => {
    expect(clean('a\u001b[31mred\u0007\u202etxt\u0085')).toBe('a\uFFFD[31mred\uFFFD\uFFFDtxt\uFFFD');
    const hostile = notCheckableRow('evil', '', 'evil\u001b]0;owned\u0007', 'a URL\u001b[2J');
    const out = renderTable(run([hostile]));
    // eslint-disable-next-line no-control-regex
    expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(out).toContain('not checkable');
  });

  it('says what each reason of a file that is not verified means and what to do, once per code, after the rows', () => {
    const failed = (filename: string) =>
      row('failed', {
        filename,
        verdict: {
          ...row('failed').verdict,
          filename,
          reasons: [reason('STATEMENT_SUBJECT_NAME_MISMATCH'), reason('STATEMENT_DIGEST_MISMATCH')],
        },
      });
    const error = row('error', { verdict: { ...row('error').verdict, reasons: [reason('INDEX_UNREACHABLE')] } });
    const pinned = row('verified', { pin: { status: 'mismatch', differences: ['repository: a → b'] } });
    const verified = row('verified', {
      filename: 'ok.tar.gz',
      verdict: { ...row('verified').verdict, reasons: [reason('MULTIPLE_PUBLISHERS')] },
    });
    const out = renderTable(run([failed('a.tar.gz'), failed('b.tar.gz'), error, pinned, verified, notCheckableRow('x', '', 'x', 'a URL')]));
    const section = out.slice(out.indexOf('\nWhat the reasons mean:\n'));
    expect(section.length).toBeLessThan(out.length);
    expect(out.indexOf('What the reasons mean')).toBeGreaterThan(out.indexOf('b.tar.gz')); // after the rows
    const lines = section.split('\n').filter((l) => l.startsWith('  '));
    expect(lines).toEqual([
      '  STATEMENT_SUBJECT_NAME_MISMATCH: This provenance belongs to another file: it says nothing about this one, which may have been swapped.',
      '  STATEMENT_DIGEST_MISMATCH: The file listed here is not the file that was signed: it may have been replaced.',
      '  INDEX_UNREACHABLE: Check your connection, then try again.',
      `  PIN_MISMATCH: ${cliConsequence('PIN_MISMATCH')}`,
      '  NOT_CHECKABLE: Neither good nor bad: this tool can say nothing about where it comes from.',
    ]); // MULTIPLE_PUBLISHERS of the verified file: not listed
    expect(cliConsequence('PIN_MISMATCH')).toContain('--pins');
    expect(renderTable(run([verified]))).not.toContain('What the reasons mean');
  });

  it('SARIF messages name the release, without a dangling space when no version is known', () => {
    const texts = (rows: FileRow[]) => JSON.parse(toSarif(run(rows), '0.0.0')).runs[0].results.map((x: any) => x.message.text);
    expect(texts([notCheckableRow('evil', '', 'evil', 'a URL')])[0]).toMatch(/^evil \(evil\): NOT_CHECKABLE: /);
    expect(texts([row('absent')])[0]).toMatch(/^f-absent\.tar\.gz \(p 1\): /);
  });

  it('every reason code has a consequence the command line can follow (no page, extension, options or panel to go to)', () => {
    for (const code of Object.keys(REASON_MESSAGES) as ReasonCode[]) {
      const next = cliConsequence(code);
      expect(next, code).not.toBe('');
      expect(next, code).not.toMatch(/extension|reload|\boptions\b|panel|Check it yourself|\bthe page\b/i);
    }
  });
});

describe('progress bar', () => {
  const host = (tty: boolean) => {
    const err: string[] = [];
    return { err, host: { stderr: (t: string) => err.push(t), stderrIsTTY: tty } as unknown as CliHost };
  };
  it('draws on a terminal and erases itself at the end; silent otherwise', () => {
    const a = host(true);
    const p = createProgress(a.host, true);
    p.add(2);
    p.tick();
    p.tick();
    p.done();
    expect(a.err[0]).toBe(`\r[${'-'.repeat(30)}] 0/2 files`);
    expect(a.err[2]).toBe(`\r[${'#'.repeat(30)}] 2/2 files`);
    expect(a.err.at(-1)).toBe('\r\u001b[2K');
    const b = host(false);
    const q = createProgress(b.host, false);
    q.add(1);
    q.tick();
    q.done();
    expect(b.err).toEqual([]);
  });
});

describe('--index', () => {
  it('https anywhere, http only on loopback, PyPI paths stripped; a mirror accepts pypi.org integrity URLs', () => {
    expect(parseIndexUrl('https://pypi.org').location).toBe('pypi.org');
    expect(parseIndexUrl('https://test.pypi.org/simple/').location).toBe('test.pypi.org');
    const local = parseIndexUrl('http://127.0.0.1:8080/');
    expect(local).toMatchObject({
      location: 'http://127.0.0.1:8080',
      foreignIntegrityOrigins: ['https://pypi.org', 'https://test.pypi.org'],
    });
    expect(parseIndexUrl('http://[::1]:9/').origin).toBe('http://[::1]:9');
    for (const bad of [
      'http://example.org',
      'ftp://127.0.0.1',
      'https://u:p@pypi.org',
      'https://pypi.org/project/x/',
      'https://pypi.org/?a=1',
      'nope',
    ]) {
      expect(() => parseIndexUrl(bad), bad).toThrow(UsageError);
    }
    expect(servesIndex(parseIndexUrl('https://pypi.org'), 'https://pypi.org/simple')).toBe(true);
    expect(servesIndex(parseIndexUrl('https://pypi.org'), 'https://test.pypi.org/simple')).toBe(false);
    expect(servesIndex(local, 'https://pypi.org/simple')).toBe(true);
    expect(servesIndex(local, 'https://packages.example.com/simple')).toBe(false);
  });
});
