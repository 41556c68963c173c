/**
 * A ticket printer on a serial port, as node-thermal-printer's custom interface object
 * (docs/en/devices.md "Ticket printers"): each job is written and drained; the port stays open between
 * jobs and is reopened after it went away. Paper is checked with DLE EOT 4 (ESC/POS real-time
 * roll-paper status) where the printer answers it.
 */
import { SerialPort } from 'serialport';
import { findPort } from '../bus/port-finder.js';
import type { PrinterInterface } from './ticket-printer.js';

const DLE_EOT_PAPER = Buffer.from([0x10, 0x04, 0x04]);
/** bits 5 and 6 of the roll-paper status byte: paper end */
const PAPER_END = 0x60;

export interface SerialPrinterOptions {
  baudRate?: number;
  /** how long to wait for the DLE EOT answer, ms (default 300); no answer = not supported */
  statusTimeoutMs?: number;
}

export class SerialPrinterInterface implements PrinterInterface {
  /** jobs and status checks take turns on the port */
  private turn: Promise<unknown> = Promise.resolve();

  constructor(
    readonly path: string,
    private readonly opts: SerialPrinterOptions = {},
  ) {
    if (!path) throw new Error('serial printer: a port path is required (serial:/dev/ttyUSB0)');
  }

  getPrinterName(): string {
    return `serial:${this.path}`;
  }

  /** connected = the port opens (it is found by SerialPort.list(), so `COM3` works as well as a path) */
  async isPrinterConnected(): Promise<boolean> {
    return this.withPort(async () => true).catch(() => false);
  }

  isPaperOut(): Promise<boolean> {
    return this.withPort(async (port) => {
      const status = await new Promise<number | undefined>((resolve) => {
        const onData = (chunk: Buffer) => {
          clearTimeout(timer);
          port.off('data', onData);
          resolve(chunk[0]);
        };
        const timer = setTimeout(() => {
          port.off('data', onData);
          resolve(undefined);
        }, this.opts.statusTimeoutMs ?? 300);
        port.on('data', onData);
        port.write(DLE_EOT_PAPER);
      });
      return status !== undefined && (status & PAPER_END) !== 0;
    });
  }

  /** Writes one job and waits until the port has sent it. */
  execute(buffer: Buffer): Promise<void> {
    return this.withPort(
      (port) =>
        new Promise<void>((resolve, reject) => {
          port.write(buffer, (err) => {
            if (err) return reject(err);
            port.drain((drainErr) => (drainErr ? reject(drainErr) : resolve()));
          });
        }),
    );
  }

  /**
   * The port is opened for each job and closed after it: a kiosk prints now and then, and a
   * USB adapter pulled between jobs then costs nothing but the job that finds it missing.
   */
  private withPort<T>(fn: (port: SerialPort) => Promise<T>): Promise<T> {
    const run = this.turn.then(async () => {
      const { path } = await findPort(this.path);
      const port = new SerialPort({ path, baudRate: this.opts.baudRate ?? 9600, autoOpen: false });
      await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(new Error(`serial printer ${this.path}: ${err.message}`)) : resolve())));
      port.on('error', () => {});
      try {
        return await fn(port);
      } finally {
        if (port.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
      }
    });
    this.turn = run.catch(() => {});
    return run;
  }
}

/** The `serial:` transport for the printer factory: `serial:/dev/ttyUSB0`, baud rate from the hardware entry. */
export function serialPrinterTransport(address: string, hw: { id: string }): PrinterInterface {
  // `baudRate` is an extension of the printer's hardware entry (the config allows extra fields)
  const baudRate = (hw as { baudRate?: unknown }).baudRate;
  return new SerialPrinterInterface(address, typeof baudRate === 'number' ? { baudRate } : {});
}
