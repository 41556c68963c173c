import type { SqliteStore } from '../../../db/sqlite-store.js';
import type { Ticket } from '../../../server/domain/model.js';
import type { QueueClass } from '../../../server/domain/next-ticket.js';

/** A small seeded generator (mulberry32): the same queues on every run, whatever the day. */
export function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    chance: (p: number) => next() < p,
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
  };
}
export type Random = ReturnType<typeof random>;

export const SERVICES = ['tax-reg', 'invoice', 'license'] as const;
const CLASSES: QueueClass[] = ['appointment', 'priority', 'transfer', 'normal'];
const OTHER_STATUS: Ticket['status'][] = ['called', 'serving', 'done', 'no_show', 'cancelled'];

/** the hall's local offset written the way appointment slots sometimes are */
const withOffset = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().replace(/\.\d{3}Z$/, '+08:00');

/**
 * Inserts a generated mixed queue under its own business day `day` (so queues never mix):
 * plain, priority, transferred, appointment check-ins before and inside their slot, tickets
 * issued in the same millisecond, and tickets no longer queued.
 */
export function insertQueue(store: SqliteStore, rnd: Random, day: string, now: Date, size: number): Ticket[] {
  return store.syncTransaction(() => generate(store, rnd, day, now, size));
}

function generate(store: SqliteStore, rnd: Random, day: string, now: Date, size: number): Ticket[] {
  const tickets: Ticket[] = [];
  let last = now.getTime() - 180 * 60_000;
  for (let seqNo = 1; seqNo <= size; seqNo++) {
    if (!rnd.chance(0.1)) last = now.getTime() - rnd.int(0, 180 * 60) * 1000 - rnd.int(0, 999);
    const slot = rnd.chance(0.15) ? new Date(now.getTime() + rnd.int(-60, 60) * 60_000) : null;
    const r = rnd.next();
    const status: Ticket['status'] = r < 0.65 ? 'waiting' : r < 0.8 ? 'transferred' : rnd.pick(OTHER_STATUS);
    const serviceId = rnd.pick(SERVICES);
    const t: Ticket = {
      id: `${day}-${String(seqNo).padStart(4, '0')}`,
      hallId: 'main',
      serviceId,
      businessDay: day,
      seqNo,
      number: `G${seqNo}`,
      priority: rnd.chance(0.2) ? 'priority' : 'normal',
      status,
      issuedAt: new Date(last).toISOString(),
      calledAt: null,
      startedAt: null,
      finishedAt: null,
      windowId: null,
      staffId: null,
      callCount: 0,
      restored: false,
      transferredFromServiceId: status === 'transferred' ? rnd.pick(SERVICES) : null,
      transferredAt: null,
      appointmentId: slot ? `ap-${day}-${seqNo}` : null,
      slotStart: slot ? (rnd.chance(0.3) ? withOffset(slot) : slot.toISOString()) : null,
      slotEnd: slot ? new Date(slot.getTime() + 30 * 60_000).toISOString() : null,
      statusToken: `tok-${day}-${seqNo}`,
      kioskId: null,
    };
    store.sync.tickets.insert(t);
    tickets.push(t);
  }
  return tickets;
}

export function randomWindowServices(rnd: Random): string[] {
  const order = [...SERVICES].sort(() => rnd.next() - 0.5);
  return order.slice(0, rnd.int(1, order.length));
}

export function randomRecentClasses(rnd: Random): QueueClass[] {
  return Array.from({ length: rnd.int(0, 10) }, () => rnd.pick(CLASSES));
}

export function randomPolicy(rnd: Random) {
  return { priorityBurst: rnd.int(1, 3), ageLimitMinutes: rnd.pick([30, 60, 120, 240]), appointmentEarlyMinutes: rnd.pick([0, 10, 30]) };
}
