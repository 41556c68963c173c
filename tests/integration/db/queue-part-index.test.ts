import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore, type SqliteStore } from '../../../db/sqlite-store.js';
import { seedDatabase } from '../../../server/config/seed.js';
import type { Ticket } from '../../../server/domain/model.js';
import { CLASS_RANK } from '../../../server/domain/wait-estimate.js';
import { testConfig } from '../../helpers/test-config.js';
import { NOT_YET_CALLED } from '../../helpers/ticket-fixture.js';

/**
 * People-ahead reads each queue part's order from memory (db/repositories/queue-part-index.ts).
 * After any mix of writes — issues, calls, restores, transfers, rolled-back transactions and
 * writes by another connection — it must count what a scan of the table counts.
 */
let dir: string;
let store: SqliteStore;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hallq-part-index-'));
  store = openSqliteStore(join(dir, 'hall.sqlite'));
  seedDatabase(store.db, testConfig());
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const DAY = '2026-11-23';
const SERVICES = ['tax-reg', 'license'];
let seed = 7;
const rnd = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;

function newTicket(n: number): Ticket {
  const minute = Math.floor(rnd() * 300);
  return {
    id: `t${n}`,
    hallId: 'main',
    serviceId: pick(SERVICES),
    businessDay: DAY,
    seqNo: n,
    number: `A${n}`,
    priority: rnd() < 0.15 ? 'priority' : 'normal',
    status: rnd() < 0.1 ? 'transferred' : 'waiting',
    issuedAt: new Date(Date.parse(`${DAY}T01:00:00.000Z`) + minute * 60_000).toISOString(),
    ...NOT_YET_CALLED,
    statusToken: `tok${n}`,
    kioskId: null,
  };
}

/** people ahead of a probe in its part, by the index and by scanning the table */
function compare(probes: number): void {
  for (let i = 0; i < probes; i++) {
    const serviceId = pick(SERVICES);
    const issuedAt = new Date(Date.parse(`${DAY}T01:00:00.000Z`) + Math.floor(rnd() * 320) * 60_000).toISOString();
    const seqNo = Math.floor(rnd() * 400);
    const rank = pick([CLASS_RANK.priority, CLASS_RANK.transfer, CLASS_RANK.normal]);
    const ref = { id: 'probe', serviceId, businessDay: DAY, issuedAt, seqNo, rank };
    const byIndex = store.sync.tickets.countQueuedAhead(ref, `${DAY}T09:00:00.000Z`);
    const byScan = (
      store.db
        .prepare(
          `SELECT COUNT(*) AS n FROM tickets WHERE service_id = ? AND business_day = ? AND status IN ('waiting', 'transferred')
      AND (CASE WHEN priority = 'priority' THEN ? WHEN status = 'transferred' THEN ? ELSE ? END < ?
        OR (CASE WHEN priority = 'priority' THEN ? WHEN status = 'transferred' THEN ? ELSE ? END = ? AND (issued_at, seq_no) < (?, ?)))`,
        )
        .get(
          serviceId,
          DAY,
          CLASS_RANK.priority,
          CLASS_RANK.transfer,
          CLASS_RANK.normal,
          rank,
          CLASS_RANK.priority,
          CLASS_RANK.transfer,
          CLASS_RANK.normal,
          rank,
          issuedAt,
          seqNo,
        ) as { n: number }
    ).n;
    expect(byIndex, JSON.stringify(ref)).toBe(byScan);
  }
}

describe('the in-memory order of queue parts', () => {
  it("counts what a scan counts after issues, calls, restores, transfers, rollbacks and another connection's writes", async () => {
    let n = 0;
    const live: Ticket[] = [];
    compare(5);
    for (let step = 0; step < 400; step++) {
      const r = rnd();
      if (r < 0.45 || live.length === 0) {
        const t = newTicket(++n);
        store.syncTransaction(() => store.sync.tickets.insert(t));
        live.push(t);
      } else if (r < 0.75) {
        const t = pick(live);
        const next: Ticket = {
          ...t,
          status: pick(['called', 'done', 'waiting', 'no_show', 'transferred'] as const),
          priority: rnd() < 0.1 ? 'priority' : t.priority,
        };
        store.syncTransaction(() => store.sync.tickets.update(next));
        live[live.indexOf(t)] = next;
      } else if (r < 0.82) {
        const t = pick(live);
        const moved: Ticket = { ...t, serviceId: SERVICES.find((s) => s !== t.serviceId)!, status: 'transferred' };
        store.syncTransaction(() => store.sync.tickets.update(moved));
        live[live.indexOf(t)] = moved;
      } else if (r < 0.92) {
        // changes inside a transaction that rolls back: the index must not keep them
        expect(() =>
          store.syncTransaction(() => {
            const t = newTicket(100_000 + step);
            store.sync.tickets.insert(t);
            const u = pick(live);
            store.sync.tickets.update({ ...u, status: u.status === 'waiting' ? 'called' : 'waiting' });
            compare(1);
            throw new Error('undo');
          }),
        ).toThrow('undo');
      } else {
        const other = new Database(join(dir, 'hall.sqlite'));
        try {
          const t = pick(live);
          other.prepare("UPDATE tickets SET status = CASE status WHEN 'waiting' THEN 'cancelled' ELSE 'waiting' END WHERE id = ?").run(t.id);
          const after = other.prepare('SELECT status FROM tickets WHERE id = ?').get(t.id) as { status: Ticket['status'] };
          live[live.indexOf(t)] = { ...t, status: after.status };
        } finally {
          other.close();
        }
        // another connection's write is seen from the next event-loop turn on (the version memo)
        await new Promise((resolve) => setImmediate(resolve));
      }
      compare(3);
    }
  });
});
