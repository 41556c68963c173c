/**
 * An LED board on an Onbon controller. The host's lines become dynamic areas: a window strip
 * is one centred area; a hall board one area per line, or one multi-line area when it has more
 * lines than the card holds areas. Updates are coalesced: the card is written at most once
 * per `refreshMs` (the reference asks for no more than once a second), with every line that
 * changed meanwhile. A NACK is logged and the write tried again.
 */
import type { Logger } from 'pino';
import type { FrameBus } from '../../bus/frame-bus.js';
import { Priority } from '../../bus/priority-queue.js';
import type { LedBoard } from '../../led/protocol.js';
import { encodeAreaText, fontFor, type TextStyle } from './area-text.js';
import { ALIGN_CENTRE, AREA_DEFAULTS, errorName, type AreaRecord, type BoardCommand, type BoardReply } from './commands.js';

export interface OnbonBoardOptions {
  address: number;
  /** pixels */
  width: number;
  height: number;
  lines: number;
  style: Omit<TextStyle, 'fontSize'> & { fontSize?: TextStyle['fontSize'] | undefined };
  /** dynamic areas the card holds */
  maxAreas: number;
  /** least time between two writes of text, ms (default 1000) */
  refreshMs?: number;
  /** tries after a NACK (default 2) */
  nackRetries?: number;
  log?: Logger;
}

/** left, vertically centred: a hall board's list */
const ALIGN_LEFT_MIDDLE = 0x08;

export class OnbonBoard implements LedBoard {
  readonly counters = { writes: 0, nacks: 0 };
  private readonly wanted: string[];
  /** area id → the bytes the card acknowledged */
  private readonly shown = new Map<number, string>();
  private wantedBrightness: number | undefined;
  private shownBrightness: number | undefined;
  /** the card may hold areas of an earlier layout: the first write deletes them all */
  private fresh = true;
  private lastWrite = -Infinity;
  private pending: Promise<void> | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly bus: FrameBus<BoardCommand, BoardReply>,
    private readonly opts: OnbonBoardOptions,
  ) {
    this.wanted = Array.from({ length: opts.lines }, () => '');
    bus.attach(opts.address);
    // as on HQ-485: a board met again may have lost its RAM (dynamic areas do at power-off)
    let present = false;
    bus.on('status', (addr, status) => {
      if (addr !== opts.address) return;
      const answering = status === 'online' || status === 'degraded';
      if (!answering || !present) this.forget();
      if (answering && !present) void this.redraw().catch(() => {});
      present = answering;
    });
  }

  showLine(line: number, text: string): Promise<void> {
    if (line < 0 || line >= this.opts.lines) return Promise.reject(new RangeError(`line ${line} of a ${this.opts.lines}-line board`));
    this.wanted[line] = text;
    if (!this.pending && this.changedAreas().length === 0) return Promise.resolve();
    return this.scheduleWrite();
  }

  async setBrightness(level: number): Promise<void> {
    this.wantedBrightness = level;
    if (this.shownBrightness === level) return;
    this.shownBrightness = level;
    try {
      await this.send({ kind: 'brightness', level });
    } catch (error) {
      this.shownBrightness = undefined;
      throw error;
    }
  }

  async clear(): Promise<void> {
    this.wanted.fill('');
    this.forget();
    await this.send({ kind: 'clear' });
  }

  /** the areas the card should hold now */
  areas(): AreaRecord[] {
    const { width, height, lines, maxAreas, style } = this.opts;
    if (lines === 1 || lines > maxAreas) {
      const fontSize = style.fontSize ?? fontFor(Math.floor(height / lines));
      const data = encodeAreaText(this.wanted, { ...style, fontSize });
      return [{ ...AREA_DEFAULTS, id: 0, x: 0, y: 0, width, height, align: lines === 1 ? ALIGN_CENTRE : ALIGN_LEFT_MIDDLE, singleLine: lines === 1, data }];
    }
    const lineHeight = Math.floor(height / lines);
    const fontSize = style.fontSize ?? fontFor(lineHeight);
    return this.wanted.map((text, i) => ({
      ...AREA_DEFAULTS,
      id: i,
      x: 0,
      y: i * lineHeight,
      width,
      height: lineHeight,
      align: ALIGN_LEFT_MIDDLE,
      singleLine: true,
      data: encodeAreaText([text], { ...style, fontSize }),
    }));
  }

  private changedAreas(): AreaRecord[] {
    return this.areas().filter((a) => this.shown.get(a.id) !== a.data.toString('hex'));
  }

  /** one write for everything that changes until it goes out, no sooner than refreshMs after the last */
  private scheduleWrite(): Promise<void> {
    this.pending ??= (async () => {
      await this.writing.catch(() => {});
      const wait = this.lastWrite + (this.opts.refreshMs ?? 1000) - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      this.pending = undefined;
      this.writing = this.writeAreas();
      await this.writing;
    })();
    return this.pending;
  }

  private async writeAreas(): Promise<void> {
    const areas = this.changedAreas();
    if (areas.length === 0) return;
    const deleteAll = this.fresh;
    try {
      await this.send({ kind: 'areas', areas, ...(deleteAll ? { deleteIds: 'all' as const } : {}) });
    } finally {
      // counted from the card's answer: a write that waited on a busy line does not shorten the gap
      this.lastWrite = Date.now();
    }
    this.fresh = false;
    this.counters.writes++;
    for (const a of areas) this.shown.set(a.id, a.data.toString('hex'));
  }

  private async redraw(): Promise<void> {
    if (this.changedAreas().length > 0) await this.scheduleWrite();
    if (this.wantedBrightness !== undefined) await this.setBrightness(this.wantedBrightness);
  }

  private forget(): void {
    this.shown.clear();
    this.shownBrightness = undefined;
    this.fresh = true;
  }

  private async send(command: BoardCommand): Promise<void> {
    const retries = this.opts.nackRetries ?? 2;
    for (let attempt = 0; ; attempt++) {
      const reply = await this.bus.request(this.opts.address, command, Priority.display);
      if (reply.error === 0) return;
      this.counters.nacks++;
      this.opts.log?.warn(
        { address: this.opts.address, command: command.kind, error: reply.error, meaning: errorName(reply.error), attempt: attempt + 1 },
        'board refused a command (NACK)',
      );
      if (attempt >= retries) throw new Error(`board ${this.opts.address} refused ${command.kind}: ${errorName(reply.error)}`);
    }
  }
}
