/**
 * src/verify/base64.ts uses the engine's own base64 (Uint8Array.fromBase64 / toBase64) when there
 * is one; Node 24 has none, so the unit tests (test/verify/base64.test.ts) check the pure-TS
 * loops. Here, in Debian Chromium: the engine's decoder is present and gives exactly the loops'
 * answer (bytes or null) on every case of test/verify/base64-cases.ts, strict and lenient, and
 * the same encoding. No extension needed: base64.ts is bundled alone into a blank page.
 */
import { test, expect } from '@playwright/test';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { chromiumPath } from '../scripts/e2e-lib/launch';
import { REPO_ROOT } from '../scripts/e2e-lib/pypi-fixture';
import { BASE64_CASES } from '../test/verify/base64-cases';

test('the browser base64 decoder agrees with the pure-TS one on every case', async () => {
  const out = await build({
    entryPoints: [join(REPO_ROOT, 'src/verify/base64.ts')],
    bundle: true,
    format: 'iife',
    globalName: 'B64',
    write: false,
    target: 'es2022',
  });
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage();
    await page.addScriptTag({ content: out.outputFiles[0]!.text });
    const r = await page.evaluate((cases) => {
      type M = typeof import('../src/verify/base64');
      const m = (globalThis as unknown as { B64: M }).B64;
      const hex = (b: Uint8Array | null) => (b === null ? null : Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(''));
      const diffs: string[] = [];
      let decoded = 0;
      for (const s of cases) {
        const strict = hex(m.decodeBase64Strict(s));
        const lenient = hex(m.decodeBase64Lenient(s));
        if (strict !== hex(m.withoutNativeBase64(() => m.decodeBase64Strict(s)))) diffs.push(`strict ${JSON.stringify(s)}`);
        if (lenient !== hex(m.withoutNativeBase64(() => m.decodeBase64Lenient(s)))) diffs.push(`lenient ${JSON.stringify(s)}`);
        const bytes = m.decodeBase64Lenient(s);
        if (bytes && m.encodeBase64(bytes) !== m.withoutNativeBase64(() => m.encodeBase64(bytes)))
          diffs.push(`encode ${JSON.stringify(s)}`);
        if (strict !== null) decoded++;
      }
      const native = typeof (Uint8Array as unknown as { fromBase64?: unknown }).fromBase64 === 'function';
      return { native, diffs, decoded, cases: cases.length };
    }, BASE64_CASES);
    expect(r.native, 'this Chromium has Uint8Array.fromBase64 (else the test checks nothing)').toBe(true);
    expect(r.diffs).toEqual([]);
    expect(r.decoded).toBeGreaterThan(40); // the canonical encodings among the cases
    expect(r.cases).toBeGreaterThan(400);
  } finally {
    await browser.close();
  }
});
