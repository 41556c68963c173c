import { EscposTicketPrinter } from './escpos-printer.js';
import { serialPrinterTransport } from './serial-interface.js';
import { SimulatedPrinterInterface } from './simulated-printer.js';
import type { PrinterInterface, TicketPrinter } from './ticket-printer.js';

/** A `hardware` entry of kind `printer` (docs/en/configuration.md). */
export interface PrinterHardware {
  id: string;
  kioskId?: string;
  /** `tcp://host:9100`, `simulated`, or `serial:/dev/ttyX` once a serial transport is plugged in */
  interface?: string;
  /** 48 for 80 mm paper (default), 32 for 58 mm */
  columns?: number;
  /** false for a printer without Chinese firmware mode (`FS &` is then not sent) */
  chineseMode?: boolean;
}

/** Turns the address after `scheme:` into a node-thermal-printer transport object. */
export type PrinterTransportFactory = (address: string, hardware: PrinterHardware) => PrinterInterface;

/**
 * Transports beyond the built-in `tcp://` and `simulated`, by scheme. The serial transport
 * (drivers/printer/serial-interface.ts) plugs in here as `serial`.
 */
export const PRINTER_TRANSPORTS = new Map<string, PrinterTransportFactory>([['serial', serialPrinterTransport]]);

export interface BuiltPrinter {
  printer: TicketPrinter;
  /** set when the printer is simulated: the bytes it was sent, and a switch for its state */
  simulator?: SimulatedPrinterInterface;
}

/** Builds the printer a `hardware` entry describes; throws a message naming the entry when it cannot. */
export function createTicketPrinter(hw: PrinterHardware, transports: ReadonlyMap<string, PrinterTransportFactory> = PRINTER_TRANSPORTS): BuiltPrinter {
  const address = hw.interface ?? 'simulated';
  const options = { id: hw.id, columns: hw.columns ?? 48, ...(hw.chineseMode === false ? { chineseMode: false } : {}) };
  if (address === 'simulated') {
    const simulator = new SimulatedPrinterInterface(hw.id);
    return { printer: new EscposTicketPrinter({ ...options, transport: simulator }), simulator };
  }
  if (/^tcp:\/\//i.test(address)) {
    return { printer: new EscposTicketPrinter({ ...options, transport: address }) };
  }
  const scheme = /^([a-z][a-z0-9+-]*):(.+)$/i.exec(address);
  const factory = scheme ? transports.get(scheme[1]!.toLowerCase()) : undefined;
  if (!scheme || !factory) {
    throw new Error(`hardware ${hw.id}: printer interface "${address}" is not supported (use tcp://host:port or simulated)`);
  }
  return { printer: new EscposTicketPrinter({ ...options, transport: factory(scheme[2]!, hw) }) };
}
