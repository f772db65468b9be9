/**
 * What a CLI bundle needs from its host. The CLI bundles are built for the browser platform with
 * the same shims as the extension's worker (so a CLI result is a worker result) and must not
 * import Node built-ins: scripts/cli.mjs (plain Node) implements this and calls `main(argv, host)`.
 */
export interface CliHost {
  /** Read a whole file; rejects if it cannot be read. */
  readFile(path: string): Promise<Uint8Array>;
  /** Write text to standard output (no newline added). */
  stdout(text: string): void;
  /** Write text to standard error (no newline added). */
  stderr(text: string): void;
}

/** A CLI entry point: resolves to the process exit code. */
export type CliMain = (argv: string[], host: CliHost) => Promise<number>;
