import type { Logger } from 'pino';
import type { HallEvent } from '../contract/events.js';
import type { EventBus } from './event-bus.js';
import type { NewEvent, Store } from './ports.js';
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
}

export type Emit = (event: NewEvent) => HallEvent;

/** Events of the outermost changeState still running for a context, awaiting its commit. */
const openBatches = new WeakMap<AppContext, HallEvent[]>();

/**
 * The one way state changes: fn runs inside one write transaction and appends its events
 * through `emit`; only after commit are those events published. A changeState inside another
 * (an appointment check-in issuing its ticket) joins the outer transaction, and its events are
 * published with the outer ones when that commits — never before.
 */
export function changeState<T>(ctx: AppContext, fn: (emit: Emit) => T): T {
  const outer = openBatches.get(ctx);
  const batch = outer ?? [];
  const emit: Emit = (event) => {
    const stored = ctx.store.events.append(event);
    batch.push(stored);
    return stored;
  };
  if (outer) {
    const before = outer.length;
    try {
      return ctx.store.transaction(() => fn(emit)); // a savepoint: the inner part stays all-or-nothing
    } catch (error) {
      outer.length = before; // the caller may catch and go on: its rolled-back events must not go out
      throw error;
    }
  }
  openBatches.set(ctx, batch);
  let result: T;
  try {
    result = ctx.store.transaction(() => fn(emit));
  } finally {
    openBatches.delete(ctx);
  }
  ctx.bus.publish(batch);
  return result;
}
