/**
 * src/shim/protobuf-specs.ts (what the browser bundles get for `@sigstore/protobuf-specs`) exports
 * every name @sigstore/{bundle,verify,core} and src/ take from the package, the very same objects,
 * and nothing from sigstore_verification; and the bundles' stripped modules read JSON the same.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import * as real from '@sigstore/protobuf-specs';
import * as shim from '../../src/shim/protobuf-specs';
import { withoutProtobufJsonWriters } from '../../scripts/build-config';

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

/**
 * The bundles strip the JSON writers from the generated modules (scripts/build-config.ts,
 * withoutProtobufJsonWriters). Load each stripped module as CommonJS (its relative requires get the
 * stripped modules too) and compare with the package's own.
 */
describe('protobuf-specs without the JSON writers (the bundles)', () => {
  const generated = join('node_modules/@sigstore/protobuf-specs/dist/__generated__');
  const cache = new Map<string, Record<string, unknown>>();
  function loadStripped(file: string): Record<string, unknown> {
    const path = resolve(file);
    const hit = cache.get(path);
    if (hit) return hit;
    const exports: Record<string, unknown> = {};
    cache.set(path, exports);
    const code = withoutProtobufJsonWriters(readFileSync(path, 'utf8'));
    const req = (spec: string) => {
      if (spec.startsWith('.')) return loadStripped(resolve(dirname(path), `${spec}.js`));
      throw new Error(`unexpected require(${spec}) in ${path}`); // the generated modules need only each other
    };
    new Function('exports', 'require', 'module', code)(exports, req, { exports });
    return exports;
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const original = (file: string) => require(resolve(file)) as Record<string, unknown>;
  const files = jsFiles(generated);
  const codecs = (m: Record<string, unknown>) =>
    Object.entries(m).filter(
      ([, v]) => v !== null && typeof v === 'object' && typeof (v as { fromJSON?: unknown }).fromJSON === 'function',
    );

  it('every module keeps every codec and enum, with fromJSON and without toJSON; only *ToJSON exports go', () => {
    expect(files.length).toBeGreaterThan(10);
    let writers = 0;
    for (const f of files) {
      const s = loadStripped(f);
      const o = original(f);
      expect(
        Object.keys(o).filter((k) => !(k in s) || s[k] === undefined),
        f,
      ).toEqual(Object.keys(o).filter((k) => /ToJSON$/.test(k)));
      for (const [name, codec] of codecs(o)) {
        expect(typeof (s[name] as { fromJSON?: unknown }).fromJSON, `${f} ${name}`).toBe('function');
        expect((s[name] as { toJSON?: unknown }).toJSON, `${f} ${name}`).toBeUndefined();
        if (typeof (codec as { toJSON?: unknown }).toJSON === 'function') writers++;
      }
    }
    expect(writers).toBeGreaterThan(50);
  });

  it('Bundle.fromJSON and TrustedRoot.fromJSON read every conformance bundle and trust root the same', () => {
    const Bundle = loadStripped(join(generated, 'sigstore_bundle.js')).Bundle as { fromJSON(o: unknown): unknown };
    const TrustedRoot = loadStripped(join(generated, 'sigstore_trustroot.js')).TrustedRoot as { fromJSON(o: unknown): unknown };
    const dir = 'test/fixtures/sigstore-conformance/bundle-verify';
    let n = 0;
    for (const c of readdirSync(dir).filter((x) => statSync(join(dir, x)).isDirectory())) {
      for (const f of readdirSync(join(dir, c)).filter((x) => x.endsWith('.json'))) {
        let json: object;
        try {
          json = JSON.parse(readFileSync(join(dir, c, f), 'utf8')) as object;
        } catch {
          continue; // a case whose file is deliberately not JSON
        }
        const codec = f.startsWith('trusted_root') ? TrustedRoot : Bundle;
        const real_ = f.startsWith('trusted_root') ? real.TrustedRoot : real.Bundle;
        expect(codec.fromJSON(json), `${c}/${f}`).toEqual(real_.fromJSON(json));
        n++;
      }
    }
    for (const f of [
      'test/fixtures/trust/trusted_root.json',
      'test/fixtures/trust/trusted_root.staging.json',
      'public/trust/trusted_root.json',
    ]) {
      const json = JSON.parse(readFileSync(f, 'utf8')) as object;
      expect(TrustedRoot.fromJSON(json), f).toEqual(real.TrustedRoot.fromJSON(json));
      n++;
    }
    expect(n).toBeGreaterThan(45);
  });
});
