import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { knownMigrationIds } from '../../../db/migrate.js';
import type { HallTx, Queryable } from './hall-transaction.js';
import type { PgStore } from './pg-store.js';
import { COPY_PLAN, NOT_COPIED, type CopyStep } from './sqlite-copy-plan.js';

type Row = Record<string, unknown>;
type PgType = 'boolean' | 'jsonb' | 'other';
/** each table's columns in the city database, with the types a SQLite value needs converting to */
export type PgColumns = Map<string, Map<string, PgType>>;

/** PostgreSQL allows 65,535 parameters a statement */
const MAX_PARAMS = 60_000;

/** Opens a hall's SQLite file read-only, refusing one whose schema is not this version's. */
export function openSqliteForCopy(file: string): Database.Database {
  if (!existsSync(file)) throw new Error(`no database at ${file}`);
  const db = new Database(file, { readonly: true, fileMustExist: true });
  const applied = (db.prepare('SELECT id FROM schema_migrations ORDER BY id').all() as { id: string }[]).map((r) => r.id);
  const known = knownMigrationIds();
  if (applied.join() !== known.join()) {
    db.close();
    const missing = known.filter((id) => !applied.includes(id));
    throw new Error(
      missing.length > 0
        ? `${file} is at an older schema (missing ${missing.join(', ')}): start this version's server on it once, stop it, then migrate`
        : `${file} was written by a newer version (${applied.filter((id) => !known.includes(id)).join(', ')}): use that version`,
    );
  }
  return db;
}

/** each table's columns in the city database */
export async function pgColumns(db: Queryable): Promise<PgColumns> {
  const { rows } = await db.query<{ table_name: string; column_name: string; data_type: string }>(
    'SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema()',
  );
  const tables: PgColumns = new Map();
  for (const r of rows) {
    const cols = tables.get(r.table_name) ?? new Map<string, PgType>();
    cols.set(r.column_name, r.data_type === 'boolean' ? 'boolean' : r.data_type === 'jsonb' ? 'jsonb' : 'other');
    tables.set(r.table_name, cols);
  }
  return tables;
}

/** A table or column of the SQLite file with no place in the plan or the city schema is refused, not dropped. */
export function checkPlanCovers(sqlite: Database.Database, pg: PgColumns): void {
  const tables = (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name);
  const planned = new Set(COPY_PLAN.map((s) => s.table));
  const unplaced = tables.filter((t) => !planned.has(t) && !NOT_COPIED.includes(t));
  if (unplaced.length > 0) throw new Error(`tables with no place in the copy plan: ${unplaced.join(', ')}`);
  for (const table of planned) {
    const target = pg.get(table);
    if (!target) throw new Error(`table ${table} has no PostgreSQL counterpart: add a db/postgres migration`);
    const columns = (sqlite.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[]).map((r) => r.name);
    const missing = columns.filter((c) => !target.has(c));
    if (missing.length > 0) throw new Error(`columns of ${table} with no PostgreSQL counterpart: ${missing.join(', ')}: add a db/postgres migration`);
  }
}

function toPg(value: unknown, type: PgType | undefined): unknown {
  if (value === null || value === undefined) return null;
  if (type === 'boolean') return value !== 0;
  if (type === 'jsonb' && typeof value === 'string') return value; // sent as text, parsed by PostgreSQL into jsonb
  return typeof value === 'bigint' ? Number(value) : value;
}

async function insertBatch(tx: HallTx, step: CopyStep, columns: string[], types: Map<string, PgType>, batch: Row[]): Promise<number> {
  const params: unknown[] = [];
  const tuples = batch.map(
    (row) =>
      `(${columns
        .map((c) => {
          params.push(toPg(row[c], types.get(c)));
          return `$${params.length}`;
        })
        .join(', ')})`,
  );
  const res = await tx.client.query(
    `INSERT INTO ${step.table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}${step.shared ? ' ON CONFLICT DO NOTHING' : ''}`,
    params,
  );
  return res.rowCount ?? 0;
}

/** streams the step's rows (a year of a busy hall's events does not fit in memory at once) */
async function copyStep(sqlite: Database.Database, tx: HallTx, step: CopyStep, pg: PgColumns): Promise<number> {
  const types = pg.get(step.table)!;
  const keyed = step.newKeys ? 'ORDER BY id' : '';
  const columns = (sqlite.prepare('SELECT name FROM pragma_table_info(?)').all(step.table) as { name: string }[])
    .map((r) => r.name)
    .filter((c) => !(step.newKeys && c === 'id'));
  const perStatement = Math.min(1000, Math.max(1, Math.floor(MAX_PARAMS / columns.length)));
  let copied = 0;
  let batch: Row[] = [];
  for (const row of sqlite.prepare(`SELECT * FROM ${step.table} WHERE ${step.rows} ${keyed}`).iterate(tx.hallId) as IterableIterator<Row>) {
    batch.push(row);
    if (batch.length === perStatement) {
      copied += await insertBatch(tx, step, columns, types, batch);
      batch = [];
    }
  }
  if (batch.length > 0) copied += await insertBatch(tx, step, columns, types, batch);
  return copied;
}

export interface HallCopy {
  hallId: string;
  name: string;
  rows: Record<string, number>;
}

/** The halls of a SQLite file, in id order. */
export function sqliteHalls(sqlite: Database.Database): { id: string; name: string }[] {
  return sqlite.prepare('SELECT id, name FROM halls ORDER BY id').all() as { id: string; name: string }[];
}

/**
 * Copies one hall from its SQLite file into the city database in one transaction under the
 * hall's write lock: all of it or nothing. Event seqs are kept (clients' and aggregators' marks
 * stay valid) and the hall's seq continues from the highest. Refuses a hall already there.
 */
export async function copyHallFromSqlite(sqlite: Database.Database, store: PgStore, hallId: string): Promise<HallCopy> {
  const hall = sqliteHalls(sqlite).find((h) => h.id === hallId);
  if (!hall)
    throw new Error(
      `the SQLite database has no hall "${hallId}" (it has: ${sqliteHalls(sqlite)
        .map((h) => h.id)
        .join(', ')})`,
    );
  return store.writeHall(hallId, async (tx) => {
    if ((await tx.client.query('SELECT 1 FROM halls WHERE id = $1', [hallId])).rowCount) {
      throw new Error(`the city database already has hall "${hallId}": nothing copied`);
    }
    const pg = await pgColumns(tx.client);
    checkPlanCovers(sqlite, pg);
    const rows: Record<string, number> = {};
    for (const step of COPY_PLAN) rows[step.table] = (rows[step.table] ?? 0) + (await copyStep(sqlite, tx, step, pg));
    await tx.client.query(
      `INSERT INTO hall_event_seq AS h (hall_id, last_seq) SELECT $1, MAX(seq) FROM events WHERE hall_id = $1 HAVING COUNT(*) > 0
      ON CONFLICT (hall_id) DO UPDATE SET last_seq = GREATEST(h.last_seq, excluded.last_seq)`,
      [hallId],
    );
    return { hallId, name: hall.name, rows };
  });
}
