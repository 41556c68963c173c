/** What the boards need to know about a hall, kept up to date from its snapshot and events. */
import type { SnapshotDto, WindowStatus } from '../../server/contract/dto.js';
import type { HallEvent } from '../../server/contract/events.js';
import { pushCall, type BoardCall } from '../led/protocol.js';

export interface WindowView {
  id: string;
  number: number;
  zoneId: string;
  status: WindowStatus;
  reason: string | null;
  current: string | null;
}

export interface ZoneCall extends BoardCall {
  zoneId: string;
}

/** what an event changed, so the host touches only those devices */
export interface Change {
  windowIds: string[];
  /** a call was added to the hall boards */
  calls: boolean;
  /** the queue changed: keypads' waiting counts may have moved */
  queue: boolean;
}

const KEEP_CALLS = 16;

export class HallState {
  readonly windows = new Map<string, WindowView>();
  calls: ZoneCall[] = [];

  applySnapshot(s: SnapshotDto): void {
    this.windows.clear();
    for (const w of s.windows) {
      this.windows.set(w.id, {
        id: w.id,
        number: w.number,
        zoneId: w.zoneId,
        status: w.status,
        reason: w.reason ?? null,
        current: w.current && (w.current.status === 'called' || w.current.status === 'serving') ? w.current.number : null,
      });
    }
    const zoneOf = new Map(s.windows.map((w) => [w.id, w.zoneId]));
    this.calls = s.recentCalls.map((c) => ({ number: c.number, windowNumber: c.windowNumber, zoneId: zoneOf.get(c.windowId) ?? '' }));
  }

  /** the calls a board of a zone shows (a board with no zone shows the whole hall) */
  callsFor(zoneId: string | undefined): BoardCall[] {
    return zoneId ? this.calls.filter((c) => c.zoneId === zoneId) : this.calls;
  }

  apply(e: HallEvent): Change {
    const none: Change = { windowIds: [], calls: false, queue: false };
    switch (e.type) {
      case 'ticket.called': {
        const w = this.windows.get(e.data.windowId);
        if (w) w.current = e.data.number;
        const call = { number: e.data.number, windowNumber: e.data.windowNumber, zoneId: e.data.zoneId ?? w?.zoneId ?? '' };
        this.calls = pushCall(this.calls, call, KEEP_CALLS) as ZoneCall[];
        return { windowIds: [e.data.windowId], calls: true, queue: true };
      }
      case 'ticket.finished':
      case 'ticket.skipped':
      case 'ticket.transferred': {
        const w = e.data.windowId ? this.windows.get(e.data.windowId) : undefined;
        if (w && w.current === e.data.number) w.current = null;
        return { windowIds: w ? [w.id] : [], calls: false, queue: true };
      }
      case 'window.status': {
        const w = this.windows.get(e.data.windowId);
        if (!w) return none;
        w.status = e.data.status;
        w.reason = e.data.reason ?? null;
        return { windowIds: [w.id], calls: false, queue: false };
      }
      case 'ticket.issued':
      case 'ticket.cancelled':
      case 'ticket.restored':
        return { ...none, queue: true };
      default:
        return none;
    }
  }
}
