/**
 * Device tokens, the working calendar and the appointment rules are in each node's copy of the
 * configuration (server/store/postgres/config-copy.ts, migration 132): a kiosk's requests, an issue
 * and a call read none of them from PostgreSQL while they hold, and a change made on one node is
 * followed on the other within a notification's delay (on the node that made it, at once).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { adminFeature } from '../../../server/admin/admin-feature.js';
import { createAppointmentsFeature } from '../../../server/appointments/feature.js';
import type { HallServer } from '../../../server/server.js';
import type { PgStore } from '../../../server/store/postgres/pg-store.js';
import { startPostgres, type PostgresServer } from '../../helpers/postgres-server.js';
import { buildTestApp, type TestApp } from '../../helpers/test-app.js';
import { TOKENS } from '../../helpers/test-config.js';
import { waitFor } from '../../helpers/wait-for.js';

let pg: PostgresServer;
beforeAll(async () => {
  pg = await startPostgres();
}, 120_000);
afterAll(() => pg?.stop());

const apps: TestApp<HallServer>[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
});

/** two server nodes on one new database (the test clock: a Monday, 10:00 in Beijing) */
async function twoNodes(): Promise<[TestApp<HallServer>, TestApp<HallServer>]> {
  const database = await pg.createDatabase();
  const node = () => buildTestApp({ database, features: [adminFeature, createAppointmentsFeature({ jobIntervalMs: 3_600_000 })] });
  const a = await node();
  apps.push(a);
  const b = await node();
  apps.push(b);
  return [a, b];
}

/** the statements a node sends to its pool that read `table` */
function readsOf(app: TestApp<HallServer>, table: string): () => number {
  const pool = (app.server.store as PgStore).pool;
  const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;
  let reads = 0;
  const from = new RegExp(`\\b(?:FROM|JOIN) ${table}\\b`);
  (pool as unknown as { query: (...args: unknown[]) => unknown }).query = (...args) => {
    const text = typeof args[0] === 'string' ? args[0] : (args[0] as { text?: string }).text;
    if (text && from.test(text)) reads++;
    return query(...args);
  };
  return () => reads;
}

const services = (app: TestApp<HallServer>, token: string = TOKENS.kiosk) => app.http('GET', '/api/halls/main/services', { token });
const walkIn = (app: TestApp<HallServer>) => app.http('POST', '/api/tickets', { token: TOKENS.kiosk, body: { serviceId: 'tax-reg' } });

describe("a node's copy of device tokens, the calendar and the appointment rules (PostgreSQL)", () => {
  it("a kiosk's requests read its device once; revoked on node B, it is refused on B at once and on A once A hears of it", async () => {
    const [a, b] = await twoNodes();
    const deviceReads = readsOf(a, 'devices');
    for (let i = 0; i < 5; i++) expect((await services(a)).status).toBe(200);
    expect(deviceReads(), 'device rows read on node A for five kiosk requests').toBe(1);

    const manager = await b.login('manager');
    const revoked = await b.http('POST', '/api/admin/devices/kiosk-1/revoke', { token: manager });
    expect(revoked.status, revoked.text).toBe(200);
    expect((await services(b)).status).toBe(401);
    await waitFor(async () => (await services(a)).status === 401, 'the revoked kiosk refused on node A');
    expect((await services(a, TOKENS.kiosk2)).status).toBe(200); // another kiosk goes on
  });

  it('a device revoked on node A is refused on A by its very next request', async () => {
    const [a] = await twoNodes();
    expect((await services(a)).status).toBe(200);
    const manager = await a.login('manager');
    expect((await a.http('POST', '/api/admin/devices/kiosk-1/revoke', { token: manager })).status).toBe(200);
    expect((await services(a)).status).toBe(401);
  });

  it("issuing reads the calendar once; a holiday set on node B closes node A's kiosk, and lifted, opens it", async () => {
    const [a, b] = await twoNodes();
    const calendarReads = readsOf(a, 'calendar_days');
    for (let i = 0; i < 3; i++) expect((await walkIn(a)).status).toBe(201);
    expect(calendarReads(), 'calendar reads on node A for three issues').toBe(1);

    const manager = await b.login('manager');
    const holiday = await b.http('PUT', '/api/halls/main/calendar/days/2026-11-23', { token: manager, body: { kind: 'holiday', name: '测试节' } });
    expect(holiday.status, holiday.text).toBe(204);
    await waitFor(async () => (await walkIn(a)).status === 409, 'a walk-in refused on node A on the holiday set on node B');
    const refused = await walkIn(a);
    expect(refused.body.error.code).toBe('HALL_CLOSED');
    expect(refused.body.error.message).toContain('测试节');

    expect((await b.http('DELETE', '/api/halls/main/calendar/days/2026-11-23', { token: manager })).status).toBe(204);
    await waitFor(async () => (await walkIn(a)).status === 201, 'walk-ins issued on node A again once the holiday is lifted on node B');
  });

  it('the appointment rules are read once for many calls; a change on node B is read on node A', async () => {
    const [a, b] = await twoNodes();
    const clerk = await a.login('wangfang');
    expect((await a.http('POST', '/api/windows/w1/open', { token: clerk })).status).toBe(200);
    for (let i = 0; i < 3; i++) expect((await walkIn(a)).status).toBe(201);
    const rulesReads = readsOf(a, 'appointment_rules');
    for (let i = 0; i < 3; i++) {
      const called = await a.http('POST', '/api/windows/w1/call-next', { token: clerk, body: {} });
      expect(called.status, called.text).toBe(200);
      expect((await a.http('POST', '/api/windows/w1/skip', { token: clerk })).status).toBe(200);
    }
    expect(rulesReads(), 'appointment rules read on node A for three calls').toBeLessThanOrEqual(1);

    const manager = await b.login('manager');
    const patched = await b.http('PUT', '/api/halls/main/appointment-rules', { token: manager, body: { turnSoonAhead: 7 } });
    expect(patched.status, patched.text).toBe(200);
    await waitFor(
      async () => (await a.http('GET', '/api/halls/main/appointment-rules', { token: manager })).body.turnSoonAhead === 7,
      'the rule changed on node B read on node A',
    );
  });
});
