import type { FastifyInstance } from 'fastify';
import type { ServerResponse } from 'node:http';
import type { AppContext } from '../app/context.js';
import { ticketStatus } from '../app/snapshot.js';
import type { HallEvent } from '../contract/events.js';
import { DomainError } from '../domain/errors.js';
import { IdParam } from '../http/schemas.js';
import { limitsOf } from '../security/limits.js';

/**
 * Whether an event can change what a ticket's stream shows: its own changes, its service's queue
 * moving (place, service times) and windows opening or closing (the estimate). Another service's
 * events cost its phones nothing; nor do, in its own service, a plain ticket issued now (it
 * stands behind everyone already queued), a called visitor reaching the window or marked absent
 * (they left the queue when called; a restore is an event of its own) and a reprint — at a peak,
 * most of the events.
 */
function movesTicket(e: HallEvent, ticketId: string, serviceId: string): boolean {
  if (e.type === 'window.status') return true;
  if (e.type === 'evaluation.created') return e.data.ticketId === ticketId;
  if (!e.type.startsWith('ticket.')) return false;
  const data = e.data as { ticketId: string; serviceId: string; fromServiceId?: string; toServiceId?: string };
  if (data.ticketId === ticketId) return true;
  if (e.type === 'ticket.issued' && e.data.priority === 'normal' && e.data.appointment === false) return false;
  if (e.type === 'ticket.started' || e.type === 'ticket.skipped' || e.type === 'ticket.reprinted') return false;
  return data.serviceId === serviceId || data.fromServiceId === serviceId || data.toServiceId === serviceId;
}

/** Changes that arrive together (finish + call-next) are sent as one update. */
const COALESCE_MS = 100;
const HEARTBEAT_MS = 20_000;

/**
 * The visitor's ticket as a server-sent event stream (`GET /api/tickets/:id/events?token=T`):
 * the phone holds only the ticket's status token, which opens no socket.io subscription, so it
 * gets its own small stream: an `status` event now and after every change of what it shows.
 */
export class TicketLiveStreams {
  private readonly open = new Set<ServerResponse>();
  private readonly perTicket = new Map<string, number>();

  constructor(private readonly ctx: AppContext) {}

  routes = async (app: FastifyInstance): Promise<void> => {
    app.get<{ Params: { id: string }; Querystring: { token?: string } }>(
      '/api/tickets/:id/events',
      {
        schema: {
          tags: ['tickets'],
          summary: "The visitor's ticket status as server-sent events (token from the QR code)",
          params: IdParam('id'),
          querystring: { type: 'object', properties: { token: { type: 'string', minLength: 1, maxLength: 64 } } },
        },
      },
      async (request, reply) => {
        const token = request.query.token;
        if (!token) throw new DomainError('UNAUTHORIZED', 'token is required');
        await ticketStatus(this.ctx, request.params.id, token); // refuses a wrong token before the stream opens
        const { hallId, serviceId } = (await this.ctx.store.tickets.get(request.params.id))!;
        this.assertRoomFor(request.params.id);
        reply.hijack();
        await this.stream(reply.raw, request.raw, request.params.id, token, hallId, serviceId);
      },
    );
  };

  private async stream(res: ServerResponse, req: NodeJS.EventEmitter, ticketId: string, token: string, hallId: string, firstServiceId: string): Promise<void> {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    this.open.add(res);
    this.perTicket.set(ticketId, (this.perTicket.get(ticketId) ?? 0) + 1);
    let last = '';
    let serviceId = firstServiceId; // a transfer moves the ticket to another queue
    let pending: NodeJS.Timeout | undefined;
    const write = (text: string) => {
      if (!res.writableEnded) res.write(text);
    };
    const send = async () => {
      pending = undefined;
      if (res.writableEnded) return;
      try {
        const text = JSON.stringify(await ticketStatus(this.ctx, ticketId, token));
        if (text !== last) write(`event: status\ndata: ${text}\n\n`);
        last = text;
      } catch {
        res.end();
      }
    };
    const unsubscribe = this.ctx.bus.subscribe((e) => {
      if (e.hallId !== hallId || !movesTicket(e, ticketId, serviceId)) return;
      if (e.type === 'ticket.transferred' && e.data.ticketId === ticketId) serviceId = e.data.toServiceId;
      pending ??= setTimeout(() => void send(), COALESCE_MS);
    });
    const heartbeat = setInterval(() => write(': ping\n\n'), HEARTBEAT_MS);
    write('retry: 3000\n\n');
    await send();
    req.once('close', () => {
      unsubscribe();
      clearInterval(heartbeat);
      clearTimeout(pending);
      this.open.delete(res);
      const left = (this.perTicket.get(ticketId) ?? 1) - 1;
      if (left > 0) this.perTicket.set(ticketId, left);
      else this.perTicket.delete(ticketId);
    });
  }

  /** Each stream costs a status query per queue change: 2,000 on one ticket slowed call-next tenfold. */
  private assertRoomFor(ticketId: string): void {
    const limits = limitsOf(this.ctx);
    if ((this.perTicket.get(ticketId) ?? 0) >= limits.streamsPerTicket) {
      throw new DomainError('RATE_LIMITED', `this ticket already has ${limits.streamsPerTicket} live pages open; close one`, { retryAfterSeconds: 30 });
    }
    if (this.open.size >= limits.streamsTotal) {
      throw new DomainError('RATE_LIMITED', 'too many live ticket pages are open; the page falls back to refreshing', { retryAfterSeconds: 30 });
    }
  }

  /** Ends every open stream (on shutdown: an open stream would hold the HTTP server open). */
  closeAll(): void {
    for (const res of this.open) res.end();
    this.open.clear();
  }
}
