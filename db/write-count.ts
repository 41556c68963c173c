import type { Statement } from 'better-sqlite3';
import type { Db } from './database.js';

type Call = (...args: unknown[]) => unknown;

const counts = new WeakMap<Db, { writes: number }>();

/**
 * Counts the statements on this connection that may change rows (or undo changes: ROLLBACK, a
 * transaction function that threw), whatever code prepared them: the version memo (cache-versions.ts) may keep a version it read
 * only while nothing on this connection wrote since. Read-only statements are left as they are,
 * so reads cost nothing more. Writes by other connections are seen at the next event-loop turn.
 */
export function countWrites(db: Db): void {
  if (counts.has(db)) return;
  const count = { writes: 0 };
  counts.set(db, count);
  const prepare = db.prepare.bind(db);
  db.prepare = ((source: string) => {
    const stmt = prepare(source);
    return stmt.readonly && !/^\s*ROLLBACK/i.test(source) ? stmt : counted(stmt, count);
  }) as Db['prepare'];
  // a transaction function that throws has rolled back: what was read inside may be undone
  const transaction = db.transaction.bind(db);
  db.transaction = ((fn: Call) => {
    const tx = transaction(fn) as unknown as Call & Record<'default' | 'deferred' | 'immediate' | 'exclusive', Call>;
    const undone =
      (variant: Call) =>
      (...args: unknown[]) => {
        try {
          return variant(...args);
        } catch (error) {
          count.writes++;
          throw error;
        }
      };
    return Object.assign(undone(tx), {
      default: undone(tx.default),
      deferred: undone(tx.deferred),
      immediate: undone(tx.immediate),
      exclusive: undone(tx.exclusive),
      database: db,
    });
  }) as unknown as Db['transaction'];
  const exec = db.exec.bind(db);
  db.exec = (source: string) => {
    count.writes++;
    return exec(source);
  };
}

/** how many writing statements have run on `db` (undefined when it is not counted) */
export function writesOn(db: Db): number | undefined {
  return counts.get(db)?.writes;
}

function counted(stmt: Statement, count: { writes: number }): Statement {
  for (const name of ['run', 'get', 'all', 'iterate'] as const) {
    const method = (stmt[name] as (...args: unknown[]) => unknown).bind(stmt);
    (stmt as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => {
      count.writes++;
      return method(...args);
    };
  }
  return stmt;
}
