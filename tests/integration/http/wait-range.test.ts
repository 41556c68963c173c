import { afterEach, describe, expect, it } from 'vitest';
import { adminFeature } from '../../../server/admin/admin-feature.js';
import { buildTestApp, type TestApp } from '../../helpers/test-app.js';
import { TOKENS } from '../../helpers/test-config.js';

let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

const issue = async (a: TestApp, serviceId: string, priority?: 'priority') => {
  const res = await a.http('POST', '/api/tickets', { token: TOKENS.kiosk, body: { serviceId, ...(priority ? { priority } : {}) } });
  expect(res.status, res.text).toBe(201);
  return res.body;
};
const open = async (a: TestApp, user: string, windowId: string) => {
  const res = await a.http('POST', `/api/windows/${windowId}/open`, { token: await a.login(user) });
  expect(res.status, res.text).toBe(200);
};
const listed = async (a: TestApp, serviceId: string) =>
  (await a.http('GET', '/api/halls/main/services', { token: TOKENS.kiosk })).body.find((s: { id: string }) => s.id === serviceId);

describe('wait ranges told to visitors', () => {
  it('with every window closed, says no window serves it instead of a number', async () => {
    app = await buildTestApp();
    expect((await listed(app, 'license')).wait).toEqual({ kind: 'no-window' });
    const ticket = await issue(app, 'license');
    expect(ticket.wait).toEqual({ kind: 'no-window' });
    const status = await app.http('GET', `/api/tickets/${ticket.id}/status?token=${ticket.statusToken}`);
    expect(status.body.wait).toEqual({ kind: 'no-window' });
  });

  it('tells the next ticket of a window opened or closed meanwhile (what is kept of the windows follows them)', async () => {
    app = await buildTestApp();
    expect((await issue(app, 'tax-reg')).wait).toEqual({ kind: 'no-window' });
    await open(app, 'wangfang', 'w1');
    expect((await issue(app, 'tax-reg')).wait).toMatchObject({ kind: 'range', ahead: 1 });
    const staff = await app.login('wangfang');
    expect((await app.http('POST', '/api/windows/w1/close', { token: staff })).status).toBe(200);
    expect((await issue(app, 'tax-reg')).wait).toEqual({ kind: 'no-window' });
  });

  it("counts the other service's tickets the only open window will call first (w1 serves A then C)", async () => {
    app = await buildTestApp();
    await open(app, 'wangfang', 'w1');
    for (let i = 0; i < 5; i++) await issue(app, 'tax-reg');
    const before = await listed(app, 'license');
    expect(before.waiting).toBe(0);
    expect(before.wait).toMatchObject({ kind: 'range', ahead: 5 });
    const c = await issue(app, 'license');
    expect(c.waitingAhead).toBe(0);
    expect(c.wait).toMatchObject({ kind: 'range', ahead: 5 });
    // norm 8 min a tax ticket: about 40 minutes, given as a range around it
    expect(c.wait.low).toBeLessThanOrEqual(40);
    expect(c.wait.high).toBeGreaterThanOrEqual(40);
    expect(c.wait.high).toBeGreaterThan(c.wait.low);
  });

  it('counts a priority ticket of another service ahead, and puts a priority ticket before plain ones', async () => {
    app = await buildTestApp();
    await open(app, 'wangfang', 'w1');
    await issue(app, 'tax-reg');
    app.clock.advanceSeconds(1);
    const plainC = await issue(app, 'license');
    app.clock.advanceSeconds(1);
    await issue(app, 'tax-reg', 'priority');
    app.clock.advanceSeconds(1);
    const priorityC = await issue(app, 'license', 'priority');
    expect(priorityC.wait).toMatchObject({ kind: 'range', ahead: 1 }); // only the earlier priority A
    const status = await app.http('GET', `/api/tickets/${plainC.id}/status?token=${plainC.statusToken}`);
    // the first A, then both priority tickets
    expect(status.body.wait).toMatchObject({ kind: 'range', ahead: 3 });
  });

  it('does not offer a service that no window serves', async () => {
    app = await buildTestApp({ features: [adminFeature] });
    const admin = await app.login('admin');
    const res = await app.http('POST', '/api/admin/services', {
      token: admin,
      body: { id: 'social', hallId: 'main', name: '社保登记', prefix: 'K', departmentId: 'tax', avgServiceMinutes: 6 },
    });
    expect(res.status, res.text).toBe(201);
    const social = await listed(app, 'social');
    expect(social).toMatchObject({ open: false, closedReason: '暂无窗口办理此事项' });
  });
});
