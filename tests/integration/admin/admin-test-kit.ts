import type { Socket } from 'socket.io-client';
import type { ClientToServerEvents, HallEvent, ServerToClientEvents, SubscribeAck } from '../../../server/contract/events.js';
import type { TestApp } from '../../helpers/test-app.js';
import { DEADLINE_MS } from '../../helpers/wait-for.js';

type HallSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A socket subscribed to a hall that keeps every event it receives. */
export async function listen(
  app: TestApp,
  token: string,
  hallId = 'main',
): Promise<{ socket: HallSocket; events: HallEvent[]; next(type: string, timeoutMs?: number): Promise<HallEvent> }> {
  const socket = app.socket(token);
  const events: HallEvent[] = [];
  const waiters: { type: string; resolve(e: HallEvent): void }[] = [];
  socket.on('event', (e) => {
    events.push(e);
    for (const w of waiters.filter((x) => x.type === e.type)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(e);
    }
  });
  const ack = await new Promise<SubscribeAck>((resolve) => socket.emit('subscribe', { hallId }, resolve));
  if (!ack.ok) throw new Error(`subscribe failed: ${JSON.stringify(ack)}`);
  return {
    socket,
    events,
    next(type, timeoutMs = DEADLINE_MS) {
      const seen = events.find((e) => e.type === type);
      if (seen) {
        events.splice(events.indexOf(seen), 1);
        return Promise.resolve(seen);
      }
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${type} event within ${timeoutMs} ms`)), timeoutMs);
        waiters.push({
          type,
          resolve: (e) => {
            clearTimeout(timer);
            events.splice(events.indexOf(e), 1);
            resolve(e);
          },
        });
      });
    },
  };
}

export function disconnected(socket: HallSocket, timeoutMs = DEADLINE_MS): Promise<string> {
  if (!socket.connected && !socket.active) return Promise.resolve('already');
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('socket not disconnected')), timeoutMs);
    socket.once('disconnect', (reason) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });
}

export async function auditOf(
  app: TestApp,
  token: string,
  entity: string,
): Promise<{ action: string; entityId: string; actorId: string; before: any; after: any; at: string }[]> {
  const res = await app.http('GET', `/api/admin/audit?entity=${entity}`, { token });
  if (res.status !== 200) throw new Error(`audit: ${res.status} ${res.text}`);
  return res.body;
}
