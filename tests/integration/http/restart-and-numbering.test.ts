import { afterEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../helpers/test-app.js';
import { TOKENS } from '../../helpers/test-config.js';
import { act, issue } from './hall-steps.js';

let app: TestApp;
afterEach(async () => {
  await app.close();
});

describe('restart', () => {
  it('keeps tickets, windows, sessions and the event log, and numbering continues', async () => {
    app = await buildTestApp();
    const wangfang = await app.login('wangfang');
    const a1 = await issue(app, 'tax-reg');
    await issue(app, 'tax-reg');
    await issue(app, 'invoice');
    await act(app, wangfang, 'w1', 'open');
    await act(app, wangfang, 'w1', 'call-next');
    const before = await app.http('GET', '/api/halls/main/snapshot', { token: TOKENS.display });

    await app.restart();

    const after = await app.http('GET', '/api/halls/main/snapshot', { token: TOKENS.display });
    expect(after.body).toEqual(before.body);
    expect(after.body.windows.find((w: any) => w.id === 'w1')).toMatchObject({ status: 'open', current: { number: 'A001', status: 'called' } });
    expect((await issue(app, 'tax-reg')).number).toBe('A003');
    expect((await issue(app, 'invoice')).number).toBe('B002');
    expect((await app.http('GET', `/api/tickets/${a1.id}/status?token=${a1.statusToken}`)).body).toMatchObject({ status: 'called', windowNumber: 1 });
    // the session survived: the staff member goes on where she left off
    await act(app, wangfang, 'w1', 'start');
    await act(app, wangfang, 'w1', 'finish');
    expect((await act(app, wangfang, 'w1', 'call-next')).ticket.number).toBe('A002');
  });

  it('does not reseed an existing database from the config', async () => {
    app = await buildTestApp();
    const kept = await issue(app, 'tax-reg');
    await app.restart();
    expect((await app.server.store.halls.halls()).map((h) => h.id).sort()).toEqual(['branch', 'main']);
    expect(await app.server.store.tickets.get(kept.id)).toMatchObject({ number: 'A001', status: 'waiting' });
  });
});

describe('numbering by business day', () => {
  it("restarts at 001 on the next business day in the hall's time zone", async () => {
    app = await buildTestApp();
    const issued = [await issue(app, 'tax-reg'), await issue(app, 'tax-reg')];
    expect(issued[1]!.number).toBe('A002');
    app.clock.set('2026-11-24T02:00:00.000Z'); // Tuesday 10:00 Beijing
    issued.push(await issue(app, 'tax-reg'), await issue(app, 'invoice'));
    expect(issued[2]!.number).toBe('A001');
    expect(issued[3]!.number).toBe('B001');
    const rows = await Promise.all(issued.map(async (t) => await app.server.store.tickets.get(t.id)));
    expect(rows.map((t) => ({ businessDay: t?.businessDay, number: t?.number }))).toEqual([
      { businessDay: '2026-11-23', number: 'A001' },
      { businessDay: '2026-11-23', number: 'A002' },
      { businessDay: '2026-11-24', number: 'A001' },
      { businessDay: '2026-11-24', number: 'B001' },
    ]);
  });

  it('counts the business day by Beijing midnight, not UTC midnight', async () => {
    const config = (await import('../../helpers/test-config.js')).testConfig();
    const allDay = {
      summer: { from: '05-01', sessions: [['00:00', '24:00']] as [string, string][] },
      winter: { from: '10-01', sessions: [['00:00', '24:00']] as [string, string][] },
    };
    config.halls[0]!.hours = allDay;
    app = await buildTestApp({ config, now: '2026-11-23T15:59:00.000Z' }); // 23:59 Monday Beijing
    expect((await issue(app, 'tax-reg')).number).toBe('A001');
    app.clock.set('2026-11-23T16:01:00.000Z'); // 00:01 Tuesday Beijing, still Monday in UTC
    expect((await issue(app, 'tax-reg')).number).toBe('A001');
    app.clock.set('2026-11-24T00:01:00.000Z'); // UTC midnight: same Beijing day
    expect((await issue(app, 'tax-reg')).number).toBe('A002');
  });

  it('does not restore a no-show of an earlier day', async () => {
    app = await buildTestApp();
    const wangfang = await app.login('wangfang');
    const t = await issue(app, 'tax-reg');
    await act(app, wangfang, 'w1', 'open');
    await act(app, wangfang, 'w1', 'call-next');
    await act(app, wangfang, 'w1', 'skip');
    app.clock.set('2026-11-24T02:00:00.000Z');
    const manager = await app.login('manager');
    const res = await app.http('POST', `/api/tickets/${t.id}/restore`, { token: manager });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('TICKET_EXPIRED');
  });

  it("does not call or count yesterday's unserved tickets on the new day", async () => {
    app = await buildTestApp();
    const yesterday = await issue(app, 'license');
    app.clock.set('2026-11-24T02:00:00.000Z');
    const chenjing = await app.login('chenjing');
    const today = await issue(app, 'license');
    expect(today).toMatchObject({ number: 'C001', waitingAhead: 0 });
    const services = await app.http('GET', '/api/halls/main/services', { token: TOKENS.kiosk });
    expect(services.body.find((s: any) => s.id === 'license').waiting).toBe(1);
    const snap = await app.http('GET', '/api/halls/main/snapshot', { token: TOKENS.display });
    expect(snap.body.queues.find((q: any) => q.serviceId === 'license').waiting).toBe(1);
    await act(app, chenjing, 'w4', 'open');
    expect((await app.http('GET', '/api/windows/w4/queue', { token: chenjing })).body.map((q: any) => q.id)).toEqual([today.id]);
    expect((await act(app, chenjing, 'w4', 'call-next')).ticket.id).toBe(today.id);
    expect((await app.http('POST', '/api/windows/w4/skip', { token: chenjing })).status).toBe(200);
    expect((await app.http('POST', '/api/windows/w4/call-next', { token: chenjing })).body.error.code).toBe('QUEUE_EMPTY');
    expect((await app.http('GET', `/api/tickets/${yesterday.id}/status?token=${yesterday.statusToken}`)).body.status).toBe('waiting');
  });
});
