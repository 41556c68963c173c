import Database from 'better-sqlite3';

/** Statements run and rows they returned, per SQL text: the database work of a stretch of time. */
export type Work = Record<string, { runs: number; rows: number }>;

type Method = (this: { source: string }, ...args: unknown[]) => unknown;

/**
 * Counts, around `during`, every statement better-sqlite3 runs in this process and the rows it
 * hands back (the real statements of the real server: nothing is replaced, only counted).
 */
export async function measureWork(during: () => Promise<void>): Promise<Work> {
  const probe = new Database(':memory:');
  const proto = Object.getPrototypeOf(probe.prepare('SELECT 1')) as Record<string, Method>;
  probe.close();
  const work: Work = {};
  const note = (sql: string, rows: number) => {
    const key = sql.replace(/\s+/g, ' ').trim();
    const w = (work[key] ??= { runs: 0, rows: 0 });
    w.runs++;
    w.rows += rows;
  };
  const originals = { get: proto.get!, all: proto.all!, run: proto.run! };
  proto.get = function (this: { source: string }, ...args) {
    const r = originals.get.apply(this, args);
    note(this.source, r === undefined ? 0 : 1);
    return r;
  };
  proto.all = function (this: { source: string }, ...args) {
    const r = originals.all.apply(this, args) as unknown[];
    note(this.source, r.length);
    return r;
  };
  proto.run = function (this: { source: string }, ...args) {
    note(this.source, 0);
    return originals.run.apply(this, args);
  };
  try {
    await during();
  } finally {
    Object.assign(proto, originals);
  }
  return work;
}

/** rows read in total: what grows with the queue when a path loads it */
export const rowsOf = (w: Work) => Object.values(w).reduce((n, x) => n + x.rows, 0);
