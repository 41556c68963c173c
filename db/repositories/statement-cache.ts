import type { Statement } from 'better-sqlite3';
import type { Db } from '../database.js';

/**
 * Prepared statements by their SQL text, for repositories whose SQL depends on a filter:
 * preparing costs more than running a small query, and the alert check and the reports ask
 * every few seconds. A text must always be used the same way (with `.pluck()` or without).
 */
export function statementCache(db: Db, max = 200): (source: string) => Statement {
  const known = new Map<string, Statement>();
  return (source) => {
    let statement = known.get(source);
    if (!statement) {
      if (known.size >= max) known.clear();
      known.set(source, (statement = db.prepare(source)));
    }
    return statement;
  };
}
