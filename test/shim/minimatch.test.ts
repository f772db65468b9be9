/**
 * src/shim/minimatch.ts against the real minimatch (the package @tufjs/models would load): the
 * same answer for every segment pattern of literals, `*` and `?`; never a match minimatch would
 * not give for any other pattern (those match nothing in the shim).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { minimatch as real } from 'minimatch';
import { minimatch as shim } from '../../src/shim/minimatch';

function* strings(alphabet: readonly string[], n: number): Generator<string> {
  if (n === 0) {
    yield '';
    return;
  }
  for (const s of strings(alphabet, n - 1)) for (const c of alphabet) yield s + c;
}

describe('minimatch shim (TUF delegation path segments)', () => {
  it('answers like minimatch for every pattern of up to 4 of a . * ? - against every target of up to 5 of a . -', () => {
    const diffs: string[] = [];
    for (let lp = 0; lp <= 4; lp++)
      for (const p of strings(['a', '.', '*', '?', '-'], lp))
        for (let lt = 0; lt <= 5; lt++)
          for (const t of strings(['a', '.', '-'], lt))
            if (real(t, p) !== shim(t, p)) diffs.push(`${JSON.stringify(t)} ~ ${JSON.stringify(p)}`);
    expect(diffs.slice(0, 10)).toEqual([]);
  });

  it('answers like minimatch on longer segments with other characters (fast-check)', () => {
    const target = fc.string({ unit: fc.constantFrom('a', 'B', '.', '-', '_', '$', '^', '%', '~', '=', ',', 'é', '0'), maxLength: 12 });
    const pattern = fc.string({
      unit: fc.constantFrom('a', 'B', '.', '-', '_', '$', '^', '%', '~', '=', ',', 'é', '0', '*', '?'),
      maxLength: 10,
    });
    fc.assert(
      fc.property(target, pattern, (t, p) => shim(t, p) === real(t, p)),
      { numRuns: 20_000 },
    );
  });

  it('a target the pattern would cover by construction matches, in both', () => {
    // pattern = target with some characters replaced by ? and some runs by *
    const arb = fc
      .array(fc.tuple(fc.constantFrom('a', 'b', '-', '.', '_'), fc.constantFrom('keep', '?', '*', '*x')), { minLength: 1, maxLength: 10 })
      .map((parts) => ({
        t: parts.map(([c]) => c).join(''),
        p: parts.map(([c, how]) => (how === 'keep' ? c : how === '?' ? '?' : how === '*' ? '*' : `*${c}`)).join(''),
      }));
    fc.assert(
      fc.property(arb, ({ t, p }) => shim(t, p) === real(t, p)),
      { numRuns: 5_000 },
    );
  });

  it('matches nothing for patterns outside that set, where minimatch may match', () => {
    const cases: [string, string][] = [
      ['a', '[a]'],
      ['a', '{a,b}'],
      ['a', '@(a)'],
      ['a', '+(a)'],
      ['b', '!a'],
      ['a', '\\a'],
      ['ab', 'a|b'],
      ['#a', '#a'],
      ['a', '?(a)'],
      ['a', '*(a)'],
    ];
    for (const [t, p] of cases) expect(shim(t, p), `${t} ~ ${p}`).toBe(false);
    expect(cases.some(([t, p]) => real(t, p))).toBe(true); // the restriction is real
    const pattern = fc.string({
      unit: fc.constantFrom('a', '.', '*', '?', '[', ']', '{', '}', ',', '(', ')', '!', '#', '+', '@', '|', '\\', '/'),
      maxLength: 8,
    });
    const target = fc.string({
      unit: fc.constantFrom('a', '.', '[', ']', '{', '}', ',', '(', ')', '!', '#', '+', '@', '|', '\\'),
      maxLength: 6,
    });
    fc.assert(
      fc.property(target, pattern, (t, p) => !shim(t, p) || real(t, p)),
      { numRuns: 20_000 },
    );
  });

  it('throws like minimatch for a pattern that is not a string', () => {
    expect(() => real('a', 1 as unknown as string)).toThrow(TypeError);
    expect(() => shim('a', 1 as unknown as string)).toThrow(TypeError);
  });
});
