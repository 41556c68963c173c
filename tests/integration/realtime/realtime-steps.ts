import type { Socket } from 'socket.io-client';
import type { ClientToServerEvents, HallEvent, ServerToClientEvents, SubscribeAck, SubscribeRequest } from '../../../server/contract/events.js';
import type { SnapshotDto } from '../../../server/contract/dto.js';
import { DEADLINE_MS, waitFor } from '../../helpers/wait-for.js';

export type HallSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A subscriber that records everything it receives. */
export interface Listener {
  socket: HallSocket;
  events: HallEvent[];
  snapshots: SnapshotDto[];
  subscribe(req: SubscribeRequest): Promise<SubscribeAck>;
  /** waits until `n` events have arrived in all */
  waitForEvents(n: number, timeoutMs?: number): Promise<HallEvent[]>;
  lastSeq(): number;
}

export async function listen(socket: HallSocket): Promise<Listener> {
  const events: HallEvent[] = [];
  const snapshots: SnapshotDto[] = [];
  socket.on('event', (e) => events.push(e));
  socket.on('snapshot', (s) => snapshots.push(s));
  if (!socket.connected) {
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', (err) => reject(err));
    });
  }
  return {
    socket,
    events,
    snapshots,
    subscribe: (req) => socket.timeout(DEADLINE_MS).emitWithAck('subscribe', req),
    lastSeq: () => events.at(-1)?.seq ?? snapshots.at(-1)?.seq ?? 0,
    async waitForEvents(n, timeoutMs = DEADLINE_MS) {
      await waitFor(
        () => events.length >= n,
        () => `${n} events (got ${events.length}: ${events.map((e) => e.type).join(', ')})`,
        timeoutMs,
      );
      return events;
    },
  };
}
