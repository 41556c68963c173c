/**
 * One scenario, two stores: the same server started on a SQLite file and with
 * `database: postgres://…` (a throw-away cluster) must give the same answers over real HTTP and
 * socket.io — a kiosk ticket, a call from a staff login, a booking with its check-in, an admin edit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { Writable } from 'node:stream';
import { adminFeature } from '../../../server/admin/admin-feature.js';
import { FEATURES } from '../../../server/features.js';
import { createAppointmentsFeature } from '../../../server/appointments/feature.js';
import type { HallServer } from '../../../server/server.js';
import { startPostgres, type PostgresServer } from '../../helpers/postgres-server.js';
import { RecordingNotifier } from '../../helpers/recording-notifier.js';
import { buildTestApp, type TestApp } from '../../helpers/test-app.js';
import { TOKENS } from '../../helpers/test-config.js';
import { bj, ROOMY } from '../appointments/steps.js';
import { act, issue } from '../http/hall-steps.js';
import { listen } from '../realtime/realtime-steps.js';

let pg: PostgresServer;
beforeAll(async () => {
  pg = await startPostgres();
}, 120_000);
afterAll(() => pg?.stop());

async function serverOn(store: 'sqlite' | 'postgres'): Promise<TestApp<HallServer>> {
  const features = [adminFeature, createAppointmentsFeature({ jobIntervalMs: 3_600_000, phoneCodeNotifier: new RecordingNotifier() })];
  if (store === 'sqlite') return await buildTestApp({ features, limits: ROOMY });
  return await buildTestApp({ features, limits: ROOMY, database: await pg.createDatabase() });
}

/** what a user of the hall sees, with the ids and tokens a store makes up left out */
async function scenario(app: TestApp<HallServer>) {
  const wangfang = await app.login('wangfang');
  const board = await listen(app.socket(TOKENS.display));
  const ack = await board.subscribe({ hallId: 'main' });

  const first = await issue(app, 'tax-reg');
  const second = await issue(app, 'tax-reg');
  await act(app, wangfang, 'w1', 'open');
  const called = await act(app, wangfang, 'w1', 'call-next');

  const admin = await app.login('admin');
  const staffBooking = await app.http('POST', '/api/appointments', {
    token: admin,
    body: { serviceId: 'tax-reg', start: bj('2026-11-23', '10:30'), name: '张三', phone: '13812345678', channel: 'phone' },
  });
  expect(staffBooking.status, staffBooking.text).toBe(201);
  const slots = await app.http('GET', '/api/halls/main/services/tax-reg/slots?date=2026-11-23');
  app.clock.set(bj('2026-11-23', '10:05'));
  const checkIn = await app.http('POST', `/api/appointments/${staffBooking.body.code}/check-in`, { token: TOKENS.kiosk });
  expect(checkIn.status, checkIn.text).toBe(201);

  const edit = await app.http('PATCH', '/api/admin/services/tax-reg', { token: admin, body: { avgServiceMinutes: 12, name: '税务登记（新）' } });
  expect(edit.status, edit.text).toBe(200);
  const services = await app.http('GET', '/api/halls/main/services', { token: TOKENS.kiosk });
  const audit = await app.http('GET', '/api/admin/audit?entity=service', { token: admin });

  // the board hears the issues, the call, the check-in's ticket and the configuration change, in seq order
  const types = ['ticket.issued', 'ticket.issued', 'ticket.called', 'ticket.issued', 'config.changed'];
  await board.waitForEvents(types.length);
  const seen = board.events.filter((e) => types.includes(e.type));
  const seqs = board.events.map((e) => e.seq);
  return {
    subscribed: { ok: ack.ok },
    tickets: [first.number, second.number],
    aheadOfSecond: second.waitingAhead,
    called: { number: called.ticket.number, status: called.ticket.status, isFirst: called.ticket.id === first.id },
    booking: { status: staffBooking.body.status, name: staffBooking.body.name, phone: staffBooking.body.phone },
    slot: slots.body[0],
    checkedIn: { appointment: checkIn.body.appointment.status, ticket: checkIn.body.ticket.number },
    service: services.body.find((s: { id: string }) => s.id === 'tax-reg'),
    audit: audit.body.map((e: { action: string; entityId: string }) => [e.action, e.entityId]),
    events: seen.map((e) => e.type),
    inOrder: seqs.every((s, i) => i === 0 || s > seqs[i - 1]!),
  };
}

describe('the same hall on SQLite and on PostgreSQL', () => {
  it('serves a ticket, a call, a booking with its check-in and an admin edit alike', async () => {
    const answers: Record<string, unknown> = {};
    for (const store of ['sqlite', 'postgres'] as const) {
      const app = await serverOn(store);
      try {
        expect(app.server.backend).toBe(store);
        answers[store] = await scenario(app);
      } finally {
        await app.close();
      }
    }
    expect(answers.postgres).toEqual(answers.sqlite);
    // and the answers are the ones a user expects, not merely equal
    expect(answers.sqlite).toMatchObject({
      subscribed: { ok: true },
      tickets: ['A001', 'A002'],
      called: { number: 'A001', status: 'called', isFirst: true },
      booking: { status: 'booked' },
      checkedIn: { appointment: 'checked_in', ticket: 'A003' },
      service: { name: '税务登记（新）' },
      audit: [['service.update', 'tax-reg']],
      events: ['ticket.issued', 'ticket.issued', 'ticket.called', 'ticket.issued', 'config.changed'],
      inOrder: true,
    });
  }, 120_000);
});

describe('every feature on PostgreSQL', () => {
  it('starts them all but the SQLite file backup, which says so; supervision and 好差评 answer from PostgreSQL', async () => {
    const lines: string[] = [];
    const log = pino({ level: 'info' }, new Writable({ write: (chunk: Buffer, _enc, done) => (lines.push(String(chunk)), done()) }));
    const app = await buildTestApp({ features: FEATURES, database: await pg.createDatabase(), log });
    try {
      const said = lines.map((l) => (JSON.parse(l) as { msg: string }).msg);
      expect(said).toContainEqual(expect.stringMatching(/^nightly backup and event archiving are off/));
      const admin = await app.login('admin');
      const live = await app.http('GET', '/api/supervision/halls/main/live', { token: admin });
      expect(live.status, live.text).toBe(200);
      const outbox = await app.http('GET', '/api/haocha/halls/main/outbox', { token: admin });
      expect(outbox.status, outbox.text).toBe(200);
      expect(outbox.body.counts).toEqual({ pending: 0, sent: 0, failed: 0 });
      expect((await issue(app, 'tax-reg')).number).toBe('A001');
    } finally {
      await app.close();
    }
  }, 120_000);
});
