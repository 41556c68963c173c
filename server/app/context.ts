import type { Logger } from 'pino';
import type { HallEvent } from '../contract/events.js';
import type { EventBus } from './event-bus.js';
import type { NewEvent, Store, StoreTx } from './ports.js';
import type { SecurityLimits } from '../security/limits.js';
import type { SessionWatch } from './session-watch.js';

export interface Clock {
  now(): Date;
  /**
   * Milliseconds on a clock that never steps (rate limits, timeouts): the wall clock can be set
   * back an hour by NTP or a technician, and a limiter on it would then block for an hour.
   */
  monotonicMs?(): number;
}

export const systemClock: Clock = { now: () => new Date(), monotonicMs: () => performance.now() };

export function monotonicMs(clock: Clock): number {
  return clock.monotonicMs ? clock.monotonicMs() : performance.now();
}

/** Everything a use-case needs, passed in: no singletons. */
export interface AppContext {
  store: Store;
  bus: EventBus;
  clock: Clock;
  log: Logger;
  /** tells the realtime side which staff sessions ended (logout, expiry, password change) */
  sessions?: SessionWatch;
  /** the data directory (the key file lives there); absent for a database used on its own (bench) */
  dataDir?: string;
  /** overrides of the abuse limits (tests; see security/limits.ts for the defaults) */
  limits?: Partial<SecurityLimits>;
  /**
   * Where a transaction's events go after its commit. Absent (one node): straight onto the bus.
   * On PostgreSQL: the node's event feed, which publishes them in seq order among every other
   * node's events of the hall.
   */
  committed?: (events: readonly HallEvent[]) => void;
  /** PostgreSQL: the newest seq of the hall the bus has published (the feed's); absent: the bus's own count (EventBus.publishedSeq) */
  publishedSeq?: (hallId: string) => number | undefined;
  /**
   * Whether this node runs the hall's scheduled work (alert checks, appointment jobs). Absent
   * (one node): every hall. On PostgreSQL: the halls whose leader lock this node holds.
   */
  leads?: (hallId: string) => boolean;
  /**
   * PostgreSQL: the key this node's outbox claims carry while its session lease holds (undefined:
   * the session is lost or its lease ran out — claim nothing, send nothing more). Another node takes
   * a claim over as soon as its key's session ends. Absent (one node on SQLite): claims carry no
   * key, and those of a process that died fall due when their time lease ends.
   */
  claimKey?: () => number | undefined;
}

/** whether this node runs the hall's scheduled work (see AppContext.leads) */
export function leadsHall(ctx: AppContext, hallId: string): boolean {
  return ctx.leads ? ctx.leads(hallId) : true;
}

/** appends an event to the open transaction's log; it goes out on the bus only after commit */
export type Emit = (event: NewEvent) => Promise<HallEvent>;

/** Events of the outermost changeState still running, per transaction context, awaiting its commit. */
const openBatches = new WeakMap<AppContext, HallEvent[]>();
/** the context a transaction's context was made from */
const roots = new WeakMap<AppContext, AppContext>();

/**
 * The server's own context, also when given a transaction's: caches kept per server key on it
 * (a transaction's context is a new object each time, and would miss them).
 */
export function rootContext(ctx: AppContext): AppContext {
  return roots.get(ctx) ?? ctx;
}

/**
 * The one way state changes: fn runs inside one write transaction of the hall
 * (`store.writeHall`) and appends its events through `emit`; only after commit are those events
 * published. fn gets the transaction's context: the same context with `store` bound to the
 * transaction; everything fn reads, writes and calls goes through it (callers name it `ctx`,
 * shadowing the outer one, so nothing inside can reach around the transaction by mistake).
 *
 * A changeState on a transaction's context (an appointment check-in issuing its ticket) joins
 * that transaction as a savepoint: its events are published with the outer ones when that
 * commits — never before — and a rolled-back inner part's events never go out.
 */
export async function changeState<T>(ctx: AppContext, hallId: string, fn: (emit: Emit, tx: AppContext) => Promise<T>): Promise<T> {
  const outer = openBatches.get(ctx);
  const batch = outer ?? [];
  const run = (storeTx: StoreTx): Promise<T> => {
    const tx: AppContext = { ...ctx, store: storeTx };
    openBatches.set(tx, batch);
    roots.set(tx, rootContext(ctx));
    const emit: Emit = async (event) => {
      const stored = await storeTx.events.append(event);
      // held from the first of its hall until published: see EventBus.hold (PostgreSQL's feed publishes on its own)
      if (!ctx.committed) holdFrom(ctx, batch, stored);
      batch.push(stored);
      return stored;
    };
    return fn(emit, tx);
  };
  if (outer) {
    const before = outer.length;
    try {
      return await ctx.store.writeHall(hallId, run); // a savepoint: the inner part stays all-or-nothing
    } catch (error) {
      outer.length = before; // the caller may catch and go on: its rolled-back events must not go out
      throw error;
    }
  }
  if (ctx.committed) {
    const result = await ctx.store.writeHall(hallId, run);
    ctx.committed(batch);
    return result;
  }
  try {
    const result = await ctx.store.writeHall(hallId, run);
    ctx.bus.publish(batch);
    return result;
  } finally {
    for (const [hall, seq] of holds.get(batch) ?? []) ctx.bus.release(hall, seq);
  }
}

/** per outermost transaction's events, the seq held on the bus for each hall (kept apart from the events: a rolled-back part drops its events, not its hold) */
const holds = new WeakMap<HallEvent[], Map<string, number>>();

function holdFrom(ctx: AppContext, batch: HallEvent[], stored: HallEvent): void {
  let held = holds.get(batch);
  if (!held) holds.set(batch, (held = new Map()));
  if (held.has(stored.hallId)) return;
  held.set(stored.hallId, stored.seq);
  ctx.bus.hold(stored.hallId, stored.seq);
}

/**
 * fn's reads as one view of the database (`Store.readView`), so what it shows is the state at the
 * seq it reads, whatever other nodes commit meanwhile. fn gets the context with `store` bound to it.
 */
export async function readConsistently<T>(ctx: AppContext, hallId: string, fn: (ctx: AppContext) => Promise<T>): Promise<T> {
  if (!ctx.store.readView) return await fn(ctx);
  return await ctx.store.readView(hallId, (view) => {
    const inView: AppContext = { ...ctx, store: view };
    roots.set(inView, rootContext(ctx));
    return fn(inView);
  });
}
