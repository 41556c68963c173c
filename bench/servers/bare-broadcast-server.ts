import { createServer } from 'node:http';
import { Server } from 'socket.io';
import { processFigures, serveParent } from '../lib/child-side.js';

/**
 * The baseline for call fan-out: plain node:http + socket.io. `POST /broadcast` emits one
 * `event` shaped like a `ticket.called` to every socket, then answers; `subscribe` is acked and
 * nothing else. Same trigger (an HTTP request) and same payload size as the real server.
 */
let seq = 0;
const http = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    if (req.method !== 'POST' || req.url !== '/broadcast') {
      res.writeHead(404).end();
      return;
    }
    seq += 1;
    const at = new Date().toISOString();
    io.emit('event', {
      seq,
      type: 'ticket.called',
      at,
      hallId: 'main',
      zoneId: 'f1',
      windowId: 'w1',
      data: {
        ticketId: '3f1c2b7e-0d5a-4c1e-9b8f-6a2d4e5f7a90',
        number: `A${String(seq % 1000).padStart(3, '0')}`,
        serviceId: 'tax-reg',
        priority: 'normal',
        windowId: 'w1',
        windowNumber: 1,
        zoneId: 'f1',
        recall: false,
        issuedAt: at,
        staffId: 'wangfang',
      },
    });
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
});
const io = new Server(http, { serveClient: false, pingInterval: 10_000, pingTimeout: 8_000 });
io.on('connection', (socket) => {
  socket.on('subscribe', (_payload: unknown, ack: unknown) => {
    if (typeof ack === 'function') ack({ ok: true });
  });
});

const starting = new Promise<Record<string, unknown>>((resolve) => {
  http.listen(0, '127.0.0.1', () => {
    const address = http.address();
    resolve({ port: typeof address === 'object' && address ? address.port : 0, ...processFigures() });
  });
});

let closing: Promise<void> | undefined;
serveParent(starting, { stats: () => ({ ...processFigures(), sockets: io.engine.clientsCount }) }, () => {
  closing ??= new Promise<void>((resolve) => io.close(() => resolve()));
  return closing;
});
