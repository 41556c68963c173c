import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, HallEvent, ServerToClientEvents, SubscribeAck } from '../../../server/contract/events.js';
import { DEADLINE_MS, waitFor } from '../../helpers/wait-for.js';

type HallSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** One (re)subscription of a board: where, from which seq, and what the node answered. */
export interface BoardSubscription {
  url: string;
  sinceSeq: number | undefined;
  ack: SubscribeAck;
  /** the events that came before the answer: the replay (the node joins the room and replays in one turn, then answers) */
  replay: HallEvent[];
}

/**
 * A hall board as a load balancer would see it: one socket to one node; when that node goes away,
 * it connects to the node `nextUrl()` names and subscribes with `sinceSeq` = the last seq it holds,
 * so the new node replays what it missed.
 */
export class BoardClient {
  readonly events: HallEvent[] = [];
  readonly subscriptions: BoardSubscription[] = [];
  /** the seq the board is valid at: its last event's, or the first snapshot's */
  seq = 0;
  private socket: HallSocket | undefined;
  private closed = false;
  /** why the last attempt to reach a node failed (while failing over) */
  lastError: unknown;

  constructor(
    private readonly token: string,
    private readonly hallId: string,
    private readonly nextUrl: () => string,
  ) {}

  get connected(): boolean {
    return this.socket?.connected ?? false;
  }

  /** connects to `nextUrl()` and subscribes (a snapshot the first time, a replay after) */
  async connect(): Promise<void> {
    const url = this.nextUrl();
    const socket: HallSocket = io(url, { auth: { token: this.token }, transports: ['websocket'], reconnection: false, forceNew: true });
    this.socket = socket;
    const replay: HallEvent[] = [];
    let answered = false;
    socket.on('event', (e) => {
      if (!answered) replay.push(e);
      this.events.push(e);
      this.seq = e.seq;
    });
    socket.on('snapshot', (s) => {
      this.seq = s.seq;
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', (err) => {
        socket.close();
        reject(err);
      });
    });
    const sinceSeq = this.subscriptions.length ? this.seq : undefined;
    const ack = await socket.timeout(DEADLINE_MS).emitWithAck('subscribe', { hallId: this.hallId, ...(sinceSeq === undefined ? {} : { sinceSeq }) });
    answered = true;
    this.subscriptions.push({ url, sinceSeq, ack, replay });
    if (!ack.ok) {
      socket.close();
      throw new Error(`subscribe at ${url} refused: ${ack.error.code}`);
    }
    socket.once('disconnect', () => void this.failOver());
  }

  /** tries `nextUrl()` until a node takes the board (for a minute) */
  private async failOver(): Promise<void> {
    const deadline = Date.now() + 60_000;
    while (!this.closed && Date.now() < deadline) {
      try {
        return await this.connect();
      } catch (err) {
        this.lastError = err;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  }

  /** waits until the board holds more than `count` subscriptions: it has failed over and subscribed again */
  async subscribedMoreThan(count: number): Promise<BoardSubscription> {
    await waitFor(
      () => this.subscriptions.length > count,
      () => `the board to subscribe on another node (last error: ${String(this.lastError)})`,
      90_000,
    );
    return this.subscriptions.at(-1)!;
  }

  close(): void {
    this.closed = true;
    this.socket?.close();
  }
}
