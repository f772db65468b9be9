/**
 * Nothing the shipped extension is built from can reach the bench trust root: no file under src/
 * imports scripts/bench (the minter, the bench build plugin, the peer) or names the bench
 * authority, and the extension's vite config does not use the bench plugin. The built dist/ is
 * checked by e2e/shipped-build.spec.ts (after `npm run build`).
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

describe('shipped sources and the bench root', () => {
  it('no source file imports scripts/bench or names the bench authority', () => {
    const bad = files('src')
      .filter((f) => /\.(ts|tsx|js|mjs|json)$/.test(f))
      .filter((f) => /(from|import\()\s*['"][^'"]*scripts\/bench|bench\.invalid|sigstore-browser/.test(readFileSync(f, 'utf8')));
    expect(bad).toEqual([]);
  });

  it('the extension build config does not use the bench plugin', () => {
    const config = readFileSync('vite.config.ts', 'utf8');
    expect(config).not.toMatch(/scripts\/bench|benchPlugin/);
  });
});
