import { describe, expect, it } from 'vitest';
import { EscposTicketPrinter } from '../../../drivers/printer/escpos-printer.js';
import type { PrintableTicket } from '../../../drivers/printer/layout.js';
import { SimulatedPrinterInterface } from '../../../drivers/printer/simulated-printer.js';

const ticket: PrintableTicket = {
  hallName: '市政务服务中心',
  serviceName: '税务登记',
  number: 'A012',
  priority: false,
  waitingAhead: 3,
  estimatedWaitMinutes: 12,
  issuedAtLocal: '2026-11-23 10:00',
  windowNumbers: [1, 2],
  statusUrl: 'https://hall.example/t/abc?token=xyz',
  notice: '过号请重新取号',
};
const bytes = (...b: number[]) => Buffer.from(b);
const GS_SIZE = (n: number) => bytes(0x1d, 0x21, n);

function rendered(columns: number, number = ticket.number): Buffer {
  return new EscposTicketPrinter({ id: 'p', transport: new SimulatedPrinterInterface(), columns }).render({ ...ticket, number });
}

/** The GS ! size in force when `text` is printed: the last one sent before it. */
function sizeBefore(job: Buffer, text: string): number | undefined {
  const at = job.indexOf(Buffer.from(text));
  let size: number | undefined;
  for (let i = job.indexOf(GS_SIZE(0).subarray(0, 2)); i !== -1 && i < at; i = job.indexOf(GS_SIZE(0).subarray(0, 2), i + 1)) size = job[i + 2];
  return size;
}

describe('the ticket number on paper', () => {
  it('is sent at 4× width and height (GS ! 0x33) on 80 mm paper, and the text after it is back to normal', () => {
    const job = rendered(48);
    expect(sizeBefore(job, 'A012')).toBe(0x33);
    const numberAt = job.indexOf(Buffer.from('A012'));
    const normalAgain = job.indexOf(GS_SIZE(0x00), numberAt);
    expect(normalAgain).toBeGreaterThan(numberAt);
    expect(normalAgain).toBeLessThan(job.indexOf(Buffer.from('2026-11-23 10:00')));
    expect(job.includes(bytes(0x1b, 0x45, 0x01))).toBe(true); // and bold
  });

  it('is 4× on 58 mm paper too, 3× for a number that would not fit four times over', () => {
    expect(sizeBefore(rendered(32), 'A012')).toBe(0x33);
    expect(sizeBefore(rendered(32, 'AB12345678'), 'AB12345678')).toBe(0x22);
  });
});
