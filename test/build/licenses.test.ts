import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { build, type Rollup } from 'vite';
import {
  allowedUnder,
  collectLicences,
  loadAllowList,
  ownerOfModule,
  renderLicenceFile,
  type AllowList,
} from '../../scripts/licenses/collect';
import { thirdPartyLicenses } from '../../scripts/licenses/vite-plugin';

const MIT = 'MIT License\n\nCopyright (c) Someone\n\nPermission is hereby granted, free of charge…\n';
const tmp: string[] = [];
afterEach(() => {
  for (const d of tmp.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A tiny project: node_modules/<name>/{package.json,index.js,LICENSE?} for each package given. */
function project(pkgs: Record<string, { license?: unknown; text?: string; code?: string; files?: Record<string, string> }>) {
  const root = mkdtempSync(join(tmpdir(), 'pp-lic-'));
  tmp.push(root);
  for (const [name, p] of Object.entries(pkgs)) {
    const dir = join(root, 'node_modules', ...name.split('/'));
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({ name, version: '1.0.0', main: 'index.js', license: p.license, sideEffects: false }),
    );
    writeFileSync(join(dir, 'index.js'), p.code ?? `export const value = ${JSON.stringify(name)};\n`);
    if (p.text) writeFileSync(join(dir, 'LICENSE'), p.text);
    for (const [f, t] of Object.entries(p.files ?? {})) {
      mkdirSync(dirname(join(dir, f)), { recursive: true });
      writeFileSync(join(dir, f), t);
    }
  }
  return root;
}

const allow: AllowList = {
  licenses: {
    MIT: { kind: 'permissive' },
    'Apache-2.0': { kind: 'permissive' },
    'MPL-2.0': { kind: 'file-level copyleft', sourceOffer: true },
  },
  packages: {},
  virtualModules: { '\0rolldown/': { package: 'rolldown-fake', why: 'runtime helpers' } },
  bundledData: { 'data/root.json': { what: 'a trust root', source: 'https://example.org', license: 'Apache-2.0' } },
};

describe('SPDX expressions against the allow-list', () => {
  const ok = { MIT: {}, 'Apache-2.0': {}, 'GPL-2.0-only WITH Classpath-exception-2.0': {} };
  it.each([
    ['MIT', ['MIT']],
    ['(MIT OR GPL-3.0-only)', ['MIT']],
    ['(GPL-3.0-only OR Apache-2.0)', ['Apache-2.0']],
    ['MIT AND Apache-2.0', ['MIT', 'Apache-2.0']],
    ['GPL-2.0-only WITH Classpath-exception-2.0', ['GPL-2.0-only WITH Classpath-exception-2.0']],
  ])('%s is allowed through %j', (expr, ids) => expect(allowedUnder(expr, ok)).toEqual(ids));
  it.each(['GPL-3.0-only', 'MIT AND GPL-3.0-only', 'SEE LICENSE IN LICENSE.txt', 'UNLICENSED', 'MITT', 'Apache-2.0+', 'GPL-2.0-only'])(
    '%s is not allowed',
    (expr) => expect(allowedUnder(expr, ok)).toBeNull(),
  );
});

describe('module ids → owners', () => {
  const root = '/r';
  it('finds the package folder (scoped, nested node_modules), virtual modules, our files, outsiders', () => {
    const real = project({ a: { license: 'MIT', text: MIT } });
    const a = join(real, 'node_modules', 'a', 'index.js');
    expect(ownerOfModule(a, real, allow)).toEqual({ kind: 'package', dir: join(real, 'node_modules', 'a') });
    expect(ownerOfModule(`${a}?raw`, real, allow)).toEqual({ kind: 'package', dir: join(real, 'node_modules', 'a') });
    expect(ownerOfModule('\0rolldown/runtime.js', root, allow)).toMatchObject({ kind: 'virtual', packageName: 'rolldown-fake' });
    expect(ownerOfModule('\0something/else', root, allow).kind).toBe('unknown');
    expect(ownerOfModule('virtual:thing', root, allow).kind).toBe('unknown');
    writeFileSync(join(real, 'mine.ts'), 'export {}');
    expect(ownerOfModule(join(real, 'mine.ts'), real, allow)).toEqual({ kind: 'repo', path: 'mine.ts' });
    expect(ownerOfModule(join(real, 'mine.ts'), join(real, 'elsewhere'), allow).kind).toBe('unknown');
  });
  it('takes the last node_modules segment and the scope', () => {
    const real = project({
      '@s/p': { license: 'MIT', text: MIT, files: { 'node_modules/@t/q/x.js': 'x', 'node_modules/@t/q/package.json': '{}' } },
    });
    const nested = join(real, 'node_modules', '@s', 'p', 'node_modules', '@t', 'q', 'x.js');
    expect(ownerOfModule(nested, real, allow)).toEqual({
      kind: 'package',
      dir: join(real, 'node_modules', '@s', 'p', 'node_modules', '@t', 'q'),
    });
  });
});

describe('collectLicences', () => {
  const idOf = (root: string, name: string) => join(root, 'node_modules', ...name.split('/'), 'index.js');

  it('lists each package once with its texts, groups identical texts, names MPL sources, bundled data', () => {
    const root = project({
      b: { license: 'MIT', text: MIT },
      '@s/a': { license: 'Apache-2.0', text: 'Apache text\n', files: { NOTICE: 'Notice of @s/a\n' } },
      c: { license: 'MIT', text: MIT },
      m: { license: 'MPL-2.0', text: 'Mozilla Public License Version 2.0\n' },
      'rolldown-fake': { license: 'MIT', text: 'runtime licence\n' },
    });
    mkdirSync(join(root, 'data'));
    writeFileSync(join(root, 'data', 'root.json'), '{}');
    const ids = [
      idOf(root, 'b'),
      idOf(root, '@s/a'),
      idOf(root, 'c'),
      idOf(root, 'c'),
      idOf(root, 'm'),
      '\0rolldown/runtime.js',
      join(root, 'data', 'root.json?raw'),
    ];
    const report = collectLicences(ids, { root, allow });
    expect(report.problems).toEqual([]);
    expect(report.packages.map((p) => p.name)).toEqual(['@s/a', 'b', 'c', 'm', 'rolldown-fake']);
    expect(report.packages.find((p) => p.name === '@s/a')!.texts.map((t) => t.file)).toEqual(['LICENSE', 'NOTICE']);
    const text = renderLicenceFile(report, 'test bundle');
    expect(text).toContain('b 1.0.0: LICENSE\nc 1.0.0: LICENSE\n'); // one identical MIT text, both packages named above it
    expect(text.split('Permission is hereby granted').length).toBe(2);
    expect(text).toContain('Notice of @s/a');
    expect(text).toContain('unmodified; its source is the npm package m@1.0.0');
    expect(text).toContain('included because runtime helpers');
    expect(text).toContain('data/root.json: a trust root');
    expect(text).not.toContain(root); // no build paths
  });

  it('reports every problem: licence off the list, no licence, no text, unknown virtual module, outside file', () => {
    const root = project({
      gpl: { license: 'GPL-3.0-only', text: 'GPL\n' },
      none: { text: MIT },
      notext: { license: 'MIT' },
      noticeonly: { license: 'Apache-2.0', files: { NOTICE: 'n\n' } },
    });
    const ids = ['gpl', 'none', 'notext', 'noticeonly'].map((n) => idOf(root, n));
    const outside = project({});
    writeFileSync(join(outside, 'x.js'), '');
    const report = collectLicences([...ids, '\0mystery', join(outside, 'x.js')], { root, allow });
    const joined = report.problems.join('\n');
    expect(report.problems).toHaveLength(6);
    expect(joined).toMatch(/gpl@1\.0\.0: licence "GPL-3\.0-only" is not on the allow-list/);
    expect(joined).toMatch(/none@1\.0\.0: no licence declared/);
    expect(joined).toMatch(/notext@1\.0\.0: ships no licence text/);
    expect(joined).toMatch(/noticeonly@1\.0\.0: ships no licence text/);
    expect(joined).toMatch(/"\\u0000mystery" is not a file and not a known virtual module/);
    expect(joined).toMatch(/outside the repository/);
  });

  it('uses a licence text kept in the repository, and cuts a text at a marker that must still be there', () => {
    const root = project({ bare: { license: 'Apache-2.0' }, long: { license: 'MIT', text: `${MIT}\n# Bundled\nother licences\n` } });
    const dir = join(root, 'kept');
    mkdirSync(dir);
    writeFileSync(join(dir, 'bare.LICENSE'), 'Apache License kept here\n');
    const withOverrides: AllowList = {
      ...allow,
      packages: {
        bare: { license: 'Apache-2.0', licenseFile: 'bare.LICENSE', why: 'tarball lacks it' },
        long: { cutAt: '# Bundled', why: 'own part only' },
      },
    };
    const ok = collectLicences([idOf(root, 'bare'), idOf(root, 'long')], { root, allow: withOverrides, allowListDir: dir });
    expect(ok.problems).toEqual([]);
    const text = renderLicenceFile(ok, 't');
    expect(text).toContain('Apache License kept here');
    expect(text).not.toContain('other licences');

    const moved: AllowList = {
      ...withOverrides,
      packages: {
        ...withOverrides.packages,
        long: { cutAt: '# Gone', why: 'x' },
        bare: { license: 'MIT', licenseFile: 'bare.LICENSE', why: 'x' },
      },
    };
    const bad = collectLicences([idOf(root, 'bare'), idOf(root, 'long')], { root, allow: moved, allowListDir: dir });
    expect(bad.problems.join('\n')).toMatch(/long@1\.0\.0: the allow-list cuts its licence text at "# Gone"/);
    expect(bad.problems.join('\n')).toMatch(
      /bare@1\.0\.0: package\.json says licence "Apache-2\.0" but the allow-list entry was written for "MIT"/,
    );
  });
});

describe('the vite plugin over a real bundle', () => {
  async function bundle(root: string, entry: string) {
    writeFileSync(join(root, 'entry.js'), entry);
    const out = (await build({
      root,
      configFile: false,
      logLevel: 'silent',
      plugins: [thirdPartyLicenses({ title: 'fixture' })],
      build: { write: false, minify: false, lib: { entry: join(root, 'entry.js'), formats: ['es'], fileName: 'out' } },
    })) as Rollup.RolldownOutput[] | Rollup.RolldownOutput;
    const output = (Array.isArray(out) ? out[0]! : out).output;
    const asset = output.find((o) => o.fileName === 'THIRD_PARTY_LICENSES.txt');
    return asset && asset.type === 'asset' ? String(asset.source) : null;
  }

  it('lists what the module graph ships, not what package.json lists: an import whose code is dropped is not listed', async () => {
    const root = project({ used: { license: 'MIT', text: MIT }, unused: { license: 'MIT', text: MIT } });
    writeFileSync(join(root, 'package.json'), JSON.stringify({ dependencies: { used: '1.0.0', unused: '1.0.0', absent: '1.0.0' } }));
    const text = await bundle(
      root,
      "import { value } from 'used';\nimport { value as v2 } from 'unused';\nvoid v2;\nexport default value;\n",
    );
    expect(text).toContain('  used 1.0.0  (MIT)');
    expect(text).not.toContain('unused'); // imported, but rolldown dropped all its code (sideEffects: false)
    expect(text).not.toContain('absent'); // a dependency in package.json that nothing imports
  });

  it('fails the build on a licence that is not allowed', async () => {
    const root = project({ copyleft: { license: 'AGPL-3.0-only', text: 'AGPL\n' } });
    await expect(bundle(root, "export { value } from 'copyleft';\n")).rejects.toThrow(
      /copyleft@1\.0\.0: licence "AGPL-3\.0-only" is not on the allow-list/,
    );
  });
});

describe('the repository allow-list', () => {
  it('is well-formed: every licence a valid SPDX id, every kept text present, every entry says why', () => {
    const list = loadAllowList();
    for (const id of Object.keys(list.licenses)) expect(allowedUnder(id, list.licenses), id).toEqual([id]);
    for (const [name, p] of Object.entries(list.packages)) {
      expect(p.why, name).toBeTruthy();
      if (p.licenseFile)
        expect(readFileSync(join(__dirname, '../../scripts/licenses', p.licenseFile), 'utf8').length, name).toBeGreaterThan(100);
    }
    for (const v of Object.values(list.virtualModules)) expect(v.why).toBeTruthy();
  });
});
