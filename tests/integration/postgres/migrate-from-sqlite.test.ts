import Database from 'better-sqlite3';
import { join } from 'node:path';
import type pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAppointmentsFeature } from '../../../server/appointments/feature.js';
import { runCli, UsageError } from '../../../server/maintenance/backup-commands.js';
import { DATABASE_FILE } from '../../../server/server.js';
import { PgEventLog } from '../../../server/store/postgres/event-log.js';
import { PgStore } from '../../../server/store/postgres/pg-store.js';
import { issueTicketOnPg } from '../../../server/store/postgres/queue-core.js';
import { COPY_PLAN } from '../../../server/store/postgres/sqlite-copy-plan.js';
import { buildSupervision, createSupervisionFeature } from '../../../server/supervision/feature.js';
import type { SupervisionRepositories } from '../../../server/supervision/ports.js';
import { supervisionReport } from '../../../server/supervision/report.js';
import { pgSupervisionRepositories } from '../../../server/store/postgres/supervision-repositories.js';
import { sqliteSupervisionRepositories } from '../../../db/repositories/supervision-sqlite.js';
import type { AppContext } from '../../../server/app/context.js';
import { EventBus } from '../../../server/app/event-bus.js';
import { useCaseStore } from '../store-contract/stores.js';
import pino from 'pino';
import { book, phoneInbox, ROOMY } from '../appointments/steps.js';
import { act, issue } from '../http/hall-steps.js';
import { startPostgres, type PostgresServer } from '../../helpers/postgres-server.js';
import { buildTestApp, type TestApp } from '../../helpers/test-app.js';
import { MONDAY_10AM, TOKENS } from '../../helpers/test-config.js';

let server: PostgresServer;
let app: TestApp;
let url: string;
let sqlite: Database.Database;
let pool: pg.Pool;

beforeAll(async () => {
  server = await startPostgres();
  // a morning at the main hall on the real server: tickets served, rated (one badly), skipped, waiting, an appointment booked
  app = await buildTestApp({
    features: [
      createAppointmentsFeature({ jobIntervalMs: 3_600_000, phoneCodeNotifier: phoneInbox }),
      createSupervisionFeature({ checkIntervalMs: 3_600_000, debounceMs: 3_600_000 }),
    ],
    limits: ROOMY,
  });
  // the booking below gives no ID number: this hall asks for none
  app.server.store.db.prepare('INSERT INTO appointment_rules (hall_id, rules_json) SELECT id, ? FROM halls').run(JSON.stringify({ idRequired: 'never' }));
  const wangfang = await app.login('wangfang');
  await act(app, wangfang, 'w1', 'open');
  const tickets = [];
  for (let i = 0; i < 6; i++) tickets.push(await issue(app, i % 2 ? 'license' : 'tax-reg', i === 3 ? { priority: 'priority' } : {}));
  for (const level of [5, 1]) {
    app.clock.set(new Date(app.clock.now().getTime() + 60_000).toISOString());
    const called = await act(app, wangfang, 'w1', 'call-next');
    await act(app, wangfang, 'w1', 'start');
    app.clock.set(new Date(app.clock.now().getTime() + 5 * 60_000).toISOString());
    await act(app, wangfang, 'w1', 'finish');
    const rated = await app.http('POST', `/api/tickets/${called.ticket.id}/evaluation`, { token: TOKENS.evaluator, body: { level } });
    expect(rated.status, rated.text).toBe(201);
  }
  const skipped = await act(app, wangfang, 'w1', 'call-next');
  await act(app, wangfang, 'w1', 'skip');
  const restored = await app.http('POST', `/api/tickets/${skipped.ticket.id}/restore`, { token: wangfang, body: { reason: '访客返回' } });
  expect(restored.status, restored.text).toBe(200);
  await act(app, wangfang, 'w1', 'call-next');
  await book(app, { start: new Date(`2026-11-24T09:00:00+08:00`).toISOString() });
  await app.stop();
});
afterAll(async () => {
  if (sqlite?.open) sqlite.close();
  await app?.close();
  server?.stop();
});
beforeEach(async () => {
  url = await server.createDatabase();
  pool = (await PgStore.open(url)).pool;
});
afterEach(async () => {
  await pool.end();
});

const pgWhere = (rows: string) => rows.replaceAll('?', '$1::text');
/** the hall's file, read-only: open only between migrate runs (migrate refuses a file someone has open) */
const openLite = () => new Database(join(app.dataDir, DATABASE_FILE), { readonly: true });
const tables = [...new Set(COPY_PLAN.map((s) => s.table))];

async function countsIn(hallId: string) {
  const lite = openLite();
  try {
    return await countsWith(lite, hallId);
  } finally {
    lite.close();
  }
}

async function countsWith(lite: Database.Database, hallId: string) {
  const out: Record<string, [number, number]> = {};
  for (const table of tables) {
    const where = COPY_PLAN.filter((s) => s.table === table)
      .map((s) => `(${s.rows})`)
      .join(' OR ');
    const inLite = (
      lite.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`).get(...COPY_PLAN.filter((s) => s.table === table).map(() => hallId)) as { n: number }
    ).n;
    const city = Number((await pool.query(`SELECT COUNT(*) AS n FROM ${table} WHERE ${pgWhere(where)}`, [hallId])).rows[0].n);
    out[table] = [inLite, city];
  }
  return out;
}

describe('hall-queue migrate --from-sqlite', () => {
  it('copies a hall made by the real server row for row, and its queue carries on in the city database', async () => {
    const line = await runCli(['migrate', '--from-sqlite', app.dataDir, '--to', url]);
    expect(line).toMatch(/hall main \(市政务服务中心\): 6 tickets, \d+ events, 1 appointments, 2 evaluations/);
    expect(line).toMatch(/hall branch/);
    sqlite = openLite();

    const counts = await countsIn('main');
    for (const [table, [lite, city]] of Object.entries(counts)) expect({ table, city }).toEqual({ table, city: lite });
    for (const t of ['tickets', 'events', 'calls', 'evaluations', 'appointments', 'sup_day_stats', 'sup_followups', 'audit_log', 'staff_windows']) {
      expect(counts[t]![0], `${t} has rows to copy`).toBeGreaterThan(0);
    }

    const liteTickets = sqlite
      .prepare("SELECT id, number, status, issued_at, finished_at, window_id, restored FROM tickets WHERE hall_id = 'main' ORDER BY id")
      .all()
      .map((r: any) => ({ ...r, restored: r.restored === 1 }));
    expect(
      (await pool.query("SELECT id, number, status, issued_at, finished_at, window_id, restored FROM tickets WHERE hall_id = 'main' ORDER BY id")).rows,
    ).toEqual(liteTickets);

    const liteEvents = sqlite.prepare("SELECT seq, type, data FROM events WHERE hall_id = 'main' ORDER BY seq").all() as {
      seq: number;
      type: string;
      data: string;
    }[];
    const cityEvents = await new PgEventLog().since(pool, 'main', 0, 10_000);
    expect(cityEvents.map((e: any) => ({ seq: e.seq, type: e.type, data: e.data }))).toEqual(liteEvents.map((e) => ({ ...e, data: JSON.parse(e.data) })));

    // the counts the triggers keep are rebuilt from the copied tickets
    const liteCounts = sqlite.prepare('SELECT service_id, business_day, queued, priority, transfers FROM queue_counts ORDER BY service_id').all();
    expect((await pool.query('SELECT service_id, business_day, queued, priority, transfers FROM queue_counts ORDER BY service_id')).rows).toEqual(liteCounts);
    const liteHist = sqlite
      .prepare("SELECT window_id, service_id, served, wait_hist, service_hist FROM sup_day_stats WHERE hall_id = 'main' ORDER BY window_id, service_id")
      .all();
    expect(
      (
        await pool.query(
          "SELECT window_id, service_id, served, wait_hist, service_hist FROM sup_day_stats WHERE hall_id = 'main' ORDER BY window_id, service_id",
        )
      ).rows,
    ).toEqual(liteHist);
    const appointment = (await pool.query("SELECT code, phone, phone_confirmed, status FROM appointments WHERE hall_id = 'main'")).rows[0];
    expect(appointment).toEqual({
      ...(sqlite.prepare("SELECT code, phone, status FROM appointments WHERE hall_id = 'main'").get() as object),
      phone_confirmed: true,
    });

    // the hall continues: the next A of the day follows the PC's last, and its event the PC's last seq
    const store = await PgStore.open(url);
    try {
      const next = await issueTicketOnPg(store, { serviceId: 'tax-reg', now: new Date(MONDAY_10AM) });
      expect(next.value.number).toBe('A004');
      expect(next.events[0]!.seq).toBe(liteEvents.at(-1)!.seq + 1);
    } finally {
      await store.close();
      sqlite.close();
    }
  });

  it('brings the report figures and follow-ups along: the city reports the hall as the PC did, with no event left to count', async () => {
    await runCli(['migrate', '--from-sqlite', app.dataDir, '--to', url, '--hall', 'main']);
    const city = await PgStore.open(url);
    const lite = openLite();
    try {
      // one context (the copied configuration) for both: only the supervision repositories differ
      const ctx: AppContext = { store: useCaseStore(city), bus: new EventBus(), clock: { now: () => new Date(MONDAY_10AM) }, log: pino({ level: 'silent' }) };
      const report = (repos: SupervisionRepositories) => {
        const deps = buildSupervision(ctx, repos);
        const reportDeps = {
          reports: deps.reports,
          followUps: (h: string, f: string, t: string) => deps.records.followUps(h, f, t),
          followUpComments: (h: string, f: string, t: string) => deps.records.followUpComments(h, f, t),
          weights: (h: string) => deps.settings.weights(h),
        };
        return supervisionReport(ctx, reportDeps, { hallId: 'main', from: '2026-11-01', to: '2026-11-30' });
      };
      const pc = await report(sqliteSupervisionRepositories(lite));
      expect(pc.totals).toMatchObject({ served: 2 });
      expect(pc.badReviews).toHaveLength(1);
      expect(await report(pgSupervisionRepositories(city))).toEqual(pc);
      expect(await buildSupervision(ctx, pgSupervisionRepositories(city)).aggregator.catchUp('main')).toBe(0);
    } finally {
      lite.close();
      await city.close();
    }
  });

  it('refuses a hall the city database already has, copying nothing', async () => {
    await runCli(['migrate', '--from-sqlite', app.dataDir, '--to', url, '--hall', 'main']);
    const before = await countsIn('main');
    await expect(runCli(['migrate', '--from-sqlite', app.dataDir, '--to', url, '--hall', 'main'])).rejects.toThrow(/already has hall "main": nothing copied/);
    expect(await countsIn('main')).toEqual(before);
    expect(Number((await pool.query("SELECT COUNT(*) AS n FROM halls WHERE id = 'branch'")).rows[0].n)).toBe(0);
  });

  it('says what is wrong with its arguments', async () => {
    await expect(runCli(['migrate', '--to', url])).rejects.toBeInstanceOf(UsageError);
    await expect(runCli(['migrate', '--from-sqlite', app.dataDir, '--to', 'mysql://x/y'])).rejects.toThrow(/--to must be a postgres:\/\/ URL/);
    await expect(runCli(['migrate', '--from-sqlite', join(app.dataDir, 'nowhere'), '--to', url])).rejects.toThrow(/no database at/);
    await expect(runCli(['migrate', '--from-sqlite', app.dataDir, '--to', url, '--hall', 'atlantis'])).rejects.toThrow(/no hall "atlantis".*main/);
    expect(Number((await pool.query('SELECT COUNT(*) AS n FROM halls')).rows[0].n)).toBe(0);
  });

  it("refuses while the hall's server still has its database open", async () => {
    await app.restart();
    try {
      await expect(runCli(['migrate', '--from-sqlite', app.dataDir, '--to', url])).rejects.toThrow(/is open \(is the hall's server running\?\)/);
      expect(Number((await pool.query('SELECT COUNT(*) AS n FROM halls')).rows[0].n)).toBe(0);
    } finally {
      await app.stop();
    }
  });
});
