import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { visitorFeature } from '../../../server/visitor/visitor-feature.js';
import { buildTestApp, type TestApp } from '../../helpers/test-app.js';
import { eventually } from '../../helpers/wait-for.js';
import { issue } from '../http/hall-steps.js';

let app: TestApp;
const aborts: AbortController[] = [];
beforeEach(async () => {
  app = await buildTestApp({ features: [visitorFeature], limits: { streamsPerTicket: 3, streamsTotal: 5 } });
});
afterEach(async () => {
  for (const a of aborts) a.abort();
  await app.close();
});

/** opens a live stream; resolves with its status once the server answered */
async function openStream(ticket: { id: string; statusToken: string }): Promise<{ status: number; close(): void }> {
  const abort = new AbortController();
  aborts.push(abort);
  const res = await fetch(`${app.url}/api/tickets/${ticket.id}/events?token=${ticket.statusToken}`, { signal: abort.signal });
  if (res.status === 200) await res.body!.getReader().read(); // the first status is there: the stream is open
  return { status: res.status, close: () => abort.abort() };
}

// a closed stream is freed when the server sees the socket close
const openWhenFree = (ticket: { id: string; statusToken: string }) =>
  eventually(
    'a stream place to come free',
    () => openStream(ticket),
    (s) => s.status === 200,
  );

describe('visitor live streams are capped', () => {
  it('per ticket, and in all; a closed stream frees its place', async () => {
    const a = await issue(app, 'tax-reg');
    const b = await issue(app, 'tax-reg');
    const c = await issue(app, 'invoice');
    const onA = [await openStream(a), await openStream(a), await openStream(a)];
    expect(onA.map((s) => s.status)).toEqual([200, 200, 200]);
    const fourth = await fetch(`${app.url}/api/tickets/${a.id}/events?token=${a.statusToken}`);
    expect(fourth.status).toBe(429);
    expect((await fourth.json()).error.code).toBe('RATE_LIMITED');

    expect((await openStream(b)).status).toBe(200);
    expect((await openStream(b)).status).toBe(200);
    expect((await openStream(c)).status).toBe(429); // 5 open in all

    onA[0]!.close();
    expect((await openWhenFree(c)).status).toBe(200);
  });
});
