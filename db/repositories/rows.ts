/**
 * Row → model mapping shared by the SQLite repositories (db/repositories) and the PostgreSQL ones
 * (server/store/postgres): the columns are the same on both. What differs is decoded by the
 * caller before it gets here — SQLite's 0/1 flags are accepted as they are, its JSON text columns
 * are parsed by the SQLite side (PostgreSQL's jsonb arrives parsed).
 */
import type { HallEvent, HallEventType } from '../../server/contract/events.js';
import type { Department, Device, DeviceHealth, Evaluation, Hall, Service, Staff, Ticket, Window, Zone } from '../../server/domain/model.js';
import { resolvePolicy } from '../../server/domain/policy.js';

/** SQLite stores booleans as 0/1, PostgreSQL as boolean */
export type Flag = number | boolean;
const flag = (v: Flag): boolean => v === true || v === 1;

export interface TicketRow {
  id: string;
  hall_id: string;
  service_id: string;
  business_day: string;
  seq_no: number;
  number: string;
  priority: Ticket['priority'];
  status: Ticket['status'];
  issued_at: string;
  called_at: string | null;
  started_at: string | null;
  finished_at: string | null;
  window_id: string | null;
  staff_id: string | null;
  call_count: number;
  restored: Flag;
  transferred_from_service_id: string | null;
  transferred_at: string | null;
  appointment_id: string | null;
  slot_start: string | null;
  slot_end: string | null;
  status_token: string;
  kiosk_id: string | null;
}

export const toTicket = (r: TicketRow): Ticket => ({
  id: r.id,
  hallId: r.hall_id,
  serviceId: r.service_id,
  businessDay: r.business_day,
  seqNo: r.seq_no,
  number: r.number,
  priority: r.priority,
  status: r.status,
  issuedAt: r.issued_at,
  calledAt: r.called_at,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  windowId: r.window_id,
  staffId: r.staff_id,
  callCount: r.call_count,
  restored: flag(r.restored),
  transferredFromServiceId: r.transferred_from_service_id,
  transferredAt: r.transferred_at,
  appointmentId: r.appointment_id,
  slotStart: r.slot_start,
  slotEnd: r.slot_end,
  statusToken: r.status_token,
  kioskId: r.kiosk_id,
});

/** the columns of `tickets` in the order both stores insert them */
export const TICKET_COLUMNS = `id, hall_id, service_id, business_day, seq_no, number, priority, status, issued_at, called_at,
  started_at, finished_at, window_id, staff_id, call_count, restored, transferred_from_service_id, transferred_at,
  appointment_id, slot_start, slot_end, status_token, kiosk_id`;

/** a hall row with its JSON documents already parsed */
export interface HallRow {
  id: string;
  name: string;
  name_en: string;
  address: string;
  timezone: string;
  hours_json: Hall['hours'];
  policy_json: unknown;
  notice: string;
}

export const toHall = (r: HallRow): Hall => ({
  id: r.id,
  name: r.name,
  ...(r.name_en ? { nameEn: r.name_en } : {}),
  ...(r.address ? { address: r.address } : {}),
  timezone: r.timezone,
  hours: r.hours_json,
  policy: resolvePolicy(r.policy_json as Parameters<typeof resolvePolicy>[0]),
  notice: r.notice,
});

/** a zone row with announce_from already parsed */
export interface ZoneRow {
  id: string;
  hall_id: string;
  name: string;
  name_en: string;
  announce_from: string[];
}

export const toZone = (r: ZoneRow): Zone => ({
  id: r.id,
  hallId: r.hall_id,
  name: r.name,
  ...(r.name_en ? { nameEn: r.name_en } : {}),
  announceFrom: r.announce_from,
});

export const toDepartment = (r: { id: string; name: string; name_en: string }): Department => ({
  id: r.id,
  name: r.name,
  ...(r.name_en ? { nameEn: r.name_en } : {}),
});

export interface ServiceRow {
  id: string;
  hall_id: string;
  department_id: string;
  name: string;
  name_en: string;
  prefix: string;
  avg_service_minutes: number;
  enabled: Flag;
  position: number;
  materials: string;
}

export const toService = (r: ServiceRow): Service => ({
  id: r.id,
  hallId: r.hall_id,
  departmentId: r.department_id,
  name: r.name,
  ...(r.name_en ? { nameEn: r.name_en } : {}),
  prefix: r.prefix,
  avgServiceMinutes: r.avg_service_minutes,
  enabled: flag(r.enabled),
  position: r.position,
  materials: r.materials,
});

export interface WindowRow {
  id: string;
  hall_id: string;
  zone_id: string;
  number: number;
  name: string;
  status: Window['status'];
  pause_reason: string | null;
  current_ticket_id: string | null;
  staff_id: string | null;
  status_changed_at: string | null;
}

export const toWindow = (r: WindowRow, serviceIds: string[]): Window => ({
  id: r.id,
  hallId: r.hall_id,
  zoneId: r.zone_id,
  number: r.number,
  name: r.name,
  status: r.status,
  pauseReason: r.pause_reason,
  currentTicketId: r.current_ticket_id,
  staffId: r.staff_id,
  statusChangedAt: r.status_changed_at,
  serviceIds,
});

export interface StaffRow {
  id: string;
  hall_id: string | null;
  name: string;
  employee_no: string;
  role: Staff['role'];
  username: string;
  password_hash: string;
  enabled: Flag;
}

export const toStaff = (r: StaffRow, windows: Staff['windows']): Staff => ({
  id: r.id,
  hallId: r.hall_id,
  name: r.name,
  employeeNo: r.employee_no,
  role: r.role,
  username: r.username,
  passwordHash: r.password_hash,
  enabled: flag(r.enabled),
  windows,
});

export interface DeviceRow {
  id: string;
  hall_id: string;
  kind: Device['kind'];
  window_id: string | null;
  zone_id: string | null;
  enabled: Flag;
  last_seen_at: string | null;
}

export const toDevice = (r: DeviceRow): Device => ({
  id: r.id,
  hallId: r.hall_id,
  kind: r.kind,
  windowId: r.window_id,
  zoneId: r.zone_id,
  enabled: flag(r.enabled),
  lastSeenAt: r.last_seen_at,
});

/** a device_health row with its counters already parsed */
export interface HealthRow {
  id: string;
  hall_id: string;
  kind: string;
  status: DeviceHealth['status'];
  last_error: string | null;
  counters_json: DeviceHealth['counters'];
  updated_at: string;
}

export const toHealth = (r: HealthRow): DeviceHealth => ({
  id: r.id,
  hallId: r.hall_id,
  kind: r.kind,
  status: r.status,
  lastError: r.last_error,
  counters: r.counters_json,
  updatedAt: r.updated_at,
});

/** an evaluation row with its tags already parsed */
export interface EvaluationRow {
  ticket_id: string;
  hall_id: string;
  level: number;
  tags_json: string[];
  comment: string;
  window_id: string | null;
  staff_id: string | null;
  source: string;
  created_at: string;
}

export const toEvaluation = (r: EvaluationRow): Evaluation => ({
  ticketId: r.ticket_id,
  hallId: r.hall_id,
  level: r.level,
  tags: r.tags_json,
  comment: r.comment,
  windowId: r.window_id,
  staffId: r.staff_id,
  source: r.source,
  createdAt: r.created_at,
});

/** an event row with its data already parsed */
export interface ParsedEventRow {
  seq: number;
  hall_id: string;
  zone_id: string | null;
  window_id: string | null;
  type: string;
  at: string;
  data: unknown;
}

export function toEvent(r: ParsedEventRow): HallEvent {
  const e = { seq: r.seq, type: r.type as HallEventType, at: r.at, hallId: r.hall_id, data: r.data } as HallEvent;
  if (r.zone_id) e.zoneId = r.zone_id;
  if (r.window_id) e.windowId = r.window_id;
  return e;
}
