import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import { authenticate, hashOfPresented } from '../app/auth.js';
import { monotonicMs, type AppContext } from '../app/context.js';
import { limitsOf } from '../security/limits.js';
import { answerInFlight, overBuffer, ReplayBudget, SNAPSHOT_COST, unsent } from './socket-budget.js';
import { buildSnapshot } from '../app/snapshot.js';
import type { ClientToServerEvents, HallEvent, ServerToClientEvents, SocketData, SubscribeAck, SubscribeRequest } from '../contract/events.js';
import type { SnapshotDto } from '../contract/dto.js';
import type { ErrorCode } from '../contract/error-codes.js';
import type { Principal } from '../contract/principal.js';
import { roomOf, roomsFor, visibleTo, type HallLayout } from './rooms.js';

/** what a subscribe sends before the live events: the log's events after its seq (read up to `readTo`), or a snapshot */
type CatchUp = { missed: HallEvent[]; readTo: number; exhausted: boolean } | { snapshot: SnapshotDto };
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
      (typeof token === 'string' ? this.principalOf(token) : Promise.resolve(null)).then((principal) => {
        if (!principal) return next(new Error('UNAUTHORIZED'));
        socket.data.principal = principal;
        socket.data.tokenHash = hashOfPresented(token as string);
        next();
      }, next);
    });
    this.io.on('connection', (socket) => this.onConnection(socket));
    this.unsubscribe = ctx.bus.subscribe((event) => {
      if (event.type === 'config.changed') this.layouts.delete(event.hallId);
      this.deliver(event);
    });
    const unwatchEnded = ctx.sessions?.onEnded((hashes) => this.disconnectTokens(hashes));
    const unwatchHeld = ctx.sessions?.holding((kind) => this.tokenHashes(kind));
    this.unwatchSessions = () => {
      unwatchEnded?.();
      unwatchHeld?.();
    };
  }

  /** how many times the open tokens were asked for (a check of which still open anything began) */
  private tokenChecks = 0;

  /**
   * The token's principal. Read again when a check of the open tokens began during the read: that
   * check did not see this socket, and the read may be from before the change it was checking for.
   */
  private async principalOf(token: string): Promise<Principal | null> {
    for (let tries = 0; ; tries++) {
      const checks = this.tokenChecks;
      const principal = await authenticate(this.ctx, token);
      if (!principal || checks === this.tokenChecks || tries === 3) return principal;
    }
  }

  /** sockets whose subscribe is being answered */
  private readonly subscribing = new WeakSet<HallSocket>();

  /** tail of the events waiting for a hall's layout to be read: later events queue behind them */
  private delivering: Promise<void> | undefined;

  /**
   * Sends a committed event to its rooms, in publication (seq) order: at once when its hall's
   * layout is known and nothing waits before it, else behind the ones that wait.
   */
  private deliver(event: HallEvent): void {
    const known = this.layouts.get(event.hallId);
    if (known && !this.delivering) {
      this.send(event, known);
      return;
    }
    const tail = (this.delivering ?? Promise.resolve())
      .then(async () => this.send(event, await this.layout(event.hallId)))
      .catch((err: unknown) => this.ctx.log.error({ err, seq: event.seq }, 'event not sent to its sockets'))
      .finally(() => {
        if (this.delivering === tail) this.delivering = undefined;
      });
    this.delivering = tail;
  }

  /** An event no socket of this node listens for is not encoded at all (a hall with no screen on this node, a quiet evening). */
  private send(event: HallEvent, layout: HallLayout): void {
    const rooms = roomsFor(event, layout);
    const joined = this.io.sockets.adapter.rooms;
    if (!rooms.some((room) => (joined.get(room)?.size ?? 0) > 0)) return;
    this.io.to(rooms).emit('event', event);
    this.scheduleReaderCheck();
  }

  private async layout(hallId: string): Promise<HallLayout> {
    let layout = this.layouts.get(hallId);
    if (!layout) {
      const windows = await this.ctx.store.halls.windows(hallId);
      layout = {
        zoneIds: (await this.ctx.store.halls.zones(hallId)).map((z) => z.id),
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
      // one subscribe at a time per socket: the next is refused until this one's answer has gone out
      if (this.subscribing.has(socket) || answerInFlight(socket)) {
        return answer({ ok: false, error: { code: 'SUBSCRIBE_IN_FLIGHT', message: 'the answer to the previous subscribe is still being sent' } });
      }
      this.subscribing.add(socket);
      this.subscribe(socket, budget, raw, answer)
        .catch((err: unknown) => {
          this.ctx.log.error({ err }, 'subscribe failed');
          answer({ ok: false, error: { code: 'INTERNAL', message: 'subscribe failed' } });
        })
        .finally(() => this.subscribing.delete(socket));
    });
  }

  private async subscribe(socket: HallSocket, budget: ReplayBudget, raw: unknown, answer: (a: SubscribeAck) => void): Promise<void> {
    const limits = limitsOf(this.ctx);
    const sub = parseSubscribe(raw);
    if (typeof sub === 'string') return answer({ ok: false, error: { code: 'VALIDATION', message: sub } });
    const refusal = await this.refusal(socket.data.principal, sub);
    if (refusal) return answer({ ok: false, error: refusal });
    if (!budget.trySpend(await this.replayCost(sub), monotonicMs(this.ctx.clock))) {
      return answer({
        ok: false,
        error: {
          code: 'RATE_LIMITED',
          message: `more than ${limits.replayEventsPerSocket} events replayed to this connection in ${limits.replayWindowSeconds} s`,
        },
      });
    }
    for (const room of socket.rooms) if (room !== socket.id) void socket.leave(room);
    let read = await this.catchUp(sub);
    while (!this.readToPublished(sub, read)) read = await this.readOn(sub, read);
    const catchUp = this.endAtPublished(sub, read);
    // Joining and sending what was read run in one synchronous turn, right after the last read and
    // the cut at the bus's last published seq: no event is published between them and the join,
    // and the client sees every seq exactly once, in order.
    void socket.join(roomOf(sub));
    if ('snapshot' in catchUp) socket.emit('snapshot', catchUp.snapshot);
    else for (const e of catchUp.missed) socket.emit('event', e);
    answer('snapshot' in catchUp ? { ok: true, snapshot: true } : { ok: true, replayed: catchUp.missed.length });
    this.dropIfNotReading(socket);
  }

  /*
   * The bus publishes a commit's events a moment after other requests can read them: on
   * PostgreSQL once the node's event feed has read them from the log, on SQLite once the disk has
   * the commit (EventBus.hold). A replay read from the log may hold events the bus has not
   * published yet (they would then come twice) or, on PostgreSQL, miss ones it published while
   * the replay was read (never sent). So the replay is read on up to the bus's last seq of the
   * hall and cut there, the check and the join in one synchronous step: the live events then
   * start right after it.
   */
  private publishedSeq(hallId: string): number | undefined {
    return this.ctx.publishedSeq ? this.ctx.publishedSeq(hallId) : this.ctx.bus.publishedSeq(hallId);
  }

  private readToPublished(sub: SubscribeRequest, read: CatchUp): boolean {
    if ('snapshot' in read) return true;
    const published = this.publishedSeq(sub.hallId);
    return published === undefined || read.readTo >= published || read.exhausted;
  }

  private async readOn(sub: SubscribeRequest, read: CatchUp): Promise<CatchUp> {
    if ('snapshot' in read) return read;
    const more = await this.ctx.store.events.since(sub.hallId, read.readTo, MAX_REPLAY);
    const layout = await this.layout(sub.hallId);
    return {
      missed: [...read.missed, ...more.filter((e) => visibleTo(e, sub, layout))],
      readTo: more.at(-1)?.seq ?? read.readTo,
      exhausted: more.length === 0,
    };
  }

  private endAtPublished(sub: SubscribeRequest, read: CatchUp): { missed: HallEvent[] } | { snapshot: SnapshotDto } {
    if ('snapshot' in read) return read;
    const published = this.publishedSeq(sub.hallId);
    return { missed: published === undefined ? read.missed : read.missed.filter((e) => e.seq <= published) };
  }

  /** What a subscribe will send, in events: the replay's length, or a snapshot's flat cost. */
  private async replayCost(sub: SubscribeRequest): Promise<number> {
    if (sub.sinceSeq === undefined) return SNAPSHOT_COST;
    const behind = (await this.ctx.store.events.lastSeq(sub.hallId)) - sub.sinceSeq;
    return behind >= 0 && behind <= MAX_REPLAY ? Math.max(1, behind) : SNAPSHOT_COST;
  }

  private dropIfNotReading(socket: HallSocket): void {
    if (!overBuffer(socket, limitsOf(this.ctx).socketBufferBytes)) return;
    this.ctx.log.warn({ principalId: socket.data.principal.id, ...unsent(socket) }, 'socket dropped: it does not read what it is sent');
    socket.disconnect(true);
  }

  private async refusal(p: Principal, sub: SubscribeRequest): Promise<{ code: ErrorCode; message: string } | null> {
    const hall = await this.ctx.store.halls.hall(sub.hallId);
    if (!hall) return { code: 'NOT_FOUND', message: `hall ${sub.hallId} does not exist` };
    const inHall = p.type === 'user' ? p.role === 'admin' || p.hallId === sub.hallId : p.hallId === sub.hallId;
    if (!inHall) return { code: 'FORBIDDEN', message: 'not allowed in this hall' };
    if (sub.windowId && (await this.ctx.store.halls.window(sub.windowId))?.hallId !== sub.hallId) {
      return { code: 'NOT_FOUND', message: `window ${sub.windowId} is not in hall ${sub.hallId}` };
    }
    if (sub.zoneId && (await this.ctx.store.halls.zone(sub.zoneId))?.hallId !== sub.hallId) {
      return { code: 'NOT_FOUND', message: `zone ${sub.zoneId} is not in hall ${sub.hallId}` };
    }
    return null;
  }

  /** what a subscriber missed since its seq, or a snapshot when that is too far back */
  private async catchUp(sub: SubscribeRequest): Promise<CatchUp> {
    const { events } = this.ctx.store;
    if (sub.sinceSeq !== undefined) {
      const last = await events.lastSeq(sub.hallId);
      const first = await events.firstSeq(sub.hallId);
      const complete = sub.sinceSeq <= last && (first === null || sub.sinceSeq >= first - 1) && last - sub.sinceSeq <= MAX_REPLAY;
      if (complete) {
        const layout = await this.layout(sub.hallId);
        const read = await events.since(sub.hallId, sub.sinceSeq, MAX_REPLAY);
        return { missed: read.filter((e) => visibleTo(e, sub, layout)), readTo: read.at(-1)?.seq ?? sub.sinceSeq, exhausted: false };
      }
    }
    return { snapshot: await buildSnapshot(this.ctx, sub.hallId) };
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

  /** Drops sockets opened with tokens that ended: staff sessions (logout, expiry, password change), devices' tokens revoked on another node. */
  disconnectTokens(tokenHashes: readonly string[]): void {
    const ended = new Set(tokenHashes);
    for (const socket of this.io.sockets.sockets.values()) {
      if (socket.data.tokenHash && ended.has(socket.data.tokenHash)) socket.disconnect(true);
    }
  }

  /** the hashes of the tokens this node's sockets of `kind` were opened with */
  private tokenHashes(kind: Principal['type']): string[] {
    this.tokenChecks++;
    const hashes: string[] = [];
    for (const socket of this.io.sockets.sockets.values()) {
      if (socket.data.principal?.type === kind && socket.data.tokenHash) hashes.push(socket.data.tokenHash);
    }
    return hashes;
  }

  async close(): Promise<void> {
    this.unsubscribe();
    this.unwatchSessions();
    clearTimeout(this.readerCheck);
    await new Promise<void>((resolve) => void this.io.close(() => resolve()));
  }
}
