/**
 * A bounded key/value cache over a `browser.storage` area (local or session), with an in-memory
 * layer on top. It survives the service worker being stopped (storage), and is fast while the
 * worker lives (memory). Bounded by entry count and approximate JSON size; the oldest entries
 * (by their timestamp, e.g. fetchedAt) are pruned on write.
 *
 * Layout in storage: `${prefix}e:${key}` → value, `${prefix}index` → [[key, time, bytes], ...].
 * Writes are serialised in one queue so the index never loses an update.
 * Storage is a cache: failures are swallowed (reported through `onError`), never fatal.
 */

export interface StorageAreaLike {
  get(keys: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

export interface BoundedStoreOptions<T> {
  prefix: string;
  maxEntries: number;
  maxBytes: number;
  memoryEntries: number;
  /** Re-validate what storage returns (it can hold anything). */
  validate(value: unknown, key: string): T | null;
  /** JSON-safe form to persist (default: the value itself). */
  serialize?(value: T): unknown;
  onError?(e: unknown): void;
}

type IndexRow = { time: number; bytes: number };

export class BoundedStore<T> {
  private readonly memory = new Map<string, T>();
  private index: Map<string, IndexRow> | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly indexKey: string;

  constructor(
    private readonly storage: StorageAreaLike,
    private readonly opts: BoundedStoreOptions<T>,
  ) {
    this.indexKey = `${opts.prefix}index`;
  }

  private entryKey(key: string): string {
    return `${this.opts.prefix}e:${key}`;
  }

  private remember(key: string, value: T): void {
    this.memory.delete(key);
    this.memory.set(key, value);
    while (this.memory.size > this.opts.memoryEntries) {
      const oldest = this.memory.keys().next().value;
      if (oldest === undefined) break;
      this.memory.delete(oldest);
    }
  }

  private serial<R>(fn: () => Promise<R>): Promise<R> {
    const p = this.queue.then(fn, fn);
    this.queue = p.catch(() => {});
    return p;
  }

  private async loadIndex(): Promise<Map<string, IndexRow>> {
    if (this.index) return this.index;
    const idx = new Map<string, IndexRow>();
    try {
      const got = await this.storage.get(this.indexKey);
      const rows = got[this.indexKey];
      if (Array.isArray(rows)) {
        for (const r of rows) {
          if (Array.isArray(r) && typeof r[0] === 'string' && typeof r[1] === 'number' && typeof r[2] === 'number') {
            idx.set(r[0], { time: r[1], bytes: r[2] });
          }
        }
      }
    } catch (e) {
      this.opts.onError?.(e);
    }
    this.index = idx;
    return idx;
  }

  private indexRows(idx: Map<string, IndexRow>): [string, number, number][] {
    return [...idx].map(([k, r]) => [k, r.time, r.bytes]);
  }

  async get(key: string): Promise<T | null> {
    const m = this.memory.get(key);
    if (m !== undefined) {
      this.remember(key, m);
      return m;
    }
    let raw: unknown;
    try {
      const got = await this.storage.get(this.entryKey(key));
      raw = got[this.entryKey(key)];
    } catch (e) {
      this.opts.onError?.(e);
      return null;
    }
    if (raw === undefined) return null;
    const v = this.opts.validate(raw, key);
    if (v === null) {
      void this.delete(key);
      return null;
    }
    this.remember(key, v);
    return v;
  }

  /**
   * Read every key that is not in memory with ONE storage call, so the `get`s that follow are
   * answered from memory (a check reads one key per file: on a fresh worker that was one
   * extension-API round trip per file, ≈40 ms for a release of 45 behind a busy worker).
   * At most `memoryEntries` keys; a key stored meanwhile keeps its newer value. Never rejects.
   */
  async preload(keys: readonly string[]): Promise<void> {
    const missing = [...new Set(keys)].filter((k) => !this.memory.has(k)).slice(0, this.opts.memoryEntries);
    if (missing.length === 0) return;
    let got: Record<string, unknown>;
    try {
      got = await this.storage.get(missing.map((k) => this.entryKey(k)));
    } catch (e) {
      this.opts.onError?.(e);
      return;
    }
    for (const key of missing) {
      const raw = got[this.entryKey(key)];
      if (raw === undefined || this.memory.has(key)) continue;
      const v = this.opts.validate(raw, key);
      if (v === null) void this.delete(key);
      else this.remember(key, v);
    }
  }

  /** Store `value` with timestamp `time` (used for LRU pruning). */
  set(key: string, value: T, time: number): Promise<void> {
    this.remember(key, value);
    return this.serial(async () => {
      const idx = await this.loadIndex();
      let persisted: unknown;
      let bytes: number;
      try {
        persisted = this.opts.serialize ? this.opts.serialize(value) : value;
        bytes = JSON.stringify(persisted).length;
      } catch (e) {
        // Cannot be stored (e.g. not serialisable): forget it, so it is computed again next time.
        this.memory.delete(key);
        this.opts.onError?.(e);
        return;
      }
      if (bytes > this.opts.maxBytes) return; // too large to persist: memory only
      idx.delete(key);
      idx.set(key, { time, bytes });
      const pruned: string[] = [];
      let total = 0;
      for (const r of idx.values()) total += r.bytes;
      if (idx.size > this.opts.maxEntries || total > this.opts.maxBytes) {
        const byAge = [...idx].filter(([k]) => k !== key).sort((a, b) => a[1].time - b[1].time);
        for (const [k, r] of byAge) {
          if (idx.size <= this.opts.maxEntries && total <= this.opts.maxBytes) break;
          idx.delete(k);
          total -= r.bytes;
          pruned.push(k);
          this.memory.delete(k);
        }
      }
      try {
        await this.storage.set({ [this.entryKey(key)]: persisted, [this.indexKey]: this.indexRows(idx) });
        if (pruned.length > 0) await this.storage.remove(pruned.map((k) => this.entryKey(k)));
      } catch (e) {
        this.opts.onError?.(e);
        idx.delete(key);
      }
    });
  }

  delete(key: string): Promise<void> {
    this.memory.delete(key);
    return this.serial(async () => {
      const idx = await this.loadIndex();
      idx.delete(key);
      try {
        await this.storage.remove(this.entryKey(key));
        await this.storage.set({ [this.indexKey]: this.indexRows(idx) });
      } catch (e) {
        this.opts.onError?.(e);
      }
    });
  }

  /** Remove every key with our prefix (also ones a lost index no longer knows). */
  clear(): Promise<void> {
    this.memory.clear();
    return this.serial(async () => {
      this.index = new Map();
      try {
        const all = await this.storage.get(null);
        const mine = Object.keys(all).filter((k) => k.startsWith(this.opts.prefix));
        if (mine.length > 0) await this.storage.remove(mine);
      } catch (e) {
        this.opts.onError?.(e);
      }
    });
  }

  /** Number of entries the index knows (for tests and diagnostics). */
  async size(): Promise<number> {
    return this.serial(async () => (await this.loadIndex()).size);
  }

  /** Wait until queued writes are done (tests). */
  flush(): Promise<void> {
    return this.serial(async () => {});
  }
}
