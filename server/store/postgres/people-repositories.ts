import type { Device, DeviceHealth, Staff } from '../../domain/model.js';
import { toDevice, toHealth, toStaff, type DeviceRow, type HealthRow, type StaffRow } from '../../../db/repositories/rows.js';
import { found, PgConfigCopy, versioned, versionsOf, type Loaded, type Versioned } from './config-copy.js';
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

/**
 * DeviceRepository on PostgreSQL: device tokens and the health each device reports. The device of
 * a token (or none) and of an id are kept in the node's copy of the configuration at the `devices`
 * version (config-copy.ts): a revoked token is refused on every node within the notification's delay.
 */
export class PgDeviceRepository {
  /** touches this node made since a device was kept: last_seen_at moves no version */
  private readonly seen = new Map<string, string>();

  constructor(private readonly copy: PgConfigCopy = new PgConfigCopy()) {}

  async byTokenHash(db: Queryable, tokenHash: string): Promise<Device | undefined> {
    return this.withLastSeen(await this.copy.read(db, `device-token:${tokenHash}`, ['devices'], () => this.load(db, 'token_hash', tokenHash)));
  }

  async get(db: Queryable, id: string): Promise<Device | undefined> {
    return this.withLastSeen(await this.copy.read(db, `device:${id}`, ['devices'], () => this.load(db, 'id', id)));
  }

  private async load(db: Queryable, by: 'id' | 'token_hash', value: string): Promise<Loaded<Device | undefined>> {
    const { rows } = await db.query<DeviceRow & Versioned>(versioned(["'devices'"], 'd.*', `devices d ON d.${by} = $1`), [value]);
    const [row] = found(rows);
    return { value: row && toDevice(row), names: ['devices'], versions: versionsOf(rows, 1) };
  }

  /** a touch since the device was kept moved no version: its time is added here */
  private withLastSeen(device: Device | undefined): Device | undefined {
    const seen = device && this.seen.get(device.id);
    return seen && seen > (device.lastSeenAt ?? '') ? { ...device, lastSeenAt: seen } : device;
  }

  async touch(db: Queryable, id: string, at: string): Promise<void> {
    await db.query('UPDATE devices SET last_seen_at = $1 WHERE id = $2', [at, id]);
    this.seen.set(id, at);
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
