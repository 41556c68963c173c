import type { Hall, Service, Window } from '../../domain/model.js';
import { resolvePolicy } from '../../domain/policy.js';
import type { HallTx, Queryable } from './hall-transaction.js';

interface HallRow {
  id: string;
  name: string;
  name_en: string;
  timezone: string;
  hours_json: Hall['hours'];
  policy_json: object;
  notice: string;
}
interface ServiceRow {
  id: string;
  hall_id: string;
  department_id: string;
  name: string;
  name_en: string;
  prefix: string;
  avg_service_minutes: number;
  enabled: boolean;
  position: number;
  materials: string;
}
interface WindowRow {
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
  service_ids: string[];
}

const toHall = (r: HallRow): Hall => ({
  id: r.id,
  name: r.name,
  ...(r.name_en ? { nameEn: r.name_en } : {}),
  timezone: r.timezone,
  hours: r.hours_json,
  policy: resolvePolicy(r.policy_json),
  notice: r.notice,
});

const toService = (r: ServiceRow): Service => ({
  id: r.id,
  hallId: r.hall_id,
  departmentId: r.department_id,
  name: r.name,
  ...(r.name_en ? { nameEn: r.name_en } : {}),
  prefix: r.prefix,
  avgServiceMinutes: r.avg_service_minutes,
  enabled: r.enabled,
  position: r.position,
  materials: r.materials,
});

const toWindow = (r: WindowRow): Window => ({
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
  serviceIds: r.service_ids,
});

/** The part of HallRepository the queue's core needs, on PostgreSQL (the rest comes with the wiring). */
export class PgHallReads {
  async hall(db: Queryable, id: string): Promise<Hall | undefined> {
    const { rows } = await db.query<HallRow>('SELECT * FROM halls WHERE id = $1', [id]);
    return rows[0] && toHall(rows[0]);
  }

  async service(db: Queryable, id: string): Promise<Service | undefined> {
    const { rows } = await db.query<ServiceRow>('SELECT * FROM services WHERE id = $1', [id]);
    return rows[0] && toService(rows[0]);
  }

  /** a window with the services it serves, in its order */
  async window(db: Queryable, id: string): Promise<Window | undefined> {
    const { rows } = await db.query<WindowRow>(
      `SELECT w.*, COALESCE((SELECT array_agg(service_id ORDER BY position)
      FROM window_services WHERE window_id = w.id), '{}') AS service_ids FROM windows w WHERE w.id = $1`,
      [id],
    );
    return rows[0] && toWindow(rows[0]);
  }

  async saveWindowState(tx: HallTx, w: Pick<Window, 'id' | 'status' | 'pauseReason' | 'currentTicketId' | 'staffId' | 'statusChangedAt'>): Promise<void> {
    await tx.client.query(
      `UPDATE windows SET status = $2, pause_reason = $3, current_ticket_id = $4, staff_id = $5,
      status_changed_at = $6 WHERE id = $1`,
      [w.id, w.status, w.pauseReason, w.currentTicketId, w.staffId, w.statusChangedAt],
    );
  }
}
