import { describe, expect, it } from 'vitest';
import type { HallEvent } from '../../../server/contract/events.js';
import type { AppointmentDeps } from '../../../server/appointments/deps.js';
import { watchTurnSoon } from '../../../server/appointments/turn-soon.js';

/** A store double that counts the turn-soon check's queue reads: which events make it look at a queue at all. */
function countingDeps() {
  const reads: string[] = [];
  const deps = {
    ctx: {
      clock: { now: () => new Date('2026-12-07T02:00:00Z') },
      store: {
        tickets: {
          queuedWithSlot: (serviceId: string) => {
            reads.push(serviceId);
            return Promise.resolve([]);
          },
          countQueuedAheadOfEach: () => Promise.resolve([]),
        },
      },
    },
    appointments: { rules: () => Promise.resolve({}) },
  } as unknown as AppointmentDeps;
  return { deps, reads };
}

const issued = (serviceId: string, appointment: boolean): HallEvent =>
  ({
    seq: 1,
    type: 'ticket.issued',
    at: '2026-12-07T02:00:00Z',
    hallId: 'h1',
    data: { ticketId: `t-${serviceId}`, number: 'A001', serviceId, priority: 'normal', issuedAt: '2026-12-07T02:00:00Z', appointment },
  }) as unknown as HallEvent;

const called = (serviceId: string): HallEvent =>
  ({
    seq: 2,
    type: 'ticket.called',
    at: '2026-12-07T02:01:00Z',
    hallId: 'h1',
    windowId: 'w1',
    data: { ticketId: 't', number: 'A001', serviceId },
  }) as unknown as HallEvent;

const afterTheTurn = () => new Promise((resolve) => setImmediate(() => setImmediate(resolve)));

describe('the turn-soon check looks at a queue only when someone may have come near their turn', () => {
  it('a walk-in ticket issued behind the queue: no queue read', async () => {
    const { deps, reads } = countingDeps();
    const watch = watchTurnSoon(deps, (err) => {
      throw err;
    });
    for (let i = 0; i < 50; i++) watch.listener(issued('tax', false));
    await afterTheTurn();
    expect(reads).toEqual([]);
    watch.close();
  });

  it("a check-in's own ticket, and a call: the service's check-ins are read once per turn", async () => {
    const { deps, reads } = countingDeps();
    const watch = watchTurnSoon(deps, (err) => {
      throw err;
    });
    watch.listener(issued('tax', true));
    watch.listener(called('tax'));
    watch.listener(called('license'));
    await afterTheTurn();
    expect(reads.sort()).toEqual(['license', 'tax']);
    watch.close();
  });
});
