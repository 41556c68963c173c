import type { AuditRow, DeviceRecord, StaffRecord } from '../../../db/repositories/admin-people-repository.js';
import type { DeviceKind } from '../../contract/dto.js';
import { together, type Queryable } from './hall-transaction.js';

interface AuditDbRow {
  id: number;
  at: string;
  hall_id: string | null;
  actor_type: string;
  actor_id: string;
  action: string;
  entity: string;
  entity_id: string;
  reason: string | null;
  before_json: unknown;
  after_json: unknown;
}

interface DeviceDbRow {
  id: string;
  hall_id: string;
  kind: DeviceKind;
  window_id: string | null;
  zone_id: string | null;
  enabled: boolean;
  last_seen_at: string | null;
}

/**
 * AdminPeoplePort on PostgreSQL. Staff accounts are written in `writeCity` (usernames are unique
 * across the city, and a person may move between halls); devices in their hall's `writeHall`.
 */
export class PgAdminPeopleRepository {
  async saveStaff(db: Queryable, s: StaffRecord, passwordHash: string | null): Promise<void> {
    // a new person without a password gets '!', which no password hashes to; an existing one keeps theirs
    await db.query(
      `INSERT INTO staff (id, hall_id, name, employee_no, role, username, password_hash, enabled) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
      ON CONFLICT (id) DO UPDATE SET hall_id = excluded.hall_id, name = excluded.name, employee_no = excluded.employee_no,
      role = excluded.role, username = excluded.username, enabled = excluded.enabled,
      password_hash = CASE WHEN $9::boolean THEN excluded.password_hash ELSE staff.password_hash END`,
      [s.id, s.hallId, s.name, s.employeeNo, s.role, s.username, passwordHash ?? '!', s.enabled, passwordHash !== null && passwordHash !== ''],
    );
  }

  setStaffWindows(db: Queryable, staffId: string, windows: readonly { windowId: string; post: 'A' | 'B' }[]): Promise<void> {
    return together(db, async (q) => {
      await q.query('DELETE FROM staff_windows WHERE staff_id = $1', [staffId]);
      for (const w of windows)
        await q.query(
          'INSERT INTO staff_windows (staff_id, window_id, post) VALUES ($1, $2, $3) ON CONFLICT (staff_id, window_id) DO UPDATE SET post = excluded.post',
          [staffId, w.windowId, w.post],
        );
    });
  }

  async setPassword(db: Queryable, staffId: string, passwordHash: string): Promise<void> {
    await db.query('UPDATE staff SET password_hash = $1 WHERE id = $2', [passwordHash, staffId]);
  }
  async endSessions(db: Queryable, staffId: string): Promise<void> {
    await db.query('DELETE FROM sessions WHERE staff_id = $1', [staffId]);
  }

  deleteStaff(db: Queryable, id: string): Promise<void> {
    return together(db, async (q) => {
      for (const table of ['sessions', 'staff_windows', 'staff_photos']) await q.query(`DELETE FROM ${table} WHERE staff_id = $1`, [id]);
      await q.query('DELETE FROM staff WHERE id = $1', [id]);
    });
  }

  async photo(db: Queryable, staffId: string): Promise<string | undefined> {
    const { rows } = await db.query<{ data_url: string }>('SELECT data_url FROM staff_photos WHERE staff_id = $1', [staffId]);
    return rows[0]?.data_url;
  }
  async setPhoto(db: Queryable, staffId: string, dataUrl: string | null, at: string): Promise<void> {
    if (dataUrl)
      await db.query(
        `INSERT INTO staff_photos (staff_id, data_url, updated_at) VALUES ($1, $2, $3)
        ON CONFLICT (staff_id) DO UPDATE SET data_url = excluded.data_url, updated_at = excluded.updated_at`,
        [staffId, dataUrl, at],
      );
    else await db.query('DELETE FROM staff_photos WHERE staff_id = $1', [staffId]);
  }

  async devices(db: Queryable): Promise<(DeviceRecord & { lastSeenAt: string | null })[]> {
    const { rows } = await db.query<DeviceDbRow>('SELECT * FROM devices ORDER BY hall_id, id');
    return rows.map((r) => ({
      id: r.id,
      hallId: r.hall_id,
      kind: r.kind,
      windowId: r.window_id,
      zoneId: r.zone_id,
      enabled: r.enabled,
      lastSeenAt: r.last_seen_at,
    }));
  }

  async saveDevice(db: Queryable, d: DeviceRecord, tokenHash: string | null): Promise<void> {
    // a token given also re-enables the device, as SQLite's setDeviceToken does after its upsert
    await db.query(
      `INSERT INTO devices (id, hall_id, kind, token_hash, window_id, zone_id, enabled) VALUES ($1, $2, $3, $4, $5, $6, $7)
      ON CONFLICT (id) DO UPDATE SET hall_id = excluded.hall_id, kind = excluded.kind, window_id = excluded.window_id, zone_id = excluded.zone_id,
      enabled = excluded.enabled OR $8::boolean, token_hash = CASE WHEN $8::boolean THEN excluded.token_hash ELSE devices.token_hash END`,
      [d.id, d.hallId, d.kind, tokenHash || `unset-${d.id}`, d.windowId, d.zoneId, d.enabled || !!tokenHash, !!tokenHash],
    );
  }

  async setDeviceToken(db: Queryable, id: string, tokenHash: string): Promise<void> {
    await db.query('UPDATE devices SET token_hash = $1, enabled = TRUE WHERE id = $2', [tokenHash, id]);
  }
  async setDeviceEnabled(db: Queryable, id: string, enabled: boolean): Promise<void> {
    await db.query('UPDATE devices SET enabled = $1 WHERE id = $2', [enabled, id]);
  }

  deleteDevice(db: Queryable, id: string): Promise<void> {
    return together(db, async (q) => {
      await q.query('DELETE FROM device_health WHERE id = $1', [id]);
      await q.query('DELETE FROM devices WHERE id = $1', [id]);
    });
  }

  async audit(db: Queryable, filter: { hallId?: string | undefined; entity?: string | undefined; limit: number }): Promise<AuditRow[]> {
    const { rows } = await db.query<AuditDbRow>(
      `SELECT * FROM audit_log WHERE ($1::text IS NULL OR id IN (SELECT audit_id FROM audit_log_halls WHERE hall_id = $1))
      AND ($2::text IS NULL OR entity = $2) ORDER BY id DESC LIMIT $3`,
      [filter.hallId ?? null, filter.entity ?? null, filter.limit],
    );
    return rows.map((r) => ({
      id: r.id,
      at: r.at,
      hallId: r.hall_id,
      actorType: r.actor_type,
      actorId: r.actor_id,
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
      reason: r.reason,
      before: r.before_json ?? null,
      after: r.after_json ?? null,
    }));
  }
}
