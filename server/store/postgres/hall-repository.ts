import type { Department, Hall, Service, Window, Zone } from '../../domain/model.js';
import {
  toDepartment,
  toHall,
  toService,
  toWindow,
  toZone,
  type HallRow,
  type ServiceRow,
  type WindowRow,
  type ZoneRow,
} from '../../../db/repositories/rows.js';
import type { Queryable } from './hall-transaction.js';

type WindowState = Pick<Window, 'id' | 'status' | 'pauseReason' | 'currentTicketId' | 'staffId' | 'statusChangedAt'>;

// a window with the services it serves, in its order of preference
const WINDOWS = `SELECT w.*, COALESCE((SELECT array_agg(service_id ORDER BY position)
  FROM window_services WHERE window_id = w.id), '{}') AS service_ids FROM windows w`;
const toWindowOf = (r: WindowRow & { service_ids: string[] }) => toWindow(r, r.service_ids);

/**
 * HallRepository on PostgreSQL: halls, zones, departments, services and windows, read from the
 * database every time — a copy kept in memory would have to be checked against cache_versions
 * on each read anyway (another node may have changed it), which costs the same round trip.
 */
export class PgHallRepository {
  async halls(db: Queryable): Promise<Hall[]> {
    const { rows } = await db.query<HallRow>('SELECT * FROM halls ORDER BY id');
    return rows.map(toHall);
  }

  async hall(db: Queryable, id: string): Promise<Hall | undefined> {
    const { rows } = await db.query<HallRow>('SELECT * FROM halls WHERE id = $1', [id]);
    return rows[0] && toHall(rows[0]);
  }

  async zones(db: Queryable, hallId: string): Promise<Zone[]> {
    const { rows } = await db.query<ZoneRow>('SELECT * FROM zones WHERE hall_id = $1 ORDER BY id', [hallId]);
    return rows.map(toZone);
  }

  async zone(db: Queryable, id: string): Promise<Zone | undefined> {
    const { rows } = await db.query<ZoneRow>('SELECT * FROM zones WHERE id = $1', [id]);
    return rows[0] && toZone(rows[0]);
  }

  async departments(db: Queryable): Promise<Department[]> {
    const { rows } = await db.query<{ id: string; name: string; name_en: string }>('SELECT id, name, name_en FROM departments ORDER BY id');
    return rows.map(toDepartment);
  }

  async services(db: Queryable, hallId: string): Promise<Service[]> {
    const { rows } = await db.query<ServiceRow>('SELECT * FROM services WHERE hall_id = $1 ORDER BY position, id', [hallId]);
    return rows.map(toService);
  }

  async service(db: Queryable, id: string): Promise<Service | undefined> {
    const { rows } = await db.query<ServiceRow>('SELECT * FROM services WHERE id = $1', [id]);
    return rows[0] && toService(rows[0]);
  }

  async windows(db: Queryable, hallId: string): Promise<Window[]> {
    const { rows } = await db.query<WindowRow & { service_ids: string[] }>(`${WINDOWS} WHERE w.hall_id = $1 ORDER BY w.number`, [hallId]);
    return rows.map(toWindowOf);
  }

  async window(db: Queryable, id: string): Promise<Window | undefined> {
    const { rows } = await db.query<WindowRow & { service_ids: string[] }>(`${WINDOWS} WHERE w.id = $1`, [id]);
    return rows[0] && toWindowOf(rows[0]);
  }

  /** the windows of the service's hall that serve it, by number */
  async windowsServing(db: Queryable, serviceId: string): Promise<Window[]> {
    const { rows } = await db.query<WindowRow & { service_ids: string[] }>(
      `${WINDOWS} WHERE EXISTS (SELECT 1 FROM window_services ws WHERE ws.window_id = w.id AND ws.service_id = $1)
      AND w.hall_id = (SELECT hall_id FROM services WHERE id = $1) ORDER BY w.number`,
      [serviceId],
    );
    return rows.map(toWindowOf);
  }

  async saveWindowState(db: Queryable, w: WindowState): Promise<void> {
    await db.query(
      `UPDATE windows SET status = $2, pause_reason = $3, current_ticket_id = $4, staff_id = $5,
      status_changed_at = $6 WHERE id = $1`,
      [w.id, w.status, w.pauseReason, w.currentTicketId, w.staffId, w.statusChangedAt],
    );
  }

  async isEmpty(db: Queryable): Promise<boolean> {
    const { rows } = await db.query<{ any: boolean }>('SELECT EXISTS (SELECT 1 FROM halls) AS any');
    return !rows[0]!.any;
  }
}
