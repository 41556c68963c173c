import { expect } from 'vitest';
import type { TestApp as AnyStoreApp } from '../../helpers/test-app.js';
import type { HallServer } from '../../../server/server.js';

/** the steps speak HTTP only: a server on either store */
type TestApp = Pick<AnyStoreApp<HallServer>, 'http'>;
import { TOKENS } from '../../helpers/test-config.js';

/** Steps the integration tests repeat: each asserts the HTTP status it expects. */

export async function issue(app: TestApp, serviceId: string, opts: { token?: string; priority?: 'normal' | 'priority' } = {}) {
  const res = await app.http('POST', '/api/tickets', {
    token: opts.token ?? TOKENS.kiosk,
    body: { serviceId, ...(opts.priority ? { priority: opts.priority } : {}) },
  });
  expect(res.status, res.text).toBe(201);
  return res.body as { id: string; number: string; statusToken: string; issuedAt: string; waitingAhead: number; estimatedWaitMinutes: number };
}

export async function act(app: TestApp, token: string, windowId: string, action: string, body?: unknown, status = 200) {
  const res = await app.http('POST', `/api/windows/${windowId}/${action}`, { token, ...(body !== undefined ? { body } : {}) });
  expect(res.status, `${action} at ${windowId}: ${res.text}`).toBe(status);
  return res.body;
}

/** Expects the contract's error body with this status and code. */
export function expectError(res: { status: number; body: any; text: string }, status: number, code: string): string {
  expect(res.status, res.text).toBe(status);
  expect(res.body).toEqual({ error: { code, message: expect.any(String) } });
  expect(res.body.error.message.length).toBeGreaterThan(0);
  return res.body.error.message as string;
}
