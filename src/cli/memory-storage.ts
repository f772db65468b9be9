/** A `browser.storage`-shaped area in memory (the CLI's caches when no cache folder is used). */
import type { StorageAreaLike } from '../background/bounded-store';

export class MemoryStorage implements StorageAreaLike {
  readonly items = new Map<string, unknown>();

  async get(keys: string | string[] | null): Promise<Record<string, unknown>> {
    const out: Record<string, unknown> = {};
    const wanted = keys === null ? [...this.items.keys()] : typeof keys === 'string' ? [keys] : keys;
    for (const k of wanted) if (this.items.has(k)) out[k] = structuredClone(this.items.get(k));
    return out;
  }

  async set(items: Record<string, unknown>): Promise<void> {
    for (const [k, v] of Object.entries(items)) this.items.set(k, structuredClone(v));
  }

  async remove(keys: string | string[]): Promise<void> {
    for (const k of typeof keys === 'string' ? [keys] : keys) this.items.delete(k);
  }
}
