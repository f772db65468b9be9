/**
 * src/shim/protobuf-specs.ts (what the browser bundles get for `@sigstore/protobuf-specs`) exports
 * every name @sigstore/{bundle,verify,core} and src/ take from the package, the very same objects,
 * and nothing from sigstore_verification.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as real from '@sigstore/protobuf-specs';
import * as shim from '../../src/shim/protobuf-specs';

const real_ = real as unknown as Record<string, unknown>;
const shim_ = shim as unknown as Record<string, unknown>;

function jsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return jsFiles(p);
    return p.endsWith('.js') ? [p] : [];
  });
}

/** `protobuf_specs_1.Name` in the CommonJS of the @sigstore packages bundled into the worker. */
function namesUsedBySigstore(): Set<string> {
  const names = new Set<string>();
  for (const pkg of ['bundle', 'verify', 'core'])
    for (const f of jsFiles(join('node_modules/@sigstore', pkg, 'dist')))
      for (const m of readFileSync(f, 'utf8').matchAll(/\bprotobuf_specs_1\.([A-Za-z_$][\w$]*)/g)) names.add(m[1]!);
  return names;
}

describe('protobuf-specs shim', () => {
  it('exports every name the bundled @sigstore packages use, the same objects as the package', () => {
    const used = namesUsedBySigstore();
    expect(used.size).toBeGreaterThan(0);
    for (const n of [...used, 'TrustedRoot', 'HashAlgorithm']) {
      expect(shim_[n], n).toBeDefined();
      expect(shim_[n], n).toBe(real_[n]);
    }
  });

  it('leaves out sigstore_verification only', () => {
    const missing = Object.keys(real_).filter((k) => !(k in shim_));
    expect(missing).toContain('ArtifactVerificationOptions');
    const verification = Object.keys(
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require('../../node_modules/@sigstore/protobuf-specs/dist/__generated__/sigstore_verification.js') as object,
    );
    expect(missing.sort()).toEqual(verification.filter((k) => k !== '__esModule').sort());
  });
});
