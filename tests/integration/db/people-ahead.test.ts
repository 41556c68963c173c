import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore, type SqliteStore } from '../../../db/sqlite-store.js';
import { asQueued, ticketPeopleAhead } from '../../../server/app/queue-view.js';
import type { AppContext } from '../../../server/app/context.js';
import { seedDatabase } from '../../../server/config/seed.js';
import type { Ticket } from '../../../server/domain/model.js';
import { peopleAhead } from '../../../server/domain/wait-estimate.js';
import { testConfig } from '../../helpers/test-config.js';
import { NOT_YET_CALLED } from '../../helpers/ticket-fixture.js';

const NOW = new Date('2026-11-23T02:00:00.000Z');
const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000).toISOString();

let dir: string;
let store: SqliteStore;
const tickets: Ticket[] = [];

function add(over: Partial<Ticket>): Ticket {
  const seqNo = tickets.length + 1;
  const t: Ticket = {
    id: `t-${String(seqNo).padStart(2, '0')}-${over.priority ?? 'n'}`,
    hallId: 'main',
    serviceId: 'tax-reg',
    businessDay: '2026-11-23',
    seqNo,
    number: `A${String(seqNo).padStart(3, '0')}`,
    priority: 'normal',
    status: 'waiting',
    issuedAt: at(-30 + seqNo),
    ...NOT_YET_CALLED,
    statusToken: `token-${seqNo}`,
    kioskId: null,
    ...over,
  };
  store.sync.tickets.insert(t);
  tickets.push(t);
  return t;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hallq-ahead-'));
  store = openSqliteStore(join(dir, 'hall.sqlite'));
  seedDatabase(store.db, testConfig());
  add({});
  add({ priority: 'priority' });
  add({ status: 'transferred', transferredFromServiceId: 'license' });
  add({ issuedAt: at(-20) });
  add({ issuedAt: at(-20) }); // same instant as the one before: the number decides
  add({ priority: 'priority', issuedAt: at(-20) });
  add({ appointmentId: 'ap1', slotStart: at(-5), slotEnd: at(25) }); // slot begun
  add({ appointmentId: 'ap2', slotStart: '2026-11-23T10:30:00+08:00', slotEnd: '2026-11-23T11:00:00+08:00' }); // begins later, offset form
  add({ appointmentId: 'ap3', slotStart: '2026-11-23T09:30:00+08:00', slotEnd: '2026-11-23T10:00:00+08:00' }); // begun, offset form
  add({ status: 'called' });
  add({ status: 'done' });
  add({ status: 'no_show' });
  add({ serviceId: 'invoice' });
  add({ businessDay: '2026-11-22', issuedAt: '2026-11-22T03:00:00.000Z' });
  add({});
});
afterAll(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('countQueuedAhead', () => {
  it('counts, in SQL, exactly what the domain rule peopleAhead counts, for every ticket of a mixed queue', async () => {
    const ctx = { store } as unknown as AppContext;
    const queued = tickets.filter((t) => (t.status === 'waiting' || t.status === 'transferred') && t.businessDay === '2026-11-23');
    for (const t of queued) {
      const sameQueue = queued.filter((q) => q.serviceId === t.serviceId).map((q) => asQueued(q, NOW));
      expect(await ticketPeopleAhead(ctx, t, NOW), t.id).toBe(peopleAhead(asQueued(t, NOW), sameQueue));
    }
  });

  it('puts begun appointments first, then priority, transfers, plain by issue time and number', async () => {
    const ctx = { store } as unknown as AppContext;
    const ahead = async (i: number) => await ticketPeopleAhead(ctx, tickets[i]!, NOW);
    expect(await ahead(6)).toBe(0); // begun appointments, by issue time
    expect(await ahead(8)).toBe(1);
    expect(await ahead(1)).toBe(2); // priority: after the two begun appointments
    expect(await ahead(2)).toBe(4); // transfer: after appointments and both priority tickets
    expect(await ahead(7)).toBe(6); // an appointment whose slot has not begun waits as a plain ticket
    expect(await ahead(3)).toBe(7);
    expect(await ahead(4)).toBe(8); // same instant as #3, later number
    expect(await ahead(14)).toBe(9); // yesterday's, the called, done, no-show and other service's are not counted
  });
});
