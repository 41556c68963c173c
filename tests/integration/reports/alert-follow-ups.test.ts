import { createServer, type IncomingMessage, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useAlertHall } from './alert-hall.js';
import { at } from './scripted-day.js';

const h = useAlertHall();
const { check, active } = h;

describe('alerts are recorded, acknowledged and sent through the webhook', () => {
  let hook: Server;
  let received: unknown[];
  beforeAll(async () => {
    received = [];
    hook = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push(JSON.parse(body));
        res.end('ok');
      });
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
  });
  afterAll(async () => {
    await new Promise((r) => hook.close(r));
  });

  it('posts the alert, then records who acknowledged it, when and why', async () => {
    const port = (hook.address() as { port: number }).port;
    await h.app.http('PUT', '/api/supervision/halls/main/alert-settings', { token: h.manager, body: { webhookUrl: `http://127.0.0.1:${port}/alerts` } });
    await h.d.issue('10:00', 'tax-reg');
    await check('10:10');
    await expect.poll(() => received.length).toBe(1);
    expect(received[0]).toMatchObject({ type: 'alert.raised', alert: { kind: 'wait', hallName: '市政务服务中心' } });
    const [alert] = await active();
    const staff = await h.app.login('wangfang');
    expect((await h.app.http('POST', `/api/supervision/alerts/${alert.id}/acknowledge`, { token: staff, body: {} })).status).toBe(403);
    h.app.clock.set(at('10:12'));
    const ack = await h.app.http('POST', `/api/supervision/alerts/${alert.id}/acknowledge`, { token: h.manager, body: { note: '已安排2号窗口' } });
    expect(ack.status).toBe(200);
    expect(ack.body.alert).toMatchObject({ ackBy: 'm1', ackAt: at('10:12'), ackNote: '已安排2号窗口' });
    expect((await h.app.http('POST', `/api/supervision/alerts/${alert.id}/acknowledge`, { token: h.manager, body: {} })).status).toBe(409);
    const audit = await h.app.http('GET', '/api/supervision/halls/main/audit?from=2026-11-23&to=2026-11-23', { token: h.manager });
    expect(audit.body[0]).toMatchObject({ action: 'alert-acknowledge', actorName: '黄主任', reason: '已安排2号窗口' });
  });
});

describe('差评整改: a bad review opens a follow-up with working-day deadlines', () => {
  async function badReview() {
    await h.d.step('10:00', 'POST', '/api/windows/w3/open', h.d.tokens.zhangmin!);
    const id = await h.d.issue('10:00', 'invoice');
    await h.d.step('10:01', 'POST', '/api/windows/w3/call-next', h.d.tokens.zhangmin!);
    await h.d.step('10:01', 'POST', '/api/windows/w3/start', h.d.tokens.zhangmin!);
    await h.d.step('10:05', 'POST', '/api/windows/w3/finish', h.d.tokens.zhangmin!);
    await h.d.step('10:06', 'POST', `/api/tickets/${id}/evaluation`, h.manager, { level: 2, phoneCallback: true });
    return id;
  }
  const followUps = async () => (await h.app.http('GET', '/api/supervision/halls/main/followups', { token: h.manager })).body as any[];

  it('the callback is due the next working day, overdue the day after', async () => {
    const id = await badReview();
    expect(await followUps()).toEqual([
      expect.objectContaining({ ticketId: id, level: 2, callbackDue: '2026-11-24', rectifyDue: '2026-12-14', status: 'open', overdue: false }),
    ]);
    await check('10:00', '2026-11-24');
    expect((await followUps())[0].callbackOverdue).toBe(false);
    await check('08:00', '2026-11-25');
    expect((await followUps())[0].callbackOverdue).toBe(true);
    expect((await active()).map((a) => [a.kind, a.level])).toContainEqual(['followup-overdue', 2]);
    const done = await h.app.http('POST', `/api/supervision/followups/${id}/callback`, { token: h.manager, body: { note: '电话致歉，说明原因' } });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'called-back', callbackBy: 'm1', callbackOverdue: false });
  });

  it('rectification becomes overdue on working day 16, not on day 15', async () => {
    const id = await badReview();
    await h.app.http('POST', `/api/supervision/followups/${id}/callback`, { token: h.manager, body: { note: '已回访' } });
    await check('17:00', '2026-12-14');
    expect((await followUps())[0]).toMatchObject({ rectifyOverdue: false });
    expect((await active()).filter((a) => a.kind === 'followup-overdue')).toEqual([]);
    await check('08:30', '2026-12-15');
    expect((await followUps())[0]).toMatchObject({ rectifyOverdue: true, overdue: true });
    expect((await active()).filter((a) => a.kind === 'followup-overdue').map((a) => a.level)).toEqual([3]);
    await h.app.http('POST', `/api/supervision/followups/${id}/rectify`, { token: h.manager, body: { note: '加强窗口培训' } });
    expect((await check('09:00', '2026-12-15')).resolved).toBe(1);
    const rating = await h.app.http('POST', `/api/supervision/followups/${id}/visitor-rating`, { token: h.manager, body: { level: 4 } });
    expect(rating.body).toMatchObject({ visitorLevel: 4, status: 'rectified' });
    expect((await h.app.http('POST', `/api/supervision/followups/${id}/visitor-rating`, { token: h.manager, body: { level: 5 } })).status).toBe(409);
  });

  it('a good review opens none', async () => {
    await h.d.step('10:00', 'POST', '/api/windows/w3/open', h.d.tokens.zhangmin!);
    const id = await h.d.issue('10:00', 'invoice');
    await h.d.step('10:01', 'POST', '/api/windows/w3/call-next', h.d.tokens.zhangmin!);
    await h.d.step('10:01', 'POST', '/api/windows/w3/start', h.d.tokens.zhangmin!);
    await h.d.step('10:05', 'POST', '/api/windows/w3/finish', h.d.tokens.zhangmin!);
    await h.d.step('10:06', 'POST', `/api/tickets/${id}/evaluation`, h.manager, { level: 3, phoneCallback: true });
    expect(await followUps()).toEqual([]);
  });
});
