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

/**
 * The one way state changes: fn runs inside one write transaction and appends its events
 * through `emit`; only after commit are those events published.
 */
export function changeState<T>(ctx: AppContext, fn: (emit: Emit) => T): T {
  const committed: HallEvent[] = [];
  const result = ctx.store.transaction(() =>
    fn((event) => {
      const stored = ctx.store.events.append(event);
      committed.push(stored);
      return stored;
    }),
  );
  ctx.bus.publish(committed);
  return result;
}
