/**
 * The shipped-root check (scripts/e2e-lib/shipped-tuf-root.ts, run on the real dist/ and
 * dist-firefox/ by the e2e suites) on built-like folders: it passes the bundled root inlined the
 * way vite emits it, and finds a test root however a bundler could have put it there.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { asTemplateLiteral, shippedTufRootProblems } from '../../scripts/e2e-lib/shipped-tuf-root';
import { TufRepo } from '../trust/tuf-repo';

const BUNDLED = readFileSync(fileURLToPath(new URL('../../public/trust/tuf_root.json', import.meta.url)), 'utf8');
const TEST_ROOT = new TufRepo(undefined, { firstVersion: 16 }).bootstrapRoot;
const tmp: string[] = [];
afterEach(() => {
  for (const d of tmp.splice(0)) rmSync(d, { recursive: true, force: true });
});

function dist(files: Record<string, string>): string {
  const d = mkdtempSync(join(tmpdir(), 'pp-shipped-root-'));
  tmp.push(d);
  for (const [f, text] of Object.entries(files)) {
    mkdirSync(dirname(join(d, f)), { recursive: true });
    writeFileSync(join(d, f), text);
  }
  return d;
}

/** How vite + the minifier emit `import x from 'tuf_root.json?raw'`: a template literal (the PEMs' "\n" escapes doubled). */
const worker = (rootText: string) => `var a=1;var xf=\`${asTemplateLiteral(rootText)}\`;export{xf as r};`;

describe('shippedTufRootProblems', () => {
  it('passes a build with the bundled root inlined in the worker and copied to trust/', () => {
    expect(shippedTufRootProblems(dist({ 'assets/worker.js': worker(BUNDLED), 'trust/tuf_root.json': BUNDLED }), BUNDLED)).toEqual([]);
  });

  it('reads the template literal as JavaScript does (the real text, not a look-alike)', () => {
    const literal = asTemplateLiteral(BUNDLED);
    expect(literal).not.toBe(BUNDLED); // the PEM keys' \n escapes
    expect(new Function(`return \`${literal}\`;`)()).toBe(BUNDLED);
    const almost = worker(BUNDLED.replace('"version": 16', '"version": 17'));
    expect(shippedTufRootProblems(dist({ 'assets/worker.js': almost, 'trust/tuf_root.json': BUNDLED }), BUNDLED)).toEqual([
      expect.stringMatching(/^assets\/worker\.js: 1 TUF root/),
      expect.stringMatching(/no script carries/),
    ]);
  });

  it('fails a build whose worker does not carry the bundled root', () => {
    expect(shippedTufRootProblems(dist({ 'assets/worker.js': 'var a=1;', 'trust/tuf_root.json': BUNDLED }), BUNDLED)).toEqual([
      expect.stringMatching(/no script carries/),
    ]);
  });

  it.each([
    ['a template literal', worker(TEST_ROOT)],
    ['an escaped JSON string', `var t=${JSON.stringify(TEST_ROOT)};`],
    ['an object literal', `var t={signed:{_type:"root",version:16}};`],
    ['an object literal with a template string', 'var t={signed:{_type:`root`,version:16}};'],
  ])('finds another TUF root as %s, next to the bundled one', (_how, extra) => {
    const d = dist({ 'assets/worker.js': worker(BUNDLED), 'assets/test-root.js': extra, 'trust/tuf_root.json': BUNDLED });
    expect(shippedTufRootProblems(d, BUNDLED)).toEqual([expect.stringMatching(/^assets\/test-root\.js: 1 TUF root/)]);
  });

  it('finds a replaced trust/tuf_root.json', () => {
    const d = dist({ 'assets/worker.js': worker(BUNDLED), 'trust/tuf_root.json': TEST_ROOT });
    expect(shippedTufRootProblems(d, BUNDLED)).toEqual([expect.stringMatching(/^trust\/tuf_root\.json: 1 TUF root/)]);
  });
});
