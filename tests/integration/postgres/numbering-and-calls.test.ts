import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ALL_HALLS, NO_HALL } from '../../../server/app/ports.js';
import { DomainError } from '../../../server/domain/errors.js';
import { PgStore } from '../../../server/store/postgres/pg-store.js';
import { callNextOnPg, issueTicketOnPg } from '../../../server/store/postgres/queue-core.js';
import { startPostgres, type PostgresServer } from '../../helpers/postgres-server.js';
import { waitFor } from '../../helpers/wait-for.js';
import { seedPgHall } from './pg-fixtures.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
// a fixed instant (10:00 in Shanghai): every ticket of a test falls on one business day
const NOW = new Date('2026-03-02T02:00:00.000Z');

let server: PostgresServer;
let nodes: PgStore[] = [];

beforeAll(async () => {
  server = await startPostgres();
});
afterAll(() => server?.stop());
/** three "nodes": three pools on one database */
beforeEach(async () => {
  const url = await server.createDatabase();
  nodes = [await PgStore.open(url, { poolSize: 6 })];
  nodes.push(await PgStore.open(url, { poolSize: 6 }), await PgStore.open(url, { poolSize: 6 }));
});
afterEach(async () => {
  await Promise.all(nodes.map((n) => n.close()));
});

const numbersOf = (n: number, prefix = 'A') => Array.from({ length: n }, (_, i) => `${prefix}${String(i + 1).padStart(3, '0')}`);

describe('numbers on the city store', () => {
  it('16 issuers at once on three nodes get every number of the day once, none skipped', async () => {
    await seedPgHall(nodes[0]!.pool);
    const issued: string[] = [];
    await Promise.all(
      Array.from({ length: 16 }, async (_, i) => {
        for (let k = 0; k < 8; k++) issued.push((await issueTicketOnPg(nodes[i % 3]!, { serviceId: 's1', now: NOW })).value.number);
      }),
    );
    expect(issued.sort()).toEqual(numbersOf(128));
    const { rows } = await nodes[0]!.pool.query("SELECT COUNT(*)::int AS n, COUNT(DISTINCT number)::int AS d FROM tickets WHERE service_id = 's1'");
    expect(rows[0]).toEqual({ n: 128, d: 128 });
    expect(await nodes[1]!.events.lastSeq('h1')).toBe(128);
  });

  it('two node processes and this one issuing together never give a number twice', async () => {
    await seedPgHall(nodes[0]!.pool);
    const worker = () =>
      promisify(execFile)(
        process.execPath,
        ['--import', 'tsx', join(ROOT, 'tests/integration/postgres/issue-worker.ts'), nodes[0]!.url, 's1', '40', '8', NOW.toISOString()],
        { cwd: ROOT, timeout: 60_000 },
      ).then(({ stdout }) => JSON.parse(stdout) as string[]);
    const here = async () => {
      const mine: string[] = [];
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          for (let k = 0; k < 5; k++) mine.push((await issueTicketOnPg(nodes[1]!, { serviceId: 's1', now: NOW })).value.number);
        }),
      );
      return mine;
    };
    const [a, b, c] = await Promise.all([worker(), worker(), here()]);
    expect(a).toHaveLength(40);
    expect(b).toHaveLength(40);
    expect([...a, ...b, ...c].sort()).toEqual(numbersOf(120));
  });

  it('a failed issue gives its number back: the next ticket takes it', async () => {
    await seedPgHall(nodes[0]!.pool);
    await issueTicketOnPg(nodes[0]!, { serviceId: 's1', now: NOW });
    await expect(
      nodes[0]!.writeHall('h1', async (tx) => {
        await tx.tickets.nextSequence('h1', 'A', '2000-01-01');
        throw new Error('printer on fire');
      }),
    ).rejects.toThrow('printer on fire');
    const { rows } = await nodes[0]!.pool.query("SELECT COUNT(*)::int AS n FROM ticket_counters WHERE business_day = '2000-01-01'");
    expect(rows[0].n).toBe(0);
    expect((await issueTicketOnPg(nodes[1]!, { serviceId: 's1', now: NOW })).value.number).toBe('A002');
  });
});

describe('call next on the city store', () => {
  it('10 windows on three nodes calling at once never get the same ticket', async () => {
    const { windowIds } = await seedPgHall(nodes[0]!.pool, 'h1', 10);
    for (let i = 0; i < 60; i++) {
      await issueTicketOnPg(nodes[i % 3]!, { serviceId: i % 2 ? 's1' : 's2', priority: i % 7 === 0 ? 'priority' : 'normal', now: NOW });
    }
    const calledBy = new Map<string, string[]>();
    await Promise.all(
      windowIds.map(async (windowId, i) => {
        for (;;) {
          try {
            const { value } = await callNextOnPg(nodes[i % 3]!, windowId, NOW);
            calledBy.set(value.id, [...(calledBy.get(value.id) ?? []), windowId]);
          } catch (error) {
            if (error instanceof DomainError && error.code === 'QUEUE_EMPTY') return;
            throw error;
          }
        }
      }),
    );
    const twice = [...calledBy].filter(([, windows]) => windows.length > 1);
    expect(twice).toEqual([]);
    expect(calledBy.size).toBe(60);
    const { rows } = await nodes[0]!.pool.query(`SELECT (SELECT COUNT(*)::int FROM calls) AS calls,
      (SELECT COUNT(*)::int FROM tickets WHERE status = 'waiting') AS waiting,
      (SELECT COALESCE(SUM(queued), 0)::int FROM queue_counts) AS queued`);
    expect(rows[0]).toEqual({ calls: 60, waiting: 0, queued: 0 });
  });
});

/** a gate a write's body waits at, so a test can hold that write's transaction open */
function gate(): { open(): void; passed: Promise<void> } {
  let open!: () => void;
  const passed = new Promise<void>((r) => {
    open = r;
  });
  return { open, passed };
}

/** how many sessions of the database wait for an advisory lock now */
async function waitingOnLocks(store: PgStore): Promise<number> {
  const { rows } = await store.pool.query<{ n: number }>(
    "SELECT COUNT(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND wait_event = 'advisory'",
  );
  return rows[0]!.n;
}

describe('configuration changes (ALL_HALLS) against the halls’ writes, across nodes', () => {
  it('a hall’s write on another node waits for a configuration change in flight, and sees it', async () => {
    await seedPgHall(nodes[0]!.pool, 'h1');
    const held = gate();
    const inConfig = gate();
    const order: string[] = [];
    const config = nodes[0]!.writeHall(ALL_HALLS, async (tx) => {
      await tx.query("UPDATE services SET enabled = false WHERE id = 's1'");
      inConfig.open();
      await held.passed;
      order.push('config committed');
    });
    await inConfig.passed;
    const issuing = nodes[1]!.writeHall('h1', async (tx) => {
      const service = await tx.halls.service('s1');
      order.push(`hall wrote, s1 ${service!.enabled ? 'open' : 'closed'}`);
    });
    try {
      await waitFor(async () => (await waitingOnLocks(nodes[2]!)) === 1, 'the hall’s write to wait for the configuration change');
      // a sign-in takes no lock: it is not held up by the change
      await nodes[2]!.writeHall(NO_HALL, async (tx) => await tx.staff.deleteExpiredSessions(NOW.toISOString()));
      expect(order).toEqual([]);
    } finally {
      held.open();
      await Promise.all([config, issuing]);
    }
    expect(order).toEqual(['config committed', 'hall wrote, s1 closed']);
  });

  it('a hall’s write does not wait for another hall’s, and a configuration change waits for both', async () => {
    await seedPgHall(nodes[0]!.pool, 'h1');
    await seedPgHall(nodes[0]!.pool, 'h2');
    const held = gate();
    const inH1 = gate();
    const order: string[] = [];
    const h1 = nodes[0]!.writeHall('h1', async () => {
      inH1.open();
      await held.passed;
      order.push('h1');
    });
    await inH1.passed;
    await nodes[1]!.writeHall('h2', async (tx) => {
      await tx.query("UPDATE windows SET status = 'paused' WHERE id = 'h2-w1'");
      order.push('h2');
    });
    const config = nodes[2]!.writeHall(ALL_HALLS, async () => {
      order.push('config');
    });
    try {
      await waitFor(async () => (await waitingOnLocks(nodes[1]!)) === 1, 'the configuration change to wait for h1’s write');
      expect(order).toEqual(['h2']);
    } finally {
      held.open();
      await Promise.all([h1, config]);
    }
    expect(order).toEqual(['h2', 'h1', 'config']);
  });
});
