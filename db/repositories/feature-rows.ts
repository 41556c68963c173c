/**
 * Row → model mapping of the appointments feature and the outboxes, shared by the SQLite
 * repositories and the PostgreSQL ones (server/store/postgres): the columns are the same on both.
 * SQLite's 0/1 flags and JSON text are accepted as they come, as PostgreSQL's booleans and jsonb.
 */
import type { Appointment, AppointmentBar } from '../../server/appointments/model.js';
import type { HaochaKind, HaochaMessage } from './haocha-repository.js';
import type { OutboxMessage } from './outbox-repository.js';

type Row = Record<string, unknown>;

/** a JSON column: text on SQLite, parsed already on PostgreSQL */
const parsed = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));

export const APPOINTMENT_COLUMNS: [keyof Appointment, string][] = [
  ['id', 'id'],
  ['code', 'code'],
  ['hallId', 'hall_id'],
  ['serviceId', 'service_id'],
  ['slotStart', 'slot_start'],
  ['slotEnd', 'slot_end'],
  ['status', 'status'],
  ['channel', 'channel'],
  ['name', 'name'],
  ['phone', 'phone'],
  ['phoneHash', 'phone_hash'],
  ['idHash', 'id_hash'],
  ['idLast4', 'id_last4'],
  ['createdAt', 'created_at'],
  ['createdBy', 'created_by'],
  ['checkedInAt', 'checked_in_at'],
  ['ticketId', 'ticket_id'],
  ['cancelledAt', 'cancelled_at'],
  ['noShowAt', 'no_show_at'],
  ['purgedAt', 'purged_at'],
  ['phoneConfirmed', 'phone_confirmed'],
  ['lang', 'lang'],
];

export const toAppointment = (r: Row): Appointment => {
  const a = Object.fromEntries(APPOINTMENT_COLUMNS.map(([k, c]) => [k, r[c]])) as unknown as Appointment;
  return { ...a, phoneConfirmed: r.phone_confirmed === 1 || r.phone_confirmed === true };
};

export const toBar = (r: Row): Omit<AppointmentBar, 'keys'> => ({
  id: r.id as string,
  hallId: r.hall_id as string,
  phoneMasked: r.phone_masked as string,
  noShows: r.no_shows as number,
  createdAt: r.created_at as string,
  expiresAt: r.expires_at as string,
  liftedAt: r.lifted_at as string | null,
  liftedBy: r.lifted_by as string | null,
  liftReason: r.lift_reason as string | null,
});

export const toOutboxMessage = (r: Row): OutboxMessage => ({
  id: r.id as number,
  hallId: r.hall_id as string,
  kind: r.kind as string,
  dedupeKey: r.dedupe_key as string,
  appointmentId: r.appointment_id as string | null,
  payload: parsed<Record<string, unknown>>(r.payload_json),
  dueAt: r.due_at as string,
  nextAttemptAt: r.next_attempt_at as string,
  attempts: r.attempts as number,
  status: r.status as OutboxMessage['status'],
  sentAt: r.sent_at as string | null,
  lastError: r.last_error as string | null,
});

export const toHaochaMessage = (r: Row): HaochaMessage => ({
  id: r.id as number,
  hallId: r.hall_id as string,
  kind: r.kind as HaochaKind,
  dedupeKey: r.dedupe_key as string,
  payload: parsed<Record<string, unknown>>(r.payload_json),
  createdAt: r.created_at as string,
  nextAttemptAt: r.next_attempt_at as string,
  attempts: r.attempts as number,
  status: r.status as HaochaMessage['status'],
  sentAt: r.sent_at as string | null,
  lastError: r.last_error as string | null,
});

/** the "given up" mark of a failed message's next attempt: after every ISO time, so never due */
export const NEVER = '9999';
