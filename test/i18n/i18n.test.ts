/**
 * i18n: the English fallback of t() substitutes like the browser's i18n.getMessage; every key the
 * source uses exists in public/_locales/en/messages.json and every key there is used; the file is
 * one browsers load (placeholders declared, no empty messages); reason codes cannot drift from
 * REASON_MESSAGES.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { t, tPlural, type MessageEntry } from '../../src/i18n';
import { english, formatMessage, hasMessage } from '../../src/i18n/english';
import { reasonConsequence, reasonText } from '../../src/ui/wording';
import { REASON_MESSAGES, type ReasonCode } from '../../src/verify/verdict';

const ROOT = join(__dirname, '..', '..');
const MESSAGES = JSON.parse(readFileSync(join(ROOT, 'public/_locales/en/messages.json'), 'utf8')) as Record<string, MessageEntry>;
const MANIFEST = JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8')) as Record<string, unknown>;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [p] : [];
  });
}

/** Keys named literally in `t('key'…)` and `tPlural(n, 'one', 'other'…)` calls, and `__MSG_key__` in the manifest. */
function usedKeys(): Map<string, string[]> {
  const used = new Map<string, string[]>();
  const add = (key: string, where: string) => used.set(key, [...(used.get(key) ?? []), where]);
  for (const file of sourceFiles(join(ROOT, 'src'))) {
    const text = readFileSync(file, 'utf8');
    const rel = file.slice(ROOT.length + 1);
    for (const m of text.matchAll(/\bt\(\s*(?:[^,()]*\?\s*)?(['"])([A-Za-z0-9_@]+)\1(?:\s*:\s*(['"])([A-Za-z0-9_@]+)\3)?/g)) {
      add(m[2]!, rel);
      if (m[4]) add(m[4], rel);
    }
    for (const m of text.matchAll(/\btPlural\(\s*[^,]+,\s*(['"])([A-Za-z0-9_@]+)\1\s*,\s*(['"])([A-Za-z0-9_@]+)\3/g)) {
      add(m[2]!, rel);
      add(m[4]!, rel);
    }
  }
  for (const m of JSON.stringify(MANIFEST).matchAll(/__MSG_([A-Za-z0-9_@]+)__/g)) add(m[1]!, 'manifest.json');
  return used;
}

describe('formatMessage / t fallback (no browser i18n API)', () => {
  const entry = (message: string, placeholders?: Record<string, string>): MessageEntry => ({
    message,
    ...(placeholders ? { placeholders: Object.fromEntries(Object.entries(placeholders).map(([k, content]) => [k, { content }])) } : {}),
  });

  it('replaces named placeholders with their content, then $1…$9 with the substitutions', () => {
    expect(formatMessage(entry('Provenance of $FILENAME$', { filename: '$1' }), 'a.whl')).toBe('Provenance of a.whl');
    expect(formatMessage(entry('$B$ then $A$', { a: '$1', b: '$2' }), ['first', 'second'])).toBe('second then first');
    expect(formatMessage(entry('$X$-$x$', { X: '$1' }), 'v')).toBe('v-v'); // names are case-insensitive
    expect(formatMessage(entry('direct $1 and $2'), ['one', 'two'])).toBe('direct one and two');
    expect(formatMessage(entry('[$N$]', { n: 'fixed text' }))).toBe('[fixed text]');
  });

  it('missing substitutions become empty; substitution values are not expanded again', () => {
    expect(formatMessage(entry('a$1b$2c'), 'X')).toBe('aXbc');
    expect(formatMessage(entry('$V$', { v: '$1' }), '$2 $$ $V$')).toBe('$2 $$ $V$');
    expect(formatMessage(entry('no subs'), ['ignored'])).toBe('no subs');
  });

  it('a run of $ loses its first one, as in Chrome and Firefox', () => {
    expect(formatMessage(entry('costs $$5'))).toBe('costs $5');
    expect(formatMessage(entry('$$$1'), 'x')).toBe('$$1');
  });

  it('t() with no browser API returns the English of messages.json, substituted', () => {
    expect((globalThis as { chrome?: unknown }).chrome).toBeUndefined();
    expect(t('panel_label', 'sampleproject-4.0.0.tar.gz')).toBe('Provenance of sampleproject-4.0.0.tar.gz');
    expect(t('summary_verified_of_other', ['8', '7'])).toBe('7 of 8 files have verified provenance');
    expect(tPlural(1, 'summary_failed_one', 'summary_failed_other')).toBe('1 file FAILED the provenance check');
    expect(tPlural(3, 'summary_failed_one', 'summary_failed_other')).toBe('3 files FAILED the provenance check');
    expect(t('confirm_absent', 'x.whl')).toBe(
      'x.whl has no published provenance, and strict mode asks you to confirm such downloads.\n\nDownload it anyway?',
    );
  });
});

describe('the English fallback is a module of its own (issue #16)', () => {
  it("t() answers '' without a browser API until ./english is loaded, then the English text", async () => {
    vi.resetModules(); // fresh copies: the setup file's ./english installed its table in the others
    const fresh = await import('../../src/i18n');
    expect(fresh.t('summary_from', 'x')).toBe('');
    await import('../../src/i18n/english');
    expect(fresh.t('summary_from', 'x')).toBe('from x');
  });
});

describe('t() in the browser', () => {
  const g = globalThis as { chrome?: unknown; browser?: unknown };
  afterEach(() => {
    delete g.chrome;
    delete g.browser;
  });

  it('asks chrome.i18n / browser.i18n.getMessage with the same key and substitutions', () => {
    const calls: unknown[][] = [];
    g.chrome = { i18n: { getMessage: (...a: unknown[]) => (calls.push(a), `L10N:${String(a[0])}`) } };
    expect(t('panel_label', 'f.whl')).toBe('L10N:panel_label');
    expect(t('summary_mixed', ['2', 'a; b'])).toBe('L10N:summary_mixed');
    expect(calls).toEqual([
      ['panel_label', 'f.whl'],
      ['summary_mixed', ['2', 'a; b']],
    ]);
    delete g.chrome;
    g.browser = { i18n: { getMessage: () => 'from browser.i18n' } };
    expect(t('close')).toBe('from browser.i18n');
  });

  it('falls back to English when the API throws or has no such message', () => {
    g.chrome = {
      i18n: {
        getMessage: () => {
          throw new Error('Extension context invalidated.');
        },
      },
    };
    expect(t('close')).toBe('Close');
    g.chrome = { i18n: { getMessage: () => '' } };
    expect(t('checked_at', 'now')).toBe('Checked now.');
    g.chrome = {}; // e.g. a page's own `chrome` object: no i18n
    expect(t('retry')).toBe('Retry');
  });
});

describe('reason codes', () => {
  const codes = Object.keys(REASON_MESSAGES) as ReasonCode[];

  it('every ReasonCode has a reason_<code> message with the same English text as REASON_MESSAGES', () => {
    for (const code of codes) {
      const key = `reason_${code.toLowerCase()}`;
      expect(hasMessage(key), key).toBe(true);
      if (hasMessage(key)) expect(english(key), key).toBe(REASON_MESSAGES[code]);
    }
  });

  it('there is no reason_ message without a ReasonCode', () => {
    const known = new Set(codes.map((c) => `reason_${c.toLowerCase()}`));
    expect(Object.keys(MESSAGES).filter((k) => k.startsWith('reason_') && !known.has(k))).toEqual([]);
  });

  it('every ReasonCode has a consequence_<code> message (what it means, what to do), distinct from its sentence', () => {
    const lacking = codes.filter((code) => !hasMessage(`consequence_${code.toLowerCase()}`));
    expect(lacking).toEqual([]);
    for (const code of codes) {
      const text = reasonConsequence(code);
      expect(text.trim().length, code).toBeGreaterThan(20);
      expect(text, code).not.toBe(REASON_MESSAGES[code]);
      expect(text, code).toMatch(/[.!?]$/);
    }
    expect(reasonConsequence('NOT_A_CODE')).toBe('');
  });

  it('there is no consequence_ message without a ReasonCode', () => {
    const known = new Set(codes.map((c) => `consequence_${c.toLowerCase()}`));
    expect(Object.keys(MESSAGES).filter((k) => k.startsWith('consequence_') && !known.has(k))).toEqual([]);
  });

  it('reason sentences and consequences say PyPI, not "the index"', () => {
    const keys = Object.keys(MESSAGES).filter((k) => /^(reason|consequence)_/.test(k));
    expect(keys.filter((k) => /\bthe index\b|\bindex's\b/i.test(MESSAGES[k]!.message))).toEqual([]);
  });

  it('reasonText localizes the standard sentence and keeps a more specific one', () => {
    const g = globalThis as { chrome?: unknown };
    try {
      g.chrome = { i18n: { getMessage: (k: string) => `«${k}»` } };
      expect(reasonText({ code: 'SIGNATURE_INVALID', message: REASON_MESSAGES.SIGNATURE_INVALID })).toBe('«reason_signature_invalid»');
      expect(reasonText({ code: 'INDEX_HTTP_ERROR', message: 'pypi.org does not know this project.' })).toBe(
        'pypi.org does not know this project.',
      );
      expect(reasonText({ code: 'NOT_A_CODE', message: 'odd' })).toBe('odd');
    } finally {
      delete g.chrome;
    }
    expect(reasonText({ code: 'SIGNATURE_INVALID', message: REASON_MESSAGES.SIGNATURE_INVALID })).toBe(REASON_MESSAGES.SIGNATURE_INVALID);
  });
});

describe('messages.json and its use', () => {
  it('every key used in src/ and the manifest exists', () => {
    const missing = [...usedKeys()]
      .filter(([k]) => !Object.prototype.hasOwnProperty.call(MESSAGES, k))
      .map(([k, w]) => `${k} (${w.join(', ')})`);
    expect(missing).toEqual([]);
  });

  it('every key is used (reason_* and consequence_* keys are used through their ReasonCode)', () => {
    const used = usedKeys();
    expect(used.size).toBeGreaterThan(100); // the scan finds the calls at all
    const unused = Object.keys(MESSAGES).filter((k) => !used.has(k) && !/^(reason|consequence)_/.test(k));
    expect(unused).toEqual([]);
  });

  it('is valid for browsers: keys, non-empty messages, declared and used placeholders, no stray $', () => {
    for (const [key, e] of Object.entries(MESSAGES)) {
      expect(key, key).toMatch(/^[a-z0-9_]+$/); // snake_case ASCII; `@@` is reserved
      expect(typeof e.message === 'string' && e.message.trim() !== '', `${key}: empty message`).toBe(true);
      expect(typeof e.description === 'string' && e.description !== '', `${key}: description`).toBe(true);
      const declared = new Set(Object.keys(e.placeholders ?? {}).map((n) => n.toLowerCase()));
      const usedNames = new Set([...e.message.matchAll(/\$([A-Za-z0-9_@]+)\$/g)].map((m) => m[1]!.toLowerCase()));
      for (const n of usedNames) expect(declared.has(n), `${key}: $${n}$ not declared`).toBe(true);
      for (const n of declared) expect(usedNames.has(n), `${key}: placeholder ${n} unused`).toBe(true);
      for (const [n, p] of Object.entries(e.placeholders ?? {})) {
        expect(n, `${key}: placeholder name`).toMatch(/^[a-z0-9_]+$/);
        expect(p.content, `${key}.${n}: content`).toMatch(/^\$[1-9]$/);
      }
      // Outside $name$ tokens no `$` at all (browsers differ on "$x", "$10"; a literal $ would need "$$").
      expect(e.message.replace(/\$[A-Za-z0-9_@]+\$/g, ''), `${key}: stray $`).not.toContain('$');
      // Substitution indexes are 1…n without gaps (t() passes arrays in that order).
      const indexes = Object.values(e.placeholders ?? {})
        .map((p) => Number(p.content.slice(1)))
        .sort((a, b) => a - b);
      expect(indexes, `${key}: $1…$n`).toEqual(indexes.map((_, i) => i + 1));
    }
  });

  it('the manifest takes name, description and title from messages.json, within store limits', () => {
    expect(MANIFEST.default_locale).toBe('en');
    expect(MANIFEST.name).toBe('__MSG_ext_name__');
    expect(MANIFEST.description).toBe('__MSG_ext_description__');
    expect((MANIFEST.action as { default_title?: string }).default_title).toBe('__MSG_action_title__');
    expect(english('ext_name').length).toBeLessThanOrEqual(45);
    expect(english('ext_description').length).toBeLessThanOrEqual(132);
  });
});
