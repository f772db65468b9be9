/**
 * Read the extension's badges through the light-DOM contract (docs/architecture.md):
 * `data-provenance-state`, `data-provenance-level`, `data-provenance-filename` on each badge host.
 */
import type { Page } from 'playwright-core';

export type BadgeState = 'verified' | 'failed' | 'absent' | 'error' | 'pending';
export type BadgeLevel = 'ok' | 'neutral' | 'warning' | 'danger';

export interface BadgeInfo {
  filename: string;
  state: string;
  level: string;
}

/** CSS selector of badge hosts (not the panel or summary hosts, even if they carry the same attributes). */
export const BADGE_SELECTOR =
  '[data-provenance-state][data-provenance-filename]:not([data-provenance-panel]):not([data-provenance-summary])';
export const SUMMARY_SELECTOR = '[data-provenance-summary]';
export const panelSelector = (filename: string) => `[data-provenance-panel="${cssString(filename)}"]`;
export const badgeSelector = (filename: string) =>
  `[data-provenance-filename="${cssString(filename)}"][data-provenance-state]:not([data-provenance-panel]):not([data-provenance-summary])`;

function cssString(s: string): string {
  return s.replace(/["\\]/g, '\\$&');
}

export async function readBadges(page: Page, scope?: string): Promise<BadgeInfo[]> {
  return page.evaluate(
    ({ sel, scope }) => {
      const root: ParentNode = scope ? (document.querySelector(scope) ?? document) : document;
      return Array.from(root.querySelectorAll(sel)).map((el) => ({
        filename: el.getAttribute('data-provenance-filename') ?? '',
        state: el.getAttribute('data-provenance-state') ?? '',
        level: el.getAttribute('data-provenance-level') ?? '',
      }));
    },
    { sel: BADGE_SELECTOR, scope: scope ?? null },
  );
}

export interface SettleOptions {
  /** Wait until at least this many badges exist. */
  count?: number;
  timeout?: number;
  scope?: string;
}

/**
 * Wait until the badges exist (at least `count`) and none is `pending`. Returns them; on timeout
 * throws with the current badges listed (so a red test says what was stuck).
 */
export async function waitForSettled(page: Page, opts: SettleOptions = {}): Promise<BadgeInfo[]> {
  const timeout = opts.timeout ?? 30_000;
  const deadline = Date.now() + timeout;
  let last: BadgeInfo[] = [];
  while (Date.now() < deadline) {
    last = await readBadges(page, opts.scope).catch(() => last);
    const enough = last.length > 0 && (opts.count === undefined || last.length >= opts.count);
    if (enough && last.every((b) => b.state !== 'pending')) return last;
    await page.waitForTimeout(100);
  }
  throw new Error(
    `badges did not settle within ${timeout} ms (expected ${opts.count ?? '≥1'}); now: ` +
      (last.length ? last.map((b) => `${b.filename}=${b.state}/${b.level}`).join(', ') : 'no badges'),
  );
}

/** Map filename → badge; throws if a filename has more than one badge. */
export function byFilename(badges: BadgeInfo[]): Map<string, BadgeInfo> {
  const m = new Map<string, BadgeInfo>();
  for (const b of badges) {
    if (m.has(b.filename)) throw new Error(`more than one badge for ${b.filename}`);
    m.set(b.filename, b);
  }
  return m;
}

/**
 * A plain-text table of verdicts (for the demo and test logs). With `reasons` on any row, a last
 * column lists each file's reason codes (as its panel shows them, `data-reason`).
 */
export function formatTable(rows: (BadgeInfo & { page?: string; reasons?: string[] })[]): string {
  const withReasons = rows.some((r) => r.reasons !== undefined);
  const head = ['page', 'filename', 'state', 'level', ...(withReasons ? ['reason'] : [])];
  const data = rows.map((r) => [r.page ?? '', r.filename, r.state, r.level, ...(withReasons ? [(r.reasons ?? []).join(', ')] : [])]);
  const widths = head.map((h, i) => Math.max(h.length, ...data.map((d) => d[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...data.map(line)].join('\n');
}
