import { createServer, type Server } from 'node:http';
import { io, type Socket } from 'socket.io-client';
import { SimPort } from '../../drivers/bus/sim-port.js';
import { LedSimulator } from '../../drivers/led/simulator.js';
import { startChild, type BenchChild } from '../lib/child.js';
import type { SimTime } from './sim-time.js';

/**
 * What the hall's screens, LED strips, phones and SMS gateway received during the day, kept to
 * check against the event log afterwards.
 */

/** socket.io boards and kiosks: the seq of every `ticket.called` each one received */
export class BoardClients {
  readonly received: Set<number>[] = [];
  private readonly sockets: Socket[] = [];

  async connect(url: string, token: string, subscriptions: Record<string, unknown>[]): Promise<void> {
    for (let start = 0; start < subscriptions.length; start += 25) {
      await Promise.all(subscriptions.slice(start, start + 25).map((sub) => this.connectOne(url, token, sub)));
    }
  }

  private connectOne(url: string, token: string, subscription: Record<string, unknown>): Promise<void> {
    const seen = new Set<number>();
    this.received.push(seen);
    return new Promise((resolve, reject) => {
      const socket = io(url, { auth: { token }, transports: ['websocket'], reconnection: true, timeout: 20_000 });
      this.sockets.push(socket);
      let lastSeq: number | undefined;
      socket.on('event', (e: { type: string; seq: number }) => {
        lastSeq = e.seq;
        if (e.type === 'ticket.called') seen.add(e.seq);
      });
      socket.on('snapshot', (s: { seq: number }) => {
        lastSeq = s.seq;
      });
      socket.once('connect_error', reject);
      // a reconnect resumes from the last seq, as the boards' live client does
      socket.on('connect', () => {
        socket.emit('subscribe', { ...subscription, ...(lastSeq !== undefined ? { sinceSeq: lastSeq } : {}) }, (ack: { ok: boolean; error?: unknown }) => {
          if (ack.ok) resolve();
          else reject(new Error(`subscribe refused: ${JSON.stringify(ack.error)}`));
        });
      });
    });
  }

  close(): void {
    for (const s of this.sockets) s.close();
  }
}

/**
 * The boards and kiosks in a process of their own, as they are other machines: each event goes
 * to every one of them (some ten thousand messages a second at a busy hour at 180×), which in
 * the bench's own process made its event loop late for the latencies it measures.
 */
export class BoardClientsProcess {
  received: Set<number>[] = [];
  private child: BenchChild | undefined;

  async connect(url: string, token: string, subscriptions: Record<string, unknown>[]): Promise<void> {
    this.child = await startChild('hall-day/board-clients-child.ts');
    await this.child.ask('connect', { url, token, subscriptions }, 180_000);
  }

  /** the seq of every `ticket.called` each board received: read once the day is over */
  async collect(): Promise<void> {
    if (!this.child) return;
    this.received = (await this.child.ask<number[][]>('received', undefined, 60_000)).map((seqs) => new Set(seqs));
  }

  async close(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    await child?.stop();
  }
}

/** Visitors' phones: the ticket page's event stream, one per ticket while it is open. */
export class PhoneStreams {
  /** ticket id → the statuses its phone saw */
  readonly seen = new Map<string, Set<string>>();
  private readonly open = new Map<string, AbortController>();

  constructor(
    private readonly url: string,
    private readonly max: number,
  ) {}

  get count(): number {
    return this.open.size;
  }

  follow(ticketId: string, token: string): void {
    if (this.open.size >= this.max) return;
    const abort = new AbortController();
    this.open.set(ticketId, abort);
    const statuses = new Set<string>();
    this.seen.set(ticketId, statuses);
    void (async () => {
      try {
        const res = await fetch(`${this.url}/api/tickets/${ticketId}/events?token=${encodeURIComponent(token)}`, { signal: abort.signal });
        if (!res.ok || !res.body) return;
        const decoder = new TextDecoder();
        let buffer = '';
        const reader = res.body.getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          buffer += decoder.decode(value, { stream: true });
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const message = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = /^data: (.*)$/m.exec(message)?.[1];
            if (data) statuses.add((JSON.parse(data) as { status: string }).status);
          }
        }
      } catch {
        /* closed by us, or the server went away */
      } finally {
        this.open.delete(ticketId);
      }
    })();
  }

  /** the visitor has left: their phone stops following a moment later (the last status is still on its way) */
  leave(ticketId: string): void {
    const stream = this.open.get(ticketId);
    if (stream) setTimeout(() => stream.abort(), 2000);
  }

  close(): void {
    for (const a of this.open.values()) a.abort();
  }
}

/** What each window's LED strip displayed during the day, from the hall time each text appeared. */
export type StripRecord = Record<number, { at: number; text: string }[]>;

/**
 * How long after `from` (hall ms) the strip of `window` first displayed `number`, if it did
 * before `to`: 0 when it was already on it. Undefined: not displayed while the call was current.
 */
export function shownWithin(strips: StripRecord, window: number, number: string, from: number, to: number): number | undefined {
  const shown = strips[window] ?? [];
  const onAtStart = shown.filter((s) => s.at <= from).at(-1);
  if (onAtStart?.text.includes(number)) return 0;
  const first = shown.find((s) => s.at > from && s.at <= to && s.text.includes(number));
  return first ? first.at - from : undefined;
}

/** The RS-485 bus's far end: an LED strip at every window and the floors' hall boards, simulated. */
export class LedBus {
  /** window number → what its strip displayed, each text from the hall time it appeared (in order) */
  readonly strips: StripRecord = {};
  private readonly port: SimPort;

  /** `hallNow`: the day's clock (SimTime.now), so what a strip showed compares with the event log */
  constructor(path: string, windows: number, boardAddresses: readonly number[], hallNow: () => number) {
    this.port = new SimPort(path, 115200);
    for (let n = 1; n <= windows; n++) {
      const shown: { at: number; text: string }[] = [];
      this.strips[n] = shown;
      const strip = this.port.add(new LedSimulator(n, 1));
      strip.onRequest = () => {
        const text = strip.shows().join('\n');
        if (shown.at(-1)?.text !== text) shown.push({ at: hallNow(), text });
        strip.received.length = 0; // a day's frames: nobody reads them back
      };
    }
    for (const address of boardAddresses) {
      const board = this.port.add(new LedSimulator(address, 4));
      board.onRequest = () => {
        board.received.length = 0;
      };
    }
  }

  async open(): Promise<void> {
    await this.port.open();
  }
  close(): Promise<void> {
    return this.port.close();
  }
}

/**
 * The LED bus's far end in a process of its own, as the strips are devices of their own: in the
 * bench's process its replies, and the moment a strip is seen to change, waited behind the
 * boards', phones' and kiosks' traffic of a 180× day (its event loop ran up to seconds late).
 */
export class LedBusProcess {
  private child: BenchChild | undefined;
  private strips: StripRecord | undefined;

  constructor(
    private readonly path: string,
    private readonly windows: number,
    private readonly boardAddresses: readonly number[],
    private readonly time: SimTime,
  ) {}

  async open(): Promise<void> {
    const { start, speed, origin } = this.time;
    const order: LedBusOrder = { path: this.path, windows: this.windows, boardAddresses: [...this.boardAddresses], start: start.getTime(), speed, origin };
    this.child = await startChild('hall-day/led-bus-child.ts', [JSON.stringify(order)]);
  }

  /** what the strips displayed: read once the day is over */
  async collect(): Promise<StripRecord> {
    this.strips ??= this.child ? await this.child.ask<StripRecord>('strips') : {};
    return this.strips;
  }

  shownWithin(window: number, number: string, from: number, to: number): number | undefined {
    if (!this.strips) throw new Error('collect() the strips first');
    return shownWithin(this.strips, window, number, from, to);
  }

  async close(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    await child?.stop();
  }
}

export interface LedBusOrder {
  path: string;
  windows: number;
  boardAddresses: number[];
  /** the day's clock (SimTime) */
  start: number;
  speed: number;
  origin: number;
}

/** The hall's SMS gateway: every notification the server delivered, by its idempotency key. */
export class WebhookReceiver {
  readonly deliveries = new Map<string, number>();
  private server: Server | undefined;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const key = String(req.headers['idempotency-key'] ?? '');
      req.resume();
      req.on('end', () => {
        this.deliveries.set(key, (this.deliveries.get(key) ?? 0) + 1);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/sms`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
