import type { Logger } from 'pino';
import { createTicketPrinter, type PrinterHardware } from '../../drivers/printer/printer-factory.js';
import type { SimulatedPrinterInterface } from '../../drivers/printer/simulated-printer.js';
import { PrinterError, type PrinterState, type TicketPrinter } from '../../drivers/printer/ticket-printer.js';
import { reportDeviceHealth } from '../app/device-health.js';
import { monotonicMs, type AppContext } from '../app/context.js';
import { localTime } from '../domain/local-time.js';
import { printableTicket } from './printable-ticket.js';

export interface PrinterView {
  printerId: string;
  kioskId: string | null;
  state: PrinterState;
  error?: string;
}

interface Entry {
  hw: PrinterHardware;
  hallId: string;
  printer: TicketPrinter;
  simulator?: SimulatedPrinterInterface;
  state: PrinterState;
  error?: string;
  counters: { printed: number; failed: number };
  /** what device health last recorded, and when (monotonic ms) */
  reported?: { state: PrinterState; error: string | undefined; atMs: number };
}

/** A printer's counters alone are recorded at most this often: each record is a write. */
const COUNTERS_EVERY_MS = 30_000;

/**
 * The hall's ticket printers: prints, keeps each printer's state and reports every change as
 * device health. A failing printer is only reported: issuing never waits for paper.
 */
export class KioskPrinters {
  private readonly entries = new Map<string, Entry>();
  private readonly log: Logger;
  private publicUrl = 'http://127.0.0.1:3000';
  private publicUrlSet = false;

  private constructor(private readonly ctx: AppContext) {
    this.log = ctx.log.child({ module: 'printing' });
  }

  static async create(ctx: AppContext, hardware: readonly PrinterHardware[]): Promise<KioskPrinters> {
    const printers = new KioskPrinters(ctx);
    for (const hw of hardware) await printers.add(hw);
    return printers;
  }

  private async add(hw: PrinterHardware): Promise<void> {
    const kiosk = hw.kioskId ? await this.ctx.store.devices.get(hw.kioskId) : undefined;
    const hallId = kiosk?.hallId ?? (await this.ctx.store.halls.halls())[0]?.id;
    if (!hallId) return;
    try {
      const built = createTicketPrinter(hw);
      this.entries.set(hw.id, {
        hw,
        hallId,
        printer: built.printer,
        ...(built.simulator ? { simulator: built.simulator } : {}),
        state: 'online',
        counters: { printed: 0, failed: 0 },
      });
    } catch (err) {
      this.log.error({ err, printerId: hw.id }, 'printer not usable');
    }
  }

  /**
   * Takes the hardware list as edited in the console: printers removed or changed are let go
   * (after their job in hand), new and changed ones built and asked how they are. Unchanged
   * printers keep their state and counters. Resolves to the ids (re)built.
   */
  async reload(hardware: readonly PrinterHardware[]): Promise<string[]> {
    const wanted = new Map(hardware.map((hw) => [hw.id, hw]));
    const gone = [...this.entries.values()].filter((e) => JSON.stringify(e.hw) !== JSON.stringify(wanted.get(e.hw.id)));
    for (const e of gone) this.entries.delete(e.hw.id);
    await Promise.all(gone.map((e) => e.printer.close().catch(() => {})));
    const built = hardware.filter((hw) => !this.entries.has(hw.id));
    for (const hw of built) await this.add(hw);
    if (gone.length || built.length) this.log.info({ removed: gone.map((e) => e.hw.id), built: built.map((h) => h.id) }, 'printers changed');
    await this.probeIds(built.map((h) => h.id));
    return built.map((h) => h.id);
  }

  /** `configured`: from HALLQ_PUBLIC_URL (or the option), not guessed from this host's LAN address */
  setPublicUrl(url: string, configured: boolean): void {
    this.publicUrl = url;
    this.publicUrlSet = configured;
  }

  get publicUrlConfigured(): boolean {
    return this.publicUrlSet;
  }

  /** where phones reach this server (the QR code's base) */
  get statusBaseUrl(): string {
    return this.publicUrl;
  }

  /** The printer of a kiosk (the first `hardware` printer naming it). */
  forKiosk(kioskId: string): PrinterView | undefined {
    const entry = [...this.entries.values()].find((e) => e.hw.kioskId === kioskId);
    return entry ? view(entry) : undefined;
  }

  has(printerId: string): boolean {
    return this.entries.has(printerId);
  }

  simulator(printerId: string): SimulatedPrinterInterface | undefined {
    return this.entries.get(printerId)?.simulator;
  }

  /** Prints a ticket; resolves to the printer's state afterwards, never rejects. */
  print(printerId: string, ticketId: string, reprint = false): Promise<PrinterView> {
    return this.job(printerId, { ticketId }, async (printer) => printer.print(await printableTicket(this.ctx, ticketId, this.publicUrl, reprint)));
  }

  /** The manager's 测试: a test page with the hall's name, the time and a QR of the public address. */
  printTest(printerId: string): Promise<PrinterView> {
    return this.job(printerId, { test: true }, async (printer, entry) => {
      const hall = await this.ctx.store.halls.hall(entry.hallId);
      const at = localTime(this.ctx.clock.now(), hall?.timezone ?? 'Asia/Shanghai');
      return printer.printTestPage({ printerId, hallName: hall?.name ?? '', atLocal: `${at.date} ${at.time}`, publicUrl: this.publicUrl });
    });
  }

  private async job(printerId: string, what: object, send: (printer: TicketPrinter, entry: Entry) => Promise<void>): Promise<PrinterView> {
    const entry = this.entries.get(printerId);
    // removed in the console while the job waited
    if (!entry) return { printerId, kioskId: null, state: 'offline', error: `no printer ${printerId}` };
    try {
      await send(entry.printer, entry);
      entry.counters.printed++;
      // a network printer takes the bytes even without paper: ask its sensor right after
      const after = await entry.printer.status().catch(() => ({ state: 'online' as const, error: undefined }));
      await this.setState(entry, after.state, after.error);
    } catch (err) {
      entry.counters.failed++;
      const state = err instanceof PrinterError ? err.state : 'offline';
      this.log.warn({ printerId, ...what, err: (err as Error).message }, 'not printed');
      await this.setState(entry, state, (err as Error).message);
    }
    return view(entry);
  }

  /** Asks printers how they are and reports changes; only those not online unless `all`. */
  probe(all: boolean): Promise<void> {
    return this.probeIds([...this.entries.values()].filter((e) => all || e.state !== 'online').map((e) => e.hw.id));
  }

  private async probeIds(ids: readonly string[]): Promise<void> {
    const entries = ids.flatMap((id) => this.entries.get(id) ?? []);
    await Promise.all(
      entries.map(async (entry) => {
        const status = await entry.printer.status().catch((err: Error) => ({ state: 'offline' as const, error: err.message }));
        await this.setState(entry, status.state, status.error);
      }),
    );
  }

  /** Records a change of state at once; the counters of a printer that stays as it was, now and then. */
  private async setState(entry: Entry, state: PrinterState, error?: string): Promise<void> {
    entry.state = state;
    if (error) entry.error = error;
    else delete entry.error;
    const nowMs = monotonicMs(this.ctx.clock);
    const last = entry.reported;
    if (last && last.state === state && last.error === error && nowMs - last.atMs < COUNTERS_EVERY_MS) return;
    entry.reported = { state, error, atMs: nowMs };
    try {
      await reportDeviceHealth(this.ctx, {
        id: entry.hw.id,
        hallId: entry.hallId,
        kind: 'printer',
        status: state === 'online' ? 'online' : 'offline',
        lastError: state === 'online' ? null : `${state === 'paper_out' ? 'PAPER_OUT' : 'OFFLINE'}: ${error ?? ''}`.trim(),
        counters: { ...entry.counters },
      });
    } catch (err) {
      this.log.error({ err, printerId: entry.hw.id }, 'printer health not recorded');
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.entries.values()].map((e) => e.printer.close().catch(() => {})));
  }
}

function view(e: Entry): PrinterView {
  return { printerId: e.hw.id, kioskId: e.hw.kioskId ?? null, state: e.state, ...(e.error ? { error: e.error } : {}) };
}
