import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../helpers/test-app.js';
import { TOKENS } from '../../helpers/test-config.js';
import { act, expectError, issue } from './hall-steps.js';
import { auditOf } from '../../helpers/store-reads.js';

let app: TestApp;
let wangfang: string;

beforeEach(async () => {
  app = await buildTestApp();
  wangfang = await app.login('wangfang');
});
afterEach(async () => {
  await app.close();
});

describe('a ticket from kiosk to evaluation', () => {
  it('issues, calls, starts, finishes and takes one evaluation', async () => {
    const t = await issue(app, 'tax-reg');
    expect(t).toMatchObject({ number: 'A001', serviceId: 'tax-reg', hallId: 'main', status: 'waiting', waitingAhead: 0, estimatedWaitMinutes: 0 });
    expect(t.issuedAt).toBe('2026-11-23T02:00:00.000Z');
    expect(t.statusToken).toMatch(/^[\w-]{16,}$/);

    await act(app, wangfang, 'w1', 'open');
    const called = await act(app, wangfang, 'w1', 'call-next');
    expect(called.ticket).toMatchObject({ id: t.id, number: 'A001', status: 'called', windowId: 'w1', windowNumber: 1, staffId: 's1' });

    const status = await app.http('GET', `/api/tickets/${t.id}/status?token=${t.statusToken}`);
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({ number: 'A001', status: 'called', windowNumber: 1, waitingAhead: 0 });

    app.clock.advanceMinutes(1);
    expect((await act(app, wangfang, 'w1', 'start')).ticket.status).toBe('serving');
    app.clock.advanceMinutes(6);
    expect((await act(app, wangfang, 'w1', 'finish')).ticket).toMatchObject({ status: 'done', finishedAt: '2026-11-23T02:07:00.000Z' });

    const rated = await app.http('POST', `/api/tickets/${t.id}/evaluation?token=${t.statusToken}`, { body: { level: 5, tags: ['服务热情'] } });
    expect(rated.status).toBe(201);
    expect(rated.body).toMatchObject({ ticketId: t.id, level: 5, tags: ['服务热情'] });
    const again = await app.http('POST', `/api/tickets/${t.id}/evaluation`, { token: TOKENS.evaluator, body: { level: 1 } });
    expectError(again, 409, 'ALREADY_EVALUATED');
    expect((await app.http('GET', `/api/tickets/${t.id}/status?token=${t.statusToken}`)).body).toMatchObject({ status: 'done', evaluated: true });
  });

  it("lets the window's evaluator pad rate, but not before the ticket is finished", async () => {
    const t = await issue(app, 'tax-reg');
    await act(app, wangfang, 'w1', 'open');
    await act(app, wangfang, 'w1', 'call-next');
    const early = await app.http('POST', `/api/tickets/${t.id}/evaluation`, { token: TOKENS.evaluator, body: { level: 4 } });
    expectError(early, 409, 'NOT_EVALUABLE');
    await act(app, wangfang, 'w1', 'start');
    await act(app, wangfang, 'w1', 'finish');
    expect((await app.http('POST', `/api/tickets/${t.id}/evaluation`, { token: TOKENS.evaluator, body: { level: 4 } })).status).toBe(201);
  });

  it("closes the evaluator pad 60 s after the ticket finished; the visitor's phone may still rate", async () => {
    const t = await issue(app, 'tax-reg');
    await act(app, wangfang, 'w1', 'open');
    await act(app, wangfang, 'w1', 'call-next');
    await act(app, wangfang, 'w1', 'start');
    await act(app, wangfang, 'w1', 'finish');
    app.clock.advanceSeconds(61);
    expectError(await app.http('POST', `/api/tickets/${t.id}/evaluation`, { token: TOKENS.evaluator, body: { level: 2 } }), 409, 'EVALUATION_CLOSED');
    expect((await app.http('POST', `/api/tickets/${t.id}/evaluation?token=${t.statusToken}`, { body: { level: 5 } })).status).toBe(201);
  });

  it('lets a colleague record a 电话回访 rating, refuses the evaluator pad of another window, a kiosk, and staff rating their own window', async () => {
    const liqiang = await app.login('liqiang');
    const t = await issue(app, 'tax-reg');
    await act(app, liqiang, 'w2', 'open');
    await act(app, liqiang, 'w2', 'call-next');
    await act(app, liqiang, 'w2', 'start');
    await act(app, liqiang, 'w2', 'finish');
    expectError(await app.http('POST', `/api/tickets/${t.id}/evaluation`, { token: TOKENS.evaluator, body: { level: 5 } }), 403, 'FORBIDDEN');
    expectError(await app.http('POST', `/api/tickets/${t.id}/evaluation`, { token: TOKENS.kiosk, body: { level: 5 } }), 403, 'FORBIDDEN');
    expectError(await app.http('POST', `/api/tickets/${t.id}/evaluation?token=not-the-token`, { body: { level: 5 } }), 401, 'UNAUTHORIZED');
    expectError(await app.http('POST', `/api/tickets/${t.id}/evaluation`, { token: liqiang, body: { level: 5, phoneCallback: true } }), 403, 'FORBIDDEN');
    const zhangmin = await app.login('zhangmin');
    expectError(await app.http('POST', `/api/tickets/${t.id}/evaluation`, { token: zhangmin, body: { level: 1 } }), 403, 'FORBIDDEN');
    const byStaff = await app.http('POST', `/api/tickets/${t.id}/evaluation`, {
      token: zhangmin,
      body: { level: 2, tags: ['等候时间长'], comment: '窗口少', phoneCallback: true },
    });
    expect(byStaff.status).toBe(201);
    expect(byStaff.body).toMatchObject({ level: 2, tags: ['等候时间长'], comment: '窗口少', source: '电话回访:张敏:staff:s3' });
  });

  it('numbers each service by its own prefix, and tells each visitor how many are ahead', async () => {
    const a1 = await issue(app, 'tax-reg');
    const b1 = await issue(app, 'invoice');
    const a2 = await issue(app, 'tax-reg');
    const a3 = await issue(app, 'tax-reg');
    expect([a1.number, b1.number, a2.number, a3.number]).toEqual(['A001', 'B001', 'A002', 'A003']);
    expect([a1.waitingAhead, b1.waitingAhead, a2.waitingAhead, a3.waitingAhead]).toEqual([0, 0, 1, 2]);
    // 2 ahead × 8 min norm ÷ max(1, 0 open windows)
    expect(a3.estimatedWaitMinutes).toBe(16);
    await act(app, wangfang, 'w1', 'open');
    const liqiang = await app.login('liqiang');
    await act(app, liqiang, 'w2', 'open');
    const services = await app.http('GET', '/api/halls/main/services', { token: TOKENS.kiosk });
    expect(services.status).toBe(200);
    expect(services.body.find((s: any) => s.id === 'tax-reg')).toMatchObject({
      name: '税务登记',
      prefix: 'A',
      departmentId: 'tax',
      waiting: 3,
      estimatedWaitMinutes: 12,
      open: true,
    });
  });

  it('answers QUEUE_EMPTY, WINDOW_BUSY, TICKET_NOT_CURRENT and WINDOW_NOT_OPEN', async () => {
    expectError(await app.http('POST', '/api/windows/w1/call-next', { token: wangfang }), 409, 'WINDOW_NOT_OPEN');
    await act(app, wangfang, 'w1', 'open');
    expectError(await app.http('POST', '/api/windows/w1/call-next', { token: wangfang }), 409, 'QUEUE_EMPTY');
    expectError(await app.http('POST', '/api/windows/w1/finish', { token: wangfang }), 409, 'TICKET_NOT_CURRENT');
    await issue(app, 'tax-reg');
    await issue(app, 'tax-reg');
    await act(app, wangfang, 'w1', 'call-next');
    expectError(await app.http('POST', '/api/windows/w1/call-next', { token: wangfang }), 409, 'WINDOW_BUSY');
    expectError(await app.http('POST', '/api/windows/w1/finish', { token: wangfang }), 409, 'INVALID_TRANSITION');
    expectError(await app.http('POST', '/api/windows/w1/pause', { token: wangfang, body: { reason: '临时离岗' } }), 409, 'WINDOW_BUSY');
    await act(app, wangfang, 'w1', 'skip');
    expect((await act(app, wangfang, 'w1', 'pause', { reason: '临时离岗' })).window).toMatchObject({ status: 'paused', pauseReason: '临时离岗' });
    expectError(await app.http('POST', '/api/windows/w1/call-next', { token: wangfang }), 409, 'WINDOW_NOT_OPEN');
    expect((await act(app, wangfang, 'w1', 'resume')).window.status).toBe('open');
    expectError(await app.http('POST', '/api/windows/w1/resume', { token: wangfang }), 409, 'WINDOW_NOT_PAUSED');
    expect((await act(app, wangfang, 'w1', 'call-next')).ticket.number).toBe('A002');
  });

  it('recalls the current ticket without changing it', async () => {
    await issue(app, 'tax-reg');
    await act(app, wangfang, 'w1', 'open');
    await act(app, wangfang, 'w1', 'call-next');
    const r = await act(app, wangfang, 'w1', 'recall');
    expect(r.ticket).toMatchObject({ number: 'A001', status: 'called', callCount: 2 });
  });

  it('restores a no-show once, back at its original place in the queue', async () => {
    const first = await issue(app, 'tax-reg');
    app.clock.advanceMinutes(1);
    await issue(app, 'tax-reg');
    await act(app, wangfang, 'w1', 'open');
    await act(app, wangfang, 'w1', 'call-next');
    expect((await act(app, wangfang, 'w1', 'skip')).ticket.status).toBe('no_show');

    const restored = await app.http('POST', `/api/tickets/${first.id}/restore`, { token: wangfang, body: { reason: '访客返回' } });
    expect(restored.status).toBe(200);
    expect(restored.body.ticket).toMatchObject({ number: 'A001', status: 'waiting', restored: true, issuedAt: first.issuedAt });
    expect((await act(app, wangfang, 'w1', 'call-next')).ticket.number).toBe('A001');
    await act(app, wangfang, 'w1', 'skip');
    expectError(await app.http('POST', `/api/tickets/${first.id}/restore`, { token: wangfang }), 409, 'ALREADY_RESTORED');

    const audit = await auditOf(app, 'restore', first.id);
    expect(audit.map((a) => ({ actorId: a.actorId, reason: a.reason }))).toEqual([{ actorId: 's1', reason: '访客返回' }]);
  });

  it('refuses to restore a ticket that is not a no-show', async () => {
    const t = await issue(app, 'tax-reg');
    expectError(await app.http('POST', `/api/tickets/${t.id}/restore`, { token: wangfang }), 409, 'INVALID_TRANSITION');
  });

  it('transfers the current ticket keeping its number and issue time, ahead of plain tickets', async () => {
    const t = await issue(app, 'tax-reg');
    app.clock.advanceMinutes(2);
    const plain = await issue(app, 'license');
    await act(app, wangfang, 'w1', 'open');
    await act(app, wangfang, 'w1', 'call-next');
    app.clock.advanceMinutes(3);
    const moved = await act(app, wangfang, 'w1', 'transfer', { toServiceId: 'license', reason: '需办理营业执照变更' });
    expect(moved.ticket).toMatchObject({
      id: t.id,
      number: 'A001',
      serviceId: 'license',
      status: 'transferred',
      issuedAt: t.issuedAt,
      transferredFromServiceId: 'tax-reg',
    });
    expect((await app.http('GET', '/api/windows/w1', { token: wangfang })).body.current).toBeUndefined();

    const chenjing = await app.login('chenjing');
    await act(app, chenjing, 'w4', 'open');
    const queue = await app.http('GET', '/api/windows/w4/queue', { token: chenjing });
    expect(queue.body.map((q: any) => [q.number, q.queueClass])).toEqual([
      ['A001', 'transfer'],
      [plain.number, 'normal'],
    ]);
    expect((await act(app, chenjing, 'w4', 'call-next')).ticket).toMatchObject({ number: 'A001', windowNumber: 4, status: 'called' });

    const status = await app.http('GET', `/api/tickets/${plain.id}/status?token=${plain.statusToken}`);
    expect(status.body).toMatchObject({ number: 'C001', status: 'waiting', waitingAhead: 0 });
  });

  it('refuses a transfer to the same service or an unknown one', async () => {
    await issue(app, 'tax-reg');
    await act(app, wangfang, 'w1', 'open');
    await act(app, wangfang, 'w1', 'call-next');
    expectError(await app.http('POST', '/api/windows/w1/transfer', { token: wangfang, body: { toServiceId: 'tax-reg' } }), 400, 'VALIDATION');
    expectError(await app.http('POST', '/api/windows/w1/transfer', { token: wangfang, body: { toServiceId: 'ghost' } }), 404, 'NOT_FOUND');
    expectError(await app.http('POST', '/api/windows/w1/transfer', { token: wangfang, body: { toServiceId: 'realty' } }), 404, 'NOT_FOUND');
  });

  it('lets the visitor cancel with the ticket token, once', async () => {
    const t = await issue(app, 'invoice');
    expectError(await app.http('POST', `/api/tickets/${t.id}/cancel?token=wrong-token`), 401, 'UNAUTHORIZED');
    expectError(await app.http('POST', `/api/tickets/${t.id}/cancel`), 401, 'UNAUTHORIZED');
    expectError(await app.http('POST', `/api/tickets/${t.id}/cancel`, { token: TOKENS.kiosk }), 403, 'FORBIDDEN');
    const ok = await app.http('POST', `/api/tickets/${t.id}/cancel?token=${t.statusToken}`);
    expect(ok.status).toBe(200);
    expect(ok.body.ticket.status).toBe('cancelled');
    expectError(await app.http('POST', `/api/tickets/${t.id}/cancel?token=${t.statusToken}`), 409, 'INVALID_TRANSITION');
  });

  it('shows the ticket status page data only with the right token', async () => {
    const t = await issue(app, 'license');
    const ok = await app.http('GET', `/api/tickets/${t.id}/status?token=${t.statusToken}`);
    expect(ok.body).toMatchObject({ number: 'C001', status: 'waiting', waitingAhead: 0, estimatedWaitMinutes: 0, serviceName: '营业执照' });
    expect(ok.body.windowNumber).toBeUndefined();
    expectError(await app.http('GET', `/api/tickets/${t.id}/status?token=nope`), 401, 'UNAUTHORIZED');
    expectError(await app.http('GET', `/api/tickets/${t.id}/status`), 401, 'UNAUTHORIZED');
    expectError(await app.http('GET', `/api/tickets/00000000-0000-0000-0000-000000000000/status?token=x`), 404, 'NOT_FOUND');
  });

  it('finishes a serving ticket on call-next when the policy says so', async () => {
    const config = (await import('../../helpers/test-config.js')).testConfig();
    config.policy = { callNextFinishesCurrent: true };
    await app.close();
    app = await buildTestApp({ config });
    wangfang = await app.login('wangfang');
    await issue(app, 'tax-reg');
    await issue(app, 'tax-reg');
    await issue(app, 'tax-reg');
    await act(app, wangfang, 'w1', 'open');
    const first = (await act(app, wangfang, 'w1', 'call-next')).ticket;
    await act(app, wangfang, 'w1', 'start');
    expect((await act(app, wangfang, 'w1', 'call-next')).ticket.number).toBe('A002');
    expect((await app.http('GET', `/api/tickets/${first.id}`, { token: wangfang })).body.status).toBe('done');
    const second = (await app.http('GET', '/api/windows/w1', { token: wangfang })).body.current;
    expect((await act(app, wangfang, 'w1', 'call-next')).ticket.number).toBe('A003');
    expect((await app.http('GET', `/api/tickets/${second.id}`, { token: wangfang })).body.status).toBe('no_show');
  });
});

describe('hall reads', () => {
  it('gives the snapshot with windows, queues, recent calls and staff on duty, without personal data', async () => {
    await issue(app, 'tax-reg');
    await issue(app, 'invoice');
    await act(app, wangfang, 'w1', 'open');
    await act(app, wangfang, 'w1', 'call-next');
    const snap = await app.http('GET', '/api/halls/main/snapshot', { token: TOKENS.display });
    expect(snap.status).toBe(200);
    expect(snap.body.seq).toBeGreaterThan(0);
    expect(snap.body.windows.find((w: any) => w.id === 'w1')).toMatchObject({
      number: 1,
      name: '1号窗口',
      status: 'open',
      staffName: '王芳',
      current: { number: 'A001', status: 'called' },
    });
    expect(snap.body.windows.find((w: any) => w.id === 'w3')).toMatchObject({ status: 'closed' });
    expect(snap.body.queues).toEqual(
      expect.arrayContaining([expect.objectContaining({ serviceId: 'invoice', waiting: 1 }), expect.objectContaining({ serviceId: 'tax-reg', waiting: 0 })]),
    );
    expect(snap.body.recentCalls).toEqual([expect.objectContaining({ number: 'A001', windowNumber: 1, at: '2026-11-23T02:00:00.000Z' })]);
    expect(snap.body.devices).toEqual([]);
    expect(snap.text).not.toMatch(/statusToken|password/);
  });

  it('gives the hall facts and the health check', async () => {
    const hall = await app.http('GET', '/api/halls/main', { token: TOKENS.kiosk });
    expect(hall.body).toMatchObject({ id: 'main', name: '市政务服务中心', open: { open: true } });
    expect(hall.body.windows).toHaveLength(4);
    const health = await app.http('GET', '/api/health');
    expect(health.body).toMatchObject({ status: 'ok', db: 'ok', version: expect.any(String), uptimeSeconds: expect.any(Number) });
  });

  it("refuses walk-in tickets outside the hall's hours with HALL_CLOSED", async () => {
    app.clock.set('2026-11-23T04:30:00.000Z'); // 12:30 Beijing, lunch break in winter
    expectError(await app.http('POST', '/api/tickets', { token: TOKENS.kiosk, body: { serviceId: 'tax-reg' } }), 409, 'HALL_CLOSED');
    const services = await app.http('GET', '/api/halls/main/services', { token: TOKENS.kiosk });
    expect(services.body[0]).toMatchObject({ open: false });
  });

  it("counts a window's day for the console and the basic window report for managers", async () => {
    await issue(app, 'tax-reg');
    await issue(app, 'tax-reg');
    await act(app, wangfang, 'w1', 'open');
    await act(app, wangfang, 'w1', 'call-next');
    app.clock.advanceMinutes(1);
    await act(app, wangfang, 'w1', 'start');
    app.clock.advanceMinutes(5);
    await act(app, wangfang, 'w1', 'finish');
    await act(app, wangfang, 'w1', 'call-next');
    await act(app, wangfang, 'w1', 'skip');
    expect((await app.http('GET', '/api/windows/w1/today', { token: wangfang })).body).toMatchObject({ businessDay: '2026-11-23', served: 1, noShow: 1 });

    const manager = await app.login('manager');
    const q = '?hallId=main&from=2026-11-22T16:00:00.000Z&to=2026-11-23T16:00:00.000Z';
    const report = await app.http('GET', `/api/reports/windows${q}`, { token: manager });
    expect(report.status).toBe(200);
    const row = report.body.rows.find((r: any) => r.windowId === 'w1');
    expect(row).toMatchObject({ served: 1, noShow: 1 });
    const csv = await app.http('GET', `/api/reports/windows${q}&format=csv`, { token: manager });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    expectError(await app.http('GET', `/api/reports/windows${q}`, { token: wangfang }), 403, 'FORBIDDEN');
  });
});
