/**
 * Bus priorities: a call's window strip goes before anything else, then the hall boards (the
 * strip is what the visitor walks to, and on a busy bus the boards' many lines kept it waiting),
 * polling last.
 */
export const Priority = { display: 0, hallBoard: 1, command: 2, poll: 3, probe: 4 } as const;
export type Priority = (typeof Priority)[keyof typeof Priority];

/** A queue that hands out the lowest priority number first, first-in first-out within one. */
export class PriorityQueue<T> {
  private readonly lanes = new Map<number, T[]>();

  get size(): number {
    let n = 0;
    for (const lane of this.lanes.values()) n += lane.length;
    return n;
  }

  push(item: T, priority: number): void {
    const lane = this.lanes.get(priority);
    if (lane) lane.push(item);
    else this.lanes.set(priority, [item]);
  }

  shift(): T | undefined {
    const keys = [...this.lanes.keys()].sort((a, b) => a - b);
    for (const key of keys) {
      const lane = this.lanes.get(key)!;
      const item = lane.shift();
      if (lane.length === 0) this.lanes.delete(key);
      if (item !== undefined) return item;
    }
    return undefined;
  }

  /** the first waiting item, in any lane, that `match` accepts */
  find(match: (item: T) => boolean): T | undefined {
    for (const lane of this.lanes.values()) {
      const item = lane.find(match);
      if (item !== undefined) return item;
    }
    return undefined;
  }

  /** removes and returns every item (to fail them when the port goes away) */
  drain(): T[] {
    const all: T[] = [];
    for (let item = this.shift(); item !== undefined; item = this.shift()) all.push(item);
    return all;
  }
}
