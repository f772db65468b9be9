// @vitest-environment jsdom
import { describe, expect, test } from 'vitest';
import { filenameOfLink, guardQuestion, installDownloadGuard } from '../../src/content/download-guard';
import { pendingView, withVerdict } from '../../src/content/file-view';
import { DEFAULT_SETTINGS } from '../../src/settings';
import type { FileView } from '../../src/ui/types';
import { verdictMessage } from './helpers';

const FILE = 'sampleproject-4.0.0.tar.gz';
const LISTED = `https://files.pythonhosted.org/packages/aa/bb/cc/${FILE}`;
const ELSEWHERE = `https://files.pythonhosted.org/packages/00/11/22/${FILE}`;
const STRICT = { ...DEFAULT_SETTINGS, strict: true };
const NO_HISTORY = () => null;
const base = pendingView({ index: 'pypi.org', project: 'sampleproject', version: '4.0.0' }, { filename: FILE, pageSha256: null }, false);
const verified = (downloadUrl?: string): FileView =>
  withVerdict(base, { ...verdictMessage('r', FILE, 'verified'), ...(downloadUrl === undefined ? {} : { downloadUrl }) });

describe('guardQuestion: the link against the index URL', () => {
  test('strict mode asks, naming the reason, when a verified file is linked elsewhere', () => {
    const q = guardQuestion(verified(LISTED), STRICT, ELSEWHERE, NO_HISTORY);
    expect(q).toContain(FILE);
    expect(q).toContain("not PyPI's download URL");
  });

  test('the index URL itself (or with #sha256=) does not ask', () => {
    expect(guardQuestion(verified(LISTED), STRICT, LISTED, NO_HISTORY)).toBeNull();
    expect(guardQuestion(verified(LISTED), STRICT, `${LISTED}#sha256=${'a'.repeat(64)}`, NO_HISTORY)).toBeNull();
  });

  test('not strict: no prompt for a mismatch', () => {
    expect(guardQuestion(verified(LISTED), DEFAULT_SETTINGS, ELSEWHERE, NO_HISTORY)).toBeNull();
  });

  test('no URL from the index: nothing to compare, no prompt', () => {
    expect(guardQuestion(verified(), STRICT, ELSEWHERE, NO_HISTORY)).toBeNull();
  });

  test('the verdict question keeps precedence (a failed file asks about the failure)', () => {
    const failed = withVerdict(base, { ...verdictMessage('r', FILE, 'failed'), downloadUrl: LISTED });
    const q = guardQuestion(failed, STRICT, ELSEWHERE, NO_HISTORY);
    expect(q).not.toBeNull();
    expect(q).not.toContain("not PyPI's download URL");
  });

  test('withVerdict carries the URL from the message; an over-long one is dropped', () => {
    expect(verified(LISTED).downloadUrl).toBe(LISTED);
    expect(verified(`https://files.pythonhosted.org/${'a'.repeat(2100)}/${FILE}`).downloadUrl).toBeUndefined();
  });
});

describe('filenameOfLink', () => {
  test('the decoded last segment of an http(s) URL, on any host', () => {
    expect(filenameOfLink(LISTED)).toBe(FILE);
    expect(filenameOfLink(`https://evil.example/x/${FILE}?a=1#f`)).toBe(FILE);
    expect(filenameOfLink('https://files.pythonhosted.org/packages/a/b/some%2Bname-1.0.tar.gz')).toBe('some+name-1.0.tar.gz');
  });
  test('nothing for other schemes, directories, bad escapes', () => {
    expect(filenameOfLink(`javascript:alert(1)//${FILE}`)).toBeNull();
    expect(filenameOfLink(`data:text/plain,${FILE}`)).toBeNull();
    expect(filenameOfLink('https://pypi.org/project/sampleproject/')).toBeNull();
    expect(filenameOfLink('https://x.example/%E0%A4%A')).toBeNull();
    expect(filenameOfLink('not a url')).toBeNull();
  });
});

describe('installDownloadGuard: the click is held, asked about, then blocked or replayed', () => {
  interface Run {
    asked: string[];
    prevented: boolean;
    mismatches: [string, string][];
    /** Clicks the page's own listeners saw (a bubbling listener on the document). */
    pageSaw: number;
    a: HTMLAnchorElement;
    off(): void;
  }
  function click(href: string, answer: boolean | Promise<boolean>, view: FileView = verified(LISTED), settings = STRICT): Run {
    document.body.replaceChildren();
    const a = document.createElement('a');
    a.href = href;
    a.textContent = FILE;
    document.body.append(a);
    const run: Run = { asked: [], prevented: false, mismatches: [], pageSaw: 0, a, off: () => undefined };
    const pageListener = (e: Event) => {
      run.pageSaw++;
      e.preventDefault(); // jsdom must not try to navigate
    };
    document.addEventListener('click', pageListener);
    const off = installDownloadGuard(document, {
      getView: (f) => (f === FILE ? view : undefined),
      getSettings: () => settings,
      historyQuestion: NO_HISTORY,
      ask: async (m, link) => {
        run.asked.push(m);
        expect(link).toBe(a);
        return answer;
      },
      onMismatch: (f, h) => run.mismatches.push([f, h]),
    });
    run.off = () => {
      off();
      document.removeEventListener('click', pageListener);
    };
    const ev = new MouseEvent('click', { bubbles: true, cancelable: true });
    a.dispatchEvent(ev);
    run.prevented = run.pageSaw === 0 && ev.defaultPrevented;
    return run;
  }
  const settle = () => new Promise((r) => setTimeout(r, 0));

  test('strict mode, link elsewhere: asks, names the mismatch, blocks on Cancel (the page never sees the click)', async () => {
    const r = click(ELSEWHERE, false);
    expect(r.prevented).toBe(true);
    await settle();
    expect(r.asked).toHaveLength(1);
    expect(r.mismatches).toEqual([[FILE, ELSEWHERE]]);
    expect(r.pageSaw).toBe(0);
    r.off();
  });

  test('"Download anyway" replays the click on the same link, once, and the guard lets it through', async () => {
    const r = click(ELSEWHERE, true);
    await settle();
    expect(r.asked).toHaveLength(1);
    expect(r.pageSaw).toBe(1); // the replayed click
    r.off();
  });

  test('a link the page changed while the question was open is not followed', async () => {
    let answer!: (ok: boolean) => void;
    const r = click(ELSEWHERE, new Promise<boolean>((res) => (answer = res)));
    r.a.href = `https://evil.example/${FILE}`;
    answer(true);
    await settle();
    expect(r.pageSaw).toBe(0);
    r.off();
  });

  test('one question at a time: a second click while asking is blocked without a second question', async () => {
    let answer!: (ok: boolean) => void;
    const r = click(ELSEWHERE, new Promise<boolean>((res) => (answer = res)));
    await settle();
    const again = new MouseEvent('click', { bubbles: true, cancelable: true });
    r.a.dispatchEvent(again);
    expect(again.defaultPrevented).toBe(true);
    answer(false);
    await settle();
    expect(r.asked).toHaveLength(1);
    r.off();
  });

  test('a question that cannot be asked keeps the download blocked, and the next click asks again', async () => {
    document.body.replaceChildren();
    const a = document.createElement('a');
    a.href = ELSEWHERE;
    document.body.append(a);
    let calls = 0;
    const off = installDownloadGuard(document, {
      getView: () => verified(LISTED),
      getSettings: () => STRICT,
      historyQuestion: NO_HISTORY,
      ask: () => {
        calls++;
        throw new Error('no dialog');
      },
    });
    for (let i = 0; i < 2; i++) {
      const ev = new MouseEvent('click', { bubbles: true, cancelable: true });
      a.dispatchEvent(ev);
      expect(ev.defaultPrevented).toBe(true);
      await settle();
    }
    expect(calls).toBe(2);
    off();
  });

  test('the listed URL goes through without a question or a report', async () => {
    const r = click(LISTED, false);
    await settle();
    expect(r.asked).toHaveLength(0);
    expect(r.prevented).toBe(false);
    expect(r.mismatches).toEqual([]);
    r.off();
  });

  test('not strict: a link elsewhere is reported (for the popup) but not asked about', async () => {
    const r = click(ELSEWHERE, false, verified(LISTED), DEFAULT_SETTINGS);
    await settle();
    expect(r.asked).toHaveLength(0);
    expect(r.prevented).toBe(false);
    expect(r.mismatches).toEqual([[FILE, ELSEWHERE]]);
    r.off();
  });

  test('a link on another host carrying the filename is guarded too', async () => {
    const r = click(`https://evil.example/download/${FILE}`, false);
    expect(r.prevented).toBe(true);
    await settle();
    expect(r.asked[0]).toContain("not PyPI's download URL");
    r.off();
  });
});
