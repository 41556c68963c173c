import { Agent, request as httpRequest } from 'node:http';
import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import { serveParent } from '../lib/child-side.js';

/**
 * Many subscribed socket.io clients in one process, apart from the server they measure. A round
 * sends one HTTP request (the trigger) and times, on this process's own clock, from just before
 * the request leaves to the moment each client's `event` handler sees the awaited event type:
 * one clock, so no cross-process skew.
 */
export interface TriggerRequest {
  method: string;
  path: string;
  token?: string;
  body?: unknown;
}

export interface ConnectOrder {
  url: string;
  count: number;
  token: string;
  /** subscribe payloads, given to clients in turn */
  subscriptions: Record<string, unknown>[];
}

export interface RoundOrder {
  request: TriggerRequest;
  event: string;
  timeoutMs?: number;
}

/** ms from trigger to receipt, per client (NaN: not received within the timeout) */
export interface RoundResult {
  latenciesMs: number[];
  missing: number;
  status: number;
}

let url = '';
const sockets: Socket[] = [];
let armed: { event: string; receive(client: number): void } | undefined;
const agent = new Agent({ keepAlive: true, maxSockets: 1 });

function connectOne(order: ConnectOrder, i: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = io(order.url, { auth: { token: order.token }, transports: ['websocket'], reconnection: false, timeout: 20_000 });
    sockets.push(socket);
    socket.on('event', (e: { type?: string }) => {
      if (armed && e.type === armed.event) armed.receive(i);
    });
    socket.once('connect_error', (err) => reject(err));
    socket.once('connect', () => {
      socket.emit('subscribe', order.subscriptions[i % order.subscriptions.length], (ack: { ok: boolean; error?: unknown }) => {
        if (ack.ok) resolve();
        else reject(new Error(`subscribe refused: ${JSON.stringify(ack.error)}`));
      });
    });
  });
}

async function connectAll(order: ConnectOrder): Promise<{ connected: number }> {
  url = order.url;
  // In batches: a thousand handshakes at once would only measure the accept queue.
  for (let start = 0; start < order.count; start += 50) {
    const batch = Array.from({ length: Math.min(50, order.count - start) }, (_, k) => connectOne(order, start + k));
    await Promise.all(batch);
  }
  return { connected: sockets.length };
}

function send(req: TriggerRequest): Promise<number> {
  const body = req.body === undefined ? undefined : JSON.stringify(req.body);
  const headers: Record<string, string> = {};
  if (req.token) headers.authorization = `Bearer ${req.token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  return new Promise((resolve, reject) => {
    const r = httpRequest(`${url}${req.path}`, { method: req.method, headers, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    r.on('error', reject);
    r.end(body);
  });
}

/** Sends `req` and resolves when every client has seen `event` (or the timeout passed). */
async function timeArrival(req: TriggerRequest, event: string, timeoutMs: number): Promise<RoundResult> {
  const latenciesMs = new Array<number>(sockets.length).fill(Number.NaN);
  let waiting = sockets.length;
  let done!: () => void;
  const allIn = new Promise<void>((resolve) => {
    done = resolve;
  });
  const t0 = performance.now();
  armed = {
    event,
    receive(client) {
      if (!Number.isNaN(latenciesMs[client]!)) return;
      latenciesMs[client] = performance.now() - t0;
      if (--waiting === 0) done();
    },
  };
  const status = await send(req);
  if (status < 200 || status >= 300) throw new Error(`${req.method} ${req.path} answered ${status}`);
  const timer = setTimeout(done, timeoutMs);
  await allIn;
  clearTimeout(timer);
  armed = undefined;
  return { latenciesMs, missing: waiting, status };
}

serveParent(
  Promise.resolve({ pid: process.pid }),
  {
    connect: (order: ConnectOrder) => connectAll(order),
    round: (order: RoundOrder) => timeArrival(order.request, order.event, order.timeoutMs ?? 10_000),
  },
  async () => {
    for (const s of sockets) s.close();
    agent.destroy();
  },
);
