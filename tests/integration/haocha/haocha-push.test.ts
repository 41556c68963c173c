import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHaochaFeature } from '../../../server/haocha/feature.js';
import { createSupervisionFeature } from '../../../server/supervision/feature.js';
import { buildTestApp, type TestApp } from '../../helpers/test-app.js';
import { waitFor } from '../../helpers/wait-for.js';
import { at, scriptedDay } from '../reports/scripted-day.js';

/** the province's platform, here: answers 503 to the first `failFirst` requests, then 200 */
function receiver(failFirst: number) {
  const got: { key: string; body: any }[] = [];
  let requests = 0;
  const server: Server = createServer((req, res) => {
    let data = '';
    req.on('data', (c) => {
      data += c;
    });
    req.on('end', () => {
      requests++;
      if (requests <= failFirst) {
        res.writeHead(503).end();
        return;
      }
      got.push({ key: String(req.headers['idempotency-key']), body: JSON.parse(data) });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  return { got, server, requests: () => requests };
}

let app: TestApp;
let platform: ReturnType<typeof receiver>;
let url: string;
const features = () => [createSupervisionFeature({ checkIntervalMs: 3_600_000, debounceMs: 3_600_000 }), createHaochaFeature({ dispatchEveryMs: 100 })];

beforeEach(async () => {
  platform = receiver(1);
  await new Promise<void>((resolve) => platform.server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(platform.server.address() as AddressInfo).port}/haocha`;
  app = await buildTestApp({ features: features() });
});
afterEach(async () => {
  await app.close();
  await new Promise((resolve) => platform.server.close(resolve));
});

describe("好差评 push to the province's platform", () => {
  it("every rating and each 差评 step reaches the endpoint once, with the hall's codes, retried after a refusal", async () => {
    const admin = await app.login('admin');
    const put = await app.http('PUT', '/api/haocha/settings', {
      token: admin,
      body: { url, halls: { main: { hallCode: '330100-ZWFW', services: { 'tax-reg': 'SX-TAX-001' }, windows: { w1: 'CK-01' } } } },
    });
    expect(put.status).toBe(200);
    expect((await app.http('PUT', '/api/haocha/settings', { token: admin, body: { url: 'ftp://x', halls: {} } })).status).toBe(400);

    const ids = await scriptedDay(app);
    const manager = ids.managerToken!;
    await app.http('POST', `/api/supervision/followups/${ids.A002}/callback`, { token: manager, body: { note: '已电话致歉' } });
    await app.http('POST', `/api/supervision/followups/${ids.A002}/rectify`, { token: manager, body: { note: '增开窗口' } });

    // the first POST was refused (503): it waits its back-off (30 s on the hall clock) and goes again
    await waitFor(() => platform.requests() >= 5, 'the refused push and the others');
    app.clock.set(at('12:00'));
    await waitFor(() => platform.got.length === 5, 'all five accepted');
    const kinds = platform.got.map((g) => `${g.body.kind}:${g.body.ticket.number}`).sort();
    expect(kinds).toEqual(['callback:A002', 'rating:A001', 'rating:A002', 'rating:C001', 'rectified:A002']);
    expect(new Set(platform.got.map((g) => g.key)).size).toBe(5);
    for (const g of platform.got) expect(g.key).toBe(g.body.id);

    const a001 = platform.got.find((g) => g.body.kind === 'rating' && g.body.ticket.number === 'A001')!.body;
    expect(a001).toMatchObject({
      hall: { id: 'main', code: '330100-ZWFW' },
      service: { id: 'tax-reg', code: 'SX-TAX-001', name: '税务登记' },
      window: { id: 'w1', code: 'CK-01', name: '1号窗口' },
      staff: { employeeNo: '0101', name: '王芳' },
      rating: { level: 5, label: '非常满意' },
    });
    const callback = platform.got.find((g) => g.body.kind === 'callback')!.body;
    expect(callback).toMatchObject({ window: { id: 'w3', code: 'w3' }, callback: { note: '已电话致歉' } }); // w3 has no code: our id

    const status = await app.http('GET', '/api/haocha/halls/main/outbox', { token: manager });
    expect(status.body.counts).toEqual({ pending: 0, sent: 5, failed: 0 });
    expect(status.body.recent.find((m: any) => m.payload.ticket.number === 'A001' && m.kind === 'rating').attempts).toBeGreaterThanOrEqual(1);
  });

  it('queued pushes survive a restart, and are sent once the endpoint is set', async () => {
    const ids = await scriptedDay(app);
    const manager = ids.managerToken!;
    await waitFor(async () => (await app.http('GET', '/api/haocha/halls/main/outbox', { token: manager })).body.counts.pending === 3, 'three ratings queued');
    await app.restart();
    const admin = await app.login('admin');
    await app.http('PUT', '/api/haocha/settings', { token: admin, body: { url, halls: {} } });
    // the refusal's back-off counts from the hall clock its dispatch read: move the clock past it only then
    await waitFor(() => platform.requests() >= 1, 'the refused push');
    app.clock.set(at('12:00'));
    await waitFor(() => platform.got.length === 3, 'three accepted after the restart');
    const again = await app.login('manager');
    expect((await app.http('GET', '/api/haocha/halls/main/outbox', { token: again })).body.counts).toEqual({ pending: 0, sent: 3, failed: 0 });
  });
});
