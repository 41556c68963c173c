import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../server/logger.js';
import { buildTestApp, type TestApp } from '../../helpers/test-app.js';
import { TOKENS } from '../../helpers/test-config.js';

let app: TestApp;
afterEach(async () => {
  await app.close();
});

async function appLogging(level: string): Promise<{ lines: () => Record<string, unknown>[] }> {
  const written: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      written.push(String(chunk));
      done();
    },
  });
  app = await buildTestApp({ log: createLogger(level, sink) });
  return {
    lines: () =>
      written
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

describe("each request's log lines", () => {
  it('carry the request id, one per request, at the default level', async () => {
    const log = await appLogging('info');
    await app.http('POST', '/api/tickets', { token: TOKENS.kiosk, body: { serviceId: 'no-such-service' } });
    await app.http('GET', '/api/halls/main/snapshot', { token: TOKENS.display });
    await app.server.ctx.log.flush?.();

    const requestLines = log.lines().filter((l) => l.reqId !== undefined);
    const refused = requestLines.find((l) => l.msg === 'request refused');
    expect(refused).toMatchObject({ status: 404, url: '/api/tickets' });
    const ofRefused = requestLines.filter((l) => l.reqId === refused!.reqId).map((l) => l.msg);
    expect(ofRefused).toEqual(['incoming request', 'request refused', 'request completed']);
    expect(new Set(requestLines.map((l) => l.reqId)).size).toBe(2);
  });

  it('are not written below their level, nor anything else of a request', async () => {
    const log = await appLogging('warn');
    expect((await app.http('POST', '/api/tickets', { token: TOKENS.kiosk, body: { serviceId: 'no-such-service' } })).status).toBe(404);
    expect((await app.http('POST', '/api/tickets', { token: TOKENS.kiosk, body: { serviceId: 'tax-reg' } })).status).toBe(201);
    await app.server.ctx.log.flush?.();
    expect(log.lines().filter((l) => l.reqId !== undefined)).toEqual([]);
  });
});
