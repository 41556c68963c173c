import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../helpers/test-app.js';
import { PASSWORD } from '../../helpers/test-config.js';
import { listen, type HallSocket } from '../realtime/realtime-steps.js';

let app: TestApp;
beforeEach(async () => {
  app = await buildTestApp();
});
afterEach(async () => {
  await app.close();
});

const disconnected = (socket: HallSocket) =>
  new Promise<string>((resolve) => {
    if (!socket.connected) resolve('already');
    socket.once('disconnect', (reason) => resolve(reason));
  });

async function subscribedConsole(token: string) {
  const console = await listen(app.socket(token));
  expect(await console.subscribe({ hallId: 'main' })).toMatchObject({ ok: true });
  return console;
}

describe('sessions end their sockets', () => {
  it('logout disconnects the sockets opened with that session, not another session of the same person', async () => {
    const first = await app.login('wangfang');
    const second = await app.login('wangfang');
    const a = await subscribedConsole(first);
    const b = await subscribedConsole(second);
    const gone = disconnected(a.socket);
    expect((await app.http('POST', '/api/auth/logout', { token: first })).status).toBe(200);
    expect(await gone).toBe('io server disconnect');
    expect(b.socket.connected).toBe(true);
    expect((await app.http('GET', '/api/auth/me', { token: first })).status).toBe(401);
  });

  it('an expired session is deleted by the sweep and its socket dropped', async () => {
    const token = await app.login('wangfang');
    const console = await subscribedConsole(token);
    const issued = app.clock.now().toISOString();
    app.clock.advanceMinutes(12 * 60 + 1);
    const gone = disconnected(console.socket);
    expect(await app.server.sessions.sweepExpired()).toBe(1);
    expect(await gone).toBe('io server disconnect');
    // deleted, not only past its time: with the hall clock set back, the token still opens nothing
    app.clock.set(issued);
    expect((await app.http('GET', '/api/auth/me', { token })).status).toBe(401);
  });
});

describe("changing one's own password", () => {
  it('needs the current password, then the new one logs in and the old one does not; other sessions end', async () => {
    const here = await app.login('wangfang');
    const elsewhere = await app.login('wangfang');
    const other = await subscribedConsole(elsewhere);
    const wrong = await app.http('POST', '/api/auth/password', { token: here, body: { currentPassword: 'nope', newPassword: 'a-new-pass-1' } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.message).toContain('currentPassword');
    expect(wrong.body.error.message).toContain('当前密码不正确');
    for (const weak of ['short1', '12345678', 'wangfang-2024', 'abcd1234', PASSWORD]) {
      const refused = await app.http('POST', '/api/auth/password', { token: here, body: { currentPassword: PASSWORD, newPassword: weak } });
      expect(refused.status, weak).toBe(400);
      expect(refused.body.error.message, weak).toMatch(/^newPassword: 新密码/);
    }
    expect(other.socket.connected).toBe(true); // a refused change ends nothing
    expect(await app.login('wangfang')).toBeTruthy(); // and changes nothing

    const gone = disconnected(other.socket);
    expect((await app.http('POST', '/api/auth/password', { token: here, body: { currentPassword: PASSWORD, newPassword: 'a-new-pass-1' } })).status).toBe(200);
    await gone;
    expect((await app.http('GET', '/api/auth/me', { token: here })).status).toBe(200);
    expect((await app.http('GET', '/api/auth/me', { token: elsewhere })).status).toBe(401);
    expect((await app.http('POST', '/api/auth/login', { body: { username: 'wangfang', password: PASSWORD } })).status).toBe(401);
    expect(await app.login('wangfang', 'a-new-pass-1')).toBeTruthy();
  });

  it('lets a manager or admin change their own password the same way', async () => {
    const admin = await app.login('admin');
    const res = await app.http('POST', '/api/auth/password', { token: admin, body: { currentPassword: PASSWORD, newPassword: '系统管理2026' } });
    expect(res.status).toBe(200);
    expect(await app.login('admin', '系统管理2026')).toBeTruthy();
  });

  it('is refused to a device token', async () => {
    const res = await app.http('POST', '/api/auth/password', {
      token: 'kiosk-token-0123456789abcdef',
      body: { currentPassword: 'x', newPassword: 'whatever-long' },
    });
    expect(res.status).toBe(403);
  });
});
