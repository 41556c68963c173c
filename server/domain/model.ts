/** The hall's records as the use-cases see them. Times are ISO-8601 UTC strings. */
import type { DeviceHealthStatus, DeviceKind, Role, TicketPriority, TicketStatus, WindowStatus } from '../contract/dto.js';
import type { HallHours } from './opening-hours.js';
import type { CallingPolicy } from './policy.js';

export interface Hall {
  id: string;
  name: string;
  /** English name ('' or absent: none) */
  nameEn?: string;
  /** street address for visitors (booking pages and messages); '' or absent: none */
  address?: string;
  timezone: string;
  hours: HallHours;
  policy: CallingPolicy;
  notice: string;
}

export interface Zone {
  id: string;
  hallId: string;
  name: string;
  nameEn?: string;
  /** zones whose calls this zone's boards and voice also carry */
  announceFrom: string[];
}
export interface Department {
  id: string;
  name: string;
  nameEn?: string;
}

export interface Service {
  id: string;
  hallId: string;
  departmentId: string;
  name: string;
  /** English name ('' or absent: none) */
  nameEn?: string;
  prefix: string;
  avgServiceMinutes: number;
  enabled: boolean;
  position: number;
  materials: string;
}

export interface Window {
  id: string;
  hallId: string;
  zoneId: string;
  number: number;
  name: string;
  status: WindowStatus;
  pauseReason: string | null;
  currentTicketId: string | null;
  staffId: string | null;
  statusChangedAt: string | null;
  /** in the window's order of preference */
  serviceIds: string[];
}

export interface Staff {
  id: string;
  hallId: string | null;
  name: string;
  employeeNo: string;
  role: Role;
  username: string;
  passwordHash: string;
  enabled: boolean;
  windows: { windowId: string; post: 'A' | 'B' }[];
}

export interface Device {
  id: string;
  hallId: string;
  kind: DeviceKind;
  windowId: string | null;
  zoneId: string | null;
  enabled: boolean;
  lastSeenAt: string | null;
}

export interface DeviceHealth {
  id: string;
  hallId: string;
  kind: string;
  status: DeviceHealthStatus;
  lastError: string | null;
  counters: Record<string, number>;
  updatedAt: string;
}

export interface Ticket {
  id: string;
  hallId: string;
  serviceId: string;
  businessDay: string;
  seqNo: number;
  number: string;
  priority: TicketPriority;
  status: TicketStatus;
  issuedAt: string;
  calledAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  windowId: string | null;
  staffId: string | null;
  callCount: number;
  restored: boolean;
  transferredFromServiceId: string | null;
  transferredAt: string | null;
  appointmentId: string | null;
  slotStart: string | null;
  slotEnd: string | null;
  statusToken: string;
  kioskId: string | null;
}

export interface Evaluation {
  ticketId: string;
  hallId: string;
  level: number;
  tags: string[];
  comment: string;
  /** the visitor's phone for the callback after a bad review (personal data: managers only) */
  contact?: string;
  windowId: string | null;
  staffId: string | null;
  source: string;
  createdAt: string;
}
