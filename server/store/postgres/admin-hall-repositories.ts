import type { HallRecord } from '../../../db/repositories/admin-hall-repository.js';
import type { WindowRecord } from '../../../db/repositories/admin-service-repository.js';
import type { Service } from '../../domain/model.js';
import { together, type Queryable } from './hall-transaction.js';

// JSONB columns arrive parsed
interface HallRow {
  id: string;
  name: string;
  name_en: string;
  timezone: string;
  hours_json: unknown;
  policy_json: Record<string, unknown>;
  notice: string;
  address: string;
}

const toRecord = (r: HallRow): HallRecord => ({
  id: r.id,
  name: r.name,
  ...(r.name_en ? { nameEn: r.name_en } : {}),
  timezone: r.timezone,
  hours: r.hours_json,
  policy: r.policy_json,
  notice: r.notice,
  address: r.address,
});

const count = async (db: Queryable, sql: string, params: unknown[]) => (await db.query<{ n: number }>(sql, params)).rows[0]!.n;

/** AdminHallPort on PostgreSQL: halls and zones (in their hall's `writeHall`), departments (in `writeCity`). */
export class PgAdminHallRepository {
  async halls(db: Queryable): Promise<HallRecord[]> {
    return (await db.query<HallRow>('SELECT * FROM halls ORDER BY id')).rows.map(toRecord);
  }
  async hall(db: Queryable, id: string): Promise<HallRecord | undefined> {
    const { rows } = await db.query<HallRow>('SELECT * FROM halls WHERE id = $1', [id]);
    return rows[0] && toRecord(rows[0]);
  }

  async saveHall(db: Queryable, h: HallRecord): Promise<void> {
    await db.query(
      `INSERT INTO halls (id, name, name_en, timezone, hours_json, policy_json, notice, address) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
      ON CONFLICT (id) DO UPDATE SET name = excluded.name, name_en = excluded.name_en, timezone = excluded.timezone, hours_json = excluded.hours_json,
      policy_json = excluded.policy_json, notice = excluded.notice, address = excluded.address`,
      [h.id, h.name, h.nameEn ?? '', h.timezone, JSON.stringify(h.hours), JSON.stringify(h.policy), h.notice, h.address],
    );
  }

  async hallIsEmpty(db: Queryable, id: string): Promise<boolean> {
    const n = await count(
      db,
      `SELECT (SELECT COUNT(*) FROM services WHERE hall_id = $1) + (SELECT COUNT(*) FROM windows WHERE hall_id = $1)
      + (SELECT COUNT(*) FROM devices WHERE hall_id = $1) + (SELECT COUNT(*) FROM staff WHERE hall_id = $1)
      + (SELECT COUNT(*) FROM tickets WHERE hall_id = $1) AS n`,
      [id],
    );
    return Number(n) === 0;
  }
  async deleteHall(db: Queryable, id: string): Promise<void> {
    await db.query('DELETE FROM halls WHERE id = $1', [id]);
  }

  async saveZone(db: Queryable, z: { id: string; hallId: string; name: string; nameEn?: string; announceFrom?: readonly string[] }): Promise<void> {
    await db.query(
      `INSERT INTO zones (id, hall_id, name, name_en, announce_from) VALUES ($1, $2, $3, $4, $5)
      ON CONFLICT (id) DO UPDATE SET name = excluded.name, hall_id = excluded.hall_id, name_en = excluded.name_en, announce_from = excluded.announce_from`,
      [z.id, z.hallId, z.name, z.nameEn ?? '', JSON.stringify(z.announceFrom ?? [])],
    );
  }
  windowsInZone(db: Queryable, id: string): Promise<number> {
    return count(db, 'SELECT COUNT(*) AS n FROM windows WHERE zone_id = $1', [id]);
  }
  async deleteZone(db: Queryable, id: string): Promise<void> {
    await db.query('DELETE FROM zones WHERE id = $1', [id]);
  }

  async saveDepartment(db: Queryable, d: { id: string; name: string; nameEn?: string }): Promise<void> {
    await db.query(
      'INSERT INTO departments (id, name, name_en) VALUES ($1, $2, $3) ON CONFLICT (id) DO UPDATE SET name = excluded.name, name_en = excluded.name_en',
      [d.id, d.name, d.nameEn ?? ''],
    );
  }
  servicesOfDepartment(db: Queryable, id: string): Promise<number> {
    return count(db, 'SELECT COUNT(*) AS n FROM services WHERE department_id = $1', [id]);
  }
  async deleteDepartment(db: Queryable, id: string): Promise<void> {
    await db.query('DELETE FROM departments WHERE id = $1', [id]);
  }
}

/** AdminServicePort on PostgreSQL: services and windows of one hall, in its `writeHall`. */
export class PgAdminServiceRepository {
  async saveService(db: Queryable, s: Service): Promise<void> {
    await db.query(
      `INSERT INTO services (id, hall_id, department_id, name, name_en, prefix, avg_service_minutes, enabled, position, materials)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
      ON CONFLICT (id) DO UPDATE SET department_id = excluded.department_id, name = excluded.name, name_en = excluded.name_en, prefix = excluded.prefix,
      avg_service_minutes = excluded.avg_service_minutes, enabled = excluded.enabled, position = excluded.position, materials = excluded.materials`,
      [s.id, s.hallId, s.departmentId, s.name, s.nameEn ?? '', s.prefix, s.avgServiceMinutes, s.enabled, s.position, s.materials],
    );
  }

  async nextPosition(db: Queryable, hallId: string): Promise<number> {
    return (await count(db, 'SELECT COALESCE(MAX(position), -1) AS n FROM services WHERE hall_id = $1', [hallId])) + 1;
  }

  ticketsOfService(db: Queryable, id: string): Promise<number> {
    return count(db, 'SELECT COUNT(*) AS n FROM tickets WHERE service_id = $1 OR transferred_from_service_id = $1', [id]);
  }

  deleteService(db: Queryable, id: string): Promise<void> {
    return together(db, async (q) => {
      await q.query('DELETE FROM window_services WHERE service_id = $1', [id]);
      await q.query('DELETE FROM services WHERE id = $1', [id]);
    });
  }

  saveWindow(db: Queryable, w: WindowRecord, serviceIds: readonly string[]): Promise<void> {
    return together(db, async (q) => {
      await q.query(
        `INSERT INTO windows (id, hall_id, zone_id, number, name) VALUES ($1, $2, $3, $4, $5)
        ON CONFLICT (id) DO UPDATE SET zone_id = excluded.zone_id, number = excluded.number, name = excluded.name`,
        [w.id, w.hallId, w.zoneId, w.number, w.name],
      );
      await q.query('DELETE FROM window_services WHERE window_id = $1', [w.id]);
      if (serviceIds.length > 0)
        await q.query('INSERT INTO window_services (window_id, service_id, position) SELECT $1, s, i - 1 FROM unnest($2::text[]) WITH ORDINALITY AS u(s, i)', [
          w.id,
          serviceIds,
        ]);
    });
  }

  async windowStaff(db: Queryable, windowId: string): Promise<{ staffId: string; post: 'A' | 'B' }[]> {
    const { rows } = await db.query<{ staffId: string; post: 'A' | 'B' }>(
      'SELECT staff_id AS "staffId", post FROM staff_windows WHERE window_id = $1 ORDER BY post, staff_id',
      [windowId],
    );
    return rows;
  }

  setWindowStaff(db: Queryable, windowId: string, staff: readonly { staffId: string; post: 'A' | 'B' }[]): Promise<void> {
    return together(db, async (q) => {
      await q.query('DELETE FROM staff_windows WHERE window_id = $1', [windowId]);
      // the last post named for a person wins, as SQLite's INSERT OR REPLACE does
      for (const s of staff)
        await q.query(
          'INSERT INTO staff_windows (staff_id, window_id, post) VALUES ($1, $2, $3) ON CONFLICT (staff_id, window_id) DO UPDATE SET post = excluded.post',
          [s.staffId, windowId, s.post],
        );
    });
  }

  deleteWindow(db: Queryable, id: string): Promise<void> {
    return together(db, async (q) => {
      await q.query('DELETE FROM window_services WHERE window_id = $1', [id]);
      await q.query('DELETE FROM staff_windows WHERE window_id = $1', [id]);
      await q.query('DELETE FROM windows WHERE id = $1', [id]);
    });
  }
}
