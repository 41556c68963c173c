import type { Statement } from 'better-sqlite3';
import type { Db } from '../database.js';

/**
 * The versions this process has read, kept until they move. Issuing one ticket asks ~28 times
 * (hall, services, windows, calendar, each listener of its event): one indexed read each was 6–8 %
 * of the issue path's CPU, and re-reading them all after each of our own writes still cost 2–3 %.
 * - Our own writes: a TEMP trigger on cache_versions (this connection's only) tells the memo which
 *   name moved, at once. A name that moves inside a transaction is read from the table until the
 *   transaction is over, since a rollback may put it back.
 * - Other connections' commits (another process on the file, the backup tool): `PRAGMA
 *   data_version` changes, checked once per event-loop turn; then everything is read again. A
 *   request a moment later would see the same.
 */
class VersionMemo {
  private readonly versions = new Map<string, number>();
  /** names moved by the open transaction: not kept while it may still roll back */
  private readonly movedInTransaction = new Set<string>();
  private dataVersion: number | undefined;
  private checkedThisTurn = false;
  private readonly followsWrites: boolean;
  private readonly read: Statement;
  private readonly dataVersionOf: Statement;

  constructor(private readonly db: Db) {
    this.read = db.prepare('SELECT v FROM cache_versions WHERE name = ?').pluck();
    this.dataVersionOf = db.prepare('PRAGMA data_version').pluck();
    try {
      db.function('hq_cache_version_moved', { deterministic: false }, (name: unknown) => {
        this.moved(String(name));
        return null;
      });
      for (const when of ['INSERT', 'UPDATE', 'DELETE'])
        db.exec(`CREATE TEMP TRIGGER IF NOT EXISTS hq_cache_version_${when.toLowerCase()} AFTER ${when} ON main.cache_versions
          BEGIN SELECT hq_cache_version_moved(${when === 'DELETE' ? 'OLD' : 'NEW'}.name); END`);
      this.followsWrites = true;
    } catch {
      this.followsWrites = false; // a read-only connection: every version is read when asked
    }
  }

  of(name: string): number {
    if (!this.followsWrites) return this.readNow(name);
    if (!this.checkedThisTurn) this.checkOtherConnections();
    if (this.movedInTransaction.size > 0) {
      if (!this.db.inTransaction) this.movedInTransaction.clear();
      else if (this.movedInTransaction.has(name)) return this.readNow(name);
    }
    let version = this.versions.get(name);
    if (version === undefined) {
      version = this.readNow(name);
      this.versions.set(name, version);
    }
    return version;
  }

  private moved(name: string): void {
    this.versions.delete(name);
    if (this.db.inTransaction) this.movedInTransaction.add(name);
  }

  private checkOtherConnections(): void {
    this.checkedThisTurn = true;
    setImmediate(() => {
      this.checkedThisTurn = false;
    });
    const now = this.dataVersionOf.get() as number;
    if (now !== this.dataVersion) {
      this.versions.clear();
      this.dataVersion = now;
    }
  }

  private readNow(name: string): number {
    return (this.read.get(name) as number | undefined) ?? 0;
  }
}

const memos = new WeakMap<Db, VersionMemo>();

/**
 * What the server keeps in memory is checked against `cache_versions` (migration 090): triggers
 * give a name a new version in the transaction that changes what it covers, so a copy is used
 * only while it matches one indexed row — whichever code path, or process, wrote.
 */
export class CacheVersions {
  private readonly memo: VersionMemo;

  constructor(db: Db) {
    let memo = memos.get(db);
    if (!memo) memos.set(db, (memo = new VersionMemo(db)));
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
