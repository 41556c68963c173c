import type { Logger } from 'pino';
import type { HallEvent } from '../contract/events.js';
import type { EventBus } from './event-bus.js';
import type { NewEvent, Store } from './ports.js';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Everything a use-case needs, passed in: no singletons. */
export interface AppContext {
  store: Store;
  bus: EventBus;
  clock: Clock;
  log: Logger;
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
