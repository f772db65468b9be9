#!/usr/bin/env node
/**
 * Turn a CLI build folder (default dist-cli/, made by `vite build -c vite.cli.config.ts`) into the
 * publishable npm package `pypi-provenance`: package.json (version, licence and engines from the
 * repository's package.json, no dependencies: everything is bundled), bin/pypi-provenance.mjs,
 * bin/cli-host.mjs and bin/node-version.mjs (the bin refuses a Node outside engines), LICENSE, README.md (docs/cli.md). THIRD_PARTY_LICENSES.txt is already there
 * (the licence step of the build). `npm pack dist-cli` then makes the tarball.
 *
 *   node scripts/build-cli-package.mjs [OUT_DIR]
 */
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));

export function buildCliPackage(outDir = join(root, 'dist-cli')) {
  const repo = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  for (const f of ['pypi-provenance.mjs', 'THIRD_PARTY_LICENSES.txt']) {
    if (!existsSync(join(outDir, f))) throw new Error(`${outDir}/${f} is missing: run vite build -c vite.cli.config.ts first`);
  }
  const pkg = {
    name: 'pypi-provenance',
    version: repo.version,
    description: 'Check PEP 740 provenance (Sigstore attestations) of PyPI releases, downloaded files and lock files.',
    license: repo.license,
    type: 'module',
    bin: { 'pypi-provenance': 'bin/pypi-provenance.mjs' },
    engines: repo.engines,
    files: ['bin/', 'pypi-provenance.mjs', 'chunks/', 'THIRD_PARTY_LICENSES.txt', 'LICENSE', 'README.md'],
    keywords: ['pypi', 'pep740', 'sigstore', 'provenance', 'attestations', 'supply-chain'],
  };
  mkdirSync(join(outDir, 'bin'), { recursive: true });
  writeFileSync(join(outDir, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');
  copyFileSync(join(root, 'scripts', 'cli-package', 'pypi-provenance.mjs'), join(outDir, 'bin', 'pypi-provenance.mjs'));
  copyFileSync(join(root, 'scripts', 'cli-host.mjs'), join(outDir, 'bin', 'cli-host.mjs'));
  copyFileSync(join(root, 'scripts', 'cli-package', 'node-version.mjs'), join(outDir, 'bin', 'node-version.mjs'));
  chmodSync(join(outDir, 'bin', 'pypi-provenance.mjs'), 0o755);
  copyFileSync(join(root, 'LICENSE'), join(outDir, 'LICENSE'));
  copyFileSync(join(root, 'docs', 'cli.md'), join(outDir, 'README.md'));
  return outDir;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = buildCliPackage(process.argv[2] ? resolve(process.argv[2]) : undefined);
  process.stderr.write(`cli package: ${out} (npm pack ${out})\n`);
}
