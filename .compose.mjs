// usage: node compose.mjs dist [groupDepth]
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { SourceMapConsumer } from 'source-map-js';
const dist = process.argv[2] ?? 'dist';
const { bundleSizes } = await import(join(process.cwd(), 'scripts/bench/sizes.mjs'));
const w = bundleSizes(dist).worker;
const per = new Map();
for (const f of w.files) {
  const mapFile = join(dist, f.file + '.map');
  if (!existsSync(mapFile)) { per.set('[nomap] ' + f.file, (per.get('[nomap] ' + f.file) ?? 0) + f.bytes); continue; }
  const code = readFileSync(join(dist, f.file), 'utf8');
  const lines = code.split('\n');
  const c = new SourceMapConsumer(JSON.parse(readFileSync(mapFile, 'utf8')));
  const maps = [];
  c.eachMapping((m) => maps.push(m));
  maps.sort((a, b) => a.generatedLine - b.generatedLine || a.generatedColumn - b.generatedColumn);
  for (let i = 0; i < maps.length; i++) {
    const m = maps[i], n = maps[i + 1];
    let len;
    if (n && n.generatedLine === m.generatedLine) len = n.generatedColumn - m.generatedColumn;
    else len = (lines[m.generatedLine - 1] ?? '').length - m.generatedColumn;
    const src = m.source ?? '[none]';
    per.set(src, (per.get(src) ?? 0) + len);
  }
}
const pkg = (s) => {
  const i = s.lastIndexOf('node_modules/');
  if (i >= 0) { const r = s.slice(i + 13).split('/'); return r[0].startsWith('@') ? r[0] + '/' + r[1] : r[0]; }
  const j = s.indexOf('src/'); if (j >= 0) return s.slice(j).split('/').slice(0, 2).join('/');
  return s;
};
const byPkg = new Map();
for (const [s, b] of per) byPkg.set(pkg(s), (byPkg.get(pkg(s)) ?? 0) + b);
const detail = process.argv[3];
const rows = detail ? [...per].filter(([s]) => s.includes(detail)) : [...byPkg];
rows.sort((a, b) => b[1] - a[1]);
for (const [k, v] of rows) console.log(String(v).padStart(8), k);
console.log('total worker bytes', w.bytes);
