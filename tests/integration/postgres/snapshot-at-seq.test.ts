/**
 * A board's snapshot on PostgreSQL is one view: its seq and what it shows are read in one
 * REPEATABLE READ transaction, so a ticket issued on another node while it is read is either in
 * it (and its event at or below its seq) or after it (and its event above): never both, never neither.
 */
import pgClient from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SnapshotDto } from '../../../server/contract/dto.js';
import type { HallServer } from '../../../server/server.js';
import { startPostgres, type PostgresServer } from '../../helpers/postgres-server.js';
import { buildTestApp, type TestApp } from '../../helpers/test-app.js';
import { TOKENS } from '../../helpers/test-config.js';

let pg: PostgresServer;
beforeAll(async () => {
  pg = await startPostgres();
}, 120_000);
afterAll(() => pg?.stop());

// under the kiosk's 30 a minute
const TICKETS = 28;

let apps: TestApp<HallServer>[] = [];
afterEach(async () => {
  await Promise.all(apps.map((app) => app.close()));
  apps = [];
});

describe('a snapshot on PostgreSQL', () => {
  it('taken on node A while node B issues, each shows exactly the tickets whose events are at or below its seq', async () => {
    const database = await pg.createDatabase();
    const a = await buildTestApp({ database });
    apps.push(a);
    const b = await buildTestApp({ database });
    apps.push(b);
    const services = ['tax-reg', 'invoice'];

    let issuing = true;
    const issuer = (async () => {
      try {
        for (let i = 0; i < TICKETS; i++) {
          const res = await b.http('POST', '/api/tickets', { token: TOKENS.kiosk, body: { serviceId: services[i % 2] } });
          expect(res.status, res.text).toBe(201);
        }
      } finally {
        issuing = false;
      }
    })();
    const snapshots: SnapshotDto[] = [];
    while (issuing) {
      const res = await a.http('GET', '/api/halls/main/snapshot', { token: TOKENS.display });
      expect(res.status, res.text).toBe(200);
      snapshots.push(res.body as SnapshotDto);
    }
    await issuer;

    const db = new pgClient.Client({ connectionString: database });
    await db.connect();
    const { rows } = await db
      .query<{ seq: number; service: string }>(
        "SELECT seq::int AS seq, data->>'serviceId' AS service FROM events WHERE hall_id = 'main' AND type = 'ticket.issued'",
      )
      .finally(() => db.end());
    expect(rows).toHaveLength(TICKETS);
    const mid = snapshots.filter((s) => s.seq > rows[0]!.seq && s.seq < rows[rows.length - 1]!.seq);
    expect(mid.length, 'snapshots taken between the first and the last ticket').toBeGreaterThan(0);
    for (const s of snapshots) {
      const shown = Object.fromEntries(s.queues.map((q) => [q.serviceId, q.waiting]));
      const atSeq = Object.fromEntries(services.map((id) => [id, rows.filter((r) => r.service === id && r.seq <= s.seq).length]));
      expect({ seq: s.seq, ...shown }).toEqual({ seq: s.seq, ...shown, ...atSeq });
    }
  });
});
