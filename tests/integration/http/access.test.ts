import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../helpers/test-app.js';
import { TOKENS } from '../../helpers/test-config.js';
import { act, expectError, issue } from './hall-steps.js';
import { auditOf } from '../../helpers/store-reads.js';

/** Who may do what: one server for the file, each test arranging what it needs. */
let app: TestApp;
let staff: Record<string, string>;

beforeAll(async () => {
  app = await buildTestApp();
  staff = {};
  for (const u of ['wangfang', 'liqiang', 'zhangmin', 'chenjing', 'manager', 'branchmanager', 'admin']) staff[u] = await app.login(u);
});
afterAll(async () => {
  await app.close();
});

describe('login', () => {
  it('gives a token and the user, and a session cookie', async () => {
    const res = await app.http('POST', '/api/auth/login', { body: { username: 'wangfang', password: 'secret123' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ token: expect.any(String), user: { id: 's1', name: '王芳', role: 'staff' } });
    expect(res.headers.get('set-cookie')).toMatch(/HttpOnly/);
    const me = await app.http('GET', '/api/auth/me', { token: res.body.token });
    expect(me.body.user).toMatchObject({ id: 's1', windowIds: ['w1'] });
  });

  it('refuses a wrong password or an unknown user with 401', async () => {
    expectError(await app.http('POST', '/api/auth/login', { body: { username: 'wangfang', password: 'wrong-one' } }), 401, 'UNAUTHORIZED');
    expectError(await app.http('POST', '/api/auth/login', { body: { username: 'nobody', password: 'secret123' } }), 401, 'UNAUTHORIZED');
  });

  it('ends a session on logout', async () => {
    const token = await app.login('zhangmin');
    expect((await app.http('POST', '/api/auth/logout', { token })).status).toBe(200);
    expectError(await app.http('GET', '/api/auth/me', { token }), 401, 'UNAUTHORIZED');
  });

  it('ends a session after 12 hours', async () => {
    const session = await buildTestApp();
    try {
      const token = await session.login('wangfang');
      session.clock.advanceMinutes(12 * 60 - 1);
      expect((await session.http('GET', '/api/auth/me', { token })).status).toBe(200);
      session.clock.advanceMinutes(2);
      expectError(await session.http('GET', '/api/auth/me', { token }), 401, 'UNAUTHORIZED');
    } finally {
      await session.close();
    }
  });

  it('accepts the session cookie instead of the header', async () => {
    const me = await app.http('GET', '/api/auth/me', { headers: { cookie: `hq_token=${staff.zhangmin}` } });
    expect(me.status).toBe(200);
    expect(me.body.user.id).toBe('s3');
  });
});

describe('no or bad credentials: 401', () => {
  it.each([
    ['GET', '/api/halls/main/services'],
    ['GET', '/api/halls/main/snapshot'],
    ['POST', '/api/tickets'],
    ['POST', '/api/windows/w1/open'],
    ['POST', '/api/windows/w1/call-next'],
    ['GET', '/api/auth/me'],
    ['GET', '/api/tickets/x'],
  ])('%s %s without a token', async (method, path) => {
    expectError(await app.http(method, path, path === '/api/tickets' ? { body: { serviceId: 'tax-reg' } } : {}), 401, 'UNAUTHORIZED');
  });

  it('refuses a made-up token', async () => {
    expectError(await app.http('GET', '/api/halls/main/snapshot', { token: 'not-a-real-token-at-all' }), 401, 'UNAUTHORIZED');
  });

  it('refuses an evaluation with no token of any kind', async () => {
    expectError(await app.http('POST', '/api/tickets/x/evaluation', { body: { level: 5 } }), 401, 'UNAUTHORIZED');
  });
});

describe('devices do only their job: 403', () => {
  it('a display may read the snapshot but may not issue', async () => {
    expect((await app.http('GET', '/api/halls/main/snapshot', { token: TOKENS.display })).status).toBe(200);
    expectError(await app.http('POST', '/api/tickets', { token: TOKENS.display, body: { serviceId: 'tax-reg' } }), 403, 'FORBIDDEN');
  });

  it('an evaluator may not issue', async () => {
    expectError(await app.http('POST', '/api/tickets', { token: TOKENS.evaluator, body: { serviceId: 'tax-reg' } }), 403, 'FORBIDDEN');
  });

  it.each(['open', 'call-next', 'recall', 'start', 'finish', 'skip', 'close'])('a kiosk may not %s a window', async (action) => {
    expectError(await app.http('POST', `/api/windows/w1/${action}`, { token: TOKENS.kiosk }), 403, 'FORBIDDEN');
  });

  it('a display may not call either', async () => {
    expectError(await app.http('POST', '/api/windows/w1/call-next', { token: TOKENS.display }), 403, 'FORBIDDEN');
  });

  it("a kiosk may not issue for another hall's service", async () => {
    expectError(await app.http('POST', '/api/tickets', { token: TOKENS.otherKiosk, body: { serviceId: 'tax-reg' } }), 403, 'FORBIDDEN');
  });

  it('a kiosk may not read another hall', async () => {
    expectError(await app.http('GET', '/api/halls/main/services', { token: TOKENS.otherKiosk }), 403, 'FORBIDDEN');
  });

  it('a device may not read a full ticket or restore one', async () => {
    const t = await issue(app, 'invoice');
    expectError(await app.http('GET', `/api/tickets/${t.id}`, { token: TOKENS.kiosk }), 403, 'FORBIDDEN');
    expectError(await app.http('POST', `/api/tickets/${t.id}/restore`, { token: TOKENS.kiosk }), 403, 'FORBIDDEN');
  });
});

describe('staff act only at their windows', () => {
  it.each(['open', 'call-next', 'finish', 'skip', 'recall', 'start', 'close'])('zhangmin (w3) may not %s w1', async (action) => {
    expectError(await app.http('POST', `/api/windows/w1/${action}`, { token: staff.zhangmin! }), 403, 'FORBIDDEN');
  });

  it("may not read another window's queue", async () => {
    expectError(await app.http('GET', '/api/windows/w1/queue', { token: staff.zhangmin! }), 403, 'FORBIDDEN');
  });

  it('may not read reports', async () => {
    expectError(
      await app.http('GET', '/api/reports/windows?hallId=main&from=2026-11-23T00:00:00Z&to=2026-11-24T00:00:00Z', { token: staff.zhangmin! }),
      403,
      'FORBIDDEN',
    );
  });

  it("may issue a ticket on a visitor's behalf, without the kiosk limit", async () => {
    const res = await app.http('POST', '/api/tickets', { token: staff.zhangmin!, body: { serviceId: 'invoice', priority: 'priority' } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ priority: 'priority', status: 'waiting' });
  });

  it("a B岗 substitute takes the A岗's window, and the calls are recorded against them", async () => {
    await issue(app, 'tax-reg');
    const opened = await act(app, staff.liqiang!, 'w1', 'open');
    expect(opened.window).toMatchObject({ status: 'open', staffId: 's2', staffName: '李强' });
    const called = await act(app, staff.liqiang!, 'w1', 'call-next');
    expect(called.ticket).toMatchObject({ windowId: 'w1', staffId: 's2' });
    await act(app, staff.liqiang!, 'w1', 'start');
    await act(app, staff.liqiang!, 'w1', 'finish');
    const stored = await app.http('GET', `/api/tickets/${called.ticket.id}`, { token: staff.wangfang! });
    expect(stored.body).toMatchObject({ status: 'done', staffId: 's2', windowId: 'w1' });
    // A returns and resumes duty: the window is hers again.
    expect((await act(app, staff.wangfang!, 'w1', 'open')).window).toMatchObject({ staffId: 's1', staffName: '王芳' });
    await act(app, staff.wangfang!, 'w1', 'close');
  });
});

describe('one person holds a window at a time', () => {
  it("the B岗 may not act on the A岗's ticket, nor take over in the middle of it; the takeover is audited; the displaced A岗 may no longer act", async () => {
    await issue(app, 'tax-reg');
    await issue(app, 'tax-reg');
    await act(app, staff.wangfang!, 'w1', 'open');
    const first = await act(app, staff.wangfang!, 'w1', 'call-next');
    for (const action of ['call-next', 'skip', 'recall', 'start', 'pause', 'close']) {
      const res = await app.http('POST', `/api/windows/w1/${action}`, { token: staff.liqiang!, ...(action === 'pause' ? { body: { reason: '午休' } } : {}) });
      expect(res.status, action).toBe(409);
      expect(res.body.error.code, action).toBe('WINDOW_HELD');
      expect(res.body.error.message).toContain('王芳');
    }
    expectError(await app.http('POST', '/api/windows/w1/transfer', { token: staff.liqiang!, body: { toServiceId: 'license' } }), 409, 'WINDOW_HELD');
    expectError(await app.http('POST', '/api/windows/w1/open', { token: staff.liqiang! }), 409, 'WINDOW_BUSY');
    expect((await app.http('GET', `/api/tickets/${first.ticket.id}`, { token: staff.wangfang! })).body).toMatchObject({ status: 'called', staffId: 's1' });

    await act(app, staff.wangfang!, 'w1', 'skip');
    expect((await act(app, staff.liqiang!, 'w1', 'open')).window).toMatchObject({ staffId: 's2' });
    const [takeover] = await auditOf(app, 'window-takeover');
    expect(takeover).toMatchObject({ actorId: 's2', entityId: 'w1', reason: '接替 王芳' });
    await act(app, staff.liqiang!, 'w1', 'call-next');
    expectError(await app.http('POST', '/api/windows/w1/start', { token: staff.wangfang! }), 409, 'WINDOW_HELD');
    expectError(await app.http('POST', '/api/windows/w1/open', { token: staff.wangfang! }), 409, 'WINDOW_BUSY');
    // a manager is not a holder: they may still act at any window of their hall
    expect((await act(app, staff.manager!, 'w1', 'start')).ticket).toMatchObject({ status: 'serving' });
  });
});

describe('managers', () => {
  it('act at any window of their hall', async () => {
    expect((await act(app, staff.manager!, 'w4', 'open')).window.status).toBe('open');
    await act(app, staff.manager!, 'w4', 'close');
  });

  it('of hall branch are refused on hall main', async () => {
    expectError(await app.http('POST', '/api/windows/w1/open', { token: staff.branchmanager! }), 403, 'FORBIDDEN');
    expectError(await app.http('GET', '/api/halls/main/snapshot', { token: staff.branchmanager! }), 403, 'FORBIDDEN');
    expectError(
      await app.http('GET', '/api/reports/windows?hallId=main&from=2026-11-23T00:00:00Z&to=2026-11-24T00:00:00Z', { token: staff.branchmanager! }),
      403,
      'FORBIDDEN',
    );
    expectError(await app.http('POST', '/api/tickets', { token: staff.branchmanager!, body: { serviceId: 'tax-reg' } }), 403, 'FORBIDDEN');
  });

  it('may call a named ticket out of order with a reason, and it is audited', async () => {
    const skipped = await issue(app, 'license');
    app.clock.advanceSeconds(1);
    const chosen = await issue(app, 'license');
    await act(app, staff.manager!, 'w4', 'open');
    const noReason = await app.http('POST', '/api/windows/w4/call-next', { token: staff.manager!, body: { ticketId: chosen.id } });
    expectError(noReason, 400, 'VALIDATION');
    const called = await act(app, staff.manager!, 'w4', 'call-next', { ticketId: chosen.id, reason: '孕妇，现场核实' });
    expect(called.ticket).toMatchObject({ id: chosen.id, status: 'called' });
    const audit = await auditOf(app, 'call-out-of-order', chosen.id);
    expect(audit.map((a) => ({ actorId: a.actorId, reason: a.reason }))).toEqual([{ actorId: 'm1', reason: '孕妇，现场核实' }]);
    await act(app, staff.manager!, 'w4', 'skip');
    expect((await act(app, staff.manager!, 'w4', 'call-next')).ticket.id).toBe(skipped.id);
    await act(app, staff.manager!, 'w4', 'skip');
    await act(app, staff.manager!, 'w4', 'close');
  });

  it('staff may not call out of order', async () => {
    const t = await issue(app, 'invoice');
    await act(app, staff.zhangmin!, 'w3', 'open');
    expectError(await app.http('POST', '/api/windows/w3/call-next', { token: staff.zhangmin!, body: { ticketId: t.id, reason: '熟人' } }), 403, 'FORBIDDEN');
    await act(app, staff.zhangmin!, 'w3', 'close');
  });

  it('an out-of-order call must name a ticket waiting for that window', async () => {
    const t = await issue(app, 'invoice');
    await act(app, staff.manager!, 'w4', 'open');
    expectError(
      await app.http('POST', '/api/windows/w4/call-next', { token: staff.manager!, body: { ticketId: t.id, reason: 'x' } }),
      409,
      'TICKET_NOT_QUEUED',
    );
    await act(app, staff.manager!, 'w4', 'close');
  });

  it('an admin may act in every hall', async () => {
    expect((await app.http('GET', '/api/halls/branch/snapshot', { token: staff.admin! })).status).toBe(200);
    expect((await app.http('GET', '/api/halls/main/snapshot', { token: staff.admin! })).status).toBe(200);
  });
});

describe('kiosk rate limit', () => {
  it('answers 429 RATE_LIMITED past ticketsPerKioskPerMinute, for that kiosk only, and lets it issue again a minute later', async () => {
    const limited = await buildTestApp({ config: { ...(await import('../../helpers/test-config.js')).testConfig(), limits: { ticketsPerKioskPerMinute: 3 } } });
    try {
      for (let i = 0; i < 3; i++) await issue(limited, 'invoice');
      const refused = await limited.http('POST', '/api/tickets', { token: TOKENS.kiosk, body: { serviceId: 'invoice' } });
      expect(expectError(refused, 429, 'RATE_LIMITED')).toContain('3');
      await issue(limited, 'invoice', { token: TOKENS.kiosk2 });
      limited.clock.advanceSeconds(61);
      expect((await issue(limited, 'invoice')).number).toBe('B005');
    } finally {
      await limited.close();
    }
  });
});
