import iconv from 'iconv-lite';
import { SerialPort } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import { adminFeature } from '../../server/admin/admin-feature.js';
import { printingFeature } from '../../server/printing/printing-feature.js';
import { openPtyPair, type PtyPair } from '../helpers/pty-pair.js';
import { waitFor } from '../helpers/wait-for.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';
import { testConfig, TOKENS } from '../helpers/test-config.js';
import { RecordingPrinterServer } from './printer-recorder.js';

const gbk = (s: string) => iconv.encode(s, 'gbk');
const CUT = Buffer.from([0x1d, 0x56]);

let app: TestApp | undefined;
const closing: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  await app?.close();
  app = undefined;
  for (const close of closing.splice(0).reverse()) await close();
});

async function printerServer(): Promise<RecordingPrinterServer> {
  const server = new RecordingPrinterServer();
  await server.listen();
  closing.push(() => server.close());
  return server;
}

/** The printer's end of a socat pty pair: every byte the server wrote to the other end. */
async function serialPrinterEnd(): Promise<{ path: string; received(): Buffer }> {
  const pty: PtyPair = await openPtyPair();
  closing.push(() => pty.close());
  const port = new SerialPort({ path: pty.b, baudRate: 9600, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
  closing.push(() => new Promise<void>((resolve) => (port.isOpen ? port.close(() => resolve()) : resolve())));
  let bytes = Buffer.alloc(0);
  port.on('data', (chunk: Buffer) => {
    bytes = Buffer.concat([bytes, chunk]);
  });
  return { path: pty.a, received: () => bytes };
}

async function hallWithPrinter(printerInterface: string): Promise<TestApp> {
  const config = testConfig();
  config.hardware = [{ id: 'prn-1', kind: 'printer', interface: printerInterface, kioskId: 'kiosk-1' }];
  app = await buildTestApp({ config, features: [adminFeature, printingFeature({ publicUrl: 'https://hall.example', retryMs: 60_000 })] });
  return app;
}

const issueAt = (a: TestApp, token: string = TOKENS.kiosk) => a.http('POST', '/api/tickets', { token, body: { serviceId: 'tax-reg' } });

async function putPrinters(a: TestApp, printers: object[]): Promise<void> {
  const admin = await a.login('admin');
  const current = (await a.http('GET', '/api/admin/hardware', { token: admin })).body;
  const others = current.hardware.filter((h: { kind: string }) => h.kind !== 'printer');
  const res = await a.http('PUT', '/api/admin/hardware', { token: admin, body: { buses: current.buses, hardware: [...others, ...printers] } });
  expect(res.status, res.text).toBe(200);
}

describe("the console's printer 测试", () => {
  it("prints a test page on a network printer: Chinese text, the printer's id, a 4× sample number, the public address in a QR, and a cut", async () => {
    const printer = await printerServer();
    const a = await hallWithPrinter(printer.url);
    const res = await a.http('POST', '/api/admin/hardware/prn-1/test', { token: await a.login('manager') });
    expect(res.status).toBe(200);
    const page = await printer.nextJob(1);
    expect(page.includes(gbk('打印机测试页'))).toBe(true);
    expect(page.includes(gbk('市政务服务中心'))).toBe(true);
    expect(page.includes(Buffer.from('prn-1'))).toBe(true);
    expect(page.indexOf(Buffer.from('A001'))).toBeGreaterThan(page.indexOf(Buffer.from([0x1d, 0x21, 0x33])));
    expect(page.includes(Buffer.from('https://hall.example'))).toBe(true);
    expect(page.includes(CUT)).toBe(true);
  });

  it('prints a test page on a serial printer: the bytes reach the other end of a pty', async () => {
    const end = await serialPrinterEnd();
    const a = await hallWithPrinter(`serial:${end.path}`);
    expect((await a.http('POST', '/api/admin/hardware/prn-1/test', { token: await a.login('admin') })).status).toBe(200);
    await waitFor(() => end.received().includes(CUT), "the test page's cut at the printer");
    expect(end.received().includes(gbk('打印机测试页'))).toBe(true);
    expect(end.received().includes(Buffer.from('prn-1'))).toBe(true);
  });
});

describe('a printer changed in the console', () => {
  it('prints the next ticket on the new address without a restart, and nothing more on the old one', async () => {
    const before = await printerServer();
    const after = await printerServer();
    const a = await hallWithPrinter(before.url);
    await issueAt(a);
    await before.nextJob(1);

    await putPrinters(a, [{ id: 'prn-1', kind: 'printer', interface: after.url, kioskId: 'kiosk-1' }]);
    const ticket = (await issueAt(a)).body;
    const job = await after.nextJob(1);
    expect(job.includes(Buffer.from(ticket.number))).toBe(true);
    expect((await a.http('POST', '/api/admin/hardware/prn-1/test', { token: await a.login('admin') })).status).toBe(200);
    expect((await after.nextJob(2)).includes(gbk('打印机测试页'))).toBe(true);
    expect(before.jobs).toHaveLength(1);
  });

  it('moves a printer to a serial port, adds one for a kiosk that had none, and stops printing for a removed one', async () => {
    const network = await printerServer();
    const end = await serialPrinterEnd();
    const a = await hallWithPrinter(network.url);

    await putPrinters(a, [{ id: 'prn-2', kind: 'printer', interface: `serial:${end.path}`, kioskId: 'kiosk-2' }]);
    const viaKiosk2 = (await issueAt(a, TOKENS.kiosk2)).body;
    await waitFor(() => end.received().includes(Buffer.from(viaKiosk2.number)), `${viaKiosk2.number} on the serial printer`);
    expect((await a.http('GET', '/api/kiosks/kiosk-2/printer', { token: TOKENS.kiosk2 })).body).toMatchObject({ printerId: 'prn-2', state: 'online' });
    expect((await a.http('GET', '/api/kiosks/kiosk-1/printer', { token: TOKENS.kiosk })).body).toMatchObject({ printerId: null, state: 'none' });

    // kiosk-1 has no printer now: its ticket is issued and printed nowhere, the next one on kiosk-2 still is
    expect((await issueAt(a)).status).toBe(201);
    const next = (await issueAt(a, TOKENS.kiosk2)).body;
    await waitFor(() => end.received().includes(Buffer.from(next.number)), `${next.number} on the serial printer`);
    expect(network.jobs).toHaveLength(0);
  });
});
