import { io, type Socket } from 'socket.io-client';
import type { SnapshotDto } from '../server/contract/dto.js';
import type { ClientToServerEvents, HallEvent, ServerToClientEvents, SubscribeAck, SubscribeRequest } from '../server/contract/events.js';

const RETRY_SUBSCRIBE_MS = 3000;

export interface LiveHallOptions {
  token: string;
  hallId: string;
  zoneId?: string;
  windowId?: string;
  onSnapshot(snapshot: SnapshotDto): void;
  onEvent(event: HallEvent): void;
  onConnection?(online: boolean): void;
  onError?(error: { code: string; message: string }): void;
}

/**
 * A live subscription to a hall that never misses an event: it remembers the last seq it saw
 * and, on every (re)connect, subscribes with sinceSeq; the server replays what was missed or
 * sends a fresh snapshot. Events at or below the last seq are dropped (duplicates after replay).
 * socket.io reconnects by itself with back-off, so a board needs no manual refresh after a
 * network cut or a server restart.
 */
export class LiveHall {
  private readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  private lastSeq: number | null = null;

  constructor(private readonly opts: LiveHallOptions) {
    this.socket = io({ auth: { token: opts.token }, transports: ['websocket'], reconnectionDelayMax: 5000 });
    this.socket.on('connect', () => {
      opts.onConnection?.(true);
      this.subscribe();
    });
    this.socket.on('disconnect', () => opts.onConnection?.(false));
    this.socket.on('connect_error', (err) => {
      opts.onConnection?.(false);
      if (err.message === 'UNAUTHORIZED') opts.onError?.({ code: 'UNAUTHORIZED', message: '设备令牌无效 (invalid device token)' });
    });
    this.socket.on('snapshot', (snapshot) => {
      this.lastSeq = snapshot.seq;
      opts.onSnapshot(snapshot);
    });
    this.socket.on('event', (event) => {
      if (this.lastSeq !== null && event.seq <= this.lastSeq) return;
      this.lastSeq = event.seq;
      opts.onEvent(event);
    });
  }

  private subscribe(): void {
    const request: SubscribeRequest = {
      hallId: this.opts.hallId,
      ...(this.opts.zoneId ? { zoneId: this.opts.zoneId } : {}),
      ...(this.opts.windowId ? { windowId: this.opts.windowId } : {}),
      ...(this.lastSeq !== null ? { sinceSeq: this.lastSeq } : {}),
    };
    this.socket.emit('subscribe', request, (ack: SubscribeAck) => {
      if (ack.ok) return;
      // the server is still sending the last answer, or this connection asked for too much: ask again later
      if (ack.error.code === 'SUBSCRIBE_IN_FLIGHT' || ack.error.code === 'RATE_LIMITED')
        setTimeout(() => {
          if (this.socket.connected) this.subscribe();
        }, RETRY_SUBSCRIBE_MS);
      else this.opts.onError?.(ack.error);
    });
  }

  /** Ask for a fresh snapshot (e.g. after a config change). */
  resync(): void {
    this.lastSeq = null;
    if (this.socket.connected) this.subscribe();
  }

  get seq(): number | null {
    return this.lastSeq;
  }

  close(): void {
    this.socket.close();
  }
}
