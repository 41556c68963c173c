/**
 * Each node keeps a copy of the halls, services and windows (server/store/postgres/config-copy.ts).
 * A write never uses it staler than the database at the hall's lock: a service closed or given
 * another prefix on one node is seen by the very next ticket issued on another. Reads outside a
 * write follow within a notification's delay; a node's own change shows there at once.
 */
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { adminFeature } from '../../../server/admin/admin-feature.js';
import { ALL_HALLS } from '../../../server/app/ports.js';
import { DomainError } from '../../../server/domain/errors.js';
import type { HallServer } from '../../../server/server.js';
import { EventBus } from '../../../server/app/event-bus.js';
import { joinPgCluster } from '../../../server/store/postgres/pg-cluster-node.js';
import { PgStore } from '../../../server/store/postgres/pg-store.js';
import { issueTicketOnPg } from '../../../server/store/postgres/queue-core.js';
import { startPostgres, type PostgresServer } from '../../helpers/postgres-server.js';
import { buildTestApp, type TestApp } from '../../helpers/test-app.js';
import { TOKENS } from '../../helpers/test-config.js';
import { waitFor } from '../../helpers/wait-for.js';
import { seedPgHall } from './pg-fixtures.js';

// 10:00 in Shanghai on a fixed day: the store-level issues below take no opening hours into account anyway
const NOW = new Date('2026-03-02T02:00:00.000Z');

let pg: PostgresServer;
beforeAll(async () => {
  pg = await startPostgres();
}, 120_000);
afterAll(() => pg?.stop());

const closing: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closing.splice(0)) await close();
});

async function twoStores(): Promise<[PgStore, PgStore]> {
  const url = await pg.createDatabase();
  const a = await PgStore.open(url, { poolSize: 3 });
  const b = await PgStore.open(url, { poolSize: 3 });
  closing.push(
    () => a.close(),
    () => b.close(),
  );
  await seedPgHall(a.pool);
  return [a, b];
}

const changeService = (store: PgStore, set: string) => store.writeHall(ALL_HALLS, (tx) => tx.query(`UPDATE services SET ${set} WHERE id = 's1'`));

describe("a node's copy of the configuration on PostgreSQL", () => {
  it('a service closed, then given another prefix, on node A is seen by the very next issue on node B, though B has not heard of it yet', async () => {
    const [a, b] = await twoStores();
    // B trusts its copy outside writes as a node does while listening, but no notification will reach it:
    // the moment between A's commit and the notification, held open
    b.config.follow();
    expect((await issueTicketOnPg(b, { serviceId: 's1', now: NOW })).value.number).toBe('A001');
    expect((await b.halls.service('s1'))!.enabled).toBe(true);

    await changeService(a, 'enabled = false');
    expect((await b.halls.service('s1'))!.enabled).toBe(true); // outside a write: the copy, until B hears
    await expect(issueTicketOnPg(b, { serviceId: 's1', now: NOW })).rejects.toThrow(new DomainError('SERVICE_CLOSED', '事项A 暂停取号'));

    await changeService(a, "enabled = true, prefix = 'C'");
    expect((await issueTicketOnPg(b, { serviceId: 's1', now: NOW })).value.number).toBe('C001');
    expect(await b.writeHall('h1', async (tx) => (await tx.halls.service('s1'))!.prefix)).toBe('C');

    b.config.moved('services'); // the notification arrives
    expect((await b.halls.service('s1'))!.prefix).toBe('C');
  });

  it("a write that changes the configuration itself reads its own change, not one a savepoint rolled back, and the node's copy has it at commit", async () => {
    const [a] = await twoStores();
    a.config.follow(); // no notification will come: what the node reads after its commit is its own doing
    expect((await a.halls.service('s1'))!.name).toBe('事项A');
    expect((await a.halls.window('w1'))!.serviceIds).toEqual(['s1', 's2']);

    await a.writeHall('h1', async (tx) => {
      expect((await tx.halls.service('s1'))!.name).toBe('事项A');
      await tx.query("UPDATE services SET name = '事项甲' WHERE id = 's1'");
      expect((await tx.halls.service('s1'))!.name).toBe('事项甲');
      await tx
        .writeHall('h1', async (inner) => {
          await inner.query("UPDATE services SET name = '撤回' WHERE id = 's1'");
          await inner.query("DELETE FROM window_services WHERE window_id = 'w1' AND service_id = 's2'");
          expect((await inner.halls.service('s1'))!.name).toBe('撤回');
          expect((await inner.halls.window('w1'))!.serviceIds).toEqual(['s1']);
          throw new Error('undo');
        })
        .catch(() => {});
      expect((await tx.halls.service('s1'))!.name).toBe('事项甲');
      expect((await tx.halls.window('w1'))!.serviceIds).toEqual(['s1', 's2']);
      await tx.halls.saveWindowState({
        id: 'w2',
        status: 'paused',
        pauseReason: '休息',
        currentTicketId: null,
        staffId: null,
        statusChangedAt: NOW.toISOString(),
      });
      expect((await tx.halls.windows('h1')).map((w) => w.status)).toEqual(['open', 'paused']);
    });
    expect((await a.halls.service('s1'))!.name).toBe('事项甲');
    expect((await a.halls.window('w2'))!.status).toBe('paused');

    await a
      .writeHall('h1', (tx) => tx.query("UPDATE services SET name = '不算' WHERE id = 's1'").then(() => Promise.reject(new Error('undo'))))
      .catch(() => {});
    expect((await a.halls.service('s1'))!.name).toBe('事项甲');
  });
});

describe('two nodes following the configuration notifications', () => {
  /**
   * The node joins the city (LISTEN, the copy followed) and records each configuration notification
   * it hears; `holdNotifications` keeps them from its copy until `deliver`, as when they come after
   * the node's next read (a loaded machine)
   */
  async function node(store: PgStore) {
    const heard: string[] = [];
    let held: (() => void)[] | undefined;
    const moved = store.config.moved.bind(store.config);
    store.config.moved = (name, version) => {
      heard.push(`${name} ${version}`);
      if (held) held.push(() => moved(name, version));
      else moved(name, version);
    };
    const cluster = await joinPgCluster(store, new EventBus(), pino({ level: 'silent' }), { leaderTryMs: 60_000 });
    closing.unshift(() => cluster.close());
    return {
      heard,
      holdNotifications: () => void (held ??= []),
      deliver: () => {
        for (const move of held?.splice(0) ?? []) move();
        held = undefined;
      },
    };
  }

  /** counts the window reads the store sends to its pool */
  function windowReads(store: PgStore): () => number {
    let reads = 0;
    const query = store.pool.query.bind(store.pool) as (...args: unknown[]) => unknown;
    (store.pool as unknown as { query: (...args: unknown[]) => unknown }).query = (...args) => {
      if (typeof args[0] === 'string' && args[0].includes('FROM window_services')) reads++;
      return query(...args);
    };
    return () => reads;
  }

  const pauseWindow = (store: PgStore, reason: string) =>
    store.writeHall('h1', async (tx) => {
      const w = (await tx.halls.window('w1'))!;
      // twice in one transaction: one notification, of the version the commit left
      await tx.halls.saveWindowState({ ...w, status: 'paused', pauseReason: 'x' });
      await tx.halls.saveWindowState({ ...w, status: 'paused', pauseReason: reason });
    });

  it("node A's own change is read once after its commit, and its notification costs no second read; node B's change reaches A", async () => {
    const [a, b] = await twoStores();
    const nodeA = await node(a);
    await node(b);
    const reads = windowReads(a);
    expect((await a.halls.window('w1'))!.status).toBe('open');

    nodeA.holdNotifications();
    await pauseWindow(a, '休息');
    const before = reads();
    expect((await a.halls.window('w1'))!.pauseReason).toBe('休息'); // its own change, at once
    expect(reads()).toBe(before + 1);
    await waitFor(
      () => nodeA.heard.some((h) => h.startsWith('windows:h1 ')),
      () => `node A hearing its own change of windows:h1 (heard: ${nodeA.heard.join(', ')})`,
    );
    expect(nodeA.heard.filter((h) => h.startsWith('windows:h1 '))).toHaveLength(1);
    nodeA.deliver(); // after the read: what it says, the node has
    expect((await a.halls.window('w1'))!.pauseReason).toBe('休息');
    expect((await a.halls.windows('h1')).map((w) => w.status)).toEqual(['paused', 'open']);
    expect(reads(), 'window reads on node A after hearing its own notification').toBe(before + 2); // the list, read once

    // node B's change: A has not read it, so its notification makes A read again
    await b.writeHall('h1', (tx) => tx.query("UPDATE windows SET status = 'open', pause_reason = NULL WHERE id = 'w1'"));
    await waitFor(async () => (await a.halls.window('w1'))!.status === 'open', "node B's change read on node A");
    expect((await a.halls.windows('h1')).map((w) => w.status)).toEqual(['open', 'open']);
  });

  it("a call in one hall leaves the node's copy of every other hall's windows: no read again in a city of halls", async () => {
    const [a, b] = await twoStores();
    await seedPgHall(a.pool, 'h2');
    await node(a);
    await node(b);
    const reads = windowReads(a);
    expect((await a.halls.windows('h2')).map((w) => w.status)).toEqual(['open', 'open']);
    const before = reads();

    await pauseWindow(a, '休息'); // hall h1's window, as a call moves it
    expect((await a.halls.window('w1'))!.pauseReason).toBe('休息'); // h1's own: read again at once
    expect(reads()).toBe(before + 1);
    expect((await a.halls.windows('h2')).map((w) => w.status)).toEqual(['open', 'open']);
    expect(reads(), "h2's windows, after h1's call").toBe(before + 1);

    // hall h2's own change still reaches node A
    await b.writeHall('h2', (tx) => tx.query("UPDATE windows SET status = 'paused' WHERE id = 'h2-w1'"));
    await waitFor(async () => (await a.halls.windows('h2'))[0]!.status === 'paused', "node B's change of h2 read on node A");
  });
});

describe('two server nodes on one PostgreSQL', () => {
  let apps: TestApp<HallServer>[] = [];
  afterEach(async () => {
    await Promise.all(apps.map((app) => app.close()));
    apps = [];
  });

  it("an administrator closing a service on node A: node B's next ticket is refused; a new prefix: B's next ticket has it; B's kiosk list follows", async () => {
    const database = await pg.createDatabase();
    const a = await buildTestApp({ database, features: [adminFeature] });
    apps.push(a);
    const b = await buildTestApp({ database, features: [adminFeature] });
    apps.push(b);
    const admin = await a.login('admin');
    const issueOnB = () => b.http('POST', '/api/tickets', { token: TOKENS.kiosk, body: { serviceId: 'tax-reg' } });
    const listedOnB = async () =>
      (await b.http('GET', '/api/halls/main/services', { token: TOKENS.kiosk })).body as { id: string; open: boolean; prefix: string }[];
    expect((await issueOnB()).status).toBe(201);

    expect((await a.http('PATCH', '/api/admin/services/tax-reg', { token: admin, body: { enabled: false } })).status).toBe(200);
    const refused = await issueOnB();
    expect(refused.status, refused.text).toBe(409);
    expect(refused.body.error.code).toBe('SERVICE_CLOSED');
    await waitFor(
      async () => (await listedOnB()).find((s) => s.id === 'tax-reg')?.open === false,
      () => 'the service shown closed on node B',
    );

    expect((await a.http('PATCH', '/api/admin/services/tax-reg', { token: admin, body: { enabled: true, prefix: 'T' } })).status).toBe(200);
    const issued = await issueOnB();
    expect(issued.status, issued.text).toBe(201);
    expect(issued.body.number).toBe('T001');
    await waitFor(
      async () => (await listedOnB()).find((s) => s.id === 'tax-reg')?.prefix === 'T',
      () => 'the new prefix listed on node B',
    );
  });
});
