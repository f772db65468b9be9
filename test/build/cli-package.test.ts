/**
 * The npm package of the CLI (scripts/build-cli-package.mjs) asks for the Node versions the
 * repository does (package.json engines), and its bin enforces exactly that range
 * (scripts/cli-package/node-version.mjs).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error plain .mjs scripts, no type declarations
import { buildCliPackage } from '../../scripts/build-cli-package.mjs';
// @ts-expect-error plain .mjs scripts, no type declarations
import { satisfiesEngines } from '../../scripts/cli-package/node-version.mjs';

const repo = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
const tmp: string[] = [];
afterEach(() => {
  for (const d of tmp.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('CLI npm package', () => {
  it("package.json engines are the repository's, and the bin carries the version check", () => {
    const out = mkdtempSync(join(tmpdir(), 'pp-cli-pkg-'));
    tmp.push(out);
    writeFileSync(join(out, 'pypi-provenance.mjs'), '');
    writeFileSync(join(out, 'THIRD_PARTY_LICENSES.txt'), '');
    buildCliPackage(out);
    const pkg = JSON.parse(readFileSync(join(out, 'package.json'), 'utf8'));
    expect(pkg.engines).toEqual(repo.engines);
    expect(readFileSync(join(out, 'bin', 'node-version.mjs'), 'utf8')).toContain('export function satisfiesEngines');
    expect(readFileSync(join(out, 'bin', 'pypi-provenance.mjs'), 'utf8')).toContain('satisfiesEngines(process.version, engines.node)');
  });

  it.each([
    ['v20.19.0', false],
    ['v22.22.1', false],
    ['v22.22.2', true],
    ['v22.30.0', true],
    ['v23.11.0', false],
    ['v24.14.9', false],
    ['v24.15.0', true],
    ['v24.21.0', true],
    ['v25.9.0', false],
    ['v26.0.0', true],
    ['v31.2.3', true],
    ['not a version', false],
  ])('Node %s satisfies the repository engines: %s', (version, ok) => {
    expect(satisfiesEngines(version, repo.engines.node)).toBe(ok);
  });

  it('the running Node (the one CI tests on) satisfies it', () => {
    expect(satisfiesEngines(process.version, repo.engines.node)).toBe(true);
  });
});
