/**
 * What a CLI bundle needs from its host. The CLI bundles are built for the browser platform with
 * the same shims as the extension's worker (so a CLI result is a worker result) and must not
 * import Node built-ins: scripts/cli-host.mjs (plain Node) implements this, and scripts/cli.mjs
 * (the repository) and the installed `pypi-provenance` bin call `main(argv, host)` with it.
 */
export interface CliHost {
  /** Read a whole file; rejects if it cannot be read. */
  readFile(path: string): Promise<Uint8Array>;
  /**
   * Read a file of at most `maxBytes` bytes without ever holding more than `maxBytes + 1` of it:
   * `tooLarge` (and no bytes) when it is longer. Rejects if it cannot be read.
   */
  readFileCapped(path: string, maxBytes: number): Promise<CappedRead>;
  /** sha256 (lowercase hex) and size of a file, streamed (a wheel can be large). */
  hashFile(path: string): Promise<{ sha256: string; size: number }>;
  /** Write a whole file (atomically: a temporary file renamed over it); creates its folder. */
  writeFile(path: string, text: string): Promise<void>;
  /** Environment variable, or undefined. */
  env(name: string): string | undefined;
  /** The folder a relative path is resolved against, and how paths are joined. */
  resolvePath(...parts: string[]): string;
  /** Whether standard error is a terminal (a progress bar is drawn only then). */
  readonly stderrIsTTY: boolean;
  /** Write text to standard output (no newline added). */
  stdout(text: string): void;
  /** Write text to standard error (no newline added). */
  stderr(text: string): void;
}

export type CappedRead = { tooLarge: false; bytes: Uint8Array } | { tooLarge: true; size: number | null };

/** A CLI entry point: resolves to the process exit code. */
export type CliMain = (argv: string[], host: CliHost) => Promise<number>;
