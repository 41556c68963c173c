import type pg from 'pg';
import { ALL_HALLS, NO_HALL } from '../../app/ports.js';

/** the channel the cache_versions bumps of the configuration are notified on (migration 105) */
export const CONFIG_CHANNEL = 'hallq_config';

/** a cache_versions name's value; null when the row does not exist (nothing was ever written) */
export type Version = number | null;

/** what a load read from the database: the value and, in the same statement, the versions it is valid at */
export interface Loaded<T> {
  value: T;
  names: string[];
  versions: Version[];
}

/**
 * `SELECT what, hq_v0…` with the cache_versions of `names` (SQL expressions) read in the same
 * statement, on one row joined to the table's: one row of versions even when none matches.
 */
export const versioned = (names: string[], what: string, join: string) =>
  `SELECT ${what}, hq.* FROM (SELECT ${names.map((n, i) => `(SELECT v FROM cache_versions WHERE name = ${n}) AS hq_v${i}`).join(', ')}) hq LEFT JOIN ${join}`;

export type Versioned = { id: string | null; hq_v0: Version; hq_v1?: Version };
export const versionsOf = (rows: Versioned[], count: number): Version[] => [rows[0]!.hq_v0, ...(count > 1 ? [rows[0]!.hq_v1 ?? null] : [])];
/** the table's rows of a versioned read (the row of versions alone when none matched) */
export const found = <R extends Versioned>(rows: R[]) => rows.filter((r) => r.id !== null);

/** the configuration a hall's write reads, whose versions its opening round trip also reads */
const namesOfHall = (hallId: string) => ['halls', 'zones', 'departments', 'services', `windows:${hallId}`];

// a statement writing a configuration table (a trigger then bumps its name); the group is the table's name family
const CONFIG_WRITE =
  /\b(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM|TRUNCATE(?:\s+TABLE)?)\s+(?:ONLY\s+)?(halls|zones|departments|services|windows|window_services|devices|calendar_days|calendar_extended_periods|calendar_weekly|appointment_rules|cache_versions)\b/gi;
const GROUP_OF_TABLE: Record<string, string> = {
  halls: 'halls',
  zones: 'zones',
  departments: 'departments',
  services: 'services',
  windows: 'windows',
  window_services: 'windows',
  devices: 'devices',
  calendar_days: 'calendar',
  calendar_extended_periods: 'calendar',
  calendar_weekly: 'calendar',
  appointment_rules: 'appointment-rules',
  cache_versions: '*',
};
const groupOf = (name: string) => (name.startsWith('windows:') ? 'windows' : name);
/**
 * What a statement writing `group` touches in a transaction of `hallId`: a hall's write changes its
 * own windows only (every other hall's are guarded by their own lock; moving a window between halls
 * is an `ALL_HALLS` change), so its calls need not spoil the copy of the city's other windows.
 */
const touchedBy = (group: string, hallId: string | undefined) => (group === 'windows' && hallId ? `windows:${hallId}` : group);

/** a read of versions in flight: the resets counter when it was sent, and the notifications heard since */
interface Load {
  resets: number;
  /** name → the version the last notification of it named (undefined: none named) */
  heard: Map<string, number | undefined>;
}

interface TxState {
  /** the versions read with the hall's lock: committed before it, and not moved since by any lock holder */
  versions: Map<string, number>;
  /** families (or one hall's windows) the transaction wrote, a savepoint rolled back included: read from the database until it ends */
  touched: Set<string>;
}

/** the transaction a repository call runs in: a hall's or the city's (they carry their client), else none (the pool) */
const clientOf = (db: unknown): pg.PoolClient | undefined => (db as { client?: pg.PoolClient }).client;

/**
 * One node's copy of the halls, zones, departments, services and windows (PgHallRepository), the
 * devices by token and id, the working calendar and the appointment rules (132), each value kept
 * with the cache_versions it was read at, in the same statement. Used when:
 * - **inside a hall's write**: its versions equal those read in the round trip that took the
 *   hall's lock (`watch`). Every writer of those names holds that hall's lock or the city-wide
 *   exclusive key (`ALL_HALLS`), so nothing moves them while this write runs: it never uses a copy
 *   older than the database at its lock. A family the transaction itself wrote is read from the
 *   database until the transaction ends (a rolled-back savepoint may have put it back).
 * - **on the pool** (reads before a lock, screens): its versions equal those this node last knew,
 *   while the node follows `hallq_config` notifications (a commit notifies every node of each name
 *   it bumped, with the version it left: migration 131); a commit of this node that wrote a family
 *   forgets it at once, before the caller goes on, and its notification, naming the version the
 *   node has read since, then costs no second read.
 *   Another node's change shows here within the notification's delay, as a read a moment earlier
 *   would have shown the old value: never inside a write, which checks for itself. (The devices,
 *   the calendar and the rules are read from the database inside a write: their versions are not
 *   among those its opening reads.)
 */
export class PgConfigCopy {
  private readonly entries = new Map<string, Loaded<unknown>>();
  /** name → version last known committed, for reads on the pool; trusted only while following */
  private readonly known = new Map<string, number>();
  /** own commits, resyncs and stops heard: a read sent before one must not set `known` */
  private resets = 0;
  /** reads of versions in flight, each with the notifications heard meanwhile (see `learn`) */
  private readonly loads = new Set<Load>();
  private following = false;
  private readonly txs = new WeakMap<pg.PoolClient, TxState>();

  /** a city's services, windows, devices and staff tokens each take a key or two: room for some thousands of each */
  constructor(private readonly maxEntries = 20_000) {}

  /** the node listens for changes (again): what it knew before may have moved meanwhile */
  follow(): void {
    this.forgetAll();
    this.following = true;
  }

  /** the notifications stopped: reads on the pool go to the database until `follow` */
  unfollow(): void {
    this.following = false;
    this.forgetAll();
  }

  /**
   * A `hallq_config` notification: a commit left `name` at `version` (undefined: at some version).
   * A node that already knows that version (it read it after its own commit, most often) keeps
   * what it has: notifications come in commit order, so any later change is still to come.
   */
  moved(name: string, version?: number): void {
    this.spoil(name, version);
  }

  private spoil(name: string, version?: number): void {
    for (const load of this.loads) load.heard.set(name, version);
    if (version === undefined || this.known.get(name) !== version) this.known.delete(name);
  }

  /**
   * For a transaction being opened on `client` (a hall's, `ALL_HALLS`, `NO_HALL`, or the city's with
   * no hall): statements to append to its opening (a hall's versions, in the same round trip, after
   * its lock), what to do with their result, and what to forget when it ends.
   */
  watch(client: pg.PoolClient, hallId: string | undefined) {
    const names = hallId !== undefined && hallId !== ALL_HALLS && hallId !== NO_HALL ? namesOfHall(hallId) : undefined;
    const load = names ? this.startLoad() : undefined;
    const state: TxState = { versions: new Map(), touched: new Set() };
    return {
      suffix: names ? `; SELECT name, v FROM cache_versions WHERE name IN (${names.map((n) => client.escapeLiteral(n)).join(', ')})` : '',
      opened: (result: pg.QueryResult | pg.QueryResult[]) => {
        if (names) {
          const last = Array.isArray(result) ? result[result.length - 1]! : result;
          for (const row of last.rows as { name: string; v: number }[]) state.versions.set(row.name, row.v);
          this.txs.set(client, state);
          this.learn(load!, [...state.versions.keys()], [...state.versions.values()]);
        }
        this.noteWrites(client, state, names ? hallId : undefined);
      },
      ended: (committed: boolean) => {
        if (load) this.loads.delete(load); // the opening failed: nothing learnt
        delete (client as { query?: unknown }).query; // back to the prototype's
        this.txs.delete(client);
        if (committed && state.touched.size > 0) this.forget(state.touched);
      },
    };
  }

  /** the value of `key`: the copy when its versions hold (see the class), else `load`ed and kept */
  async read<T>(db: pg.Pool | { query: unknown }, key: string, names: string[] | undefined, load: () => Promise<Loaded<T>>): Promise<T> {
    const client = clientOf(db);
    if (client) {
      const tx = this.txs.get(client);
      if (!tx) return (await load()).value; // the city's, every hall's or no hall's write: as the database says
      const clean = (list: string[]) => list.every((n) => !tx.touched.has('*') && !tx.touched.has(groupOf(n)) && !tx.touched.has(n));
      if (names && clean(names) && this.hit(key, names, (n) => tx.versions.get(n))) return this.entries.get(key)!.value as T;
      const loaded = await load();
      if (clean(loaded.names)) this.keep(key, loaded);
      return loaded.value;
    }
    if (this.following && names && this.hit(key, names, (n) => this.known.get(n))) return this.entries.get(key)!.value as T;
    const reading = this.startLoad();
    let loaded: Loaded<T>;
    try {
      loaded = await load();
    } finally {
      this.loads.delete(reading);
    }
    this.keep(key, loaded);
    this.learn(reading, loaded.names, loaded.versions);
    return loaded.value;
  }

  private startLoad(): Load {
    const load: Load = { resets: this.resets, heard: new Map() };
    this.loads.add(load);
    return load;
  }

  /**
   * The versions a read saw become what this node knows, unless something heard while it was in
   * flight says otherwise: a reset (an own commit, a lost connection) spoils every name; a
   * notification only its own name, and only when it names another version than the one read
   * (one naming the version read is the commit the read saw, or one before it with the same).
   */
  private learn(load: Load, names: string[], versions: Version[]): void {
    this.loads.delete(load);
    if (!this.following || load.resets !== this.resets) return;
    names.forEach((n, i) => {
      const v = versions[i];
      if (v === null || v === undefined) return;
      if (load.heard.has(n) && load.heard.get(n) !== v) return;
      this.known.set(n, v);
    });
  }

  private hit(key: string, names: string[], versionOf: (name: string) => number | undefined): boolean {
    const entry = this.entries.get(key);
    if (!entry || entry.names.length !== names.length) return false;
    return names.every((n, i) => entry.names[i] === n && versionOf(n) !== undefined && entry.versions[i] === versionOf(n));
  }

  private keep(key: string, loaded: Loaded<unknown>): void {
    if (loaded.versions.some((v) => v === null)) return; // never written: nothing would tell us it moved
    this.entries.delete(key); // kept again as the newest
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!); // the oldest kept goes
    this.entries.set(key, { ...loaded, value: deepFreeze(loaded.value) });
  }

  /** sees each statement of the transaction: one writing a configuration table marks its family */
  private noteWrites(client: pg.PoolClient, state: TxState, hallId: string | undefined): void {
    const query = client.query;
    (client as { query: unknown }).query = function (this: pg.PoolClient, ...args: unknown[]) {
      const text = typeof args[0] === 'string' ? args[0] : (args[0] as { text?: unknown } | undefined)?.text;
      if (typeof text === 'string') for (const m of text.matchAll(CONFIG_WRITE)) state.touched.add(touchedBy(GROUP_OF_TABLE[m[1]!.toLowerCase()]!, hallId));
      return (query as (...a: unknown[]) => unknown).apply(this, args);
    };
  }

  private forget(touched: Set<string>): void {
    // one hall's windows: as a notification of them would, spoiling only their reads in flight
    if ([...touched].every((t) => t.startsWith('windows:'))) return touched.forEach((name) => this.spoil(name));
    this.resets++;
    if (touched.has('*')) return this.forgetAll();
    for (const name of [...this.known.keys()]) if (touched.has(groupOf(name)) || touched.has(name)) this.known.delete(name);
  }

  private forgetAll(): void {
    this.resets++;
    this.known.clear();
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
