/** `pypi-provenance audit LOCKFILE`: every pinned file of requirements.txt, pylock.toml or uv.lock. */
import { UsageError } from './args';
import type { IndexChoice } from './index-url';
import type { RunContext } from './main';
import type { RunResult } from './results';

export async function runAudit(ctx: RunContext, index: IndexChoice): Promise<RunResult> {
  void ctx;
  void index;
  throw new UsageError('audit: not available yet');
}
