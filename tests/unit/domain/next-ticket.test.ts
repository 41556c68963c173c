import { describe, expect, it } from 'vitest';
import { chooseNextTicket, queueClassOf, type NextTicketInput, type QueueClass, type WaitingTicket } from '../../../server/domain/next-ticket.js';

const NOW = new Date('2026-11-23T02:00:00.000Z');
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000);
const POLICY = { priorityBurst: 2, ageLimitMinutes: 30, appointmentEarlyMinutes: 0 };

let nextId = 0;
function ticket(over: Partial<WaitingTicket> & { ago?: number } = {}): WaitingTicket {
  const { ago = 5, ...rest } = over;
  nextId += 1;
  return { id: `t${String(nextId).padStart(3, '0')}`, serviceId: 'tax', issuedAt: minutesAgo(ago), priority: false, transferred: false, ...rest };
}

function choose(waiting: WaitingTicket[], over: Partial<NextTicketInput> = {}) {
  return chooseNextTicket({ serviceIds: ['tax', 'license'], waiting, recentCallClasses: [], now: NOW, policy: POLICY, ...over });
}

/** Calls the window would make one after another, feeding each call back into the recent classes. */
function callOrder(waiting: WaitingTicket[], over: Partial<NextTicketInput> = {}): string[] {
  const left = [...waiting];
  const recent: QueueClass[] = [...(over.recentCallClasses ?? [])];
  const order: string[] = [];
  for (;;) {
    const c = choose(left, { ...over, recentCallClasses: recent });
    if (!c) return order;
    order.push(c.ticket.id);
    recent.unshift(c.queueClass);
    left.splice(left.indexOf(c.ticket), 1);
  }
}

describe('chooseNextTicket: classes', () => {
  it('gives null when nothing waits', () => {
    expect(choose([])).toBeNull();
  });

  it('calls plain tickets in issue order', () => {
    const a = ticket({ ago: 3 });
    const b = ticket({ ago: 9 });
    const c = ticket({ ago: 6 });
    expect(callOrder([a, b, c])).toEqual([b.id, c.id, a.id]);
  });

  it('gives a priority (绿色通道) ticket before older plain ones', () => {
    const plain = ticket({ ago: 20 });
    const prio = ticket({ ago: 1, priority: true });
    const c = choose([plain, prio]);
    expect(c?.ticket.id).toBe(prio.id);
    expect(c?.queueClass).toBe('priority');
    expect(c?.reason).toBe('priority');
  });

  it('gives a transferred ticket before plain ones but after priority ones', () => {
    const plain = ticket({ ago: 20 });
    const moved = ticket({ ago: 15, transferred: true });
    const prio = ticket({ ago: 1, priority: true });
    expect(callOrder([plain, moved, prio])).toEqual([prio.id, moved.id, plain.id]);
    expect(choose([plain, moved])?.queueClass).toBe('transfer');
  });

  it('gives a checked-in appointment whose slot has begun before everything else', () => {
    const prio = ticket({ ago: 25, priority: true });
    const plain = ticket({ ago: 29 });
    const appt = ticket({ ago: 1, slot: { start: minutesAgo(2), end: new Date(NOW.getTime() + 28 * 60_000) } });
    const c = choose([prio, plain, appt]);
    expect(c?.ticket.id).toBe(appt.id);
    expect(c?.reason).toBe('appointment');
  });

  it('takes appointments by earliest slot, not by check-in time', () => {
    const late = ticket({ ago: 10, slot: { start: minutesAgo(1), end: NOW } });
    const early = ticket({ ago: 2, slot: { start: minutesAgo(5), end: NOW } });
    expect(callOrder([late, early])).toEqual([early.id, late.id]);
  });

  it('treats an appointment checked in before its slot as a plain ticket until the slot starts', () => {
    const slot = { start: new Date(NOW.getTime() + 10 * 60_000), end: new Date(NOW.getTime() + 40 * 60_000) };
    const appt = ticket({ ago: 1, slot });
    const plain = ticket({ ago: 8 });
    expect(choose([appt, plain])?.ticket.id).toBe(plain.id);
    expect(queueClassOf(appt, NOW, 0)).toBe('normal');
    const atStart = choose([appt, plain], { now: slot.start });
    expect(atStart?.ticket.id).toBe(appt.id);
  });

  it('counts an appointment as in its slot appointmentEarlyMinutes before the start', () => {
    const slot = { start: new Date(NOW.getTime() + 10 * 60_000), end: new Date(NOW.getTime() + 40 * 60_000) };
    const appt = ticket({ ago: 1, slot });
    const plain = ticket({ ago: 8 });
    expect(choose([appt, plain], { policy: { ...POLICY, appointmentEarlyMinutes: 10 } })?.ticket.id).toBe(appt.id);
    expect(choose([appt, plain], { policy: { ...POLICY, appointmentEarlyMinutes: 9 } })?.ticket.id).toBe(plain.id);
  });

  it('keeps an appointment checked in before its slot as priority if it is also a priority ticket', () => {
    const slot = { start: new Date(NOW.getTime() + 60 * 60_000), end: new Date(NOW.getTime() + 90 * 60_000) };
    expect(queueClassOf(ticket({ slot, priority: true }), NOW, 0)).toBe('priority');
  });

  it('ignores tickets of services the window does not serve', () => {
    const other = ticket({ ago: 40, serviceId: 'invoice', priority: true });
    const mine = ticket({ ago: 1, serviceId: 'license' });
    expect(choose([other, mine])?.ticket.id).toBe(mine.id);
    expect(choose([other])).toBeNull();
  });
});

describe('chooseNextTicket: interleave (priorityBurst)', () => {
  it('calls a waiting plain ticket after priorityBurst priority calls in a row', () => {
    const plain = ticket({ ago: 20 });
    const prios = [ticket({ ago: 10, priority: true }), ticket({ ago: 9, priority: true }), ticket({ ago: 8, priority: true })];
    expect(callOrder([plain, ...prios])).toEqual([prios[0]!.id, prios[1]!.id, plain.id, prios[2]!.id]);
  });

  it('says why a plain ticket went ahead: interleave', () => {
    const plain = ticket({ ago: 20 });
    const prio = ticket({ ago: 10, priority: true });
    const c = choose([plain, prio], { recentCallClasses: ['priority', 'priority'] });
    expect(c?.ticket.id).toBe(plain.id);
    expect(c?.reason).toBe('interleave');
  });

  it('counts transfers and priority tickets together in the streak', () => {
    const plain = ticket({ ago: 20 });
    const prio = ticket({ ago: 10, priority: true });
    expect(choose([plain, prio], { recentCallClasses: ['transfer', 'priority'] })?.ticket.id).toBe(plain.id);
    expect(choose([plain, prio], { recentCallClasses: ['transfer', 'normal', 'priority'] })?.ticket.id).toBe(prio.id);
  });

  it('lets appointments neither extend nor break the streak', () => {
    const plain = ticket({ ago: 20 });
    const prio = ticket({ ago: 10, priority: true });
    expect(choose([plain, prio], { recentCallClasses: ['priority', 'appointment', 'priority'] })?.ticket.id).toBe(plain.id);
    expect(choose([plain, prio], { recentCallClasses: ['appointment', 'appointment', 'priority'] })?.ticket.id).toBe(prio.id);
  });

  it('keeps calling priority tickets when no plain ticket waits', () => {
    const prios = [ticket({ ago: 10, priority: true }), ticket({ ago: 9, priority: true }), ticket({ ago: 8, priority: true })];
    expect(callOrder(prios)).toEqual(prios.map((p) => p.id));
  });

  it.each([1, 2, 3, 5])('with priorityBurst %i, at most that many preferred calls run in a row while plain tickets wait', (burst) => {
    const plains = Array.from({ length: 4 }, (_, i) => ticket({ ago: 20 - i }));
    const prios = Array.from({ length: 12 }, (_, i) => ticket({ ago: 15 - i, priority: true }));
    const order = callOrder([...plains, ...prios], { policy: { ...POLICY, priorityBurst: burst } });
    const isPlain = new Set(plains.map((p) => p.id));
    let run = 0;
    for (const id of order.slice(0, order.indexOf(plains[3]!.id))) {
      run = isPlain.has(id) ? 0 : run + 1;
      expect(run).toBeLessThanOrEqual(burst);
    }
    expect(order.slice(0, burst + 1)).toEqual([...prios.slice(0, burst).map((p) => p.id), plains[0]!.id]);
  });
});

describe('chooseNextTicket: ageing', () => {
  it('calls a plain ticket that has waited the age limit before priority tickets', () => {
    const old = ticket({ ago: 30 });
    const prio = ticket({ ago: 1, priority: true });
    const c = choose([old, prio]);
    expect(c?.ticket.id).toBe(old.id);
    expect(c?.reason).toBe('age-limit');
  });

  it('does not age a ticket one minute short of the limit', () => {
    const young = ticket({ ago: 29 });
    const prio = ticket({ ago: 1, priority: true });
    expect(choose([young, prio])?.ticket.id).toBe(prio.id);
  });

  it('calls the oldest of several aged tickets first, whatever their class', () => {
    const oldPlain = ticket({ ago: 50 });
    const oldPrio = ticket({ ago: 35, priority: true });
    const oldMoved = ticket({ ago: 45, transferred: true });
    expect(callOrder([oldPrio, oldMoved, oldPlain])).toEqual([oldPlain.id, oldMoved.id, oldPrio.id]);
  });

  it('still puts an appointment in its slot before an aged ticket', () => {
    const old = ticket({ ago: 90 });
    const appt = ticket({ ago: 1, slot: { start: minutesAgo(1), end: NOW } });
    expect(choose([old, appt])?.ticket.id).toBe(appt.id);
  });

  it('follows the configured age limit', () => {
    const plain = ticket({ ago: 10 });
    const prio = ticket({ ago: 1, priority: true });
    expect(choose([plain, prio], { policy: { ...POLICY, ageLimitMinutes: 10 } })?.ticket.id).toBe(plain.id);
    expect(choose([plain, prio], { policy: { ...POLICY, ageLimitMinutes: 11 } })?.ticket.id).toBe(prio.id);
  });

  it('never leaves a plain ticket waiting past the age limit under a steady stream of priority tickets', () => {
    const plain = ticket({ ago: 0 });
    const waiting: WaitingTicket[] = [plain];
    const recent: QueueClass[] = [];
    for (let minute = 0; minute < 60; minute++) {
      const now = new Date(NOW.getTime() + minute * 60_000);
      waiting.push({ ...ticket(), issuedAt: now, priority: true });
      const c = chooseNextTicket({ serviceIds: ['tax'], waiting, recentCallClasses: recent, now, policy: { ...POLICY, priorityBurst: 100 } });
      waiting.splice(waiting.indexOf(c!.ticket), 1);
      recent.unshift(c!.queueClass);
      if (c!.ticket.id === plain.id) {
        expect(minute).toBeLessThanOrEqual(30);
        return;
      }
    }
    expect.fail('the plain ticket was never called');
  });
});

describe('chooseNextTicket: ties', () => {
  it("breaks equal issue times by the window's service order", () => {
    const at = minutesAgo(5);
    const lic = ticket({ serviceId: 'license', issuedAt: at } as Partial<WaitingTicket>);
    const tax = ticket({ serviceId: 'tax', issuedAt: at } as Partial<WaitingTicket>);
    expect(choose([lic, tax], { serviceIds: ['tax', 'license'] })?.ticket.id).toBe(tax.id);
    expect(choose([lic, tax], { serviceIds: ['license', 'tax'] })?.ticket.id).toBe(lic.id);
  });

  it("prefers issue order over the window's service order", () => {
    const lic = ticket({ serviceId: 'license', ago: 6 });
    const tax = ticket({ serviceId: 'tax', ago: 5 });
    expect(choose([tax, lic], { serviceIds: ['tax', 'license'] })?.ticket.id).toBe(lic.id);
  });

  it('breaks ties within the priority class by service order too', () => {
    const at = minutesAgo(5);
    const lic = ticket({ serviceId: 'license', issuedAt: at, priority: true } as Partial<WaitingTicket>);
    const tax = ticket({ serviceId: 'tax', issuedAt: at, priority: true } as Partial<WaitingTicket>);
    expect(choose([lic, tax], { serviceIds: ['license', 'tax'] })?.ticket.id).toBe(lic.id);
  });

  it('calls tickets of one service issued in the same millisecond by their number', () => {
    const at = minutesAgo(5);
    const second = { id: 'ffff', serviceId: 'tax', issuedAt: at, seqNo: 2, priority: false, transferred: false };
    const first = { id: 'zzzz', serviceId: 'tax', issuedAt: at, seqNo: 1, priority: false, transferred: false };
    expect(callOrder([second, first])).toEqual(['zzzz', 'ffff']);
  });

  it('is deterministic for identical tickets whatever the input order', () => {
    const at = minutesAgo(5);
    const a = { id: 'a', serviceId: 'tax', issuedAt: at, priority: false, transferred: false };
    const b = { id: 'b', serviceId: 'tax', issuedAt: at, priority: false, transferred: false };
    expect(choose([b, a])?.ticket.id).toBe('a');
    expect(choose([a, b])?.ticket.id).toBe('a');
  });
});
