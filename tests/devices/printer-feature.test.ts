import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import type { HallEvent } from '../../server/contract/events.js';
import type { KioskPrinters } from '../../server/printing/kiosk-printers.js';
import { printingFeature } from '../../server/printing/printing-feature.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';
import { testConfig, TOKENS } from '../helpers/test-config.js';
import { eventually, waitFor } from '../helpers/wait-for.js';
import { RecordingPrinterServer, refusedPort } from './printer-recorder.js';

let app: TestApp | undefined;
let printerServer: RecordingPrinterServer | undefined;
afterEach(async () => {
  await app?.close();
  await printerServer?.close();
  app = undefined;
  printerServer = undefined;
});

async function hallWithPrinter(printerInterface: string, extra: { retryMs?: number } = {}) {
  const config = testConfig();
  config.hardware = [{ id: 'prn-1', kind: 'printer', interface: printerInterface, kioskId: 'kiosk-1' }];
  let printers: KioskPrinters | undefined;
  app = await buildTestApp({
    config,
    features: [
      printingFeature({
        publicUrl: 'http://hall.example',
        retryMs: extra.retryMs ?? 60_000,
        onReady: (p) => {
          printers = p;
        },
      }),
    ],
  });
  return { app, printers: printers! };
}

function deviceHealth(app: TestApp): { events: HallEvent[]; next(status: string): Promise<HallEvent> } {
  const events: HallEvent[] = [];
  const socket = app.socket(TOKENS.display);
  socket.on('connect', () => socket.emit('subscribe', { hallId: 'main', sinceSeq: 0 }, () => {}));
  socket.on('event', (e) => events.push(e));
  return {
    events,
    async next(status) {
      const found = () => events.find((e) => e.type === 'device.health' && e.data.id === 'prn-1' && e.data.status === status);
      return (await eventually(`device.health ${status} for prn-1`, found, (e) => e !== undefined))!;
    },
  };
}

const issue = (a: TestApp, body: object = { serviceId: 'tax-reg' }, token: string = TOKENS.kiosk) => a.http('POST', '/api/tickets', { token, body });

describe("printing a kiosk ticket on the kiosk's network printer", () => {
  it('prints each ticket issued at the kiosk, with its number, hall and service in GBK and the phone page in the QR', async () => {
    printerServer = new RecordingPrinterServer();
    await printerServer.listen();
    const { app } = await hallWithPrinter(printerServer.url);
    await issue(app);
    const res = await issue(app, { serviceId: 'tax-reg', priority: 'priority' });
    expect(res.status).toBe(201);
    const job = await printerServer.nextJob(2);
    expect(job.includes(Buffer.from(res.body.number))).toBe(true);
    expect(job.includes(iconv.encode('市政务服务中心', 'gbk'))).toBe(true);
    expect(job.includes(iconv.encode('税务登记', 'gbk'))).toBe(true);
    expect(job.includes(iconv.encode('绿色通道', 'gbk'))).toBe(true);
    expect(job.includes(Buffer.from(`http://hall.example/t/${res.body.id}?token=${res.body.statusToken}`))).toBe(true);
    expect((await app.http('GET', '/api/kiosks/kiosk-1/printer', { token: TOKENS.kiosk })).body).toMatchObject({
      printerId: 'prn-1',
      state: 'online',
      publicUrl: 'http://hall.example',
    });
  });

  it('does not print tickets taken by staff or at another kiosk', async () => {
    printerServer = new RecordingPrinterServer();
    await printerServer.listen();
    const { app } = await hallWithPrinter(printerServer.url);
    await issue(app, { serviceId: 'invoice' }, TOKENS.kiosk2);
    await issue(app, { serviceId: 'invoice' }, await app.login('wangfang'));
    await issue(app);
    const job = await printerServer.nextJob(1);
    expect(job.includes(Buffer.from('A001'))).toBe(true);
    // jobs go out in the order tickets were issued: once a later kiosk ticket is printed, a wrongly printed B001 or B002 would have been too
    await issue(app);
    await printerServer.nextJob(2);
    const numbers = printerServer.jobs.map((j) => ['A001', 'A002', 'B001', 'B002'].filter((n) => j.includes(Buffer.from(n))));
    expect(numbers).toEqual([['A001'], ['A002']]);
  });
});

describe('a printer that refuses the connection', () => {
  it('never blocks issuing, reports device.health offline, tells the kiosk, and comes back online by itself', async () => {
    const port = await refusedPort();
    const { app } = await hallWithPrinter(`tcp://127.0.0.1:${port}`, { retryMs: 100 });
    const health = deviceHealth(app);
    const offline = await health.next('offline');
    expect(offline.data).toMatchObject({ id: 'prn-1', kind: 'printer', status: 'offline' });

    const res = await issue(app);
    expect(res.status).toBe(201);
    expect(res.body.number).toBe('A001');
    const kioskView = await app.http('GET', '/api/kiosks/kiosk-1/printer', { token: TOKENS.kiosk });
    expect(kioskView.body).toMatchObject({ printerId: 'prn-1', state: 'offline' });
    const snapshot = await app.http('GET', '/api/halls/main/snapshot', { token: TOKENS.display });
    expect(snapshot.body.devices).toContainEqual(expect.objectContaining({ id: 'prn-1', status: 'offline' }));

    printerServer = new RecordingPrinterServer();
    await printerServer.listen(port);
    await health.next('online');
    expect((await app.http('GET', '/api/kiosks/kiosk-1/printer', { token: TOKENS.kiosk })).body.state).toBe('online');
  });

  it("learns from a network printer's paper sensor, right after a ticket, that it is out of paper", async () => {
    printerServer = new RecordingPrinterServer();
    await printerServer.listen();
    const { app } = await hallWithPrinter(printerServer.url);
    const health = deviceHealth(app);
    printerServer.paperStatus = 0x72;
    expect((await issue(app)).status).toBe(201);
    await printerServer.nextJob(1);
    const event = await health.next('offline');
    expect(event.data).toMatchObject({ lastError: expect.stringContaining('PAPER_OUT') });
    expect((await app.http('GET', '/api/kiosks/kiosk-1/printer', { token: TOKENS.kiosk })).body.state).toBe('paper_out');
  });

  it('reports paper out from a simulated printer, and the kiosk learns it', async () => {
    const { app, printers } = await hallWithPrinter('simulated');
    printers.simulator('prn-1')!.setState('paper_out');
    const health = deviceHealth(app);
    expect((await issue(app)).status).toBe(201);
    const event = await health.next('offline');
    expect(event.data).toMatchObject({ lastError: expect.stringContaining('PAPER_OUT') });
    expect((await app.http('GET', '/api/kiosks/kiosk-1/printer', { token: TOKENS.kiosk })).body.state).toBe('paper_out');
  });
});

describe('POST /api/tickets/:id/reprint', () => {
  it("prints the ticket again on its kiosk's printer for staff, marked as a reprint, and emits ticket.reprinted", async () => {
    const { app, printers } = await hallWithPrinter('simulated');
    const health = deviceHealth(app);
    const ticket = (await issue(app)).body;
    const sim = printers.simulator('prn-1')!;
    const res = await app.http('POST', `/api/tickets/${ticket.id}/reprint`, { token: await app.login('wangfang') });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ticketId: ticket.id, printerId: 'prn-1', printed: true });
    expect(sim.jobs).toHaveLength(2);
    expect(sim.lastJob!.includes(iconv.encode('补打', 'gbk'))).toBe(true);
    await waitFor(() => health.events.some((e) => e.type === 'ticket.reprinted'), 'ticket.reprinted');
    expect(health.events.find((e) => e.type === 'ticket.reprinted')?.data).toMatchObject({ ticketId: ticket.id, kioskId: 'kiosk-1' });
  });

  it('answers 409 PRINTER_PAPER_OUT when the printer cannot print, 400 for an unknown printer, 403 for a kiosk, 404 for no ticket', async () => {
    const { app, printers } = await hallWithPrinter('simulated');
    const ticket = (await issue(app)).body;
    const staff = await app.login('wangfang');
    printers.simulator('prn-1')!.setState('paper_out');
    const refused = await app.http('POST', `/api/tickets/${ticket.id}/reprint`, { token: staff });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('PRINTER_PAPER_OUT');
    const unknown = await app.http('POST', `/api/tickets/${ticket.id}/reprint`, { token: staff, body: { printerId: 'nope' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain('printerId');
    expect((await app.http('POST', `/api/tickets/${ticket.id}/reprint`, { token: TOKENS.kiosk })).status).toBe(403);
    expect((await app.http('POST', '/api/tickets/nope/reprint', { token: staff })).status).toBe(404);
    expect((await app.http('POST', `/api/tickets/${ticket.id}/reprint`, { token: await app.login('zhouhui') })).status).toBe(403);
  });

  it('lets a kiosk ask only about its own printer', async () => {
    const { app } = await hallWithPrinter('simulated');
    expect((await app.http('GET', '/api/kiosks/kiosk-1/printer', { token: TOKENS.kiosk2 })).status).toBe(403);
    expect((await app.http('GET', '/api/kiosks/kiosk-2/printer', { token: TOKENS.kiosk2 })).body).toMatchObject({ printerId: null, state: 'none' });
  });
});
