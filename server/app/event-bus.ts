import type { HallEvent } from '../contract/events.js';

export type EventListener = (event: HallEvent) => void;

/**
 * In-process fan-out of committed events: the realtime gateway, the device host and live
 * statistics listen here. Publishing happens only after the transaction has committed, so a
 * listener never sees a change that could still roll back. One failing listener is reported
 * and does not stop the others.
 */
export class EventBus {
  private readonly listeners = new Set<EventListener>();

  constructor(private readonly onListenerError: (error: unknown, event: HallEvent) => void = () => {}) {}

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(events: readonly HallEvent[]): void {
    for (const event of events) {
      for (const listener of this.listeners) {
        try {
          listener(event);
        } catch (error) {
          this.onListenerError(error, event);
        }
      }
    }
  }
}
