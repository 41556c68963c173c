import type pg from 'pg';
import type { Queryable } from './hall-transaction.js';

/** marks a statement `writeLater` sent: the transaction's client keeps it for its next statement */
const LATER = 'hallqLater';

/**
 * A write whose answer nobody reads (a ticket's new state, a window's, a call row): inside a hall's
 * write it goes to PostgreSQL with the transaction's next statement, in one message, instead of a
 * round trip of its own while the hall's lock is held. A call's ticket, window and call row thus
 * go with its event, and the statements still run one after the other, in the order they were
 * written, each seeing the ones before (unlike the sub-statements of one data-modifying CTE, which
 * share a snapshot). On the pool (no transaction) it is sent at once.
 *
 * A failing write fails the statement it went with (the event's append, a savepoint's release, the
 * commit), which rolls back as the write's own failure would have: the use-cases that defer writes
 * catch none of their failures.
 */
export async function writeLater(db: Queryable, text: string, values: unknown[]): Promise<void> {
  await db.query({ text, values, [LATER]: true } as pg.QueryConfig);
}

/** a value written into the SQL text; undefined when it cannot be (it then goes on its own, with parameters) */
function literal(client: pg.PoolClient, v: unknown): string | undefined {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'number') return Number.isFinite(v) ? `(${v})` : undefined;
  if (typeof v === 'string') return client.escapeLiteral(v);
  return undefined;
}

/** the statement with its parameters written in, or undefined */
function inlined(client: pg.PoolClient, text: string, values: readonly unknown[] = []): string | undefined {
  const literals = values.map((v) => literal(client, v));
  if (literals.some((l) => l === undefined)) return undefined;
  return text.replace(/\$(\d+)\b/g, (_, n: string) => literals[Number(n) - 1]!);
}

type Query = (...args: unknown[]) => Promise<pg.QueryResult | pg.QueryResult[]>;

/**
 * Lets `writeLater` defer writes on the client of a hall's transaction, until `stop`: every other
 * statement sends the kept writes first, in the same message when its parameters can be written
 * in, else in one message of their own. A ROLLBACK (to a savepoint or of everything) drops them:
 * they would be undone anyway.
 */
export function deferWrites(client: pg.PoolClient): { stop: () => void } {
  const query = client.query as unknown as Query;
  let kept: string[] = [];
  const deferring: Query = async function (this: pg.PoolClient, ...args) {
    const first = args[0];
    const config = typeof first === 'object' && first !== null ? (first as pg.QueryConfig & { [LATER]?: boolean }) : undefined;
    if (config?.[LATER]) {
      const sql = inlined(client, config.text, config.values);
      if (sql !== undefined) {
        kept.push(sql);
        return { rows: [], rowCount: 0 } as unknown as pg.QueryResult;
      }
      const { [LATER]: _, ...plain } = config;
      args = [plain];
    }
    if (kept.length === 0) return await query.apply(client, args);
    const writes = kept;
    kept = [];
    const text = typeof first === 'string' ? first : undefined;
    if (text !== undefined && /^\s*ROLLBACK\b/i.test(text)) return await query.apply(client, args);
    const next = text !== undefined && (args.length === 1 || Array.isArray(args[1])) ? inlined(client, text, args[1] as unknown[] | undefined) : undefined;
    if (next === undefined) {
      await query.call(client, writes.join(';\n'));
      return await query.apply(client, args);
    }
    // one message, one round trip: the kept writes, then the statement, whose answer is the last
    const results = await query.call(client, [...writes, next].join(';\n'));
    return Array.isArray(results) ? results[results.length - 1]! : results;
  };
  (client as unknown as { query: Query }).query = deferring;
  return {
    stop: () => {
      kept = [];
      if ((client as unknown as { query: Query }).query === deferring) delete (client as { query?: unknown }).query;
    },
  };
}
