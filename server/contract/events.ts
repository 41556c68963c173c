/** Realtime event names and payloads: the one typed map that server, UIs and agents share. */
import type { ErrorCode } from './error-codes.js';
import type { DeviceHealthDto, SnapshotDto, TicketPriority, WindowStatus } from './dto.js';

export interface TicketEventData {
  ticketId: string;
  number: string;
  serviceId: string;
  priority?: TicketPriority;
  windowId?: string;
  windowNumber?: number;
  staffId?: string;
  /** when the ticket was first issued (kept through transfers) */
  issuedAt?: string;
}

export interface HallEventDataMap {
  'ticket.issued': TicketEventData & { kioskId?: string; appointment?: boolean };
  'ticket.called': TicketEventData & { windowId: string; windowNumber: number; recall: boolean; zoneId: string; outOfOrder?: { by: string; reason: string } };
  'ticket.started': TicketEventData & { windowId: string; windowNumber: number };
  'ticket.finished': TicketEventData & { windowId: string; windowNumber: number };
  'ticket.skipped': TicketEventData & { windowId: string; windowNumber: number };
  'ticket.restored': TicketEventData;
  'ticket.transferred': TicketEventData & { fromServiceId: string; toServiceId: string; reason?: string };
  'ticket.cancelled': TicketEventData;
  'ticket.reprinted': TicketEventData & { kioskId?: string };
  'window.status': { windowId: string; windowNumber: number; status: WindowStatus; reason?: string; staffId?: string; staffName?: string };
  'evaluation.created': { ticketId: string; number: string; level: number; tags: string[]; windowId?: string; staffId?: string };
  'device.health': DeviceHealthDto;
  'config.changed': { entity: string; id: string };
  /** an administrator's "test" on a hardware item: the device host lights the board / prints a test ticket */
  'device.test': { hardwareId: string; kind: string; text: string; by: string };
  // supervision (电子监察): alerts live on the monitor, bad-review follow-ups
  'alert.raised': AlertEventData;
  'alert.acknowledged': AlertEventData & { ackBy: string; ackAt: string; ackNote?: string };
  'alert.resolved': { id: number; kind: string; key: string };
  'followup.updated': { ticketId: string; number: string; step: 'opened' | 'callback' | 'rectified' | 'visitor-rating' };
}

/** An alert (预警) as the monitor shows it: never a visitor's personal data. */
export interface AlertEventData {
  id: number;
  kind: string;
  level: number;
  key: string;
  subjectType: string;
  subjectId: string;
  message: string;
  raisedAt: string;
}

export type HallEventType = keyof HallEventDataMap;

export const HALL_EVENT_TYPES: readonly HallEventType[] = [
  'ticket.issued',
  'ticket.called',
  'ticket.started',
  'ticket.finished',
  'ticket.skipped',
  'ticket.restored',
  'ticket.transferred',
  'ticket.cancelled',
  'ticket.reprinted',
  'window.status',
  'evaluation.created',
  'device.health',
  'config.changed',
  'device.test',
  'alert.raised',
  'alert.acknowledged',
  'alert.resolved',
  'followup.updated',
];

/** A committed event, as stored in the `events` log and sent to subscribers. */
export type HallEvent = {
  [T in HallEventType]: {
    seq: number;
    type: T;
    at: string;
    hallId: string;
    zoneId?: string;
    windowId?: string;
    data: HallEventDataMap[T];
  };
}[HallEventType];

export type HallEventOf<T extends HallEventType> = Extract<HallEvent, { type: T }>;

export interface SubscribeRequest {
  hallId: string;
  zoneId?: string;
  windowId?: string;
  sinceSeq?: number;
}

export type SubscribeAck = { ok: true; replayed?: number; snapshot?: boolean } | { ok: false; error: { code: ErrorCode; message: string } };

export interface ServerToClientEvents {
  snapshot: (snapshot: SnapshotDto) => void;
  event: (event: HallEvent) => void;
}

export interface ClientToServerEvents {
  subscribe: (request: SubscribeRequest, ack: (answer: SubscribeAck) => void) => void;
}

export interface SocketData {
  principal: import('./principal.js').Principal;
  /** the hash of the token the socket was opened with (a staff session's, a device's): it ends with that token */
  tokenHash?: string;
}
