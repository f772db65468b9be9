/**
 * Test harness for the CLI bundles: builds them (with vite.cli.config.ts, i.e. the worker's shims
 * and the fail-on-built-ins guard) into a private directory, and runs them either
 *  - as real processes: `node scripts/cli.mjs <cli> ...` (exit code, stdout, stderr), or
 *  - many invocations in ONE Node process via scripts/cli.mjs `loadMain` (fast; same bundle,
 *    same Buffer polyfill set-up as the real command).
 */
import { build } from 'vite';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

process.env.VITE_CONFIG_NATIVE_IGNORE_WARNING = 'true';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const cliScript = join(repoRoot, 'scripts', 'cli.mjs');

/** Build both CLI bundles into a fresh temp directory; returns it. */
export async function buildCliBundles(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'pypi-provenance-cli-'));
  await build({
    configFile: join(repoRoot, 'vite.cli.config.ts'),
    root: repoRoot,
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
  return outDir;
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run `node scripts/cli.mjs <cli> ...argv` against bundles in `dir`. */
export function runCli(dir: string, cli: string, argv: string[]): CliRun {
  const r = spawnSync(process.execPath, [cliScript, cli, ...argv], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, PYPI_PROVENANCE_CLI_DIR: dir },
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Run `node scripts/cli.mjs <cli> ...argv` without blocking this process (so a server in this
 * process can answer it). `env` is added to the environment.
 */
export function runCliAsync(
  dir: string,
  cli: string,
  argv: string[],
  env: Record<string, string> = {},
  timeoutMs = 60_000,
): Promise<CliRun> {
  return runNode([cliScript, cli, ...argv], { ...env, PYPI_PROVENANCE_CLI_DIR: dir }, timeoutMs);
}

/** Run `node ...args` asynchronously; resolves with the exit code and output. */
export function runNode(args: string[], env: Record<string, string> = {}, timeoutMs = 60_000, cwd = repoRoot): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Run many invocations of one CLI in a single child process; results in order. */
export function runCliBatch(dir: string, cli: string, invocations: string[][]): CliRun[] {
  const script = `
    import { loadMain } from ${JSON.stringify(cliScript)};
    import { createNodeHost } from ${JSON.stringify(join(repoRoot, 'scripts', 'cli-host.mjs'))};
    const main = await loadMain(${JSON.stringify(cli)});
    const results = [];
    for (const argv of JSON.parse(process.env.INVOCATIONS)) {
      let stdout = '', stderr = '';
      const host = createNodeHost({ write: (t) => { stdout += t; } }, { write: (t) => { stderr += t; } });
      let code;
      try { code = await main(argv, host); } catch (e) { code = 'threw'; stderr += String(e && e.stack || e); }
      results.push({ code, stdout, stderr });
    }
    process.stdout.write(JSON.stringify(results));
  `;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, PYPI_PROVENANCE_CLI_DIR: dir, INVOCATIONS: JSON.stringify(invocations) },
    timeout: 120_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`batch runner failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout) as CliRun[];
}

/** Remove a directory made by buildCliBundles. */
export function removeDir(dir: string): void {
  if (dir) rmSync(dir, { recursive: true, force: true });
}
