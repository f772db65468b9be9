/**
 * House rules for .github/workflows (actionlint checks the rest in `npm run lint:workflows`):
 * every action pinned by a full commit SHA with the version it is as a comment, no default token
 * permissions at the top, and an explicit `permissions:` block in every job.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const DIR = join(__dirname, '..', '..', '.github', 'workflows');
const workflows = readdirSync(DIR).filter((f) => /\.ya?ml$/.test(f));

/** The jobs of a workflow: name → its lines (jobs at two spaces under `jobs:`). */
function jobs(text: string): Map<string, string[]> {
  const lines = text.split('\n');
  const start = lines.indexOf('jobs:');
  const out = new Map<string, string[]>();
  let current: string | null = null;
  for (const line of lines.slice(start + 1)) {
    const m = /^ {2}([\w-]+):\s*$/.exec(line);
    if (m) out.set((current = m[1]!), []);
    else if (/^\S/.test(line)) break;
    else if (current) out.get(current)!.push(line);
  }
  return out;
}

describe('GitHub workflows', () => {
  it('exist: CI for pull requests and the release', () => {
    expect(workflows).toEqual(expect.arrayContaining(['ci.yml', 'release.yml']));
  });

  it.each(workflows)('%s pins every action by commit SHA and names its version', (file) => {
    const text = readFileSync(join(DIR, file), 'utf8');
    const uses = text.split('\n').filter((l) => /^\s*(-\s+)?uses:/.test(l));
    expect(uses.length).toBeGreaterThan(0);
    for (const line of uses) {
      expect(line, line).toMatch(/uses: [\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+){0,2}\s*$/);
    }
  });

  it.each(workflows)('%s grants nothing by default and each job says what it needs', (file) => {
    const text = readFileSync(join(DIR, file), 'utf8');
    expect(text).toMatch(/^permissions: \{\}$/m);
    const all = jobs(text);
    expect(all.size).toBeGreaterThan(0);
    for (const [name, lines] of all)
      expect(
        lines.some((l) => /^ {4}permissions:/.test(l)),
        `job ${name}`,
      ).toBe(true);
  });

  it('only the release job that runs no project code can mint an OIDC token or write', () => {
    const release = jobs(readFileSync(join(DIR, 'release.yml'), 'utf8'));
    const build = release.get('build')!.join('\n');
    expect(build).toContain('npm test');
    expect(build).not.toMatch(/id-token|: write/);
    const publish = release.get('attest-and-publish')!.join('\n');
    expect(publish).toMatch(/id-token: write/);
    expect(publish).not.toMatch(/npm (ci|test|run|install)|\.ci\/run/);
  });

  it('update-trust-root.yml: scheduled, runs npm run update-trust-root read-only, opens the pull request from a job that runs no project code', () => {
    const text = readFileSync(join(DIR, 'update-trust-root.yml'), 'utf8');
    expect(text).toMatch(/^ {2}schedule:\n {4}- cron: '[^']+'$/m);
    const all = jobs(text);
    const update = all.get('update')!.join('\n');
    expect(update).toContain('npm run update-trust-root');
    expect(update).toMatch(/permissions:\n {6}contents: read/);
    expect(update).not.toMatch(/: write/);
    const pr = all.get('pull-request')!.join('\n');
    expect(pr).toMatch(/contents: write/);
    expect(pr).toContain('gh pr create');
    expect(pr).not.toMatch(/^\s*(npm|npx|node)\b/m); // no command runs project code
  });
});
