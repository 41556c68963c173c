import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../helpers/test-app.js';
import { TOKENS } from '../../helpers/test-config.js';
import { expectError } from './hall-steps.js';

let app: TestApp;
let manager: string;

beforeAll(async () => {
  app = await buildTestApp();
  manager = await app.login('manager');
});
afterAll(async () => {
  await app.close();
});

describe('bad input: 400 VALIDATION naming the field, nothing changed', () => {
  it.each<[string, string, unknown, RegExp]>([
    ['POST', '/api/tickets', {}, /serviceId/],
    ['POST', '/api/tickets', { serviceId: 42 }, /serviceId/],
    ['POST', '/api/tickets', { serviceId: '' }, /serviceId/],
    ['POST', '/api/tickets', { serviceId: 'tax-reg', priority: 'vip' }, /priority/],
    ['POST', '/api/tickets', { serviceId: 'tax-reg', extra: 1 }, /additional/],
    ['POST', '/api/windows/w1/pause', {}, /reason/],
    ['POST', '/api/windows/w1/pause', { reason: '' }, /reason/],
    ['POST', '/api/windows/w1/transfer', {}, /toServiceId/],
    ['POST', '/api/windows/w1/call-next', { ticketId: 5 }, /ticketId/],
    ['POST', '/api/tickets/x/evaluation', { level: 6 }, /level/],
    ['POST', '/api/tickets/x/evaluation', { level: 3.5 }, /level/],
    ['POST', '/api/tickets/x/evaluation', { level: 4, tags: 'nice' }, /tags/],
    ['POST', '/api/auth/login', { username: 'wangfang' }, /password/],
  ])('%s %s %j', async (method, path, body, field) => {
    const before = await app.http('GET', '/api/halls/main/snapshot', { token: manager });
    const res = await app.http(method, path, {
      token: path.startsWith('/api/tickets') && method === 'POST' && !path.includes('evaluation') ? TOKENS.kiosk : manager,
      body,
    });
    expect(expectError(res, 400, 'VALIDATION')).toMatch(field);
    const after = await app.http('GET', '/api/halls/main/snapshot', { token: manager });
    expect(after.body.seq).toBe(before.body.seq);
  });

  it('names the query field of a report', async () => {
    const res = await app.http('GET', '/api/reports/windows?hallId=main&from=yesterday&to=2026-11-24T00:00:00Z', { token: manager });
    expect(expectError(res, 400, 'VALIDATION')).toMatch(/from/);
  });

  it('refuses malformed JSON with the contract body', async () => {
    const res = await app.http('POST', '/api/tickets', { token: TOKENS.kiosk, raw: '{"serviceId": "tax-reg",' });
    expect(expectError(res, 400, 'VALIDATION')).toMatch(/JSON/);
  });

  it('refuses a body that is not JSON', async () => {
    const res = await app.http('POST', '/api/tickets', { token: TOKENS.kiosk, raw: 'serviceId=tax-reg', headers: { 'content-type': 'text/plain' } });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.body).toEqual({ error: { code: expect.stringMatching(/^[A-Z_]+$/), message: expect.any(String) } });
  });

  it('answers unknown ids with 404 NOT_FOUND', async () => {
    expectError(await app.http('POST', '/api/tickets', { token: TOKENS.kiosk, body: { serviceId: 'ghost' } }), 404, 'NOT_FOUND');
    expectError(await app.http('POST', '/api/windows/w99/open', { token: manager }), 404, 'NOT_FOUND');
    expectError(await app.http('GET', '/api/halls/nowhere/snapshot', { token: manager }), 404, 'NOT_FOUND');
    expectError(await app.http('GET', '/api/tickets/ghost', { token: manager }), 404, 'NOT_FOUND');
    expectError(await app.http('POST', '/api/tickets/ghost/evaluation', { token: TOKENS.evaluator, body: { level: 5 } }), 404, 'NOT_FOUND');
  });

  it('answers unknown routes with 404 and the contract body', async () => {
    expect(expectError(await app.http('GET', '/api/nothing-here'), 404, 'NOT_FOUND')).toContain('/api/nothing-here');
    expectError(await app.http('DELETE', '/api/tickets'), 404, 'NOT_FOUND');
  });
});

describe('OpenAPI', () => {
  it('serves the document at /docs/json with every route of the contract', async () => {
    const res = await app.http('GET', '/docs/json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    const paths = Object.keys(res.body.paths);
    for (const p of [
      '/api/health',
      '/api/auth/login',
      '/api/halls/{hallId}/services',
      '/api/halls/{hallId}/snapshot',
      '/api/tickets',
      '/api/tickets/{id}/status',
      '/api/tickets/{id}/evaluation',
      '/api/windows/{windowId}/open',
      '/api/windows/{windowId}/pause',
      '/api/windows/{windowId}/resume',
      '/api/windows/{windowId}/close',
      '/api/windows/{windowId}/call-next',
      '/api/windows/{windowId}/recall',
      '/api/windows/{windowId}/start',
      '/api/windows/{windowId}/finish',
      '/api/windows/{windowId}/skip',
      '/api/windows/{windowId}/transfer',
      '/api/reports/windows',
    ])
      expect(paths, p).toContain(p);
    expect(res.body.paths['/api/tickets'].post.requestBody).toBeDefined();
  });

  it('serves the UI at /docs', async () => {
    const res = await fetch(`${app.url}/docs`, { redirect: 'follow' });
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/swagger/i);
  });
});
