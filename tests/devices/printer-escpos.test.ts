import iconv from 'iconv-lite';
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { EscposTicketPrinter } from '../../drivers/printer/escpos-printer.js';
import type { PrintableTicket } from '../../drivers/printer/layout.js';
import { createTicketPrinter, PRINTER_TRANSPORTS } from '../../drivers/printer/printer-factory.js';
import { SimulatedPrinterInterface } from '../../drivers/printer/simulated-printer.js';
import { tcpPaperStatus } from '../../drivers/printer/tcp-paper-status.js';
import { PrinterError } from '../../drivers/printer/ticket-printer.js';
import { RecordingPrinterServer, refusedPort } from './printer-recorder.js';

const ticket: PrintableTicket = {
  hallName: '市政务服务中心',
  serviceName: '税务登记',
  number: 'A012',
  priority: false,
  waitingAhead: 3,
  estimatedWaitMinutes: 12,
  issuedAtLocal: '2026-11-23 10:00',
  windowNumbers: [1, 2],
  statusUrl: 'http://192.0.2.1:3000/t/abc?token=xyz',
  notice: '过号请重新取号',
};

const gbk = (s: string) => iconv.encode(s, 'gbk');
const bytes = (...b: number[]) => Buffer.from(b);

let server: RecordingPrinterServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('ESC/POS ticket over a network printer (tcp://)', () => {
  it('sends GBK hall and service names, the number at 4× size, the QR store and print commands and a cut', async () => {
    server = new RecordingPrinterServer();
    await server.listen();
    const printer = new EscposTicketPrinter({ id: 'prn-1', transport: server.url });
    await printer.print(ticket);
    const job = await server.nextJob();

    expect(job.includes(bytes(0x1c, 0x26))).toBe(true); // FS & : Chinese mode on
    expect(job.includes(bytes(0x1b, 0x52, 0x0f))).toBe(true); // characterSet CHINA
    expect(job.includes(gbk('市政务服务中心'))).toBe(true);
    expect(job.includes(gbk('税务登记'))).toBe(true);
    expect(job.includes(Buffer.from('市政务服务中心', 'utf8'))).toBe(false);
    const double = job.indexOf(bytes(0x1d, 0x21, 0x33));
    expect(double).toBeGreaterThan(-1);
    expect(job.indexOf(Buffer.from('A012'))).toBeGreaterThan(double);
    const data = Buffer.from(ticket.statusUrl);
    const store = Buffer.concat([bytes(0x1d, 0x28, 0x6b, (data.length + 3) & 0xff, (data.length + 3) >> 8, 0x31, 0x50, 0x30), data]);
    expect(job.includes(store)).toBe(true);
    expect(job.includes(bytes(0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30))).toBe(true); // print the stored QR
    expect(job.indexOf(bytes(0x1d, 0x56, 0x00))).toBeGreaterThan(job.indexOf(store)); // full cut after the QR
    expect(job.includes(gbk('前面等候'))).toBe(true);
    expect(job.includes(gbk('约 12 分钟'))).toBe(true);
  });

  it('encodes hanzi outside GB2312 as GBK, not as another code page', async () => {
    const sim = new SimulatedPrinterInterface();
    const printer = new EscposTicketPrinter({ id: 'p', transport: sim });
    await printer.print({ ...ticket, hallName: '喆堃县政务服务中心' }); // 喆 and 堃 are in GBK, not in GB2312
    expect(sim.lastJob!.includes(gbk('喆堃县'))).toBe(true);
    expect(sim.lastJob!.includes(bytes(0x1b, 0x52, 0x08))).toBe(false); // no switch to the Japanese code page
  });

  it('rejects with an offline PrinterError when the connection is refused, and reports offline', async () => {
    const port = await refusedPort();
    const printer = new EscposTicketPrinter({ id: 'prn-1', transport: `tcp://127.0.0.1:${port}` });
    await expect(printer.print(ticket)).rejects.toMatchObject({ name: 'PrinterError', state: 'offline' });
    expect(await printer.status()).toMatchObject({ state: 'offline' });
  });

  it('reports online when the printer accepts a connection', async () => {
    server = new RecordingPrinterServer();
    await server.listen();
    expect(await new EscposTicketPrinter({ id: 'p', transport: server.url }).status()).toEqual({ state: 'online' });
  });
});

describe('the bytes of a ticket', () => {
  // node-thermal-printer's own buffer gave these (80 and 58 mm paper); our composing of the
  // same commands must not change a byte
  it.each([
    [48, '873063b35dd1d70104f8a5ce73b275de02745702200ee0f4dbaff9753b4b0b38'],
    [32, 'eb2f7da58e226aa79f9e29823bc38e6bdf7310f550dd28c9ae7740070354c6b8'],
  ])('are those the library composes, on %i columns', (columns, sha256) => {
    const printer = new EscposTicketPrinter({ id: 'p', transport: new SimulatedPrinterInterface(), columns });
    expect(createHash('sha256').update(printer.render(ticket)).digest('hex')).toBe(sha256);
  });
});

describe('simulated printer', () => {
  it('keeps the exact bytes of each job, the same bytes a network printer gets', async () => {
    const built = createTicketPrinter({ id: 'sim', interface: 'simulated' });
    await built.printer.print(ticket);
    await built.printer.print({ ...ticket, number: 'A013' });
    expect(built.simulator!.jobs).toHaveLength(2);
    expect(built.simulator!.jobs[0]).toEqual((built.printer as EscposTicketPrinter).render(ticket));
    expect(built.simulator!.jobs[1]!.includes(Buffer.from('A013'))).toBe(true);
  });

  it('keeps only its last 100 jobs, so a demo hall printing all day does not grow in memory', async () => {
    const sim = new SimulatedPrinterInterface();
    for (let i = 1; i <= 150; i++) await sim.execute(Buffer.from(`job ${i}`));
    expect(sim.printed).toBe(150);
    expect(sim.jobs).toHaveLength(100);
    expect(sim.jobs[0]!.toString()).toBe('job 51');
    expect(sim.lastJob!.toString()).toBe('job 150');
  });

  it('refuses a job when out of paper, and says so in its status', async () => {
    const built = createTicketPrinter({ id: 'sim', interface: 'simulated' });
    built.simulator!.setState('paper_out');
    await expect(built.printer.print(ticket)).rejects.toBeInstanceOf(PrinterError);
    await expect(built.printer.print(ticket)).rejects.toMatchObject({ state: 'paper_out' });
    expect(await built.printer.status()).toMatchObject({ state: 'paper_out' });
    expect(built.simulator!.jobs).toHaveLength(0);
  });
});

describe('createTicketPrinter()', () => {
  it('refuses an interface it cannot drive, naming the hardware entry', () => {
    expect(() => createTicketPrinter({ id: 'prn-x', interface: '/dev/usb/lp0' })).toThrow(/prn-x/);
    expect(() => createTicketPrinter({ id: 'prn-y', interface: 'serial:/dev/ttyS0' }, new Map())).toThrow(/not supported/);
  });

  it('plugs a transport in by scheme (how serial printers arrive)', async () => {
    const sim = new SimulatedPrinterInterface('serial-sim');
    const transports = new Map([
      ...PRINTER_TRANSPORTS,
      [
        'serial',
        (address: string) => {
          expect(address).toBe('/dev/ttyS0');
          return sim;
        },
      ],
    ]);
    const built = createTicketPrinter({ id: 'prn-s', interface: 'serial:/dev/ttyS0' }, transports);
    await built.printer.print(ticket);
    expect(sim.jobs).toHaveLength(1);
  });
});

describe('printer options from the hardware entry', () => {
  it('lays out for 58 mm paper with columns: 32 and leaves out FS & when chineseMode is false', async () => {
    const built = createTicketPrinter({ id: 'narrow', interface: 'simulated', columns: 32, chineseMode: false });
    await built.printer.print({ ...ticket, notice: '请留意叫号屏与语音提示过号请到服务台办理恢复或重新取号本票当日有效' });
    const job = built.simulator!.lastJob!;
    expect(job.includes(bytes(0x1c, 0x26))).toBe(false);
    expect(job.includes(Buffer.from('-'.repeat(32) + '\n'))).toBe(true);
    expect(job.includes(Buffer.from('-'.repeat(33)))).toBe(false);
    expect(job.includes(gbk('请留意叫号屏与语音提示过号请到服'))).toBe(true); // 16 hanzi = 32 columns
  });
});

describe('paper sensor of a network printer (DLE EOT 4)', () => {
  it('reads paper end, paper present, and no answer as unknown; a refused connection rejects', async () => {
    server = new RecordingPrinterServer();
    await server.listen();
    server.paperStatus = 0x72;
    expect(await tcpPaperStatus('127.0.0.1', server.port)).toBe('paper_out');
    server.paperStatus = 0x12;
    expect(await tcpPaperStatus('127.0.0.1', server.port)).toBe('ok');
    server.paperStatus = null;
    expect(await tcpPaperStatus('127.0.0.1', server.port, 200)).toBe('unknown');
    await expect(tcpPaperStatus('127.0.0.1', await refusedPort())).rejects.toThrow();
    expect(server.jobs).toHaveLength(0);
  });

  it('makes status() say paper_out when the printer reports paper end, online when it does not answer', async () => {
    server = new RecordingPrinterServer();
    await server.listen();
    const printer = new EscposTicketPrinter({ id: 'prn-1', transport: server.url });
    expect(await printer.status()).toEqual({ state: 'online' });
    server.paperStatus = 0x72;
    expect(await printer.status()).toMatchObject({ state: 'paper_out' });
  });
});
