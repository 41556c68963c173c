/**
 * The hall link of a device agent on another PC: events over socket.io with an agent token
 * (resubscribing with the last seq seen after every reconnect, so nothing is missed), device
 * input as calls to the HTTP API with the same token.
 */
import type { Logger } from 'pino';
import { io, type Socket } from 'socket.io-client';
import type { SnapshotDto, WindowDto } from '../../server/contract/dto.js';
import type { ClientToServerEvents, HallEvent, ServerToClientEvents } from '../../server/contract/events.js';
import type { HallLink, HallListener, HardwareHealth, WindowDisplay } from '../host/hall-link.js';
import { KEYPAD_PAUSE_REASON } from '../host/keypad-actions.js';
import type { KeypadKey } from '../keypad/protocol.js';

type HallSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export class ApiRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export class AgentLink implements HallLink {
  private socket: HallSocket | undefined;
  private lastSeq: number | undefined;

  constructor(
    private readonly server: string,
    private readonly token: string,
    private readonly log: Logger,
  ) {}

  subscribe(hallId: string, listener: HallListener): () => void {
    const socket: HallSocket = io(this.server, {
      auth: { token: this.token },
      transports: ['websocket'],
      reconnectionDelay: 500,
      reconnectionDelayMax: 5000,
    });
    this.socket = socket;
    socket.on('connect', () => {
      const request = { hallId, ...(this.lastSeq !== undefined ? { sinceSeq: this.lastSeq } : {}) };
      socket.emit('subscribe', request, (ack) => {
        if (ack.ok) this.log.info({ sinceSeq: request.sinceSeq ?? null, replayed: ack.replayed ?? 0, snapshot: Boolean(ack.snapshot) }, 'subscribed to hall');
        else this.log.error({ error: ack.error }, 'subscribe refused');
      });
    });
    // A server-side disconnect (restart, token check) is not retried by socket.io itself.
    socket.on('disconnect', (reason) => {
      this.log.warn({ reason }, 'disconnected from server');
      if (reason === 'io server disconnect') setTimeout(() => socket.connect(), 1000);
    });
    socket.on('connect_error', (err) => this.log.warn({ err: err.message }, 'cannot reach server'));
    socket.on('snapshot', (s: SnapshotDto) => {
      this.lastSeq = s.seq;
      listener.snapshot(s);
    });
    socket.on('event', (e: HallEvent) => {
      if (this.lastSeq !== undefined && e.seq <= this.lastSeq) return;
      this.lastSeq = e.seq;
      listener.event(e);
    });
    return () => socket.close();
  }

  async pressKey(windowId: string, k: KeypadKey): Promise<void> {
    const at = `/api/windows/${encodeURIComponent(windowId)}`;
    switch (k.key) {
      case 'NEXT':
        await this.api('POST', `${at}/call-next`);
        break;
      case 'RECALL':
      case 'START':
      case 'FINISH':
      case 'SKIP':
        await this.api('POST', `${at}/${k.key.toLowerCase()}`);
        break;
      case 'PAUSE':
        await this.api('POST', `${at}/pause`, { reason: KEYPAD_PAUSE_REASON });
        break;
      case 'RESUME': {
        const w = await this.api<WindowDto>('GET', at);
        await this.api('POST', `${at}/${w.status === 'closed' ? 'open' : 'resume'}`);
        break;
      }
      case 'TRANSFER':
        await this.api('POST', `${at}/transfer`, { toServiceId: k.serviceId });
        break;
      case 'LOGIN':
        await this.api('POST', `${at}/keypad-sign-in`, { employeeNo: k.employeeNo });
        break;
      case 'LOGOUT':
        await this.api('POST', `${at}/keypad-sign-out`);
        break;
    }
  }

  async windowDisplay(windowId: string): Promise<WindowDisplay> {
    const at = `/api/windows/${encodeURIComponent(windowId)}`;
    const [w, queue] = await Promise.all([this.api<WindowDto>('GET', at), this.api<unknown[]>('GET', `${at}/queue`)]);
    const current = w.current && (w.current.status === 'called' || w.current.status === 'serving') ? w.current.number : '';
    return { current, waiting: queue.length };
  }

  async rate(ticketId: string, level: number): Promise<void> {
    await this.api('POST', `/api/tickets/${encodeURIComponent(ticketId)}/evaluation`, { level });
  }

  async reportHealth(_hallId: string, h: HardwareHealth): Promise<void> {
    await this.api('POST', '/api/device-host/health', {
      id: h.id,
      kind: h.kind,
      status: h.status,
      lastError: h.lastError ?? null,
      ...(h.counters ? { counters: h.counters } : {}),
    });
  }

  now(): Date {
    return new Date();
  }

  private async api<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(this.server + path, {
      method,
      headers: { authorization: `Bearer ${this.token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    const parsed = text ? JSON.parse(text) : undefined;
    if (!res.ok) throw new ApiRefusal(res.status, parsed?.error?.code ?? 'HTTP', parsed?.error?.message ?? `${method} ${path}: ${res.status}`);
    return parsed as T;
  }
}
