// @vitest-environment jsdom
/** The build's `css` template minifier (scripts/minify-css.ts, build-config.ts) keeps every rule as it was. */
import { describe, expect, test } from 'vitest';
import { minifyCssText } from '../../scripts/minify-css';
import { DIALOG_CSS } from '../../src/content/download-dialog';
import { PANEL_CSS } from '../../src/ui/panel-styles';
import { BADGE_CSS, SUMMARY_CSS } from '../../src/ui/styles';

/**
 * Each rule as the browser's CSS parser (jsdom's) reads it: selector list, declarations, nested
 * rules (a space after a comma is never significant outside strings; jsdom keeps some values and
 * media queries raw).
 */
function rules(text: string): string[] {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(text);
  const read = (list: CSSRuleList): string[] =>
    [...list].map((r) => {
      if (r instanceof CSSStyleRule) return `${r.selectorText.split(/\s*,\s*/).join(', ')} { ${r.style.cssText.replace(/,\s*/g, ', ')} }`;
      // jsdom keeps a media query's text raw; browsers read `(feature:value)` as `(feature: value)`
      if (r instanceof CSSMediaRule) return `@media ${r.media.mediaText.replace(/:\s*/g, ': ')} { ${read(r.cssRules).join(' ')} }`;
      if (r instanceof CSSKeyframesRule) return `@keyframes ${r.name} { ${[...r.cssRules].map((k) => k.cssText).join(' ')} }`;
      throw new Error(`unexpected rule ${r.cssText}`);
    });
  return read(sheet.cssRules);
}

describe('minifyCssText', () => {
  test.each(Object.entries({ BADGE_CSS, SUMMARY_CSS, PANEL_CSS, DIALOG_CSS }))('%s: the same rules, shorter', (_name, text) => {
    const min = minifyCssText(text);
    expect(min.length).toBeLessThan(text.length * 0.9);
    expect(min).not.toMatch(/\/\*|\n| {2}/);
    expect(rules(min)).toEqual(rules(text));
    expect(rules(text).length).toBeGreaterThan(5);
  });

  test('a quote inside a comment opens no string, a comment marker inside a string opens no comment', () => {
    expect(minifyCssText("a { x: 1; }\n/* pypi.org's page */\nb { y: 2; }\nc::after { content: '/* not a comment */'; }")).toBe(
      "a{x:1}b{y:2}c::after{content:'/* not a comment */'}",
    );
  });

  test('quoted strings, descendant pseudo-classes and value spaces are kept', () => {
    expect(minifyCssText('a  :focus { font-family: "Segoe  UI", x;  margin: 0 6px; }\n/* note */\nb[title="a, b"] { }')).toBe(
      'a :focus{font-family:"Segoe  UI",x;margin:0 6px}b[title="a, b"]{}',
    );
  });

  test('no space after a colon or before !important; a space before a pseudo-class and in strings stays', () => {
    const text =
      "@media (prefers-reduced-motion: reduce) { a :hover, b::before { --x:  1px; content: ': !'; transition: none  !important; } }";
    const min = minifyCssText(text);
    expect(min).toBe("@media (prefers-reduced-motion:reduce){a :hover,b::before{--x:1px;content:': !';transition:none!important}}");
    expect(rules(min)).toEqual(rules(text));
  });
});
