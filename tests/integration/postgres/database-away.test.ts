/**
 * PostgreSQL out of reach under a running server (restarting, failing over): the server's
 * address for it goes nowhere for a while. A kiosk must be told to try again (503), not that the
 * server is broken (500), and the server must issue again, numbers continuing, once it is back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startPostgres, type PostgresServer } from '../../helpers/postgres-server.js';
import { startTcpRelay } from '../../helpers/tcp-relay.js';
import { buildTestApp } from '../../helpers/test-app.js';
import { TOKENS } from '../../helpers/test-config.js';
import { waitFor } from '../../helpers/wait-for.js';

let pg: PostgresServer;
beforeAll(async () => {
  pg = await startPostgres();
}, 120_000);
afterAll(() => pg?.stop());

describe('the database out of reach', () => {
  it('answers 503 DATABASE_UNAVAILABLE with Retry-After while PostgreSQL is away, and issues again, numbers continuing, once it is back', async () => {
    const direct = new URL(await pg.createDatabase());
    const relay = await startTcpRelay(Number(direct.port));
    const viaRelay = new URL(direct);
    viaRelay.port = String(relay.port);
    const app = await buildTestApp({ database: viaRelay.toString() });
    const issue = () => app.http('POST', '/api/tickets', { token: TOKENS.kiosk, body: { serviceId: 'tax-reg' } });
    try {
      const before = await issue();
      expect(before.status, before.text).toBe(201);

      // every open connection cut, every new one refused (nothing listens there)
      relay.switchTo(await freePort());
      const away = await issue();
      expect(away.status, away.text).toBe(503);
      expect(away.body.error.code).toBe('DATABASE_UNAVAILABLE');
      expect(away.headers.get('retry-after')).toBe('2');

      relay.switchTo(Number(direct.port));
      let after: Awaited<ReturnType<typeof issue>> | undefined;
      await waitFor(async () => {
        after = await issue();
        if (after.status !== 201) expect(after.status, after.text).toBe(503);
        return after.status === 201;
      }, 'issuing again once PostgreSQL is back');
      expect([before.body.number, after!.body.number]).toEqual(['A001', 'A002']);
    } finally {
      await app.close();
      await relay.close();
    }
  });
});
