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
import { found, PgConfigCopy, versioned, versionsOf, type Versioned } from './config-copy.js';
import type { Queryable } from './hall-transaction.js';
import { writeLater } from './write-later.js';

type WindowState = Pick<Window, 'id' | 'status' | 'pauseReason' | 'currentTicketId' | 'staffId' | 'statusChangedAt'>;
type WindowWithServices = WindowRow & { service_ids: string[] };
const toWindowOf = (r: WindowWithServices) => toWindow(r, r.service_ids);

// a window with the services it serves, in its order of preference
const WINDOW = `w.*, COALESCE((SELECT array_agg(service_id ORDER BY position) FROM window_services WHERE window_id = w.id), '{}') AS service_ids`;

/**
 * HallRepository on PostgreSQL: halls, zones, departments, services and windows, kept per node
 * (PgConfigCopy) with the cache_versions each was read at, in the same statement. A copy is used
 * only while those versions hold: inside a hall's write, against the versions read with its lock.
 */
export class PgHallRepository {
  /** which hall a window, and a service, was last read in: the version of its copy is that hall's */
  private readonly hallOfWindow = new Map<string, string>();
  private readonly hallOfService = new Map<string, string>();

  constructor(private readonly copy: PgConfigCopy = new PgConfigCopy()) {}

  halls(db: Queryable): Promise<Hall[]> {
    return this.copy.read(db, 'halls', ['halls'], async () => {
      const { rows } = await db.query<HallRow & Versioned>(versioned(["'halls'"], 'h.*', 'halls h ON true ORDER BY h.id'));
      return { value: found(rows).map(toHall), names: ['halls'], versions: versionsOf(rows, 1) };
    });
  }

  hall(db: Queryable, id: string): Promise<Hall | undefined> {
    return this.copy.read(db, `hall:${id}`, ['halls'], async () => {
      const { rows } = await db.query<HallRow & Versioned>(versioned(["'halls'"], 'h.*', 'halls h ON h.id = $1'), [id]);
      const [row] = found(rows);
      return { value: row && toHall(row), names: ['halls'], versions: versionsOf(rows, 1) };
    });
  }

  zones(db: Queryable, hallId: string): Promise<Zone[]> {
    return this.copy.read(db, `zones:${hallId}`, ['zones'], async () => {
      const { rows } = await db.query<ZoneRow & Versioned>(versioned(["'zones'"], 'z.*', 'zones z ON z.hall_id = $1 ORDER BY z.id'), [hallId]);
      return { value: found(rows).map(toZone), names: ['zones'], versions: versionsOf(rows, 1) };
    });
  }

  zone(db: Queryable, id: string): Promise<Zone | undefined> {
    return this.copy.read(db, `zone:${id}`, ['zones'], async () => {
      const { rows } = await db.query<ZoneRow & Versioned>(versioned(["'zones'"], 'z.*', 'zones z ON z.id = $1'), [id]);
      const [row] = found(rows);
      return { value: row && toZone(row), names: ['zones'], versions: versionsOf(rows, 1) };
    });
  }

  departments(db: Queryable): Promise<Department[]> {
    return this.copy.read(db, 'departments', ['departments'], async () => {
      const { rows } = await db.query<{ id: string; name: string; name_en: string } & Versioned>(
        versioned(["'departments'"], 'd.id, d.name, d.name_en', 'departments d ON true ORDER BY d.id'),
      );
      return { value: found(rows).map(toDepartment), names: ['departments'], versions: versionsOf(rows, 1) };
    });
  }

  services(db: Queryable, hallId: string): Promise<Service[]> {
    return this.copy.read(db, `services:${hallId}`, ['services'], async () => {
      const { rows } = await db.query<ServiceRow & Versioned>(versioned(["'services'"], 's.*', 'services s ON s.hall_id = $1 ORDER BY s.position, s.id'), [
        hallId,
      ]);
      for (const r of found(rows)) this.hallOfService.set(r.id, r.hall_id);
      return { value: found(rows).map(toService), names: ['services'], versions: versionsOf(rows, 1) };
    });
  }

  service(db: Queryable, id: string): Promise<Service | undefined> {
    return this.copy.read(db, `service:${id}`, ['services'], async () => {
      const { rows } = await db.query<ServiceRow & Versioned>(versioned(["'services'"], 's.*', 'services s ON s.id = $1'), [id]);
      const [row] = found(rows);
      if (row) this.hallOfService.set(row.id, row.hall_id);
      return { value: row && toService(row), names: ['services'], versions: versionsOf(rows, 1) };
    });
  }

  windows(db: Queryable, hallId: string): Promise<Window[]> {
    const name = `windows:${hallId}`;
    return this.copy.read(db, `windows:${hallId}`, [name], async () => {
      const { rows } = await db.query<WindowWithServices & Versioned>(
        versioned(["'windows:' || $1::text"], WINDOW, 'windows w ON w.hall_id = $1 ORDER BY w.number'),
        [hallId],
      );
      return { value: found(rows).map(toWindowOf), names: [name], versions: versionsOf(rows, 1) };
    });
  }

  window(db: Queryable, id: string): Promise<Window | undefined> {
    const hall = this.hallOfWindow.get(id);
    return this.copy.read(db, `window:${id}`, hall === undefined ? undefined : [`windows:${hall}`], async () => {
      const { rows } = await db.query<WindowWithServices & Versioned>(
        versioned(["'windows:' || (SELECT hall_id FROM windows WHERE id = $1)"], WINDOW, 'windows w ON w.id = $1'),
        [id],
      );
      const [row] = found(rows);
      if (row) this.hallOfWindow.set(id, row.hall_id);
      // a window that does not exist has no hall, hence no version: never kept
      return { value: row && toWindowOf(row), names: [`windows:${row?.hall_id ?? ''}`], versions: row ? versionsOf(rows, 1) : [null] };
    });
  }

  /** the windows of the service's hall that serve it, by number */
  windowsServing(db: Queryable, serviceId: string): Promise<Window[]> {
    const hall = this.hallOfService.get(serviceId);
    return this.copy.read(db, `serving:${serviceId}`, hall === undefined ? undefined : ['services', `windows:${hall}`], async () => {
      const { rows } = await db.query<WindowWithServices & Versioned & { hq_hall: string | null }>(
        versioned(
          ["'services'", "'windows:' || (SELECT hall_id FROM services WHERE id = $1)"],
          `${WINDOW}, (SELECT hall_id FROM services WHERE id = $1) AS hq_hall`,
          `windows w ON EXISTS (SELECT 1 FROM window_services ws WHERE ws.window_id = w.id AND ws.service_id = $1)
          AND w.hall_id = (SELECT hall_id FROM services WHERE id = $1) ORDER BY w.number`,
        ),
        [serviceId],
      );
      const serviceHall = rows[0]!.hq_hall;
      if (serviceHall !== null) this.hallOfService.set(serviceId, serviceHall);
      return {
        value: found(rows).map(toWindowOf),
        names: ['services', `windows:${serviceHall ?? ''}`],
        versions: serviceHall === null ? [null] : versionsOf(rows, 2),
      };
    });
  }

  /** sent with the transaction's next statement (write-later.ts) */
  async saveWindowState(db: Queryable, w: WindowState): Promise<void> {
    await writeLater(
      db,
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
