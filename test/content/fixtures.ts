/** Load e2e/fixtures/pypi-pages pages into jsdom documents, with {{SHA256:<filename>}} tokens substituted. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

export const PAGES_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../e2e/fixtures/pypi-pages');

export const TOKENS: Record<string, { sha256: string; real: boolean }> = JSON.parse(
  readFileSync(join(PAGES_DIR, 'sha256-tokens.json'), 'utf8'),
);

export function substituteTokens(text: string, override: Record<string, string> = {}): string {
  return text.replace(/\{\{SHA256:([^}]+)\}\}/g, (_m, name: string) => {
    const v = override[name] ?? TOKENS[name]?.sha256;
    if (v === undefined) throw new Error(`no sha256 token value for ${name}`);
    return v;
  });
}

export function fixtureHtml(rel: string, override?: Record<string, string>): string {
  return substituteTokens(readFileSync(join(PAGES_DIR, rel), 'utf8'), override);
}

/** Parse a fixture into a fresh Document (not the global one). */
export function fixtureDoc(rel: string, override?: Record<string, string>): Document {
  return new DOMParser().parseFromString(fixtureHtml(rel, override), 'text/html');
}

/** Replace the global jsdom document's content with a fixture page (for mounting tests). */
export function loadIntoGlobalDocument(rel: string, override?: Record<string, string>): void {
  const doc = fixtureDoc(rel, override);
  document.documentElement.replaceWith(document.importNode(doc.documentElement, true));
}
