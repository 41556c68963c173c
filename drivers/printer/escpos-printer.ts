import iconv from 'iconv-lite';
import { CharacterSet, PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import { boundedMemo } from './bounded-memo.js';
import { TEXT_SCALE, testPageLayout, ticketLayout, type PrintableTicket, type TestPage, type TicketBlock } from './layout.js';
import { tcpAddress, tcpPaperStatus } from './tcp-paper-status.js';
import { PrinterError, type PrinterInterface, type PrinterStatus, type TicketPrinter } from './ticket-printer.js';

export interface EscposPrinterOptions {
  id: string;
  /** `tcp://host:port`, or a transport object (serial port, simulator) */
  transport: string | PrinterInterface;
  /** columns of the normal font: 48 on 80 mm paper (default), 32 on 58 mm */
  columns?: number;
  /** send `FS &` first: Chinese printers need it to read double-byte GBK (default true) */
  chineseMode?: boolean;
  /** network timeout in ms (default 3000) */
  timeoutMs?: number;
}

const FS_CHINESE_ON = Buffer.from([0x1c, 0x26]);
/** a line of text in GBK; the lines every ticket repeats are encoded once */
const gbk = boundedMemo((text: string) => iconv.encode(text, 'gbk'));

/**
 * An ESC/POS ticket printer through node-thermal-printer (type EPSON, characterSet CHINA).
 * Text is encoded to GBK here rather than by the library, which picks EUC-CN per character and
 * falls back to other code pages (EUC-JP garbage) for hanzi outside GB2312.
 */
export class EscposTicketPrinter implements TicketPrinter {
  readonly id: string;
  private readonly columns: number;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly opts: EscposPrinterOptions) {
    this.id = opts.id;
    this.columns = opts.columns ?? 48;
    if (typeof opts.transport === 'string' && !/^tcp:\/\/[^/:]+(:\d+)?\/?$/i.test(opts.transport)) {
      throw new Error(`printer ${opts.id}: interface must be tcp://host:port, got ${opts.transport}`);
    }
  }

  /** The bytes of one ticket, exactly as they go to the printer. */
  render(ticket: PrintableTicket): Buffer {
    return this.renderBlocks(ticketLayout(ticket, { columns: this.columns }));
  }

  print(ticket: PrintableTicket): Promise<void> {
    return this.enqueue(this.render(ticket));
  }

  printTestPage(page: TestPage): Promise<void> {
    return this.enqueue(this.renderBlocks(testPageLayout(page, { columns: this.columns })));
  }

  private renderBlocks(blocks: readonly TicketBlock[]): Buffer {
    const printer = this.thermal(ComposingPrinter);
    if (this.opts.chineseMode ?? true) printer.add(FS_CHINESE_ON);
    for (const block of blocks) renderBlock(printer, block);
    return printer.getBuffer();
  }

  private enqueue(bytes: Buffer): Promise<void> {
    // One job at a time per printer: a second kiosk tap must not interleave bytes.
    const job = this.queue.then(() => this.send(bytes));
    this.queue = job.catch(() => {});
    return job;
  }

  async status(): Promise<PrinterStatus> {
    const transport = this.thermal();
    let connected: boolean;
    try {
      connected = await transport.isPrinterConnected();
    } catch {
      connected = false;
    }
    if (!connected) return { state: 'offline', error: '打印机未连接 (printer not reachable)' };
    return (await this.paperOut()) ? { state: 'paper_out', error: '打印机缺纸 (printer out of paper)' } : { state: 'online' };
  }

  /** The paper sensor, where the transport can read it (DLE EOT 4 on a network printer). */
  private async paperOut(): Promise<boolean> {
    const transport = this.opts.transport;
    if (typeof transport === 'object') return (await transport.isPaperOut?.()) ?? false;
    const address = tcpAddress(transport);
    if (!address) return false;
    return (await tcpPaperStatus(address.host, address.port).catch(() => 'unknown')) === 'paper_out';
  }

  async close(): Promise<void> {
    await this.queue;
  }

  private async send(bytes: Buffer): Promise<void> {
    const printer = this.thermal();
    if (typeof this.opts.transport === 'object' && (await this.opts.transport.isPaperOut?.())) {
      throw new PrinterError('paper_out', '打印机缺纸 (printer out of paper)');
    }
    printer.setBuffer(bytes);
    try {
      await printer.execute();
    } catch (err) {
      throw new PrinterError('offline', `打印失败：${(err as Error).message}`);
    }
  }

  private thermal(Printer: typeof ThermalPrinter = ThermalPrinter): ThermalPrinter {
    const printer = new Printer({
      type: PrinterTypes.EPSON,
      // the library accepts a transport object although its typings say string
      interface: this.opts.transport as string,
      characterSet: CharacterSet.CHINA,
      width: this.columns,
      options: { timeout: this.opts.timeoutMs ?? 3000 },
    });
    printer.clear();
    return printer;
  }
}

/**
 * Builds a job's bytes as a list of pieces joined once at the end. The library appends each
 * command by copying its whole buffer (a rule line is one copy per character): rendering a
 * ticket cost more CPU than issuing it.
 */
class ComposingPrinter extends ThermalPrinter {
  // declared, not initialised: the library's constructor already appends (the character set)
  declare private pieces: Buffer[] | undefined;

  override append(content: string | Buffer): void {
    if (typeof content !== 'string') {
      if (content) (this.pieces ??= []).push(content);
      return;
    }
    // strings go through the library's own encoding, into its (then emptied) buffer
    const own = this as unknown as { buffer: Buffer | null };
    own.buffer = null;
    super.append(content);
    if (own.buffer) (this.pieces ??= []).push(own.buffer);
    own.buffer = null;
  }

  /** the library's rule line, as one piece instead of one per character */
  override drawLine(character?: string): void {
    const config = (this as unknown as { config: { width: number; lineCharacter: string } }).config;
    this.append(Buffer.from((character ?? config.lineCharacter).repeat(config.width)));
    this.newLine();
  }

  override getBuffer(): Buffer {
    return Buffer.concat(this.pieces ?? []);
  }

  override clear(): void {
    this.pieces = [];
    super.clear();
  }
}

function renderBlock(printer: ThermalPrinter, block: TicketBlock): void {
  switch (block.kind) {
    case 'text':
      if (block.align === 'center') printer.alignCenter();
      else printer.alignLeft();
      // GS ! n: height and width magnification (n - 1) in each nibble
      if (block.size !== 'normal') printer.setTextSize(TEXT_SCALE[block.size] - 1, TEXT_SCALE[block.size] - 1);
      printer.bold(block.bold);
      printer.add(gbk(block.text));
      printer.newLine();
      printer.bold(false);
      if (block.size !== 'normal') printer.setTextSize(0, 0);
      return;
    case 'rule':
      printer.alignLeft();
      printer.drawLine();
      return;
    case 'qr':
      printer.alignCenter();
      printer.printQR(block.data, { cellSize: 6, correction: 'M', model: 2 });
      printer.newLine();
      printer.alignLeft();
      return;
    case 'feed':
      for (let i = 0; i < block.lines; i++) printer.newLine();
      return;
    case 'cut':
      printer.cut();
      return;
  }
}
