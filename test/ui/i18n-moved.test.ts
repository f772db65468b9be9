/**
 * The modules moved to messages.json (issue #7) ask the browser's i18n API when there is one, and
 * give the same English as before without it (Node, CLI).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { badgeFor } from '../../src/background/badge';
import type { ReleaseHistory } from '../../src/history/types';
import { absenceText, boundsSentence, checkLines, describeChange, historySentence } from '../../src/history/wording';
import { describeIdentity } from '../../src/history/identity';
import { describeMatch } from '../../src/report/match-file';
import { importPins } from '../../src/report/pins-file';
import type { TabStatusFile } from '../../src/messages';

const g = globalThis as { chrome?: unknown };
const calls: unknown[][] = [];
function fakeBrowser(): void {
  calls.length = 0;
  g.chrome = { i18n: { getMessage: (...a: unknown[]) => (calls.push(a), `«${String(a[0])}»`) } };
}
afterEach(() => {
  delete g.chrome;
});

const ID = { kind: 'GitHub', repository: 'pypa/sampleproject', workflow: 'release.yml', environment: 'pypi' };
const history = (over: Partial<ReleaseHistory>): ReleaseHistory => ({
  project: 'sampleproject',
  version: '4.0.0',
  state: 'unknown',
  line: '4',
  current: [],
  compared: null,
  changes: [],
  examined: [],
  earlierWithProvenance: 0,
  firstWithProvenance: null,
  checks: null,
  absence: {},
  limits: { sameLine: 3, overall: 2 } as ReleaseHistory['limits'],
  ...over,
});
const file = (state: string, level: string) => ({ filename: 'x-1.tar.gz', state, level }) as TabStatusFile;

describe('English without a browser API (unchanged wording)', () => {
  it('history sentences, identities, changes, checks and bounds', () => {
    expect(describeIdentity(ID)).toBe('GitHub pypa/sampleproject · release.yml (environment pypi, stated by PyPI, not signed)');
    expect(describeIdentity({ kind: 'GitLab' })).toBe('GitLab (no repository)');
    expect(describeIdentity({ kind: 'Google', email: 'a@b.iam.gserviceaccount.com' })).toBe('Google a@b.iam.gserviceaccount.com');
    expect(describeChange({ field: 'workflow', before: 'ci.yml', after: 'release.yml' })).toBe('workflow: ci.yml → release.yml');
    expect(describeChange({ field: 'environment', before: null, after: 'pypi' })).toBe('environment: none → pypi');
    const compared = { version: '3.0.0', identity: ID } as ReleaseHistory['compared'];
    expect(historySentence(history({ state: 'same', compared }))).toBe(
      'Published the same way as 3.0.0 (GitHub pypa/sampleproject · release.yml (environment pypi, stated by PyPI, not signed)).',
    );
    expect(historySentence(history({ state: 'changed', compared, changes: [{ field: 'email', before: 'a', after: null }] }))).toBe(
      'Published differently from 3.0.0 (service account: a → none). This can be a move to an organisation, a renamed workflow or a new publishing tool — check the project’s announcements.',
    );
    expect(historySentence(history({ state: 'not-yet', firstWithProvenance: '5.0' }))).toBe(
      'This release predates the project’s first release with provenance (5.0).',
    );
    expect(historySentence(history({ state: 'not-yet' }))).toBe(
      'This release predates the project’s first release with provenance (a later one).',
    );
    expect(absenceText('partial-release')).toMatch(/^Other files of this release have provenance/);
    expect(
      checkLines({
        coverage: 'some',
        attested: 2,
        total: 3,
        mixedPublishers: false,
        publishers: [],
        addedLater: [{ filename: 'late.whl', hoursAfter: 48 }],
      } as unknown as NonNullable<ReleaseHistory['checks']>),
    ).toEqual(['2 of 3 files of this release have provenance on PyPI.', 'late.whl was added 48 h after the release’s first file.']);
    expect(boundsSentence(history({ examined: [{}] as ReleaseHistory['examined'], earlierWithProvenance: 4 }))).toBe(
      'Compared with the nearest earlier release that has provenance (earlier releases with provenance: 4).',
    );
    const three = [{}, {}, {}] as ReleaseHistory['examined'];
    expect(boundsSentence(history({ examined: three, earlierWithProvenance: 7 }))).toBe(
      'Compared with the 3 nearest earlier releases that have provenance (earlier releases with provenance: 7).',
    );
    expect(boundsSentence(history({ examined: three, earlierWithProvenance: 7 }))).not.toMatch(/at most|release line/);
  });

  it('file match, pins import errors, toolbar tooltips', () => {
    expect(describeMatch({ kind: 'none', sha256: 'ab' }, 'dl.whl')).toBe('dl.whl matches no file of this release. sha256 ab');
    expect(describeMatch({ kind: 'verified', filename: 'f.whl', sha256: 'ab' })).toBe(
      'The file matches f.whl (verified provenance). sha256 ab',
    );
    expect(importPins('nope').error).toBe('The file is not JSON.');
    expect(importPins(JSON.stringify(Array.from({ length: 1001 }, () => ({})))).error).toBe('More than 1000 pins.');
    expect(badgeFor([file('failed', 'danger'), file('verified', 'ok')]).title).toBe('pypi-provenance: 1 of 2 files failed a check');
    expect(badgeFor([file('failed', 'danger')]).title).toBe('pypi-provenance: 1 file failed a check');
    expect(badgeFor([file('error', 'neutral')]).title).toBe('pypi-provenance: 1 file could not be checked');
    expect(badgeFor([file('error', 'neutral'), file('verified', 'ok')]).title).toBe('pypi-provenance: 1 of 2 files could not be checked');
    expect(badgeFor([file('verified', 'ok')]).title).toBe('pypi-provenance: provenance verified for 1 file');
    expect(badgeFor([file('verified', 'ok'), file('verified', 'ok')]).title).toBe('pypi-provenance: provenance verified for all 2 files');
    expect(badgeFor([]).title).toBe('pypi-provenance');
  });
});

describe('with a browser i18n API', () => {
  it('every sentence comes from getMessage, with the data as substitutions', () => {
    fakeBrowser();
    expect(describeMatch({ kind: 'unverified', filename: 'f.whl', sha256: 'ab', state: 'failed' }, 'dl.whl')).toBe(
      '«match_unverified_named»',
    );
    expect(calls.at(-1)).toEqual(['match_unverified_named', ['dl.whl', 'f.whl', 'failed', 'ab']]);
    expect(importPins('{"format":"x"}').error).toBe('«pins_err_not_pins_format»');
    expect(badgeFor([file('error', 'neutral'), file('absent', 'neutral')]).title).toBe('«toolbar_title_errors»');
    expect(calls.at(-1)).toEqual(['toolbar_title_errors', ['1', '2']]);
    expect(absenceText('never')).toBe('«absence_never»');
    expect(historySentence(history({ state: 'never' }))).toBe('«history_never»');
  });
});
