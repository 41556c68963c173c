/** An LED board on an HQ-485 bus: remembers what it shows so unchanged text is never resent. */
import { Priority } from '../bus/priority-queue.js';
import type { SerialBus } from '../bus/serial-bus.js';
import { txtArgs, type LedBoard } from './protocol.js';

export class SerialLedBoard implements LedBoard {
  /** what the board should show */
  private readonly wanted = new Map<number, string>();
  /** what was last handed to the bus for each line (acknowledged, or on its way) */
  private readonly sent = new Map<number, string>();
  /** per line, the send of its `sent` text while under way */
  private readonly sending = new Map<number, Promise<void>>();
  private wantedBrightness: number | undefined;
  private shownBrightness: number | undefined;

  constructor(
    private readonly bus: SerialBus,
    readonly address: number,
    /** Priority.display for a window's strip, Priority.hallBoard for a board of the hall or a floor */
    private readonly priority: Priority = Priority.display,
  ) {
    bus.attach(address);
    // A board met for the first time, or back after being away, may have lost its RAM (and
    // what was sent before it answered failed): show everything again once it answers.
    let present = false;
    bus.on('status', (addr, status) => {
      if (addr !== address) return;
      const answering = status === 'online' || status === 'degraded';
      if (answering && !present) {
        this.forget();
        void this.resend().catch(() => {});
      }
      if (!answering) this.forget();
      present = answering;
    });
  }

  /**
   * Resolves once the board shows this text, or the newer one that took its place while it
   * waited. Each line has at most one text waiting in the bus process: a newer one takes its
   * place there (`replaces`), so a bus slower than the calls (a busy hall, a loaded machine)
   * shows the current call late by one send at most, and the ones in between never go —
   * queueing every past text in order grew the bus queue without bound and kept the strip
   * minutes behind the hall. Being replaced in the bus process, the newest text follows the
   * frame on the line at once, however busy the server's event loop is.
   */
  showLine(line: number, text: string): Promise<void> {
    this.wanted.set(line, text);
    if (this.sent.get(line) === text) return this.sending.get(line) ?? Promise.resolve();
    this.sent.set(line, text);
    const sending = this.send('TXT', txtArgs(line, text), `TXT ${line}`).catch((error: unknown) => {
      if (this.sent.get(line) === text) this.sent.delete(line);
      // a newer text is wanted: its own send tells how it went
      if (this.wanted.get(line) === text) throw error;
    });
    this.sending.set(line, sending);
    void sending
      .finally(() => {
        if (this.sending.get(line) === sending) this.sending.delete(line);
      })
      .catch(() => {});
    return sending;
  }

  async setBrightness(level: number): Promise<void> {
    this.wantedBrightness = level;
    if (this.shownBrightness === level) return;
    this.shownBrightness = level;
    try {
      await this.send('BRT', [String(level)]);
    } catch (error) {
      this.shownBrightness = undefined;
      throw error;
    }
  }

  async clear(): Promise<void> {
    this.wanted.clear();
    this.forget();
    await this.send('CLR', []);
  }

  private async resend(): Promise<void> {
    const lines = [...this.wanted];
    for (const [line, text] of lines) await this.showLine(line, text);
    if (this.wantedBrightness !== undefined) await this.setBrightness(this.wantedBrightness);
  }

  private forget(): void {
    this.sent.clear();
    this.shownBrightness = undefined;
  }

  private async send(command: string, args: string[], replaces?: string): Promise<void> {
    const reply = await this.bus.request(this.address, command, args, this.priority, replaces === undefined ? {} : { replaces });
    if (!reply.ok) throw new Error(`board ${this.address} refused ${command}: ${reply.args.join(',')}`);
  }
}
