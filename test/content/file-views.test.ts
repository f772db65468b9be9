// @vitest-environment jsdom
/** The page's model (file-views.ts): answers, early verdicts, retries, strict mode. */
import { describe, expect, test } from 'vitest';
import { detectPage } from '../../src/content/detect';
import { createFileViews } from '../../src/content/file-views';
import { loadIntoGlobalDocument } from './fixtures';
import { verdictMessage } from './helpers';

function model() {
  loadIntoGlobalDocument('project/FastHash_Lib/1.2.0/index.html');
  const page = detectPage(document, 'https://pypi.org/project/FastHash_Lib/1.2.0/')!;
  return { page, views: createFileViews(page, false) };
}
const early = (filename: string, sha256: string | null) =>
  new Map([[filename, verdictMessage('release-verdicts', filename, 'absent', { verdict: { sha256: sha256 ?? '0'.repeat(64) } })]]);

describe('file views', () => {
  test('one pending view per file, in page order', () => {
    const { page, views } = model();
    expect(views.all().map((v) => v.filename)).toEqual(page.files.map((f) => f.filename));
    expect(views.all().every((v) => v.verdict === null && v.level === 'neutral')).toBe(true);
  });

  test('an early verdict fills a file no answer has reached, never one the check, a local error or a retry reached', () => {
    const { page, views } = model();
    const [a, b, c, d] = page.files;
    views.answer(verdictMessage('r1', a!.filename, 'failed'));
    views.answerError(b!.filename, 'worker stopped');
    views.retry(c!.filename);
    for (const f of [a!, b!, c!, d!]) views.showEarly(early(f.filename, f.pageSha256));
    expect([a, b, c, d].map((f) => views.get(f!.filename)!.verdict?.state ?? 'pending')).toEqual(['failed', 'error', 'pending', 'absent']);
  });

  test('an early verdict whose sha256 is not the page’s is not shown', () => {
    const { page, views } = model();
    const f = page.files.find((x) => x.pageSha256 !== null)!;
    expect(views.showEarly(early(f.filename, 'f'.repeat(64)))).toEqual([]);
    expect(views.get(f.filename)!.verdict).toBeNull();
  });

  test('strict mode: every view follows; says whether anything changed', () => {
    const { views } = model();
    expect(views.setStrict(false)).toBe(false);
    expect(views.setStrict(true)).toBe(true);
    expect(views.all().every((v) => v.strict)).toBe(true);
  });
});

describe('an answer the view already shows', () => {
  test('is not applied again (the check confirming an early verdict); any difference is', () => {
    const { page, views } = model();
    const f = page.files[0]!;
    const m = verdictMessage('r1', f.filename, 'absent', { verdict: { sha256: f.pageSha256 ?? '0'.repeat(64) } });
    expect(views.showEarly(new Map([[f.filename, m]]))).toHaveLength(1);
    expect(views.answer({ ...m, requestId: 'r2' })).toBe(false);
    expect(views.answer({ ...m, level: 'warning' })).toBe(true); // strict mode: another level
    expect(views.answer({ ...m, level: 'warning' })).toBe(false);
    expect(views.answer({ ...m, level: 'warning', verdict: { ...m.verdict, checkedAt: '2026-12-04T20:00:00.000Z' } })).toBe(true);
    expect(
      views.answer({ ...m, level: 'warning', verdict: { ...m.verdict, checkedAt: '2026-12-04T20:00:00.000Z' }, pin: { status: 'match' } }),
    ).toBe(true);
    expect(views.get(f.filename)!.pin.status).toBe('match');
  });
});
