/**
 * A progress bar on stderr for long checks, drawn only when stderr is a terminal (never in CI
 * logs or pipes): "[#######-----] 12/40 files".
 */
import type { CliHost } from './host';

export interface Progress {
  /** More files to wait for. */
  add(n: number): void;
  /** One file done. */
  tick(): void;
  /** Erase the bar. */
  done(): void;
}

export function createProgress(host: CliHost, enabled: boolean): Progress {
  let total = 0;
  let finished = 0;
  let drawn = false;
  const draw = () => {
    if (!enabled || total === 0) return;
    const width = 30;
    const full = Math.round((finished / total) * width);
    host.stderr(`\r[${'#'.repeat(full)}${'-'.repeat(width - full)}] ${finished}/${total} files`);
    drawn = true;
  };
  return {
    add(n) {
      total += n;
      draw();
    },
    tick() {
      finished++;
      draw();
    },
    done() {
      if (drawn) host.stderr('\r\u001b[2K');
      drawn = false;
    },
  };
}
