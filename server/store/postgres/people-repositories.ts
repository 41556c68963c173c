import type { Device, DeviceHealth, Staff } from '../../domain/model.js';
import { toDevice, toHealth, toStaff, type DeviceRow, type HealthRow, type StaffRow } from '../../../db/repositories/rows.js';
import type { Queryable } from './hall-transaction.js';

// a person with the windows they may sit at, A岗 before B岗 (as SQLite orders them)
const STAFF = `SELECT s.*, COALESCE((SELECT json_agg(json_build_object('windowId', window_id, 'post', post) ORDER BY post, window_id)
  FROM staff_windows WHERE staff_id = s.id), '[]') AS windows FROM staff s`;
type StaffWithWindows = StaffRow & { windows: Staff['windows'] };
const toStaffOf = (r: StaffWithWindows) => toStaff(r, r.windows);

/** StaffRepository on PostgreSQL: accounts and their sessions (city-wide: usernames are unique across halls). */
export class PgStaffRepository {
  async byUsername(db: Queryable, username: string): Promise<Staff | undefined> {
    const { rows } = await db.query<StaffWithWindows>(`${STAFF} WHERE s.username = $1`, [username]);
    return rows[0] && toStaffOf(rows[0]);
  }

  async get(db: Queryable, id: string): Promise<Staff | undefined> {
    const { rows } = await db.query<StaffWithWindows>(`${STAFF} WHERE s.id = $1`, [id]);
    return rows[0] && toStaffOf(rows[0]);
  }

  async all(db: Queryable): Promise<Staff[]> {
    const { rows } = await db.query<StaffWithWindows>(`${STAFF} ORDER BY s.id`);
    return rows.map(toStaffOf);
  }

  async createSession(db: Queryable, tokenHash: string, staffId: string, createdAt: string, expiresAt: string): Promise<void> {
    await db.query('INSERT INTO sessions (token_hash, staff_id, created_at, expires_at) VALUES ($1, $2, $3, $4)', [tokenHash, staffId, createdAt, expiresAt]);
  }

  /** the person of an unexpired session */
  async sessionStaff(db: Queryable, tokenHash: string, now: string): Promise<Staff | undefined> {
    const { rows } = await db.query<StaffWithWindows>(`${STAFF} WHERE s.id = (SELECT staff_id FROM sessions WHERE token_hash = $1 AND expires_at > $2)`, [
      tokenHash,
      now,
    ]);
    return rows[0] && toStaffOf(rows[0]);
  }

  async deleteExpiredSessions(db: Queryable, now: string): Promise<string[]> {
    const { rows } = await db.query<{ token_hash: string }>('DELETE FROM sessions WHERE expires_at <= $1 RETURNING token_hash', [now]);
    return rows.map((r) => r.token_hash);
  }

  async deleteOtherSessions(db: Queryable, staffId: string, keepTokenHash: string): Promise<string[]> {
    const { rows } = await db.query<{ token_hash: string }>('DELETE FROM sessions WHERE staff_id = $1 AND token_hash <> $2 RETURNING token_hash', [
      staffId,
      keepTokenHash,
    ]);
    return rows.map((r) => r.token_hash);
  }

  async setPassword(db: Queryable, staffId: string, passwordHash: string): Promise<void> {
    await db.query('UPDATE staff SET password_hash = $1 WHERE id = $2', [passwordHash, staffId]);
  }

  async deleteSession(db: Queryable, tokenHash: string): Promise<void> {
    await db.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
  }
}

/** DeviceRepository on PostgreSQL: device tokens and the health each device reports. */
export class PgDeviceRepository {
  async byTokenHash(db: Queryable, tokenHash: string): Promise<Device | undefined> {
    const { rows } = await db.query<DeviceRow>('SELECT * FROM devices WHERE token_hash = $1', [tokenHash]);
    return rows[0] && toDevice(rows[0]);
  }

  async get(db: Queryable, id: string): Promise<Device | undefined> {
    const { rows } = await db.query<DeviceRow>('SELECT * FROM devices WHERE id = $1', [id]);
    return rows[0] && toDevice(rows[0]);
  }

  async touch(db: Queryable, id: string, at: string): Promise<void> {
    await db.query('UPDATE devices SET last_seen_at = $1 WHERE id = $2', [at, id]);
  }

  async health(db: Queryable, hallId: string): Promise<DeviceHealth[]> {
    const { rows } = await db.query<HealthRow>('SELECT * FROM device_health WHERE hall_id = $1 ORDER BY id', [hallId]);
    return rows.map(toHealth);
  }

  async healthOf(db: Queryable, id: string): Promise<DeviceHealth | undefined> {
    const { rows } = await db.query<HealthRow>('SELECT * FROM device_health WHERE id = $1', [id]);
    return rows[0] && toHealth(rows[0]);
  }

  async saveHealth(db: Queryable, h: DeviceHealth): Promise<void> {
    await db.query(
      `INSERT INTO device_health (id, hall_id, kind, status, last_error, counters_json, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
      ON CONFLICT (id) DO UPDATE SET status = excluded.status, last_error = excluded.last_error,
      counters_json = excluded.counters_json, updated_at = excluded.updated_at, kind = excluded.kind, hall_id = excluded.hall_id`,
      [h.id, h.hallId, h.kind, h.status, h.lastError, JSON.stringify(h.counters), h.updatedAt],
    );
  }
}
