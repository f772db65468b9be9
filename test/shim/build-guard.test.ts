/**
 * The build guard (scripts/build-config.ts): a browser bundle must FAIL to build if a Node built-in
 * would be externalized (vite alone only warns, and the worker then dies at start-up), while the
 * shimmed modules (crypto, util, buffer) resolve to our shims.
 */
import { describe, expect, it } from 'vitest';
import { build, type Rollup } from 'vite';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { browserShimAliases, failOnNodeBuiltins, isNodeBuiltin } from '../../scripts/build-config';

const dir = mkdtempSync(join(tmpdir(), 'build-guard-'));

function entry(name: string, code: string): string {
  const p = join(dir, name);
  writeFileSync(p, code);
  return p;
}

async function bundle(file: string, guard = true): Promise<string> {
  const out = (await build({
    configFile: false,
    logLevel: 'silent',
    root: dir,
    plugins: guard ? [failOnNodeBuiltins()] : [],
    resolve: { alias: browserShimAliases },
    build: { write: false, minify: false, lib: { entry: file, formats: ['es'], fileName: 'out' } },
  })) as Rollup.RollupOutput[] | Rollup.RollupOutput;
  const outputs = Array.isArray(out) ? out : [out];
  return outputs
    .flatMap((o) => o.output)
    .map((c) => ('code' in c ? c.code : ''))
    .join('\n');
}

describe('failOnNodeBuiltins', () => {
  const offenders = {
    'static import of fs': `import { readFileSync } from 'fs'; export const f = readFileSync;`,
    'node:os': `import os from 'node:os'; export const o = os;`,
    'subpath fs/promises': `import { readFile } from 'fs/promises'; export const r = readFile;`,
    'dynamic import': `export const load = () => import('path');`,
    'require() in CommonJS style': `const os = require('os'); export const o = os;`,
    'node:-only module': `import t from 'node:test'; export const x = t;`,
  };
  for (const [name, code] of Object.entries(offenders)) {
    it(`fails the build: ${name}`, async () => {
      await expect(bundle(entry(`${name.replace(/\W+/g, '_')}.js`, code))).rejects.toThrow(/Node built-in/);
    });
  }

  it('control: without the guard, vite builds the fs entry (so the guard is what fails it)', async () => {
    await expect(
      bundle(entry('control.js', `import { readFileSync } from 'fs'; export const f = readFileSync;`), false),
    ).resolves.toBeTypeOf('string');
  });

  it('crypto, util and buffer (with and without node:) resolve to the shims and build', async () => {
    const code = await bundle(
      entry(
        'shimmed.js',
        `import c from 'crypto'; import * as c2 from 'node:crypto'; import { isDeepStrictEqual } from 'util';
         import { Buffer } from 'node:buffer';
         export const x = [c.createHash, c2.verify, isDeepStrictEqual, Buffer.from];`,
      ),
    );
    expect(code).toContain('Digest method not supported'); // from src/shim/crypto.ts
    expect(code).toContain('NoVerifierError'); // verify() asks an oracle; no curve code of its own
    expect(code).not.toContain('zip215'); // @noble/curves' Ed25519 (src/shim/crypto-noble.ts only)
    expect(code).not.toMatch(/from ['"](node:)?(crypto|util|buffer)['"]/);
  });

  it('minimatch and @sigstore/protobuf-specs resolve to the shims (only the parts used)', async () => {
    const code = await bundle(
      entry(
        'trimmed.js',
        `import { minimatch } from 'minimatch'; import { Bundle, TrustedRoot } from '@sigstore/protobuf-specs';
         export const x = [minimatch, Bundle.fromJSON, TrustedRoot.fromJSON];`,
      ),
    );
    expect(code).toContain('glob pattern string required'); // from src/shim/minimatch.ts
    expect(code).not.toContain('pattern is too long'); // minimatch's own code
    expect(code).toContain('mediaType');
    expect(code).not.toContain('ArtifactVerificationOptions'); // sigstore_verification
  });

  it('isNodeBuiltin', () => {
    for (const id of ['fs', 'node:fs', 'fs/promises', 'node:test', 'crypto']) expect(isNodeBuiltin(id)).toBe(true);
    for (const id of ['buffer/', '@noble/hashes', './fs', 'preact']) expect(isNodeBuiltin(id)).toBe(false);
  });
});
