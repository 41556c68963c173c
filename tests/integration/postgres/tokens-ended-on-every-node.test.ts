/**
 * A token that ends on one node ends the sockets opened with it on every node (token-recheck.ts,
 * migration 133): a device revoked through node A's administration, a staff session logged out,
 * swept at its expiry or ended by its person being disabled on node A — their sockets on node B
 * are dropped by B within the notification's delay, and the other sockets on B stay.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { adminFeature } from '../../../server/admin/admin-feature.js';
import type { HallServer } from '../../../server/server.js';
import { startPostgres, type PostgresServer } from '../../helpers/postgres-server.js';
import { buildTestApp, type TestApp } from '../../helpers/test-app.js';
import { TOKENS } from '../../helpers/test-config.js';
import { waitFor } from '../../helpers/wait-for.js';
import { listen, type HallSocket } from '../realtime/realtime-steps.js';

let pg: PostgresServer;
beforeAll(async () => {
  pg = await startPostgres();
}, 120_000);
afterAll(() => pg?.stop());

const apps: TestApp<HallServer>[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
});

/** two server nodes on one new database */
async function twoNodes(): Promise<[TestApp<HallServer>, TestApp<HallServer>]> {
  const database = await pg.createDatabase();
  const a = await buildTestApp({ database, features: [adminFeature] });
  apps.push(a);
  const b = await buildTestApp({ database, features: [adminFeature] });
  apps.push(b);
  return [a, b];
}

/** a socket on `app` opened with `token`, subscribed to the main hall */
async function subscribed(app: TestApp<HallServer>, token: string): Promise<HallSocket> {
  const listener = await listen(app.socket(token));
  expect(await listener.subscribe({ hallId: 'main' })).toMatchObject({ ok: true });
  return listener.socket;
}

/** starts watching `socket`; `dropped()` waits (with a deadline) until the server has disconnected it */
function watchDrop(socket: HallSocket, what: string): { dropped(): Promise<void> } {
  let reason: string | undefined;
  socket.once('disconnect', (r) => (reason = r));
  return {
    async dropped() {
      await waitFor(() => reason !== undefined, what);
      expect(reason, `why ${what}`).toBe('io server disconnect');
    },
  };
}

describe('a token ended on one node drops its sockets on the other (PostgreSQL)', () => {
  it("a device revoked through node A's administration: its socket on node B is dropped, another device's stays", async () => {
    const [a, b] = await twoNodes();
    const kiosk = await subscribed(b, TOKENS.kiosk);
    const board = await subscribed(b, TOKENS.display);
    const kioskOnA = await subscribed(a, TOKENS.kiosk);
    const onB = watchDrop(kiosk, "the revoked kiosk's socket on node B dropped");
    const onA = watchDrop(kioskOnA, "the revoked kiosk's socket on node A dropped");

    const admin = await a.login('admin');
    const revoked = await a.http('POST', '/api/admin/devices/kiosk-1/revoke', { token: admin });
    expect(revoked.status, revoked.text).toBe(200);
    await onA.dropped();
    await onB.dropped();
    expect(board.connected, "the board's socket on node B").toBe(true);
    expect((await b.http('GET', '/api/halls/main/services', { token: TOKENS.kiosk })).status).toBe(401);
  });

  it("a device's token rotated on node A: its old token's socket on node B is dropped, and the new token connects there", async () => {
    const [a, b] = await twoNodes();
    const board = await subscribed(b, TOKENS.display);
    const onB = watchDrop(board, "the rotated board's socket on node B dropped");

    const admin = await a.login('admin');
    const rotated = await a.http('POST', '/api/admin/devices/board-1/rotate', { token: admin });
    expect(rotated.status, rotated.text).toBe(200);
    await onB.dropped();
    expect((await subscribed(b, rotated.body.token as string)).connected).toBe(true);
  });

  it("a staff session logged out on node A: its socket on node B is dropped, the person's other session's stays", async () => {
    const [a, b] = await twoNodes();
    const first = await a.login('wangfang');
    const second = await b.login('wangfang');
    const ending = await subscribed(b, first);
    const other = await subscribed(b, second);
    const onB = watchDrop(ending, "the logged-out session's socket on node B dropped");

    expect((await a.http('POST', '/api/auth/logout', { token: first })).status).toBe(200);
    await onB.dropped();
    expect(other.connected, "the other session's socket on node B").toBe(true);
    expect((await b.http('GET', '/api/auth/me', { token: second })).status).toBe(200);
  });

  it('a person disabled on node A: the sockets of their sessions on node B are dropped, a colleague stays', async () => {
    const [a, b] = await twoNodes();
    const zhangmin = await b.login('zhangmin');
    const onB = watchDrop(await subscribed(b, zhangmin), "the disabled person's socket on node B dropped");
    const colleague = await subscribed(b, await b.login('wangfang'));

    const admin = await a.login('admin');
    const disabled = await a.http('PATCH', '/api/admin/staff/s3', { token: admin, body: { enabled: false } });
    expect(disabled.status, disabled.text).toBe(200);
    await onB.dropped();
    expect(colleague.connected, "a colleague's socket on node B").toBe(true);
    expect((await b.http('GET', '/api/auth/me', { token: zhangmin })).status).toBe(401);
  });

  it('a session swept at its expiry on node A: its socket on node B is dropped', async () => {
    const [a, b] = await twoNodes();
    const old = await a.login('wangfang');
    const socket = await subscribed(b, old);
    a.clock.advanceMinutes(12 * 60 + 1);
    const fresh = await subscribed(b, await a.login('liqiang'));
    const onB = watchDrop(socket, "the expired session's socket on node B dropped");

    expect(await a.server.sessions.sweepExpired()).toBe(1);
    await onB.dropped();
    expect(fresh.connected, "an unexpired session's socket on node B").toBe(true);
  });
});
