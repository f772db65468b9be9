/**
 * The on-disk cache: one JSON file holding a `browser.storage`-shaped area, loaded at start and
 * written back (atomically) when something changed. What goes in is bounded by the stores above
 * it (VerdictCache and HistoryStore prune by count and size; CLI_VERDICT_LIMITS); the file is
 * read with a cap and anything unreadable is ignored (the cache starts empty). Safe to delete.
 */
import type { CliHost } from './host';
import { MemoryStorage } from './memory-storage';

export const CACHE_FILE = 'cache-v1.json';
const MAX_CACHE_FILE_BYTES = 32 * 1024 * 1024;

export class DiskStorage extends MemoryStorage {
  private dirty = false;

  private constructor(
    private readonly host: CliHost,
    private readonly file: string,
  ) {
    super();
  }

  static async open(host: CliHost, dir: string): Promise<DiskStorage> {
    const store = new DiskStorage(host, host.resolvePath(dir, CACHE_FILE));
    try {
      const read = await host.readFileCapped(store.file, MAX_CACHE_FILE_BYTES);
      if (!read.tooLarge) {
        const data: unknown = JSON.parse(new TextDecoder().decode(read.bytes));
        if (typeof data === 'object' && data !== null && !Array.isArray(data)) {
          for (const [k, v] of Object.entries(data)) store.items.set(k, v);
        }
      }
    } catch {
      // no cache yet, or an unreadable one: start empty
    }
    return store;
  }

  override async set(items: Record<string, unknown>): Promise<void> {
    await super.set(items);
    this.dirty = true;
  }

  override async remove(keys: string | string[]): Promise<void> {
    await super.remove(keys);
    this.dirty = true;
  }

  /** Write the cache back if it changed; a failure is reported, never fatal. */
  async save(): Promise<void> {
    if (!this.dirty) return;
    await this.host.writeFile(this.file, JSON.stringify(Object.fromEntries(this.items)));
    this.dirty = false;
  }
}

/** $PYPI_PROVENANCE_CACHE_DIR, else $XDG_CACHE_HOME/pypi-provenance/cli, else ~/.cache/pypi-provenance/cli. */
export function defaultCacheDir(host: CliHost): string | null {
  const explicit = host.env('PYPI_PROVENANCE_CACHE_DIR');
  if (explicit) return explicit;
  const xdg = host.env('XDG_CACHE_HOME');
  if (xdg) return host.resolvePath(xdg, 'pypi-provenance', 'cli');
  const home = host.env('HOME') ?? host.env('USERPROFILE');
  return home ? host.resolvePath(home, '.cache', 'pypi-provenance', 'cli') : null;
}
