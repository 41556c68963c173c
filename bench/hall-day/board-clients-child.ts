import { serveParent } from '../lib/child-side.js';
import { BoardClients } from './observers.js';

/** The hall-day's boards and kiosks on socket.io as their own process (observers.ts BoardClientsProcess). */
const boards = new BoardClients();

serveParent(
  Promise.resolve({ pid: process.pid }),
  {
    connect: (order: { url: string; token: string; subscriptions: Record<string, unknown>[] }) => boards.connect(order.url, order.token, order.subscriptions),
    received: () => boards.received.map((seen) => [...seen]),
  },
  async () => boards.close(),
);
