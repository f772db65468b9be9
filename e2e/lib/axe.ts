/**
 * axe-core in the real browser: inject node_modules/axe-core/axe.min.js with DevTools evaluation
 * (`page.evaluate(source)`, which the extension pages' and pypi.org's CSP do not apply to), run it,
 * and fail on violations of impact "serious" or "critical". `expandAll` opens every <details> of
 * a panel whose closed root closed-roots.ts exposed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect } from '@playwright/test';
import { REPO_ROOT } from '../../scripts/e2e-lib/pypi-fixture';

const AXE_SOURCE = readFileSync(join(REPO_ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

export interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

export async function runAxe(page: Page, include?: string[]): Promise<Violation[]> {
  const loaded = await page.evaluate(() => typeof (window as { axe?: unknown }).axe === 'object');
  if (!loaded) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (sel) => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            ctx: unknown,
            opts: unknown,
          ): Promise<{
            violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[]; failureSummary?: string }[] }[];
          }>;
        };
      }
    ).axe;
    const ctx = sel ? { include: sel.map((s) => [s]) } : document;
    const r = await axe.run(ctx, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => `${JSON.stringify(n.target)}: ${n.failureSummary ?? ''}`),
    }));
  }, include ?? null);
}

export function serious(vs: Violation[]): Violation[] {
  return vs.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** No violation of any impact (minor and moderate included). */
export function expectNone(vs: Violation[], what: string): void {
  expect(vs, `${what}:\n${vs.map((v) => `${v.impact} ${v.id}: ${v.help}\n  ${v.nodes.join('\n  ')}`).join('\n')}`).toEqual([]);
}

export function expectNoSerious(vs: Violation[], what: string): void {
  const bad = serious(vs);
  expect(bad, `${what}:\n${bad.map((v) => `${v.impact} ${v.id}: ${v.help}\n  ${v.nodes.join('\n  ')}`).join('\n')}`).toEqual([]);
}

/**
 * Open every <details> under a host's (exposed) shadow root, nested ones included, as a user
 * clicking each summary would; returns how many were opened. Run after `exposeClosedRoots`.
 */
export async function expandAll(page: Page, hostSelector: string): Promise<number> {
  return page.evaluate((sel) => {
    const root = document.querySelector(sel)?.shadowRoot;
    if (!root) throw new Error(`no exposed shadow root under ${sel}`);
    let n = 0;
    for (const d of root.querySelectorAll('details')) {
      if (!d.open) {
        d.open = true;
        n++;
      }
    }
    return n;
  }, hostSelector);
}
