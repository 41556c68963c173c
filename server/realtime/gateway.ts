import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import { authenticate } from '../app/auth.js';
import { monotonicMs, type AppContext } from '../app/context.js';
import { hashToken } from '../app/secrets.js';
import { limitsOf } from '../security/limits.js';
import { answerInFlight, overBuffer, ReplayBudget, SNAPSHOT_COST, unsent } from './socket-budget.js';
import { buildSnapshot } from '../app/snapshot.js';
import type { ClientToServerEvents, ServerToClientEvents, SocketData, SubscribeAck, SubscribeRequest } from '../contract/events.js';
import type { ErrorCode } from '../contract/error-codes.js';
import type { Principal } from '../contract/principal.js';
import { roomOf, roomsFor, visibleTo, type HallLayout } from './rooms.js';

/** At most this many missed events are replayed; further behind, a snapshot is cheaper. */
const MAX_REPLAY = 1000;

type HallSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

function parseSubscribe(raw: unknown): SubscribeRequest | string {
  if (typeof raw !== 'object' || raw === null) return 'subscribe payload must be an object';
  const r = raw as Record<string, unknown>;
  const id = (v: unknown) => typeof v === 'string' && v.length > 0 && v.length <= 64;
  if (!id(r.hallId)) return 'hallId must be a non-empty string';
  if (r.zoneId !== undefined && !id(r.zoneId)) return 'zoneId must be a non-empty string';
  if (r.windowId !== undefined && !id(r.windowId)) return 'windowId must be a non-empty string';
  if (r.sinceSeq !== undefined && (typeof r.sinceSeq !== 'number' || !Number.isInteger(r.sinceSeq) || r.sinceSeq < 0))
    return 'sinceSeq must be a non-negative integer';
  return {
    hallId: r.hallId as string,
    ...(r.zoneId !== undefined ? { zoneId: r.zoneId as string } : {}),
    ...(r.windowId !== undefined ? { windowId: r.windowId as string } : {}),
    ...(r.sinceSeq !== undefined ? { sinceSeq: r.sinceSeq as number } : {}),
  };
}

/**
 * The realtime side only translates: committed events → rooms. Clients are read-only here;
 * commands go through the HTTP use-cases.
 */
export class RealtimeGateway {
  readonly io: Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
  private readonly layouts = new Map<string, HallLayout>();
  private readonly unsubscribe: () => void;
  private readonly unwatchSessions: () => void;

  constructor(
    private readonly ctx: AppContext,
    httpServer: HttpServer,
  ) {
    this.io = new Server(httpServer, { cors: { origin: false }, serveClient: false, pingInterval: 10_000, pingTimeout: 8_000 });
    this.io.use((socket, next) => {
      const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
      const principal = typeof token === 'string' ? authenticate(ctx, token) : null;
      if (!principal) return next(new Error('UNAUTHORIZED'));
      socket.data.principal = principal;
      if (principal.type === 'user') socket.data.sessionHash = hashToken(token as string);
      next();
    });
    this.io.on('connection', (socket) => this.onConnection(socket));
    this.unsubscribe = ctx.bus.subscribe((event) => {
      if (event.type === 'config.changed') this.layouts.delete(event.hallId);
      this.io.to(roomsFor(event, this.layout(event.hallId))).emit('event', event);
      this.scheduleReaderCheck();
    });
    this.unwatchSessions = ctx.sessions?.onEnded((hashes) => this.disconnectSessions(hashes)) ?? (() => {});
  }

  private layout(hallId: string): HallLayout {
    let layout = this.layouts.get(hallId);
    if (!layout) {
      const windows = this.ctx.store.halls.windows(hallId);
      layout = {
        zoneIds: this.ctx.store.halls.zones(hallId).map((z) => z.id),
        windowIds: windows.map((w) => w.id),
        zoneOfWindow: new Map(windows.map((w) => [w.id, w.zoneId])),
      };
      this.layouts.set(hallId, layout);
    }
    return layout;
  }

  private onConnection(socket: HallSocket): void {
    const limits = limitsOf(this.ctx);
    const budget = new ReplayBudget(limits.replayEventsPerSocket, limits.replayWindowSeconds * 1000);
    socket.on('subscribe', (raw, ack) => {
      const answer = (a: SubscribeAck) => {
        if (typeof ack === 'function') ack(a);
      };
      if (answerInFlight(socket)) {
        return answer({ ok: false, error: { code: 'SUBSCRIBE_IN_FLIGHT', message: 'the answer to the previous subscribe is still being sent' } });
      }
      const sub = parseSubscribe(raw);
      if (typeof sub === 'string') return answer({ ok: false, error: { code: 'VALIDATION', message: sub } });
      const refusal = this.refusal(socket.data.principal, sub);
      if (refusal) return answer({ ok: false, error: refusal });
      if (!budget.trySpend(this.replayCost(sub), monotonicMs(this.ctx.clock))) {
        return answer({
          ok: false,
          error: {
            code: 'RATE_LIMITED',
            message: `more than ${limits.replayEventsPerSocket} events replayed to this connection in ${limits.replayWindowSeconds} s`,
          },
        });
      }
      for (const room of socket.rooms) if (room !== socket.id) socket.leave(room);
      // Joining and replaying run in one synchronous turn: no event can be published between
      // the replay query and the join, so the client sees every seq exactly once, in order.
      socket.join(roomOf(sub));
      answer(this.catchUp(socket, sub));
      this.dropIfNotReading(socket);
    });
  }

  /** What a subscribe will send, in events: the replay's length, or a snapshot's flat cost. */
  private replayCost(sub: SubscribeRequest): number {
    if (sub.sinceSeq === undefined) return SNAPSHOT_COST;
    const behind = this.ctx.store.events.lastSeq() - sub.sinceSeq;
    return behind >= 0 && behind <= MAX_REPLAY ? Math.max(1, behind) : SNAPSHOT_COST;
  }

  private dropIfNotReading(socket: HallSocket): void {
    if (!overBuffer(socket, limitsOf(this.ctx).socketBufferBytes)) return;
    this.ctx.log.warn({ principalId: socket.data.principal.id, ...unsent(socket) }, 'socket dropped: it does not read what it is sent');
    socket.disconnect(true);
  }

  private refusal(p: Principal, sub: SubscribeRequest): { code: ErrorCode; message: string } | null {
    const hall = this.ctx.store.halls.hall(sub.hallId);
    if (!hall) return { code: 'NOT_FOUND', message: `hall ${sub.hallId} does not exist` };
    const inHall = p.type === 'user' ? p.role === 'admin' || p.hallId === sub.hallId : p.hallId === sub.hallId;
    if (!inHall) return { code: 'FORBIDDEN', message: 'not allowed in this hall' };
    if (sub.windowId && this.ctx.store.halls.window(sub.windowId)?.hallId !== sub.hallId) {
      return { code: 'NOT_FOUND', message: `window ${sub.windowId} is not in hall ${sub.hallId}` };
    }
    if (sub.zoneId && this.ctx.store.halls.zone(sub.zoneId)?.hallId !== sub.hallId) {
      return { code: 'NOT_FOUND', message: `zone ${sub.zoneId} is not in hall ${sub.hallId}` };
    }
    return null;
  }

  private catchUp(socket: HallSocket, sub: SubscribeRequest): SubscribeAck {
    const { events } = this.ctx.store;
    if (sub.sinceSeq !== undefined) {
      const last = events.lastSeq();
      const first = events.firstSeq(sub.hallId);
      const complete = sub.sinceSeq <= last && (first === null || sub.sinceSeq >= first - 1) && last - sub.sinceSeq <= MAX_REPLAY;
      if (complete) {
        const missed = events.since(sub.hallId, sub.sinceSeq, MAX_REPLAY).filter((e) => visibleTo(e, sub, this.layout(sub.hallId)));
        for (const e of missed) socket.emit('event', e);
        return { ok: true, replayed: missed.length };
      }
    }
    socket.emit('snapshot', buildSnapshot(this.ctx, sub.hallId));
    return { ok: true, snapshot: true };
  }

  private readerCheck: NodeJS.Timeout | undefined;

  /** After a burst of events (one check per burst, not per event), clients that stopped reading are dropped. */
  private scheduleReaderCheck(): void {
    this.readerCheck ??= setTimeout(() => {
      this.readerCheck = undefined;
      for (const socket of this.io.sockets.sockets.values()) this.dropIfNotReading(socket);
    }, 50);
  }

  /** Drops sockets of a device or user whose token was revoked. */
  disconnectPrincipal(id: string): void {
    for (const socket of this.io.sockets.sockets.values()) {
      if (socket.data.principal?.id === id) socket.disconnect(true);
    }
  }

  /** Drops sockets opened with staff sessions that ended (logout, expiry, password change). */
  disconnectSessions(tokenHashes: readonly string[]): void {
    const ended = new Set(tokenHashes);
    for (const socket of this.io.sockets.sockets.values()) {
      if (socket.data.sessionHash && ended.has(socket.data.sessionHash)) socket.disconnect(true);
    }
  }

  async close(): Promise<void> {
    this.unsubscribe();
    this.unwatchSessions();
    clearTimeout(this.readerCheck);
    await new Promise<void>((resolve) => this.io.close(() => resolve()));
  }
}
