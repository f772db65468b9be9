/**
 * Hostile README HTML for detector tests, limited to what PyPI's sanitiser lets through.
 *
 * The allow-list is pypa/readme_renderer 45.0, `readme_renderer/clean.py` (`ALLOWED_TAGS`,
 * `ALLOWED_ATTRIBUTES`) at commit 8c516290d9865aec986d3d53f760aea1a0ae5a53 (Apache-2.0), restated
 * here as data (not copied code). `assertSanitiserAllows` fails a test whose "hostile README"
 * uses anything a real README could not carry, so the tests stay honest about the threat.
 */
import { fixtureDoc } from './fixtures';

export const README_RENDERER_VERSION = '45.0';

const ALLOWED_TAGS = new Set(
  (
    'a abbr acronym b blockquote code em i li ol strong ul br caption cite col colgroup dd del details div dl dt ' +
    'h1 h2 h3 h4 h5 h6 hr img p pre span sub summary sup table tbody td th thead tr tt kbd var input section aside ' +
    'nav figure figcaption picture'
  ).split(' '),
);

const ALLOWED_ATTRIBUTES: Record<string, string[]> = {
  '*': ['id'],
  a: ['href', 'title', 'rel'], // rel: nh3 adds rel="nofollow" itself
  abbr: ['title'],
  acronym: ['title'],
  hr: ['class'],
  img: ['src', 'width', 'height', 'alt', 'align', 'class'],
  span: ['class'],
  th: ['align', 'class'],
  td: ['align', 'colspan', 'rowspan'],
  div: ['align', 'class'],
  h1: ['align'],
  h2: ['align'],
  h3: ['align'],
  h4: ['align'],
  h5: ['align'],
  h6: ['align'],
  code: ['class'],
  p: ['align', 'class'],
  pre: ['class', 'lang'],
  ol: ['start'],
  input: ['type', 'checked', 'disabled'],
  aside: ['class'],
  dd: ['class'],
  dl: ['class'],
  dt: ['class'],
  ul: ['class'],
  nav: ['class'],
  figure: ['class'],
};

/** Throws unless every element and attribute of `html` is on readme_renderer's allow-list. */
export function assertSanitiserAllows(html: string): void {
  const tpl = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  for (const el of tpl.body.querySelectorAll('*')) {
    const tag = el.tagName.toLowerCase();
    if (!ALLOWED_TAGS.has(tag)) throw new Error(`readme_renderer strips <${tag}>`);
    for (const attr of el.getAttributeNames()) {
      const ok = ALLOWED_ATTRIBUTES['*']!.includes(attr) || (ALLOWED_ATTRIBUTES[tag] ?? []).includes(attr);
      if (!ok) throw new Error(`readme_renderer strips ${attr}= on <${tag}>`);
    }
    const href = el.getAttribute('href');
    if (href !== null && !/^(https?:|mailto:|#|\/)/.test(href)) throw new Error(`readme_renderer strips href ${href}`);
  }
}

/** A fixture page whose rendered README is replaced by `html` (checked against the allow-list). */
export function pageWithReadme(rel: string, html: string, override?: Record<string, string>): Document {
  assertSanitiserAllows(html);
  const doc = fixtureDoc(rel, override);
  // Current layout: .project-description__content; legacy: .project-description itself.
  const target = doc.querySelector('.project-description__content') ?? doc.querySelector('.project-description');
  if (!target) throw new Error(`${rel}: no rendered description`);
  const body = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html').body;
  target.replaceChildren(...[...body.childNodes].map((n) => doc.importNode(n, true)));
  return doc;
}

const FAKE = 'f'.repeat(64);
const files = (name: string) =>
  `https://files.pythonhosted.org/packages/aa/bb/cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc/${name}`;

/** Each injection the issue names, for the given release's files. */
export function hostileReadmes(filenames: readonly string[]): Record<string, string> {
  const links = (names: readonly string[]) => names.map((n) => `<li><a href="${files(n)}">${n}</a></li>`).join('');
  const detailFakes = filenames
    .map(
      (n) =>
        `<div id="${n}" class="vertical-tabs__content"><h2>File details</h2><table><tbody><tr><th>SHA256</th><td><code>${FAKE}</code></td></tr></tbody></table></div>`,
    )
    .join('');
  return {
    'empty #files': '<div id="files"></div>',
    '#files with a link named like a real file': `<div id="files"><div class="card file__card"><a href="${files(filenames[0]!)}">${filenames[0]!}</a></div></div>`,
    '#files with a file that is not in the release': `<div id="files"><div class="card file__card"><a href="${files('evil-9.9.9.tar.gz')}">evil-9.9.9.tar.gz</a></div></div>`,
    'an element per filename with a fake <code> digest': detailFakes,
    'ids description and files-tab': `<div id="description"><p id="files-tab">x</p></div><section id="files-tab"><div id="files"></div></section>`,
    'nested lists of links to files.pythonhosted.org': `<ul id="files"><li><ul>${links(filenames)}<li><ol>${links(['evil-1.0-py3-none-any.whl'])}</ol></li></ul></li></ul>`,
    'a fake files table with the redesign classes it may carry': `<div id="files"><table><tbody><tr><td><span class="file-info__name"><a href="${files(filenames[0]!)}"><span>${filenames[0]!}</span></a></span></td></tr></tbody></table></div>`,
    'a fake header and a fake filename code': `<h1 id="project-header__name">evil 9.9.9</h1><div class="project-header__name">evil 9.9.9</div><p><code>${filenames[0]!}</code> <code>${FAKE}</code></p>`,
    'everything at once': `<div id="files"></div>${detailFakes}<ul id="files"><li>${links(filenames)}</li></ul>`,
  };
}
