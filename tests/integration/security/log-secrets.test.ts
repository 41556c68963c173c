import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../server/logger.js';
import { visitorFeature } from '../../../server/visitor/visitor-feature.js';
import { createAppointmentsFeature } from '../../../server/appointments/feature.js';
import { buildTestApp, type TestApp } from '../../helpers/test-app.js';
import { TOKENS } from '../../helpers/test-config.js';
import { act, issue } from '../http/hall-steps.js';
import { bj, bookOnline, phoneInbox } from '../appointments/steps.js';

let app: TestApp;
afterEach(async () => {
  await app.close();
});

describe('the log keeps no secrets', () => {
  it('a run at the default level logs no device token, ticket status token, appointment code, SMS code or password', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    app = await buildTestApp({
      log: createLogger('info', sink),
      features: [visitorFeature, createAppointmentsFeature({ jobIntervalMs: 3_600_000, phoneCodeNotifier: phoneInbox })],
    });
    // every kind of request that carries a secret, including refused ones (which are logged)
    const ticket = await issue(app, 'tax-reg');
    await app.http('GET', `/api/tickets/${ticket.id}/status?token=${ticket.statusToken}`);
    await app.http('GET', `/api/tickets/${ticket.id}/status?token=wrong-${ticket.statusToken}`);
    const stream = await fetch(`${app.url}/api/tickets/${ticket.id}/events?token=${ticket.statusToken}`);
    const reader = stream.body!.getReader();
    await reader.read();
    await reader.cancel();
    await app.http('GET', '/api/halls/main/snapshot', { token: TOKENS.display });
    await app.http('GET', '/api/halls/branch/snapshot', { token: TOKENS.display });
    const staff = await app.login('wangfang');
    await app.http('POST', '/api/auth/login', { body: { username: 'wangfang', password: 'not-the-password' } });
    await act(app, staff, 'w1', 'open');
    const booked = await bookOnline(app, {
      serviceId: 'tax-reg',
      start: bj('2026-11-23', '14:00'),
      name: '张三',
      phone: '13812345678',
      idNumber: '11010519491231002X',
    });
    const code = booked.body.code as string;
    const smsCode = phoneInbox.lastCode('13812345678');
    await app.http('GET', `/api/appointments/${code}`);
    await app.http('GET', `/api/appointments/${code}?phoneLast4=5678`);
    await app.http('POST', `/api/appointments/${code}/check-in`, { token: TOKENS.kiosk });
    await app.http('GET', `/book/${code}`);
    await app.server.ctx.log.flush?.();

    const log = lines.join('');
    expect(log).toContain('/api/tickets/'); // the log did record the requests, tokens and all stripped
    expect(log).toContain('/api/appointments/…');
    for (const secret of [...Object.values(TOKENS), ticket.statusToken, staff, code, smsCode, 'not-the-password', 'secret123']) {
      // a code of digits alone: a 6-digit SMS code also turns up, by chance, among a response time's 15 digits
      const alone = /^\d+$/.test(secret) ? new RegExp(`(?<!\\d)${secret}(?!\\d)`) : secret;
      expect(log, `the log holds ${secret}`).not.toMatch(alone);
    }
  });
});
