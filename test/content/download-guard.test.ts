// @vitest-environment jsdom
import { describe, expect, test } from 'vitest';
import { guardQuestion, installDownloadGuard } from '../../src/content/download-guard';
import { pendingView, withVerdict } from '../../src/content/file-view';
import { DEFAULT_SETTINGS } from '../../src/settings';
import type { FileView } from '../../src/ui/types';
import { verdictMessage } from './helpers';

const FILE = 'sampleproject-4.0.0.tar.gz';
const LISTED = `https://files.pythonhosted.org/packages/aa/bb/cc/${FILE}`;
const ELSEWHERE = `https://files.pythonhosted.org/packages/00/11/22/${FILE}`;
const STRICT = { ...DEFAULT_SETTINGS, strict: true };
const base = pendingView({ index: 'pypi.org', project: 'sampleproject', version: '4.0.0' }, { filename: FILE, pageSha256: null }, false);
const verified = (downloadUrl?: string): FileView =>
  withVerdict(base, { ...verdictMessage('r', FILE, 'verified'), ...(downloadUrl === undefined ? {} : { downloadUrl }) });

describe('guardQuestion: the link against the index URL', () => {
  test('strict mode asks, naming the reason, when a verified file is linked elsewhere', () => {
    const q = guardQuestion(verified(LISTED), STRICT, ELSEWHERE);
    expect(q).toContain(FILE);
    expect(q).toContain("not PyPI's download URL");
  });

  test('the index URL itself (or with #sha256=) does not ask', () => {
    expect(guardQuestion(verified(LISTED), STRICT, LISTED)).toBeNull();
    expect(guardQuestion(verified(LISTED), STRICT, `${LISTED}#sha256=${'a'.repeat(64)}`)).toBeNull();
  });

  test('not strict: no prompt for a mismatch', () => {
    expect(guardQuestion(verified(LISTED), DEFAULT_SETTINGS, ELSEWHERE)).toBeNull();
  });

  test('no URL from the index: nothing to compare, no prompt', () => {
    expect(guardQuestion(verified(), STRICT, ELSEWHERE)).toBeNull();
  });

  test('the verdict question keeps precedence (a failed file asks about the failure)', () => {
    const failed = withVerdict(base, { ...verdictMessage('r', FILE, 'failed'), downloadUrl: LISTED });
    const q = guardQuestion(failed, STRICT, ELSEWHERE);
    expect(q).not.toBeNull();
    expect(q).not.toContain("not PyPI's download URL");
  });

  test('withVerdict carries the URL from the message; an over-long one is dropped', () => {
    expect(verified(LISTED).downloadUrl).toBe(LISTED);
    expect(verified(`https://files.pythonhosted.org/${'a'.repeat(2100)}/${FILE}`).downloadUrl).toBeUndefined();
  });
});

describe('installDownloadGuard: a click on a link that is not the index URL', () => {
  function click(href: string, answer: boolean): { asked: string[]; prevented: boolean } {
    document.body.replaceChildren();
    const a = document.createElement('a');
    a.href = href;
    a.textContent = FILE;
    document.body.append(a);
    const asked: string[] = [];
    const off = installDownloadGuard(document, {
      getView: (f) => (f === FILE ? verified(LISTED) : undefined),
      getSettings: () => STRICT,
      confirm: (m) => (asked.push(m), answer),
    });
    const ev = new MouseEvent('click', { bubbles: true, cancelable: true });
    a.dispatchEvent(ev);
    off();
    return { asked, prevented: ev.defaultPrevented };
  }

  test('asks first in strict mode and blocks on "no"', () => {
    const r = click(ELSEWHERE, false);
    expect(r.asked).toHaveLength(1);
    expect(r.prevented).toBe(true);
  });

  test('the listed URL goes through without a question', () => {
    const r = click(LISTED, false);
    expect(r.asked).toHaveLength(0);
    expect(r.prevented).toBe(false);
  });
});
