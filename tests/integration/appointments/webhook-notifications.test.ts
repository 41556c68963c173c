import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppointmentsFeature } from '../../../server/appointments/feature.js';
import type { TestApp } from '../../helpers/test-app.js';
import { TOKENS } from '../../helpers/test-config.js';
import { startGateway } from './sms-gateway.js';
import { appointmentsApp, bj, book } from './steps.js';
import { waitFor } from '../../helpers/wait-for.js';

describe('webhook notifications through the outbox', () => {
  let app: TestApp;
  let feature: AppointmentsFeature;
  let gateway: Awaited<ReturnType<typeof startGateway>>;
  beforeEach(async () => {
    gateway = await startGateway();
    ({ app, feature } = await appointmentsApp());
    const res = await app.http('PUT', '/api/halls/main/appointment-rules', { token: await app.login('manager'), body: { webhookUrl: gateway.url } });
    expect(res.status, res.text).toBe(200);
  });
  afterEach(async () => {
    await app.close();
    await gateway.close();
  });

  const kinds = () => gateway.received.map((n) => n.kind);

  it('confirms at once, and reminders due while the server was down go out when it is back', async () => {
    const booked = await book(app, { start: bj('2026-11-25', '10:00'), name: '王五', phone: '13912345678' });
    await feature.runJobs();
    expect(kinds()).toEqual(['confirmation']);
    expect(gateway.received[0]).toMatchObject({
      hallId: 'main',
      to: { name: '王五', phone: '13912345678' },
      appointment: { code: booked.code, serviceName: '税务登记', start: bj('2026-11-25', '10:00') },
    });
    expect(gateway.received[0]?.text).toContain(booked.code);

    await app.stop();
    // the day-before reminder fell due at Tuesday 10:00 while the server was down
    app.clock.set(bj('2026-11-24', '15:00'));
    await app.restart();
    await feature.runJobs();
    expect(kinds()).toEqual(['confirmation', 'reminder']);
    expect(gateway.received[1]?.text).toContain('温馨提醒');
    await feature.runJobs();
    expect(kinds()).toHaveLength(2);
  });

  it('a gateway that fails is retried with back-off until it accepts; nothing is sent twice', async () => {
    gateway.answer(503);
    await book(app, { start: bj('2026-11-23', '14:00') });
    expect(await feature.runJobs()).toMatchObject({ sent: 0, failed: 1 });
    gateway.answer(200);
    // the first retry waits 30 s
    app.clock.advanceSeconds(20);
    expect(await feature.runJobs()).toMatchObject({ sent: 0, failed: 0 });
    app.clock.advanceSeconds(15);
    expect(await feature.runJobs()).toMatchObject({ sent: 1 });
    expect(kinds()).toEqual(['confirmation']);
    const row = (await app.server.stores.outbox.all('main')).find((m) => m.kind === 'confirmation');
    expect(row).toMatchObject({ attempts: 2, status: 'sent' });
  });

  it('a cancelled booking gets no reminders, only the cancellation', async () => {
    const booked = await book(app, { start: bj('2026-11-25', '10:00') });
    app.clock.advanceMinutes(5); // a cancel seconds after booking sends nothing at all
    await app.http('DELETE', `/api/appointments/${booked.code}?phoneLast4=5678`);
    app.clock.set(bj('2026-11-25', '09:30'));
    await feature.runJobs();
    expect(kinds().sort()).toEqual(['cancelled']);
  });

  it('a checked-in visitor near the front of the queue is told their turn is soon', async () => {
    const booked = await book(app, { start: bj('2026-11-23', '10:30') });
    app.clock.set(bj('2026-11-23', '10:20'));
    const res = await app.http('POST', `/api/appointments/${booked.code}/check-in`, { token: TOKENS.kiosk });
    expect(res.status, res.text).toBe(201);
    // the check-in's event is watched after it commits: on PostgreSQL the message is queued a few queries later
    await waitFor(async () => (await app.server.stores.outbox.all('main')).some((m) => m.kind === 'turn-soon'), 'the turn-soon message to be queued');
    await feature.runJobs();
    const turn = gateway.received.find((n) => n.kind === 'turn-soon');
    expect(turn).toMatchObject({ ticketNumber: res.body.ticket.number });
    expect(turn?.text).toContain(res.body.ticket.number);
  });
});
