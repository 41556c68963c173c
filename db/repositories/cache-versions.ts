import type { Db } from '../database.js';

/**
 * What the server keeps in memory is checked against `cache_versions` (migration 090): triggers
 * give a name a new version in the transaction that changes what it covers, so a copy is used
 * only while it matches one indexed row — whichever code path, or process, wrote.
 */
export class CacheVersions {
  private readonly stmt;

  constructor(db: Db) {
    this.stmt = db.prepare('SELECT v FROM cache_versions WHERE name = ?').pluck();
  }

  of(name: string): number {
    return (this.stmt.get(name) as number | undefined) ?? 0;
  }
}

/** One value per key, rebuilt when the version it was built at has moved. Values are frozen: callers share them. */
export class VersionedCache<T> {
  private readonly entries = new Map<string, { version: number; value: T }>();

  constructor(
    private readonly versions: CacheVersions,
    private readonly nameOf: (key: string) => string,
    private readonly maxEntries = 1_000,
  ) {}

  get(key: string, load: () => T): T {
    const version = this.versions.of(this.nameOf(key));
    const hit = this.entries.get(key);
    if (hit && hit.version === version) return hit.value;
    const value = deepFreeze(load());
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(key, { version, value });
    return value;
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
