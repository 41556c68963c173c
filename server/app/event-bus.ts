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
  /** per hall, the first seq of each transaction whose events are in the log but not published yet (ascending: writes commit one at a time) */
  private readonly held = new Map<string, number[]>();

  constructor(private readonly onListenerError: (error: unknown, event: HallEvent) => void = () => {}) {}

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * A transaction of the hall has appended events from `seq` on: they are not published until
   * `release`. On SQLite a write is answered (and its events published) once the disk has its
   * commit, a moment after other requests can already read it: a replay read from the log stops
   * before what is held (`publishedSeq`), and the live events bring the rest.
   */
  hold(hallId: string, seq: number): void {
    const seqs = this.held.get(hallId);
    if (seqs) seqs.push(seq);
    else this.held.set(hallId, [seq]);
  }

  release(hallId: string, seq: number): void {
    const seqs = this.held.get(hallId);
    const at = seqs?.indexOf(seq) ?? -1;
    if (at >= 0) seqs!.splice(at, 1);
    if (seqs?.length === 0) this.held.delete(hallId);
  }

  /** the hall's last seq whose events have all been published; undefined when nothing is held (every logged event is out) */
  publishedSeq(hallId: string): number | undefined {
    const first = this.held.get(hallId)?.[0];
    return first === undefined ? undefined : first - 1;
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
