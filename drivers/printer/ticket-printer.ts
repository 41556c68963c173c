import type { PrintableTicket, TestPage } from './layout.js';

/** What a printer reports about itself. */
export type PrinterState = 'online' | 'offline' | 'paper_out';

export interface PrinterStatus {
  state: PrinterState;
  /** human-readable reason when not online */
  error?: string;
}

/**
 * A kiosk's ticket printer. Every method resolves or rejects within the transport's timeout
 * (3 s for a network printer); none ever blocks the queue, the caller decides what a failure
 * means (the printing feature reports it as device health).
 */
export interface TicketPrinter {
  readonly id: string;
  /** Prints one ticket and cuts. Rejects with PrinterError when the job did not reach the printer. */
  print(ticket: PrintableTicket): Promise<void>;
  /** Prints the test page and cuts; rejects like print(). */
  printTestPage(page: TestPage): Promise<void>;
  /** Asks the printer whether it can print now (connection, and paper where the transport can tell). */
  status(): Promise<PrinterStatus>;
  close(): Promise<void>;
}

export class PrinterError extends Error {
  constructor(
    readonly state: Exclude<PrinterState, 'online'>,
    message: string,
  ) {
    super(message);
    this.name = 'PrinterError';
  }
}

/**
 * The transport node-thermal-printer writes to: the shape of its custom interface object
 * (`tcp://` is built in; a serial port or the simulator provide this object).
 */
export interface PrinterInterface {
  getPrinterName(): string;
  isPrinterConnected(): Promise<boolean>;
  execute(buffer: Buffer): Promise<unknown>;
  /** optional: DLE EOT style paper check; true when paper is out */
  isPaperOut?(): Promise<boolean>;
}
