import { AsyncLocalStorage } from 'node:async_hooks';
import type pg from 'pg';
import type { HallEvent, HallEventType } from '../../contract/events.js';
import { ALL_HALLS, type NewEvent, type Store, type StoreTx } from '../../app/ports.js';
import type { AsyncAdminRepositories, AsyncFeatureRepositories, AsyncRepositories } from './async-ports.js';
import { PgAdminHallRepository, PgAdminServiceRepository } from './admin-hall-repositories.js';
import { PgAdminPeopleRepository } from './admin-people-repository.js';
import { PgAppointmentRepository } from './appointment-repository.js';
import { PgCalendarRepository } from './calendar-repository.js';
import { PgEventLog } from './event-log.js';
import { PgConfigCopy } from './config-copy.js';
import { PgHallRepository } from './hall-repository.js';
import { transactionHolding, widening, writeCity, writeHall, type CityTx, type HallTx, type Queryable } from './hall-transaction.js';
import { migratePostgres } from './migrate.js';
import { PgDeviceRepository, PgStaffRepository } from './people-repositories.js';
import { PgHaochaRepository, PgOutboxRepository } from './outbox-repositories.js';
import { PgPhoneCodeRepository, PgSettingsRepository } from './phone-settings-repositories.js';
import { endPool, openPool } from './pool.js';
import { NO_PG_TIMEOUTS, UNBOUNDED_MS, type PgTimeouts } from './pg-timeouts.js';
import { PgAuditRepository, PgEvaluationRepository, PgServiceTimeRepository } from './record-repositories.js';
import { PgSupervisionAggregateRepository } from './supervision-aggregates.js';
import { PgSupervisionRecordRepository } from './supervision-records.js';
import { PgSupervisionReportRepository } from './supervision-reports.js';
import { PgTicketRepository } from './ticket-repository.js';
import type { AggregatesPort, RecordsPort, ReportsPort } from '../../supervision/ports.js';
import type { WriteOptions } from '../../app/ports.js';

/** a repository's methods with their first argument (the connection or transaction) filled in */
type DropConnection<F> = F extends (db: never, ...rest: infer A) => infer R ? (...rest: A) => R : never;
export type Bound<T> = { [K in keyof T as T[K] extends (...args: never[]) => unknown ? K : never]: DropConnection<T[K]> };

/**
 * The transaction the current call runs in (a hall's `writeHall` or `writeCity`), while it is open:
 * the pool-bound repositories run there instead of on a pooled connection, so a feature's port
 * called inside a use-case's write joins it as SQLite's one connection does. `open` turns false at
 * the end, so a timer or promise started inside and running later goes back to the pool.
 */
const ambient = new AsyncLocalStorage<{ db: Queryable; open: boolean }>();

/** the pool, each statement bounded by `ms` client-side (0: none) instead of the pool's own `query_timeout` */
function withStatementBound(pool: pg.Pool, ms: number): Queryable {
  // node-postgres reads a statement's own query_timeout first; 0 there would mean the pool's
  const query_timeout = ms > 0 ? ms : UNBOUNDED_MS;
  const query = (text: string, values?: unknown[]) => pool.query({ text, values, query_timeout } as pg.QueryConfig);
  return { query: query as pg.ClientBase['query'] };
}

/** on the open transaction of the call, else on `pool` */
function ambientOr(pool: Queryable): () => Queryable {
  return () => {
    const tx = ambient.getStore();
    return tx?.open ? tx.db : pool;
  };
}

async function inAmbient<T>(db: Queryable, fn: () => Promise<T>): Promise<T> {
  const frame = { db, open: true };
  try {
    return await ambient.run(frame, fn);
  } finally {
    frame.open = false;
  }
}

/** per repository: its method names up the prototype chain (the outboxes share their claim and outcomes through a base class) */
const methodNames = new WeakMap<object, string[]>();
function methodsOf(repo: object): string[] {
  let names = methodNames.get(repo);
  if (names) return names;
  const seen = new Set<string>();
  for (let proto = Object.getPrototypeOf(repo) as object | null; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto) as object | null) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      if (name !== 'constructor' && typeof (repo as Record<string, unknown>)[name] === 'function') seen.add(name);
    }
  }
  methodNames.set(repo, (names = [...seen]));
  return names;
}

function bindTo<T extends object>(repo: T, db: Queryable | (() => Queryable)): Bound<T> {
  const on = typeof db === 'function' ? db : () => db;
  const bound: Record<string, unknown> = {};
  for (const name of methodsOf(repo)) {
    const method = (repo as Record<string, (...args: unknown[]) => unknown>)[name]!;
    bound[name] = (...args: unknown[]) => method.call(repo, on(), ...args);
  }
  return bound as Bound<T>;
}

/** the PostgreSQL repositories, each method taking the connection or transaction first */
function repositories(config?: PgConfigCopy) {
  return {
    halls: new PgHallRepository(config),
    tickets: new PgTicketRepository(),
    staff: new PgStaffRepository(),
    devices: new PgDeviceRepository(config),
    evaluations: new PgEvaluationRepository(),
    audit: new PgAuditRepository(),
    events: new PgEventLog(),
    serviceTimes: new PgServiceTimeRepository(),
    calendar: new PgCalendarRepository(config),
    appointments: new PgAppointmentRepository(config),
    phoneCodes: new PgPhoneCodeRepository(),
    outbox: new PgOutboxRepository(),
    haocha: new PgHaochaRepository(),
    settings: new PgSettingsRepository(),
    adminHalls: new PgAdminHallRepository(),
    adminServices: new PgAdminServiceRepository(),
    adminPeople: new PgAdminPeopleRepository(),
    supervisionAggregates: new PgSupervisionAggregateRepository(),
    supervisionRecords: new PgSupervisionRecordRepository(),
    supervisionReports: new PgSupervisionReportRepository(),
  };
}
type PgRepositories = ReturnType<typeof repositories>;

/** every repository bound to one connection: the pool (reads) or a hall's transaction (writes) */
export type PgBound = { readonly [K in keyof PgRepositories]: Bound<PgRepositories[K]> };

function bindAll(repos: PgRepositories, db: Queryable | (() => Queryable)): PgBound {
  const bound = {} as Record<string, unknown>;
  for (const [name, repo] of Object.entries(repos)) bound[name] = bindTo(repo, db);
  return bound as PgBound;
}

/**
 * Puts every repository bound to a transaction on `target`, each bound when first used: a write
 * uses a few of the twenty, and binding them all took 4 % of a busy node's CPU in a city's day.
 */
function bindLazily<T extends object>(target: T, repos: PgRepositories, db: Queryable): T & PgBound {
  for (const [name, repo] of Object.entries(repos)) {
    Object.defineProperty(target, name, {
      configurable: true,
      enumerable: true,
      get: () => {
        const value = bindTo(repo, db);
        Object.defineProperty(target, name, { value, enumerable: true });
        return value;
      },
    });
  }
  return target as T & PgBound;
}

// The bound repositories are the ports' async twins, so they wire to the async use-cases as they are
// (PostgreSQL-only extras, such as the calendar's writes, come on top). A mismatch fails typechecking here.
type Fits<A, B> = [A] extends [B] ? true : false;
type AllPorts = AsyncRepositories &
  AsyncFeatureRepositories &
  AsyncAdminRepositories & { supervisionAggregates: AggregatesPort; supervisionRecords: RecordsPort; supervisionReports: ReportsPort };
const portsFit: { [K in keyof AllPorts]: Fits<PgBound[K], AllPorts[K]> } = {
  halls: true,
  tickets: true,
  staff: true,
  devices: true,
  evaluations: true,
  audit: true,
  events: true,
  serviceTimes: true,
  calendar: true,
  appointments: true,
  phoneCodes: true,
  outbox: true,
  haocha: true,
  settings: true,
  adminHalls: true,
  adminServices: true,
  adminPeople: true,
  supervisionAggregates: true,
  supervisionRecords: true,
  supervisionReports: true,
};
void portsFit;

/** What a use-case sees inside `writeHall`: the ports' repositories, async, on the hall's transaction. */
export interface PgWriteTx extends HallTx, PgBound, Omit<StoreTx, keyof PgBound | 'writeHall'> {
  /** joins this transaction as a savepoint, holding `hallId`'s lock too when it is another hall */
  writeHall<T>(hallId: string, fn: (tx: PgWriteTx) => Promise<T>): Promise<T>;
}

/** What an admin use-case sees inside `writeCity`: the same repositories, on the city's transaction. */
export interface PgCityTx extends CityTx, PgBound {}

/**
 * Ids, ISO times and business days are compared and ordered as bytes, as SQLite does (BINARY): a
 * language collation (en_US.UTF-8, zh_CN.UTF-8) would order "2026-03-02T10" against "2026-03-02 10"
 * or "A10" against "a9" differently, and the queue's order would depend on the database's locale.
 */
async function requireByteOrder(pool: pg.Pool): Promise<void> {
  // datlocprovider (PostgreSQL 15+): 'i' is ICU, whose order is a language's whatever datcollate says
  const { rows } = await pool.query<{ datcollate: string; provider: string | null }>(
    "SELECT datcollate, to_jsonb(d) ->> 'datlocprovider' AS provider FROM pg_database d WHERE datname = current_database()",
  );
  const { datcollate = '', provider = null } = rows[0] ?? {};
  const bytes = (datcollate === 'C' || datcollate === 'POSIX' || /^C\./.test(datcollate)) && (provider === null || provider === 'c');
  if (!bytes)
    throw new Error(
      `the database orders text by a language (${provider === 'i' ? 'ICU' : datcollate}); Hall Queue needs byte order: CREATE DATABASE … TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C'`,
    );
}

/**
 * The city store: one pool per node, the repositories, and the hall-scoped write transaction.
 * Shaped like ports.ts's Store, async, with `writeHall(hallId, fn)` in place of `transaction(fn)`:
 * `store.tickets` etc. read on the pool (a write there commits on its own, outside any hall's
 * lock — for what belongs to no hall, such as sessions); `tx.tickets` etc. inside `writeHall`.
 */
export class PgStore implements PgBound, Store {
  /** this node's copy of the configuration (halls, services, windows…): see config-copy.ts */
  readonly config = new PgConfigCopy();
  /** the unbound repositories, for a caller that holds its own connection */
  readonly repos = repositories(this.config);
  readonly halls;
  readonly tickets;
  readonly staff;
  readonly devices;
  readonly evaluations;
  readonly audit;
  readonly events: PgBound['events'];
  readonly serviceTimes;
  readonly calendar;
  readonly appointments;
  readonly phoneCodes;
  readonly outbox;
  readonly haocha;
  readonly settings;
  readonly adminHalls;
  readonly adminServices;
  readonly adminPeople;
  readonly supervisionAggregates;
  readonly supervisionRecords;
  readonly supervisionReports;

  private constructor(
    readonly pool: pg.Pool,
    readonly url: string,
    readonly timeouts: PgTimeouts,
  ) {
    ({
      halls: this.halls,
      tickets: this.tickets,
      staff: this.staff,
      devices: this.devices,
      evaluations: this.evaluations,
      audit: this.audit,
      events: this.events,
      serviceTimes: this.serviceTimes,
      calendar: this.calendar,
      appointments: this.appointments,
      phoneCodes: this.phoneCodes,
      outbox: this.outbox,
      haocha: this.haocha,
      settings: this.settings,
      adminHalls: this.adminHalls,
      adminServices: this.adminServices,
      adminPeople: this.adminPeople,
      supervisionAggregates: this.supervisionAggregates,
      supervisionRecords: this.supervisionRecords,
      supervisionReports: this.supervisionReports,
    } = bindAll(this.repos, ambientOr(pool)));
    // a report's statements (a year of events, a city's aggregates) get their own bound, not the issue path's
    const reports = ambientOr(withStatementBound(pool, timeouts.reportMs));
    this.supervisionReports = bindTo(this.repos.supervisionReports, reports);
    this.events = { ...this.events, inRange: bindTo(this.repos.events, reports).inRange };
  }

  /**
   * connects and brings the schema up to date (nodes starting together migrate once); `timeouts`
   * bound the serving pool's waits, not the migrations (on a connection of their own, unbounded)
   */
  static async open(url: string, opts: { poolSize?: number; timeouts?: PgTimeouts } = {}): Promise<PgStore> {
    const timeouts = opts.timeouts ?? NO_PG_TIMEOUTS;
    const migrating = openPool(url, 1, { ...NO_PG_TIMEOUTS, connectMs: timeouts.connectMs });
    try {
      await requireByteOrder(migrating);
      await migratePostgres(migrating);
    } finally {
      await migrating.end();
    }
    return new PgStore(openPool(url, opts.poolSize, timeouts), url, timeouts);
  }

  /** one round trip on the pool, within its bounds (the health check: the configuration copy would answer without one) */
  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  /** runs fn in the hall's write transaction (the hall's lock held to the end): all or nothing */
  writeHall<T>(hallId: string, fn: (tx: PgWriteTx) => Promise<T>, opts: WriteOptions = {}): Promise<T> {
    return writeHall(this.pool, hallId, (tx) => inAmbient(tx, () => fn(this.txOf(tx, 1))), { ...opts, config: this.config });
  }

  /**
   * runs fn's reads in one REPEATABLE READ, read-only transaction: one snapshot of the database for
   * all of them (a board's snapshot and its seq). It takes no lock: writers go on meanwhile. The
   * configuration's versions are read first, in the same round trip, so the node's copy is used
   * where it is what this snapshot holds.
   */
  readView<T>(hallId: string, fn: (view: PgWriteTx) => Promise<T>): Promise<T> {
    return transactionHolding(
      this.pool,
      () => 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
      async (client) => {
        // a snapshot reads in parallel (Promise.all): one statement at a time on the one connection
        let last: Promise<unknown> = Promise.resolve();
        const query = ((...args: Parameters<pg.ClientBase['query']>) => {
          const next = last.then(() => (client.query as (...a: unknown[]) => Promise<unknown>)(...args));
          last = next.catch(() => {});
          return next;
        }) as pg.ClientBase['query'];
        const tx: HallTx = { hallId, client, query };
        // assigned, not spread: a spread would bind every repository (bindLazily)
        const view: PgWriteTx = Object.assign(this.txOf(tx, 1), {
          writeHall: () => Promise.reject(new Error('a read view does not write')),
        });
        return await inAmbient(tx, () => fn(view));
      },
      (client) => this.config.watch(client, hallId),
    );
  }

  private txOf(tx: HallTx, level: number): PgWriteTx {
    const writeTx = bindLazily(
      {
        ...tx,
        writeHall: <T>(hallId: string, fn: (tx: PgWriteTx) => Promise<T>) => this.savepoint(tx, hallId, level, fn),
        close: () => {
          throw new Error('close the store, not a transaction');
        },
      },
      this.repos,
      tx,
    );
    if (tx.hallId === ALL_HALLS) {
      const events: PgBound['events'] = { ...bindTo(this.repos.events, tx), append: (e) => this.appendForAll(tx, e) };
      Object.defineProperty(writeTx, 'events', { value: events, enumerable: true });
    }
    return writeTx;
  }

  /**
   * A configuration change (ALL_HALLS) tells each hall it touches with an event. It holds the
   * city-wide key exclusively, which no hall's write runs without (shared): the hall's seq is
   * allocated with no other writer of the hall in flight, as under the hall's own lock.
   */
  private async appendForAll<T extends HallEventType>(tx: HallTx, e: NewEvent<T>): Promise<HallEvent> {
    const forHall: HallTx = { ...tx, hallId: e.hallId };
    return await this.repos.events.append(forHall, e);
  }

  private async savepoint<T>(outer: HallTx, hallId: string, level: number, fn: (tx: PgWriteTx) => Promise<T>): Promise<T> {
    const { client } = outer;
    const locks = widening(client, outer.hallId, hallId);
    if (locks) await client.query(locks);
    const tx: HallTx = { hallId, client, query: client.query.bind(client) as pg.ClientBase['query'] };
    await client.query(`SAVEPOINT hq_${level}`);
    try {
      const result = await inAmbient(tx, () => fn(this.txOf(tx, level + 1)));
      await client.query(`RELEASE SAVEPOINT hq_${level}`);
      return result;
    } catch (error) {
      await client.query(`ROLLBACK TO SAVEPOINT hq_${level}`);
      await client.query(`RELEASE SAVEPOINT hq_${level}`);
      throw error;
    }
  }

  /**
   * runs fn in the city's configuration transaction: the admin writes of what belongs to no one
   * hall (departments, staff accounts), one at a time across the cluster (hall-transaction.ts)
   */
  writeCity<T>(fn: (tx: PgCityTx) => Promise<T>): Promise<T> {
    return writeCity(this.pool, (tx) => inAmbient(tx, () => fn(bindLazily({ ...tx }, this.repos, tx))), this.config);
  }

  async close(): Promise<void> {
    await endPool(this.pool, this.timeouts.connectMs || 3000);
  }
}
