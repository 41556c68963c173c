import type { Store, StoreRepositories, StoreTx, WriteOptions } from '../server/app/ports.js';
import type { Statement } from 'better-sqlite3';
import type { Db } from './database.js';
import type { SyncRepositories } from './sync-ports.js';
import { WalSync, type FlushFile } from './wal-sync.js';

/**
 * A synchronous repository behind the async port: each method runs its statement at once and
 * hands back an already-settled promise. The SQL is the repository's own, unchanged.
 */
function promised<T>(repo: object): T {
  const out: Record<string, unknown> = {};
  const names = new Set<string>();
  for (let o: object | null = repo; o && o !== Object.prototype; o = Object.getPrototypeOf(o) as object | null) {
    for (const name of Object.getOwnPropertyNames(o)) if (name !== 'constructor') names.add(name);
  }
  for (const name of names) {
    const method = (repo as Record<string, unknown>)[name];
    if (typeof method !== 'function') continue;
    out[name] = (...args: unknown[]) => {
      try {
        return Promise.resolve((method as (...a: unknown[]) => unknown).apply(repo, args));
      } catch (error) {
        return Promise.reject(error);
      }
    };
  }
  return out as T;
}

/** one top-level write at a time, in the order they asked: SQLite has one writer per file */
class FifoMutex {
  private held = false;
  private readonly waiting: (() => void)[] = [];

  /** resolves at once when free: a lone writer pays no extra turn */
  acquire(): Promise<void> | undefined {
    if (!this.held) {
      this.held = true;
      return undefined;
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.held = false;
  }
}

/**
 * The rule that keeps uncommitted writes private on one connection: a transaction body awaits
 * only the store's already-settled promises, so it runs to COMMIT or ROLLBACK within the
 * microtask drain of the turn that began it, and no other request's turn runs in between. A
 * setImmediate armed at BEGIN fires only once the event loop turns; if it has fired by the end
 * of the body, the body waited on a timer or I/O, and the transaction is rolled back loudly.
 */
class TurnGuard {
  private turned = false;
  private readonly handle = setImmediate(() => {
    this.turned = true;
  });

  /** true when the body outlived the turn it began in */
  end(): boolean {
    clearImmediate(this.handle);
    return this.turned;
  }
}

export class TransactionSpansTurnError extends Error {
  constructor(hallId: string) {
    super(
      `a write transaction of hall ${hallId} waited on a timer or I/O: a writeHall body may await only the store ` +
        '(other requests would read its uncommitted rows on the shared SQLite connection); it was rolled back',
    );
  }
}

export interface AsyncSqliteStoreOptions {
  /** how the WAL file is flushed to the disk (tests watch it); fdatasync on the thread pool by default */
  flushFile?: FlushFile;
}

/**
 * The async store over one better-sqlite3 connection. `writeHall` runs BEGIN IMMEDIATE …
 * COMMIT (ROLLBACK on a throw), one at a time (a FIFO mutex), and `tx.writeHall` inside it a
 * SAVEPOINT. The hall argument is not needed for correctness here: one file has one writer.
 * The commit is made durable off the event loop (WalSync): the write resolves once the WAL is flushed.
 */
export function asyncSqliteStore(db: Db, sync: SyncRepositories, options: AsyncSqliteStoreOptions = {}): Store {
  const repos: StoreRepositories = {
    halls: promised(sync.halls),
    tickets: promised(sync.tickets),
    staff: promised(sync.staff),
    devices: promised(sync.devices),
    evaluations: promised(sync.evaluations),
    audit: promised(sync.audit),
    events: promised(sync.events),
    calendar: promised(sync.calendar),
    serviceTimes: promised(sync.serviceTimes),
  };
  const mutex = new FifoMutex();
  const begin = db.prepare('BEGIN IMMEDIATE');
  const commit = db.prepare('COMMIT');
  const rollback = db.prepare('ROLLBACK');
  // every write commits at NORMAL at most (no fsync on the event loop); a durable one (all but a
  // derived one, WriteOptions) then waits for the WAL's flush on the thread pool
  const synchronous = db.pragma('synchronous', { simple: true }) as number;
  const inWal = !db.memory && (db.pragma('journal_mode', { simple: true }) as string) === 'wal';
  const wal = inWal && synchronous > 1 ? new WalSync(`${db.name}-wal`, options.flushFile) : undefined;
  // exec, not a prepared statement: SQLite applies a PRAGMA's setting when it compiles it, so running a prepared one again does nothing
  const relaxed = { run: () => db.exec(`PRAGMA synchronous = ${Math.min(synchronous, 1)}`) };
  const durable = { run: () => db.exec(`PRAGMA synchronous = ${synchronous}`) };
  /** nesting depth of the open transaction: 0 none, 1 the top level, 2+ savepoints */
  let depth = 0;
  /** SAVEPOINT, RELEASE and ROLLBACK TO of each level, prepared once (a batch of issues opens one per ticket) */
  const savepoints: { open: Statement; release: Statement; undo: Statement }[] = [];
  const savepointAt = (level: number) =>
    (savepoints[level] ??= {
      open: db.prepare(`SAVEPOINT hq_${level}`),
      release: db.prepare(`RELEASE hq_${level}`),
      undo: db.prepare(`ROLLBACK TO hq_${level}`),
    });

  /** a transaction's face holds no state of its own: one per hall and level, built once (a batch of issues asks for one per ticket) */
  const txs = new Map<string, StoreTx>();
  function makeTx(hallId: string, level: number): StoreTx {
    const key = `${String(level)}|${hallId}`;
    let tx = txs.get(key);
    if (!tx) {
      tx = {
        ...repos,
        hallId,
        writeHall: (innerHall, fn) => savepoint(innerHall, level, fn),
        close: () => {
          throw new Error('close the store, not a transaction');
        },
      };
      txs.set(key, tx);
    }
    return tx;
  }

  async function savepoint<T>(hallId: string, level: number, fn: (tx: StoreTx) => Promise<T>): Promise<T> {
    // the nested parts of one transaction run one after another, each inside the one that opened it
    if (depth !== level) throw new Error(`writeHall on a transaction that is not the innermost open one (depth ${depth}, asked ${level})`);
    const sp = savepointAt(level);
    sp.open.run();
    depth = level + 1;
    try {
      const result = await fn(makeTx(hallId, level + 1));
      sp.release.run();
      return result;
    } catch (error) {
      if (db.inTransaction) {
        sp.undo.run();
        sp.release.run();
      }
      throw error;
    } finally {
      depth = level;
    }
  }

  async function writeHall<T>(hallId: string, fn: (tx: StoreTx) => Promise<T>, opts: WriteOptions = {}): Promise<T> {
    const wait = mutex.acquire();
    if (wait) await wait;
    const derived = opts.derived === true;
    // switched while this writer holds the mutex and no transaction is open (SQLite refuses it inside one)
    const relax = synchronous > 1 && (derived || wal?.canFlush() === true);
    if (relax) relaxed.run();
    let result: T;
    try {
      result = await inTransaction(hallId, fn);
    } finally {
      try {
        if (relax) durable.run();
      } finally {
        mutex.release();
      }
    }
    // answered in commit order: a durable write once its frames are on the disk, a derived one after the flushes before it
    if (wal) await (derived || !relax ? wal.settled() : wal.durable());
    return result;
  }

  async function inTransaction<T>(hallId: string, fn: (tx: StoreTx) => Promise<T>): Promise<T> {
    begin.run();
    depth = 1;
    const guard = new TurnGuard();
    try {
      const result = await fn(makeTx(hallId, 1));
      if (guard.end()) throw new TransactionSpansTurnError(hallId);
      commit.run();
      return result;
    } catch (error) {
      guard.end();
      if (db.inTransaction) rollback.run();
      throw error;
    } finally {
      depth = 0;
    }
  }

  return {
    ...repos,
    writeHall,
    close: () => {
      db.close();
      wal?.close();
    },
  };
}
