/** Minifying the in-page UI's CSS text at build time (used by build-config.ts minifyCssTemplates). No Node API: unit-tested under jsdom. */

/**
 * The static text of a `css` template (src/ui/css.ts) without comments and layout whitespace:
 * runs of whitespace become one space, none is kept next to `{`, `}`, `;`, after `,` or `:` (a
 * declaration's colon; in a selector a colon is never followed by a space) or before `!important`,
 * and the `;` before a `}` goes. Quoted strings are kept as written; spaces elsewhere (descendant
 * combinators, `a :b`, values) stay one space, so selectors and values mean what they did.
 */
export function minifyCssText(text: string): string {
  // Comments go first, in one left-to-right pass with the strings: a quote inside a comment
  // ("pypi.org's") opens no string, and a comment marker inside a string opens no comment.
  const uncommented = text.replace(/(\/\*[\s\S]*?\*\/)|("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')/g, (_m, comment?: string, quoted?: string) =>
    comment ? ' ' : (quoted ?? ''),
  );
  return uncommented
    .split(/("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')/)
    .map((part, i) => {
      if (i % 2 === 1) return part; // a quoted string
      return part
        .replace(/\s+/g, ' ')
        .replace(/\s*([{};])\s*/g, '$1')
        .replace(/,\s+/g, ',')
        .replace(/:\s+/g, ':')
        .replace(/\s+!/g, '!')
        .replace(/;}/g, '}');
    })
    .join('');
}
