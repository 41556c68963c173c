import type { Socket } from 'socket.io';

/** What a snapshot costs against the replay budget, in events: it is bounded, but not free. */
export const SNAPSHOT_COST = 100;
/** A subscribe while this many packets of the last answer are still unsent is refused. */
const IN_FLIGHT_PACKETS = 64;
const IN_FLIGHT_BYTES = 64 * 1024;

interface EngineConn {
  writeBuffer?: unknown[];
  transport?: { socket?: { bufferedAmount?: number } };
}

/** Packets queued in engine.io and bytes queued in the WebSocket, not yet handed to the network. */
export function unsent(socket: Socket): { packets: number; bytes: number } {
  const conn = socket.conn as unknown as EngineConn;
  return { packets: conn.writeBuffer?.length ?? 0, bytes: conn.transport?.socket?.bufferedAmount ?? 0 };
}

/** The previous answer has not gone out yet: the client asked again before reading it. */
export function answerInFlight(socket: Socket): boolean {
  const { packets, bytes } = unsent(socket);
  return packets >= IN_FLIGHT_PACKETS || bytes >= IN_FLIGHT_BYTES;
}

/** A client that does not read lets its queue grow in server memory: past the limit it is dropped. */
export function overBuffer(socket: Socket, limitBytes: number): boolean {
  const { packets, bytes } = unsent(socket);
  // a queued event is a few hundred bytes; a snapshot a few KB
  return bytes + packets * 512 > limitBytes;
}

/** Events replayed to one socket over a sliding window (monotonic milliseconds). */
export class ReplayBudget {
  private readonly spent: { at: number; n: number }[] = [];

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** spends n if the budget allows it */
  trySpend(n: number, nowMs: number): boolean {
    while (this.spent.length && nowMs - this.spent[0]!.at >= this.windowMs) this.spent.shift();
    const used = this.spent.reduce((sum, s) => sum + s.n, 0);
    if (used + n > this.limit) return false;
    this.spent.push({ at: nowMs, n });
    return true;
  }
}
