import type { ErrorCode } from './error-codes.js';
/** Data shapes shared by the server, the browsers and the device agents (docs/en/api.md). */

export type TicketStatus = 'waiting' | 'called' | 'serving' | 'done' | 'no_show' | 'transferred' | 'cancelled';
export type TicketPriority = 'normal' | 'priority';
export type WindowStatus = 'open' | 'paused' | 'closed';
export type Role = 'staff' | 'manager' | 'admin';
export type DeviceKind = 'kiosk' | 'display' | 'evaluator' | 'agent';
export type DeviceHealthStatus = 'online' | 'offline' | 'degraded';

export interface TicketDto {
  id: string;
  number: string;
  serviceId: string;
  hallId: string;
  status: TicketStatus;
  priority: TicketPriority;
  /** true when the ticket came from an appointment check-in */
  appointment: boolean;
  issuedAt: string;
  calledAt?: string;
  startedAt?: string;
  finishedAt?: string;
  windowId?: string;
  windowNumber?: number;
  staffId?: string;
  callCount: number;
  restored: boolean;
  transferredFromServiceId?: string;
}

/**
 * The wait a visitor is told: no open window serves the service ("暂无窗口办理，开窗后按顺序叫号"),
 * or a range in minutes with the tickets the serving windows call first.
 */
export type WaitRangeDto = { kind: 'no-window' } | { kind: 'range'; ahead: number; low: number; high: number };

export interface IssuedTicketDto {
  id: string;
  number: string;
  serviceId: string;
  hallId: string;
  status: 'waiting';
  priority: TicketPriority;
  issuedAt: string;
  waitingAhead: number;
  estimatedWaitMinutes: number;
  /** what the visitor is told (waitingAhead/estimatedWaitMinutes count the ticket's own service only) */
  wait?: WaitRangeDto;
  statusToken: string;
}

export interface TicketStatusDto {
  number: string;
  status: TicketStatus;
  serviceId: string;
  serviceName: string;
  serviceNameEn?: string;
  /** 一次性告知 of the service */
  materials?: string;
  waitingAhead: number;
  estimatedWaitMinutes: number;
  windowNumber?: number;
  /** the calling window's zone (floor) when it is not the zone of the kiosk that issued the ticket */
  windowZoneName?: string;
  evaluated: boolean;
  /** while queued */
  wait?: WaitRangeDto;
  /** still queued on a business day that is over: it will not be called */
  dayEnded?: boolean;
}

export interface ServiceSummaryDto {
  id: string;
  name: string;
  /** English name, when the hall gave one */
  nameEn?: string;
  prefix: string;
  departmentId: string;
  waiting: number;
  estimatedWaitMinutes: number;
  open: boolean;
  /** why it cannot be taken now, when open is false */
  closedReason?: string;
  windowNumbers: number[];
  /** the windows serving it with their zones (a kiosk names the floor of those not in its zone) */
  windowPlaces?: { number: number; zoneId: string }[];
  /** for a ticket taken now */
  wait?: WaitRangeDto;
  /** 一次性告知: what to bring, shown once the service is chosen */
  materials?: string;
}

export interface WindowDto {
  id: string;
  number: number;
  name: string;
  hallId: string;
  zoneId: string;
  status: WindowStatus;
  pauseReason?: string;
  serviceIds: string[];
  staffId?: string;
  staffName?: string;
  current?: { id: string; number: string; status: TicketStatus };
}

export interface SnapshotWindowDto {
  id: string;
  number: number;
  name: string;
  zoneId: string;
  status: WindowStatus;
  reason?: string;
  staffName?: string;
  staffEmployeeNo?: string;
  current?: { id: string; number: string; status: TicketStatus };
}

export interface QueueDto {
  serviceId: string;
  waiting: number;
  estimatedWaitMinutes: number;
}

export interface RecentCallDto {
  number: string;
  windowNumber: number;
  windowId: string;
  at: string;
}

export interface DeviceHealthDto {
  id: string;
  kind: string;
  status: DeviceHealthStatus;
  lastError?: string;
  counters?: Record<string, number>;
  at?: string;
}

export interface SnapshotDto {
  seq: number;
  hallId: string;
  hallName: string;
  windows: SnapshotWindowDto[];
  queues: QueueDto[];
  recentCalls: RecentCallDto[];
  devices: DeviceHealthDto[];
}

export interface UserDto {
  id: string;
  name: string;
  /** the login name (the password rule refuses a password containing it) */
  username: string;
  role: Role;
  hallId?: string;
  employeeNo?: string;
  windowIds: string[];
  /** A岗 (their own post) or B岗 (substitute) per window id */
  windowPosts?: Record<string, 'A' | 'B'>;
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string };
}
