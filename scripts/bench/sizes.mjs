/**
 * Bundle sizes of a built extension (dist/): for the worker and for the content script, the
 * entry file named by manifest.json plus every chunk it loads, followed transitively:
 * static `import … from './x.js'` / `import './x.js'`, dynamic `import('./x.js')`, and the
 * crxjs content-script loader's `chrome.runtime.getURL("assets/x.js")`. Bytes as built
 * (minified, not gzipped). CSS is not counted (the content UI's styles are inlined in JS).
 *
 * `content` is what every matching page loads: the loader and the static closure of the entry.
 * `panel` is what the content script adds on first opening a details panel: the chunks reached
 * only through dynamic imports (the panel, and the English fallback table loaded only when the
 * browser's i18n API answers nothing).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';

function closure(dist, entry, { dynamic = true } = {}) {
  const seen = new Set();
  const stack = [normalize(join(dist, entry))];
  while (stack.length) {
    const file = stack.pop();
    if (seen.has(file) || !existsSync(file)) continue;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    const refs = [
      ...[...code.matchAll(/\bimport\s*(?:[\w${}\s,*]+from\s*)?["'](\.{1,2}\/[^"']+)["']/g)].map((m) => join(dirname(file), m[1])),
      ...(dynamic ? [...code.matchAll(/\bimport\(\s*["'`](\.{1,2}\/[^"'`]+)["'`]\s*\)/g)].map((m) => join(dirname(file), m[1])) : []),
      ...[...code.matchAll(/getURL\(\s*["'`]([^"'`]+\.js)["'`]\s*\)/g)].map((m) => join(dist, m[1])),
    ];
    for (const r of refs) stack.push(normalize(r));
  }
  const files = [...seen].map((f) => ({ file: relative(dist, f), bytes: statSync(f).size }));
  return { bytes: files.reduce((a, f) => a + f.bytes, 0), files };
}

export function bundleSizes(dist) {
  const manifest = JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8'));
  const worker = closure(dist, manifest.background.service_worker);
  const contentEntries = [...new Set((manifest.content_scripts ?? []).flatMap((c) => c.js ?? []))];
  const eager = new Map();
  const all = new Map();
  for (const e of contentEntries) {
    for (const f of closure(dist, e, { dynamic: false }).files) eager.set(f.file, f.bytes);
    for (const f of closure(dist, e).files) all.set(f.file, f.bytes);
  }
  const group = (entries) => {
    const files = entries.map(([file, bytes]) => ({ file, bytes }));
    return { bytes: files.reduce((a, f) => a + f.bytes, 0), files };
  };
  return {
    worker,
    content: group([...eager]),
    panel: group([...all].filter(([file]) => !eager.has(file))),
  };
}
