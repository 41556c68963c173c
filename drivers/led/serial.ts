/** An LED board on an HQ-485 bus: remembers what it shows so unchanged text is never resent. */
import { Priority } from '../bus/priority-queue.js';
import type { SerialBus } from '../bus/serial-bus.js';
import { txtArgs, type LedBoard } from './protocol.js';

export class SerialLedBoard implements LedBoard {
  /** what the board should show */
  private readonly wanted = new Map<number, string>();
  /** what the board acknowledged (or is being sent) */
  private readonly shown = new Map<number, string>();
  /** per line, the sends under way until it shows what is wanted */
  private readonly drains = new Map<number, Promise<void>>();
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
   * Resolves once the line shows the latest text asked for. While a line's text is on its way,
   * newer texts only replace what is wanted: when the send is done the latest one goes, the
   * ones in between never do. A bus slower than the calls (a busy hall, a loaded machine) then
   * shows the current call late by one send at most, instead of queueing every past text in
   * order — which grew the bus queue without bound and kept the strip minutes behind the hall.
   */
  showLine(line: number, text: string): Promise<void> {
    this.wanted.set(line, text);
    let drain = this.drains.get(line);
    if (drain) return drain;
    if (this.shown.get(line) === text) return Promise.resolve();
    drain = this.drain(line).finally(() => this.drains.delete(line));
    this.drains.set(line, drain);
    return drain;
  }

  private async drain(line: number): Promise<void> {
    for (;;) {
      const text = this.wanted.get(line);
      if (text === undefined || this.shown.get(line) === text) return;
      this.shown.set(line, text);
      try {
        await this.send('TXT', txtArgs(line, text));
      } catch (error) {
        if (this.shown.get(line) === text) this.shown.delete(line);
        // a newer text is wanted: try it (it fails at once if the board is offline, and then this ends)
        if (this.wanted.get(line) === text) throw error;
      }
    }
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
    this.shown.clear();
    this.shownBrightness = undefined;
  }

  private async send(command: string, args: string[]): Promise<void> {
    const reply = await this.bus.request(this.address, command, args, this.priority);
    if (!reply.ok) throw new Error(`board ${this.address} refused ${command}: ${reply.args.join(',')}`);
  }
}
