import type { QueueDto, SnapshotDto, TicketStatus, WindowStatus } from '../../server/contract/dto.js';
import type { HallEvent } from '../../server/contract/events.js';

/** What a board shows, kept from a snapshot plus the events after it (pure; bounded in size). */
export interface BoardWindow {
  id: string;
  number: number;
  name: string;
  zoneId: string;
  status: WindowStatus;
  reason?: string;
  staffName?: string;
  staffEmployeeNo?: string;
  current?: { number: string; status: TicketStatus };
}

export interface BoardCall {
  number: string;
  windowNumber: number;
  windowId: string;
  at: string;
  recall: boolean;
  /** the event's seq; 0 for calls that came with a snapshot (not flashed, not spoken) */
  seq: number;
  /** the ticket was finished, skipped or moved on: it stays in 最近叫号 but leaves the big banner */
  ended: boolean;
}

export interface BoardState {
  seq: number;
  hallName: string;
  windows: BoardWindow[];
  queues: QueueDto[];
  recentCalls: BoardCall[];
}

export const RECENT_CALLS = 10;

export function fromSnapshot(s: SnapshotDto): BoardState {
  return {
    seq: s.seq,
    hallName: s.hallName,
    windows: s.windows.map((w) => ({
      id: w.id,
      number: w.number,
      name: w.name,
      zoneId: w.zoneId,
      status: w.status,
      ...(w.reason ? { reason: w.reason } : {}),
      ...(w.staffName ? { staffName: w.staffName } : {}),
      ...(w.staffEmployeeNo ? { staffEmployeeNo: w.staffEmployeeNo } : {}),
      ...(w.current ? { current: { number: w.current.number, status: w.current.status } } : {}),
    })),
    queues: s.queues.map((q) => ({ ...q })),
    recentCalls: uniqueCalls(s.recentCalls)
      .slice(0, RECENT_CALLS)
      .map((c) => ({ ...c, recall: false, seq: 0, ended: !stillAtWindow(s, c) })),
  };
}

/** The snapshot lists every call, recalls too (newest first): a board shows each ticket once. */
function uniqueCalls<C extends { number: string; windowId: string }>(calls: readonly C[]): C[] {
  const seen = new Set<string>();
  return calls.filter((c) => {
    const key = `${c.number}@${c.windowId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function stillAtWindow(s: SnapshotDto, c: { number: string; windowId: string }): boolean {
  const current = s.windows.find((w) => w.id === c.windowId)?.current;
  return current?.number === c.number && (current.status === 'called' || current.status === 'serving');
}

/** Marks the calls of a ticket (at one window, or anywhere) as ended. */
function endCalls(s: BoardState, number: string, windowId?: string): BoardCall[] {
  return s.recentCalls.map((c) => (c.number === number && (!windowId || c.windowId === windowId) && !c.ended ? { ...c, ended: true } : c));
}

const mapWindow = (s: BoardState, id: string | undefined, f: (w: BoardWindow) => BoardWindow): BoardWindow[] => s.windows.map((w) => (w.id === id ? f(w) : w));

const addWaiting = (s: BoardState, serviceId: string, delta: number): QueueDto[] =>
  s.queues.map((q) => (q.serviceId === serviceId ? { ...q, waiting: Math.max(0, q.waiting + delta) } : q));

function setTicketStatus(s: BoardState, windowId: string | undefined, number: string, status: TicketStatus): BoardWindow[] {
  return s.windows.map((w) => ((windowId ? w.id === windowId : true) && w.current?.number === number ? { ...w, current: { number, status } } : w));
}

/** One committed event applied to the board. Unknown or irrelevant events change only the seq. */
export function applyEvent(state: BoardState, e: HallEvent): BoardState {
  const s = { ...state, seq: e.seq };
  switch (e.type) {
    case 'ticket.called': {
      const d = e.data;
      const call: BoardCall = { number: d.number, windowNumber: d.windowNumber, windowId: d.windowId, at: e.at, recall: d.recall, seq: e.seq, ended: false };
      // a window serves one ticket at a time: its earlier call is over
      const others = s.recentCalls
        .filter((c) => !(c.number === d.number && c.windowId === d.windowId))
        .map((c) => (c.windowId === d.windowId && !c.ended ? { ...c, ended: true } : c));
      return {
        ...s,
        windows: mapWindow(s, d.windowId, (w) => ({ ...w, current: { number: d.number, status: 'called' } })),
        recentCalls: [call, ...others].slice(0, RECENT_CALLS),
        queues: d.recall ? s.queues : addWaiting(s, d.serviceId, -1),
      };
    }
    case 'ticket.started':
      return { ...s, windows: setTicketStatus(s, e.data.windowId, e.data.number, 'serving') };
    case 'ticket.finished':
      return { ...s, windows: setTicketStatus(s, e.data.windowId, e.data.number, 'done'), recentCalls: endCalls(s, e.data.number, e.data.windowId) };
    case 'ticket.skipped':
      return { ...s, windows: setTicketStatus(s, e.data.windowId, e.data.number, 'no_show'), recentCalls: endCalls(s, e.data.number, e.data.windowId) };
    case 'ticket.transferred':
      return {
        ...s,
        windows: setTicketStatus(s, e.windowId, e.data.number, 'transferred'),
        queues: addWaiting(s, e.data.toServiceId, 1),
        recentCalls: endCalls(s, e.data.number, e.windowId),
      };
    case 'ticket.issued':
    case 'ticket.restored':
      return { ...s, queues: addWaiting(s, e.data.serviceId, 1) };
    case 'ticket.cancelled':
      return { ...s, queues: addWaiting(s, e.data.serviceId, -1) };
    case 'window.status': {
      const d = e.data;
      return {
        ...s,
        windows: mapWindow(s, d.windowId, (w) => {
          const { reason: _r, staffName: _n, staffEmployeeNo: _e, ...rest } = w;
          const sameStaff = d.staffName !== undefined && d.staffName === w.staffName;
          return {
            ...rest,
            status: d.status,
            ...(d.reason ? { reason: d.reason } : {}),
            ...(d.staffName ? { staffName: d.staffName } : {}),
            ...(sameStaff && w.staffEmployeeNo ? { staffEmployeeNo: w.staffEmployeeNo } : {}),
          };
        }),
      };
    }
    default:
      return s;
  }
}

/** The windows a board shows: its zone's, or all of them. */
export function windowsOfZone(state: BoardState, zoneId: string | null): BoardWindow[] {
  return state.windows.filter((w) => !zoneId || w.zoneId === zoneId).sort((a, b) => a.number - b.number);
}

/** The call for the big banner: the newest one whose ticket is still at its window. */
export function bannerCall(calls: readonly BoardCall[]): BoardCall | undefined {
  return calls.find((c) => !c.ended);
}

export function callsOfZone(state: BoardState, zoneId: string | null): BoardCall[] {
  if (!zoneId) return state.recentCalls;
  const inZone = new Set(windowsOfZone(state, zoneId).map((w) => w.id));
  return state.recentCalls.filter((c) => inZone.has(c.windowId));
}
