import iconv from 'iconv-lite';
import { SerialPort } from 'serialport';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTicketPrinter } from '../../drivers/printer/printer-factory.js';
import type { PrintableTicket } from '../../drivers/printer/layout.js';
import { openPtyPair, type PtyPair } from '../helpers/pty-pair.js';
import { waitFor } from '../helpers/wait-for.js';

const ticket: PrintableTicket = {
  hallName: '市政务服务中心',
  serviceName: '税务登记',
  number: 'A012',
  priority: false,
  waitingAhead: 3,
  estimatedWaitMinutes: 24,
  issuedAtLocal: '2026-11-23 10:00',
  windowNumbers: [1, 2],
  statusUrl: 'http://hall.example/t/abc?token=x',
  notice: '过号请重新取号',
};

/** the printer's end of the line: keeps every byte, answers DLE EOT 4 with a status byte */
class SerialPrinterEnd {
  bytes = Buffer.alloc(0);
  paperStatus = 0x12;
  constructor(readonly port: SerialPort) {
    port.on('data', (chunk: Buffer) => {
      this.bytes = Buffer.concat([this.bytes, chunk]);
      if (chunk.includes(Buffer.from([0x10, 0x04, 0x04]))) port.write(Buffer.from([this.paperStatus]));
    });
  }
  static async open(path: string): Promise<SerialPrinterEnd> {
    const port = new SerialPort({ path, baudRate: 9600, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
    return new SerialPrinterEnd(port);
  }
  close(): Promise<void> {
    return new Promise((resolve) => (this.port.isOpen ? this.port.close(() => resolve()) : resolve()));
  }
}

describe('serial ticket printer (serial:/dev/ttyX) over a real pty', () => {
  let pty: PtyPair;
  let end: SerialPrinterEnd;

  beforeEach(async () => {
    pty = await openPtyPair();
    end = await SerialPrinterEnd.open(pty.b);
  });

  afterEach(async () => {
    await end.close();
    await pty.close();
  });

  it('receives the ticket bytes: Chinese mode, GBK text, the number, and a cut', async () => {
    const { printer } = createTicketPrinter({ id: 'prn-1', interface: `serial:${pty.a}` });
    await printer.print(ticket);
    await waitFor(() => end.bytes.includes(Buffer.from([0x1d, 0x56])), 'the cut reached the printer');
    expect(end.bytes.includes(Buffer.from([0x1c, 0x26]))).toBe(true);
    expect(end.bytes.includes(iconv.encode('市政务服务中心', 'gbk'))).toBe(true);
    expect(end.bytes.includes(Buffer.from('A012', 'ascii'))).toBe(true);
  });

  it('reports paper out from the DLE EOT answer and online when paper is back', async () => {
    const { printer } = createTicketPrinter({ id: 'prn-1', interface: `serial:${pty.a}` });
    end.paperStatus = 0x72;
    expect(await printer.status()).toMatchObject({ state: 'paper_out' });
    await expect(printer.print(ticket)).rejects.toMatchObject({ state: 'paper_out' });
    end.paperStatus = 0x12;
    expect(await printer.status()).toEqual({ state: 'online' });
  });

  it('reports offline when the port is not there', async () => {
    const { printer } = createTicketPrinter({ id: 'prn-1', interface: `serial:${pty.a}-missing` });
    expect(await printer.status()).toMatchObject({ state: 'offline' });
  });
});
