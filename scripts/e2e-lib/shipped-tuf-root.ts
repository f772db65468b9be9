/**
 * The shipped extension starts TUF refreshes from one root only: Sigstore's, public/trust/tuf_root.json
 * (inlined in the worker, copied to trust/). This finds every TUF root in a built extension folder
 * and reports any that is not that file's exact text, and a build whose worker lacks it. Run on the
 * real dist/ by e2e/shipped-trust-root.spec.ts and on dist-firefox/ by e2e-firefox/run.ts.
 *
 * A TUF root is recognised by its `"_type": "root"` member in any spelling a bundler emits: JSON
 * text (a JSON file, a template literal), an escaped JSON string ("{\"_type\":\"root\"…") or an
 * object literal (_type:"root", _type:`root`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT_MARKER = /_type\\?["'`]?\s*:\s*\\?["'`]root\\?["'`]/g;
const TEXT_FILE = /\.(m?js|json|html|css|txt)$/;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

/** `text` as a JavaScript template literal's source (what vite writes for `?raw`), between the backticks. */
export const asTemplateLiteral = (text: string): string => text.replace(/[\\`]/g, '\\$&').replace(/\$\{/g, '\\${');

/** Problems (empty: the folder carries only `bundledRoot`, and its JavaScript carries it). */
export function shippedTufRootProblems(distDir: string, bundledRoot: string): string[] {
  const problems: string[] = [];
  // The bundled root as a file holds it, inside a template literal, inside a "…" string.
  const spellings = [bundledRoot, asTemplateLiteral(bundledRoot), JSON.stringify(bundledRoot).slice(1, -1)];
  let inScript = 0;
  for (const f of files(distDir)) {
    if (!TEXT_FILE.test(f)) continue;
    let text = readFileSync(f, 'utf8');
    for (const spelling of spellings) {
      const parts = text.split(spelling);
      if (/\.m?js$/.test(f)) inScript += parts.length - 1;
      text = parts.join('');
    }
    const others = text.match(ROOT_MARKER)?.length ?? 0;
    if (others > 0) problems.push(`${relative(distDir, f)}: ${others} TUF root(s) other than public/trust/tuf_root.json`);
  }
  if (inScript === 0) problems.push('no script carries public/trust/tuf_root.json (the worker must inline it as its bootstrap root)');
  return problems;
}
