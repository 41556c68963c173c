import type { AggregatesPort, ServiceSlotAdd } from './ports.js';

type SlotSums = Required<ServiceSlotAdd>;

/**
 * The service-slot additions of one catch-up batch, summed per slot and written once at its end.
 * A busy minute's hundreds of tickets fall in one or two slots: one upsert each instead of one per
 * event. Only sums go through here, so the order of the events within the batch does not matter.
 */
export class SlotTally {
  private readonly sums = new Map<string, SlotSums>();

  add(r: ServiceSlotAdd): void {
    const key = `${r.hallId}\u0000${r.day}\u0000${r.serviceId}\u0000${r.slot}`;
    const s = this.sums.get(key);
    if (!s) {
      this.sums.set(key, { issued: 0, cancelled: 0, appointments: 0, firstCalled: 0, served: 0, ...r });
      return;
    }
    s.issued += r.issued ?? 0;
    s.cancelled += r.cancelled ?? 0;
    s.appointments += r.appointments ?? 0;
    s.firstCalled += r.firstCalled ?? 0;
    s.served += r.served ?? 0;
  }

  async flush(repo: AggregatesPort): Promise<void> {
    for (const s of this.sums.values()) await repo.addServiceSlot(s);
    this.sums.clear();
  }
}
