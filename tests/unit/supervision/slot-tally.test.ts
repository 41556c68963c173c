import { describe, expect, it } from 'vitest';
import type { AggregatesPort, ServiceSlotAdd } from '../../../server/supervision/ports.js';
import { SlotTally } from '../../../server/supervision/slot-tally.js';

function recorder() {
  const written: ServiceSlotAdd[] = [];
  const repo = { addServiceSlot: (r: ServiceSlotAdd) => Promise.resolve(void written.push({ ...r })) } as unknown as AggregatesPort;
  return { repo, written };
}

describe('slot tally of one catch-up batch', () => {
  it('writes one sum per slot, whatever the order of the events', async () => {
    const { repo, written } = recorder();
    const tally = new SlotTally();
    const at = { hallId: 'h1', day: '2026-12-07', serviceId: 'tax', weekday: 1 };
    tally.add({ ...at, slot: 18, issued: 1 });
    tally.add({ ...at, slot: 19, issued: 1, appointments: 1 });
    tally.add({ ...at, slot: 18, firstCalled: 1 });
    tally.add({ ...at, slot: 18, issued: 1 });
    tally.add({ ...at, serviceId: 'id-card', slot: 18, served: 1 });
    tally.add({ ...at, slot: 18, cancelled: 1 });
    await tally.flush(repo);
    expect(written).toEqual([
      { ...at, slot: 18, issued: 2, cancelled: 1, appointments: 0, firstCalled: 1, served: 0 },
      { ...at, slot: 19, issued: 1, cancelled: 0, appointments: 1, firstCalled: 0, served: 0 },
      { ...at, serviceId: 'id-card', slot: 18, issued: 0, cancelled: 0, appointments: 0, firstCalled: 0, served: 1 },
    ]);
  });

  it('starts empty again after a flush', async () => {
    const { repo, written } = recorder();
    const tally = new SlotTally();
    tally.add({ hallId: 'h1', day: '2026-12-07', serviceId: 'tax', weekday: 1, slot: 18, issued: 1 });
    await tally.flush(repo);
    await tally.flush(repo);
    expect(written).toHaveLength(1);
  });
});
