import type { Appointment, AppointmentBar, AppointmentRules } from '../../server/appointments/model.js';
import type { PhoneHistory } from '../../server/domain/booking-identity.js';
import type { SlotSettings } from '../../server/domain/slots.js';
import type { Db } from '../database.js';
import type { AppointmentRepository } from '../../server/appointments/ports.js';
import { APPOINTMENT_COLUMNS, toAppointment, toBar } from './feature-rows.js';

type Row = Record<string, unknown>;

const COLUMNS = APPOINTMENT_COLUMNS;

/** Bookings, their slots' settings, the hall's rules and the booking bars. */
export class SqliteAppointmentRepository implements AppointmentRepository {
  private readonly s;

  constructor(db: Db) {
    const cols = COLUMNS.map(([, c]) => c);
    this.s = {
      insert: db.prepare(`INSERT INTO appointments (${cols.join(', ')}) VALUES (${cols.map((c) => '@' + c).join(', ')})`),
      update: db.prepare(
        `UPDATE appointments SET ${cols
          .filter((c) => c !== 'id')
          .map((c) => `${c} = @${c}`)
          .join(', ')} WHERE id = @id`,
      ),
      byCode: db.prepare('SELECT * FROM appointments WHERE code = ?'),
      byId: db.prepare('SELECT * FROM appointments WHERE id = ?'),
      taken: db.prepare(`SELECT COUNT(*) AS n FROM appointments WHERE service_id = ? AND slot_start = ? AND status != 'cancelled'`),
      takenRange: db.prepare(`SELECT slot_start, COUNT(*) AS n FROM appointments
        WHERE service_id = ? AND slot_start >= ? AND slot_start < ? AND status != 'cancelled' GROUP BY slot_start`),
      inRange: db.prepare('SELECT * FROM appointments WHERE hall_id = ? AND slot_start >= ? AND slot_start < ? ORDER BY slot_start, created_at'),
      overdue: db.prepare(`SELECT * FROM appointments WHERE status = 'booked' AND slot_start <= ? ORDER BY slot_start`),
      noShows: db.prepare(`SELECT phone_hash, id_hash FROM appointments WHERE hall_id = @hall AND status = 'no_show' AND slot_start >= @since
        AND phone_confirmed = 1 AND (phone_hash = @phone OR (@id IS NOT NULL AND id_hash = @id))`),
      phoneHistory: db.prepare(`SELECT COALESCE(SUM(status = 'checked_in'), 0) AS attended,
        COALESCE(SUM(status = 'no_show' AND slot_start >= @since), 0) AS recentNoShows
        FROM appointments WHERE phone_hash = @phone AND hall_id = @hall AND status IN ('checked_in', 'no_show')`),
      openOfPerson: db.prepare(`SELECT service_id, slot_start FROM appointments WHERE status = 'booked' AND slot_start > @now
        AND hall_id = @hall AND (phone_hash = @phone OR (@id IS NOT NULL AND id_hash = @id))`),
      activeBar: db.prepare(`SELECT b.* FROM appointment_bars b JOIN appointment_bar_keys k ON k.bar_id = b.id
        WHERE b.hall_id = @hall AND b.lifted_at IS NULL AND b.expires_at > @now
        AND ((k.kind = 'phone' AND k.hash = @phone) OR (k.kind = 'id' AND @id IS NOT NULL AND k.hash = @id))
        ORDER BY b.expires_at DESC LIMIT 1`),
      insertBar: db.prepare(`INSERT INTO appointment_bars (id, hall_id, phone_masked, no_shows, created_at, expires_at)
        VALUES (@id, @hallId, @phoneMasked, @noShows, @createdAt, @expiresAt)`),
      insertBarKey: db.prepare('INSERT OR IGNORE INTO appointment_bar_keys (bar_id, kind, hash) VALUES (?, ?, ?)'),
      barKeys: db.prepare('SELECT kind, hash FROM appointment_bar_keys WHERE bar_id = ?'),
      bars: db.prepare('SELECT * FROM appointment_bars WHERE hall_id = ? AND lifted_at IS NULL AND expires_at > ? ORDER BY created_at'),
      bar: db.prepare('SELECT * FROM appointment_bars WHERE id = ?'),
      liftBar: db.prepare('UPDATE appointment_bars SET lifted_at = ?, lifted_by = ?, lift_reason = ? WHERE id = ?'),
      purge: db.prepare(`UPDATE appointments SET name = '', phone = '', purged_at = @now
        WHERE hall_id = @hall AND purged_at IS NULL AND status != 'booked' AND slot_end < @before`),
      slotSettings: db.prepare('SELECT slot_minutes, capacity_per_window FROM appointment_slot_settings WHERE service_id = ?'),
      putSlotSettings: db.prepare(`INSERT INTO appointment_slot_settings (service_id, slot_minutes, capacity_per_window) VALUES (?, ?, ?)
        ON CONFLICT (service_id) DO UPDATE SET slot_minutes = excluded.slot_minutes, capacity_per_window = excluded.capacity_per_window`),
      rules: db.prepare('SELECT rules_json FROM appointment_rules WHERE hall_id = ?'),
      putRules: db.prepare(`INSERT INTO appointment_rules (hall_id, rules_json) VALUES (?, ?)
        ON CONFLICT (hall_id) DO UPDATE SET rules_json = excluded.rules_json`),
      putMaterials: db.prepare('UPDATE services SET materials = ? WHERE id = ?'),
    };
  }

  insert(a: Appointment): void {
    this.s.insert.run(this.params(a));
  }
  update(a: Appointment): void {
    this.s.update.run(this.params(a));
  }
  byCode(code: string): Appointment | undefined {
    return this.one(this.s.byCode.get(code));
  }
  byId(id: string): Appointment | undefined {
    return this.one(this.s.byId.get(id));
  }

  /** places taken in a slot: every booking not cancelled (a no-show held its place) */
  taken(serviceId: string, slotStart: string): number {
    return (this.s.taken.get(serviceId, slotStart) as { n: number }).n;
  }

  takenBySlot(serviceId: string, from: string, to: string): Map<string, number> {
    const rows = this.s.takenRange.all(serviceId, from, to) as { slot_start: string; n: number }[];
    return new Map(rows.map((r) => [r.slot_start, r.n]));
  }

  inRange(hallId: string, from: string, to: string): Appointment[] {
    return (this.s.inRange.all(hallId, from, to) as Row[]).map(toAppointment);
  }

  /** booked, not checked in, starting at or before `startedBy` */
  overdue(startedBy: string): Appointment[] {
    return (this.s.overdue.all(startedBy) as Row[]).map(toAppointment);
  }

  /** the phone and ID hashes of no-shows since `since` matching this phone or ID number */
  noShowsSince(hallId: string, phoneHash: string, idHash: string | null, since: string): { phoneHash: string; idHash: string | null }[] {
    const rows = this.s.noShows.all({ hall: hallId, phone: phoneHash, id: idHash, since }) as { phone_hash: string; id_hash: string | null }[];
    return rows.map((r) => ({ phoneHash: r.phone_hash, idHash: r.id_hash }));
  }

  /** the person's bookings still ahead (by phone or ID number) */
  openOfPerson(hallId: string, phoneHash: string, idHash: string | null, now: string): { serviceId: string; slotStart: string }[] {
    const rows = this.s.openOfPerson.all({ hall: hallId, phone: phoneHash, id: idHash, now }) as { service_id: string; slot_start: string }[];
    return rows.map((r) => ({ serviceId: r.service_id, slotStart: r.slot_start }));
  }

  activeBar(hallId: string, phoneHash: string, idHash: string | null, now: string): AppointmentBar | undefined {
    return this.withKeys(this.s.activeBar.get({ hall: hallId, phone: phoneHash, id: idHash, now }) as Row | undefined);
  }

  insertBar(b: AppointmentBar): void {
    const { keys, ...bar } = b;
    this.s.insertBar.run(bar);
    for (const k of keys) this.s.insertBarKey.run(b.id, k.kind, k.hash);
  }

  activeBars(hallId: string, now: string): AppointmentBar[] {
    return (this.s.bars.all(hallId, now) as Row[]).map((r) => this.withKeys(r)!);
  }
  bar(id: string): AppointmentBar | undefined {
    return this.withKeys(this.s.bar.get(id) as Row | undefined);
  }

  private withKeys(r: Row | undefined): AppointmentBar | undefined {
    return r ? { ...toBar(r), keys: this.s.barKeys.all(r.id) as AppointmentBar['keys'] } : undefined;
  }
  liftBar(id: string, at: string, by: string, reason: string): void {
    this.s.liftBar.run(at, by, reason, id);
  }

  /** erases name and phone of appointments that ended before `before`; returns how many */
  /** the phone's attended bookings at the hall, and its no-shows since `since` */
  phoneHistory(hallId: string, phoneHash: string, since: string): PhoneHistory {
    return this.s.phoneHistory.get({ hall: hallId, phone: phoneHash, since }) as PhoneHistory;
  }

  purge(hallId: string, before: string, now: string): number {
    return this.s.purge.run({ hall: hallId, before, now }).changes;
  }

  slotSettings(serviceId: string): SlotSettings | undefined {
    const r = this.s.slotSettings.get(serviceId) as { slot_minutes: number; capacity_per_window: number } | undefined;
    return r ? { slotMinutes: r.slot_minutes, capacityPerWindow: r.capacity_per_window } : undefined;
  }

  putSlotSettings(serviceId: string, s: SlotSettings): void {
    this.s.putSlotSettings.run(serviceId, s.slotMinutes, s.capacityPerWindow);
  }

  rules(hallId: string): Partial<AppointmentRules> {
    const r = this.s.rules.get(hallId) as { rules_json: string } | undefined;
    return r ? (JSON.parse(r.rules_json) as Partial<AppointmentRules>) : {};
  }

  putRules(hallId: string, rules: AppointmentRules): void {
    this.s.putRules.run(hallId, JSON.stringify(rules));
  }

  /** the 一次性告知 text lives on the service (services.materials) */
  putMaterials(serviceId: string, text: string): void {
    this.s.putMaterials.run(text, serviceId);
  }

  private one(r: unknown): Appointment | undefined {
    return r ? toAppointment(r as Row) : undefined;
  }

  private params(a: Appointment): Row {
    return { ...Object.fromEntries(COLUMNS.map(([k, c]) => [c, a[k]])), phone_confirmed: a.phoneConfirmed ? 1 : 0 };
  }
}
