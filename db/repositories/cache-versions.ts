import type { Statement } from 'better-sqlite3';
import type { Db } from '../database.js';
import { writesOn } from '../write-count.js';

/**
 * The versions read in this event-loop turn, while nothing on the connection wrote. Issuing one
 * ticket asks ~28 times (hall, services, windows, calendar, each listener of its event): one
 * indexed read each was 6–8 % of the issue path's CPU. Another process's write is seen from the
 * next turn on, as a request that came a moment later would see it; a write on this connection,
 * at once (write-count.ts).
 */
class TurnMemo {
  private readonly versions = new Map<string, number>();
  private writes: number | undefined;
  private clearing = false;
  private readonly stmt: Statement;

  constructor(private readonly db: Db) {
    this.stmt = db.prepare('SELECT v FROM cache_versions WHERE name = ?').pluck();
  }

  of(name: string): number {
    const writes = writesOn(this.db);
    if (writes === undefined) return this.read(name); // a connection opened elsewhere: no memo
    if (writes !== this.writes) {
      this.versions.clear();
      this.writes = writes;
    }
    let version = this.versions.get(name);
    if (version === undefined) {
      version = this.read(name);
      this.versions.set(name, version);
      if (!this.clearing) {
        this.clearing = true;
        setImmediate(() => {
          this.versions.clear();
          this.clearing = false;
        });
      }
    }
    return version;
  }

  private read(name: string): number {
    return (this.stmt.get(name) as number | undefined) ?? 0;
  }
}

const memos = new WeakMap<Db, TurnMemo>();

/**
 * What the server keeps in memory is checked against `cache_versions` (migration 090): triggers
 * give a name a new version in the transaction that changes what it covers, so a copy is used
 * only while it matches one indexed row — whichever code path, or process, wrote.
 */
export class CacheVersions {
  private readonly memo: TurnMemo;

  constructor(db: Db) {
    let memo = memos.get(db);
    if (!memo) memos.set(db, (memo = new TurnMemo(db)));
    this.memo = memo;
  }

  of(name: string): number {
    return this.memo.of(name);
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
