import type { Appointment, AppointmentBar, AppointmentRules } from '../../appointments/model.js';
import type { PhoneHistory } from '../../domain/booking-identity.js';
import type { SlotSettings } from '../../domain/slots.js';
import { APPOINTMENT_COLUMNS, toAppointment, toBar } from '../../../db/repositories/feature-rows.js';
import { PgConfigCopy, type Version } from './config-copy.js';
import { requireHallTx, type Queryable } from './hall-transaction.js';

type Row = Record<string, unknown>;

const COLUMNS = APPOINTMENT_COLUMNS.map(([, c]) => c);
const values = (a: Appointment) => APPOINTMENT_COLUMNS.map(([k]) => a[k]);
const INSERT = `INSERT INTO appointments (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})`;
const UPDATE = `UPDATE appointments SET ${COLUMNS.map((c, i) => [c, i] as const)
  .filter(([c]) => c !== 'id')
  .map(([c, i]) => `${c} = $${i + 1}`)
  .join(', ')} WHERE id = $1`;
const BAR_WITH_KEYS = `SELECT b.*, COALESCE((SELECT json_agg(json_build_object('kind', k.kind, 'hash', k.hash) ORDER BY k.kind, k.hash)
  FROM appointment_bar_keys k WHERE k.bar_id = b.id), '[]') AS keys FROM appointment_bars b`;
/** the person is the phone, or the ID number when given ($3 null: no ID) */
const PERSON = `(phone_hash = $2 OR ($3::text IS NOT NULL AND id_hash = $3))`;

/** the cache_versions name of every hall's appointment rules (migration 132) */
const RULES = 'appointment-rules';

const withKeys = (r: Row | undefined): AppointmentBar | undefined => r && { ...toBar(r), keys: r.keys as AppointmentBar['keys'] };

/**
 * AppointmentRepository on PostgreSQL, every method taking the connection first (PgStore binds it).
 * A slot's places hold across nodes because a booking is inserted only in its hall's `writeHall`:
 * the hall's advisory lock is held from before `taken` counts the slot to the commit, and under
 * READ COMMITTED each count sees every booking an earlier holder committed — two nodes booking the
 * last place run one after the other, and the second counts the first. (A conditional INSERT …
 * WHERE count < capacity alone would not do: two transactions would each count without the
 * other's uncommitted row.) `insert` refuses any other connection.
 */
export class PgAppointmentRepository {
  constructor(private readonly copy: PgConfigCopy = new PgConfigCopy()) {}

  async insert(db: Queryable, a: Appointment): Promise<void> {
    requireHallTx(db, a.hallId, 'a booking');
    await db.query(INSERT, values(a));
  }
  async update(db: Queryable, a: Appointment): Promise<void> {
    await db.query(UPDATE, values(a));
  }
  async byCode(db: Queryable, code: string): Promise<Appointment | undefined> {
    return this.one(db, 'SELECT * FROM appointments WHERE code = $1', [code]);
  }
  async byId(db: Queryable, id: string): Promise<Appointment | undefined> {
    return this.one(db, 'SELECT * FROM appointments WHERE id = $1', [id]);
  }

  /** places taken in a slot: every booking not cancelled (a no-show held its place) */
  async taken(db: Queryable, serviceId: string, slotStart: string): Promise<number> {
    const { rows } = await db.query<{ n: number }>(
      `SELECT COUNT(*) AS n FROM appointments WHERE service_id = $1 AND slot_start = $2 AND status != 'cancelled'`,
      [serviceId, slotStart],
    );
    return rows[0]!.n;
  }

  async takenBySlot(db: Queryable, serviceId: string, from: string, to: string): Promise<Map<string, number>> {
    const { rows } = await db.query<{ slot_start: string; n: number }>(
      `SELECT slot_start, COUNT(*) AS n FROM appointments
      WHERE service_id = $1 AND slot_start >= $2 AND slot_start < $3 AND status != 'cancelled' GROUP BY slot_start ORDER BY slot_start`,
      [serviceId, from, to],
    );
    return new Map(rows.map((r) => [r.slot_start, r.n]));
  }

  /** a tie (same slot, same instant of booking) by id: PostgreSQL has no insertion order to fall back on, as SQLite's rowid */
  async inRange(db: Queryable, hallId: string, from: string, to: string): Promise<Appointment[]> {
    return this.many(db, 'SELECT * FROM appointments WHERE hall_id = $1 AND slot_start >= $2 AND slot_start < $3 ORDER BY slot_start, created_at, id', [
      hallId,
      from,
      to,
    ]);
  }

  /** booked, not checked in, starting at or before `startedBy` (every hall) */
  async overdue(db: Queryable, startedBy: string): Promise<Appointment[]> {
    return this.many(db, `SELECT * FROM appointments WHERE status = 'booked' AND slot_start <= $1 ORDER BY slot_start`, [startedBy]);
  }

  async noShowsSince(
    db: Queryable,
    hallId: string,
    phoneHash: string,
    idHash: string | null,
    since: string,
  ): Promise<{ phoneHash: string; idHash: string | null }[]> {
    const { rows } = await db.query<{ phoneHash: string; idHash: string | null }>(
      `SELECT phone_hash AS "phoneHash", id_hash AS "idHash" FROM appointments
      WHERE hall_id = $1 AND status = 'no_show' AND slot_start >= $4 AND phone_confirmed AND ${PERSON}`,
      [hallId, phoneHash, idHash, since],
    );
    return rows;
  }

  async openOfPerson(
    db: Queryable,
    hallId: string,
    phoneHash: string,
    idHash: string | null,
    now: string,
  ): Promise<{ serviceId: string; slotStart: string }[]> {
    const { rows } = await db.query<{ serviceId: string; slotStart: string }>(
      `SELECT service_id AS "serviceId", slot_start AS "slotStart" FROM appointments
      WHERE status = 'booked' AND slot_start > $4 AND hall_id = $1 AND ${PERSON}`,
      [hallId, phoneHash, idHash, now],
    );
    return rows;
  }

  async activeBar(db: Queryable, hallId: string, phoneHash: string, idHash: string | null, now: string): Promise<AppointmentBar | undefined> {
    const { rows } = await db.query<Row>(
      `${BAR_WITH_KEYS} WHERE b.hall_id = $1 AND b.lifted_at IS NULL AND b.expires_at > $4 AND EXISTS (SELECT 1 FROM appointment_bar_keys k
        WHERE k.bar_id = b.id AND ((k.kind = 'phone' AND k.hash = $2) OR (k.kind = 'id' AND $3::text IS NOT NULL AND k.hash = $3)))
      ORDER BY b.expires_at DESC LIMIT 1`,
      [hallId, phoneHash, idHash, now],
    );
    return withKeys(rows[0]);
  }

  /** the bar and its keys in one statement: together even on an autocommit connection */
  async insertBar(db: Queryable, b: AppointmentBar): Promise<void> {
    await db.query(
      `WITH b AS (INSERT INTO appointment_bars (id, hall_id, phone_masked, no_shows, created_at, expires_at)
        VALUES ($1, $2, $3, $4, $5, $6) RETURNING id)
      INSERT INTO appointment_bar_keys (bar_id, kind, hash) SELECT b.id, k.kind, k.hash FROM b, unnest($7::text[], $8::text[]) AS k(kind, hash)
      ON CONFLICT DO NOTHING`,
      [b.id, b.hallId, b.phoneMasked, b.noShows, b.createdAt, b.expiresAt, b.keys.map((k) => k.kind), b.keys.map((k) => k.hash)],
    );
  }

  async activeBars(db: Queryable, hallId: string, now: string): Promise<AppointmentBar[]> {
    const { rows } = await db.query<Row>(`${BAR_WITH_KEYS} WHERE b.hall_id = $1 AND b.lifted_at IS NULL AND b.expires_at > $2 ORDER BY b.created_at`, [
      hallId,
      now,
    ]);
    return rows.map((r) => withKeys(r)!);
  }

  async bar(db: Queryable, id: string): Promise<AppointmentBar | undefined> {
    return withKeys((await db.query<Row>(`${BAR_WITH_KEYS} WHERE b.id = $1`, [id])).rows[0]);
  }

  async liftBar(db: Queryable, id: string, at: string, by: string, reason: string): Promise<void> {
    await db.query('UPDATE appointment_bars SET lifted_at = $1, lifted_by = $2, lift_reason = $3 WHERE id = $4', [at, by, reason, id]);
  }

  /** the phone's attended bookings at the hall, and its no-shows since `since` */
  async phoneHistory(db: Queryable, hallId: string, phoneHash: string, since: string): Promise<PhoneHistory> {
    const { rows } = await db.query<PhoneHistory>(
      `SELECT (COUNT(*) FILTER (WHERE status = 'checked_in'))::int AS attended,
        (COUNT(*) FILTER (WHERE status = 'no_show' AND slot_start >= $3))::int AS "recentNoShows"
      FROM appointments WHERE phone_hash = $2 AND hall_id = $1 AND status IN ('checked_in', 'no_show')`,
      [hallId, phoneHash, since],
    );
    return rows[0]!;
  }

  /** erases name and phone of appointments that ended before `before`; returns how many */
  async purge(db: Queryable, hallId: string, before: string, now: string): Promise<number> {
    const r = await db.query(
      `UPDATE appointments SET name = '', phone = '', purged_at = $3
      WHERE hall_id = $1 AND purged_at IS NULL AND status != 'booked' AND slot_end < $2`,
      [hallId, before, now],
    );
    return r.rowCount ?? 0;
  }

  async slotSettings(db: Queryable, serviceId: string): Promise<SlotSettings | undefined> {
    const { rows } = await db.query<SlotSettings>(
      'SELECT slot_minutes AS "slotMinutes", capacity_per_window AS "capacityPerWindow" FROM appointment_slot_settings WHERE service_id = $1',
      [serviceId],
    );
    return rows[0];
  }

  async putSlotSettings(db: Queryable, serviceId: string, s: SlotSettings): Promise<void> {
    await db.query(
      `INSERT INTO appointment_slot_settings (service_id, slot_minutes, capacity_per_window) VALUES ($1, $2, $3)
      ON CONFLICT (service_id) DO UPDATE SET slot_minutes = excluded.slot_minutes, capacity_per_window = excluded.capacity_per_window`,
      [serviceId, s.slotMinutes, s.capacityPerWindow],
    );
  }

  /** the hall's rules as set (the defaults fill the rest): kept in the node's copy at the `appointment-rules` version */
  rules(db: Queryable, hallId: string): Promise<Partial<AppointmentRules>> {
    return this.copy.read(db, `appointment-rules:${hallId}`, [RULES], async () => {
      const { rows } = await db.query<{ rules_json: Partial<AppointmentRules> | null; v: Version }>(
        `SELECT (SELECT rules_json FROM appointment_rules WHERE hall_id = $1) AS rules_json, (SELECT v FROM cache_versions WHERE name = '${RULES}') AS v`,
        [hallId],
      );
      return { value: rows[0]!.rules_json ?? {}, names: [RULES], versions: [rows[0]!.v] };
    });
  }

  async putRules(db: Queryable, hallId: string, rules: AppointmentRules): Promise<void> {
    await db.query(`INSERT INTO appointment_rules (hall_id, rules_json) VALUES ($1, $2) ON CONFLICT (hall_id) DO UPDATE SET rules_json = excluded.rules_json`, [
      hallId,
      JSON.stringify(rules),
    ]);
  }

  /** the 一次性告知 text lives on the service (services.materials) */
  async putMaterials(db: Queryable, serviceId: string, text: string): Promise<void> {
    await db.query('UPDATE services SET materials = $1 WHERE id = $2', [text, serviceId]);
  }

  private async one(db: Queryable, sql: string, params: unknown[]): Promise<Appointment | undefined> {
    const r = (await db.query<Row>(sql, params)).rows[0];
    return r && toAppointment(r);
  }
  private async many(db: Queryable, sql: string, params: unknown[]): Promise<Appointment[]> {
    return (await db.query<Row>(sql, params)).rows.map(toAppointment);
  }
}
