import type { HallEvent } from '../contract/events.js';
import { SlotTally } from './slot-tally.js';
import type { AggregatesPort, DayCounter, DayKey, DayMetric, OpenVisit, WindowRunState, WindowTimeAdd } from './ports.js';

interface DaySums {
  key: DayKey;
  counters: Partial<Record<DayCounter, number>>;
  samples: Partial<Record<DayMetric, number[]>>;
}

/** the ticket an event's figures are about, when it has one */
function ticketOf(e: HallEvent): string | undefined {
  const data = e.data as { ticketId?: unknown };
  return typeof data.ticketId === 'string' ? data.ticketId : undefined;
}

/**
 * What one catch-up batch reads and writes, kept in memory for the batch: the tickets' last visits
 * and the hall's window states read once at its start (one query each), then kept up to date as
 * the events are applied; the day rows' counters and histogram samples, the windows' times and the
 * window states summed per key and written once at its end. On PostgreSQL every statement is a
 * round trip inside the hall's lock: per event this was ~5 of them, now it is the visit's own row.
 * Only sums and last values go through here, so the result is the one the events applied one by
 * one would leave.
 */
export class BatchWrites {
  readonly slots = new SlotTally();
  private readonly visits = new Map<string, OpenVisit>();
  private readonly windows = new Map<string, WindowRunState>();
  private readonly changedWindows = new Set<string>();
  private readonly days = new Map<string, DaySums>();
  private readonly times = new Map<string, WindowTimeAdd>();

  private constructor(private readonly repo: AggregatesPort) {}

  /** reads what the batch's events need: their tickets' last visits and the hall's window states */
  static async load(repo: AggregatesPort, hallId: string, events: readonly HallEvent[]): Promise<BatchWrites> {
    const batch = new BatchWrites(repo);
    const tickets = [...new Set(events.map(ticketOf).filter((id): id is string => id !== undefined))];
    // one after the other: on PostgreSQL both run on the hall's one transaction connection
    for (const v of await repo.lastVisits(tickets)) batch.visits.set(v.ticketId, v);
    for (const w of await repo.windowStates(hallId)) batch.windows.set(w.windowId, w);
    return batch;
  }

  lastVisit(ticketId: string): OpenVisit | undefined {
    return this.visits.get(ticketId);
  }

  /** a visit inserted (or started) in this batch is the ticket's last one from now on */
  setVisit(v: OpenVisit): void {
    this.visits.set(v.ticketId, v);
  }

  windowState(windowId: string): WindowRunState | undefined {
    return this.windows.get(windowId);
  }

  saveWindowState(w: WindowRunState): void {
    this.windows.set(w.windowId, w);
    this.changedWindows.add(w.windowId);
  }

  bumpDay(key: DayKey, counters: Partial<Record<DayCounter, number>>, sample?: { metric: DayMetric; value: number }): void {
    const k = [key.hallId, key.day, key.windowId, key.staffId, key.serviceId].join('\u0000');
    let sums = this.days.get(k);
    if (!sums) this.days.set(k, (sums = { key, counters: {}, samples: {} }));
    for (const [c, n] of Object.entries(counters) as [DayCounter, number][]) sums.counters[c] = (sums.counters[c] ?? 0) + n;
    if (sample) (sums.samples[sample.metric] ??= []).push(sample.value);
  }

  addWindowTime(r: WindowTimeAdd): void {
    const k = [r.hallId, r.day, r.windowId, r.staffId].join('\u0000');
    const t = this.times.get(k);
    if (!t) this.times.set(k, { ...r });
    else {
      t.open += r.open;
      t.paused += r.paused;
      t.busy += r.busy;
    }
  }

  /** writes the batch's sums and last window states, once per key */
  async flush(): Promise<void> {
    for (const d of this.days.values()) await this.repo.bumpDay(d.key, d.counters, d.samples);
    for (const t of this.times.values()) await this.repo.addWindowTime(t);
    for (const id of this.changedWindows) await this.repo.saveWindowState(this.windows.get(id)!);
    await this.slots.flush(this.repo);
  }
}
