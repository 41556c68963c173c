import type { Service } from '../../server/domain/model.js';
import type { AdminServicePort } from '../../server/admin/ports.js';
import type { Db } from '../database.js';

export interface WindowRecord {
  id: string;
  hallId: string;
  zoneId: string;
  number: number;
  name: string;
}

/** The administration's writes to services, windows and what each window serves. */
export class AdminServiceRepository implements AdminServicePort {
  private readonly stmts;

  constructor(private readonly db: Db) {
    this.stmts = {
      upsertService: db.prepare(`INSERT INTO services (id, hall_id, department_id, name, name_en, prefix, avg_service_minutes, enabled, position, materials)
        VALUES (@id, @hallId, @departmentId, @name, @nameEn, @prefix, @avgServiceMinutes, @enabled, @position, @materials)
        ON CONFLICT (id) DO UPDATE SET department_id = excluded.department_id, name = excluded.name, name_en = excluded.name_en, prefix = excluded.prefix,
        avg_service_minutes = excluded.avg_service_minutes, enabled = excluded.enabled, position = excluded.position, materials = excluded.materials`),
      deleteService: db.prepare('DELETE FROM services WHERE id = ?'),
      unserve: db.prepare('DELETE FROM window_services WHERE service_id = ?'),
      ticketsOfService: db.prepare('SELECT COUNT(*) AS n FROM tickets WHERE service_id = ? OR transferred_from_service_id = ?'),
      maxPosition: db.prepare('SELECT COALESCE(MAX(position), -1) AS n FROM services WHERE hall_id = ?'),
      upsertWindow: db.prepare(`INSERT INTO windows (id, hall_id, zone_id, number, name) VALUES (@id, @hallId, @zoneId, @number, @name)
        ON CONFLICT (id) DO UPDATE SET zone_id = excluded.zone_id, number = excluded.number, name = excluded.name`),
      clearWindowServices: db.prepare('DELETE FROM window_services WHERE window_id = ?'),
      addWindowService: db.prepare('INSERT INTO window_services (window_id, service_id, position) VALUES (?, ?, ?)'),
      clearWindowStaff: db.prepare('DELETE FROM staff_windows WHERE window_id = ?'),
      addWindowStaff: db.prepare('INSERT OR REPLACE INTO staff_windows (staff_id, window_id, post) VALUES (?, ?, ?)'),
      windowStaff: db.prepare('SELECT staff_id AS staffId, post FROM staff_windows WHERE window_id = ? ORDER BY post, staff_id'),
      deleteWindow: db.prepare('DELETE FROM windows WHERE id = ?'),
    };
  }

  saveService(s: Service): void {
    this.stmts.upsertService.run({ ...s, nameEn: s.nameEn ?? '', enabled: s.enabled ? 1 : 0 });
  }

  nextPosition(hallId: string): number {
    return (this.stmts.maxPosition.get(hallId) as { n: number }).n + 1;
  }

  /** tickets that ever belonged to the service (they keep it in reports, so it cannot go) */
  ticketsOfService(id: string): number {
    return (this.stmts.ticketsOfService.get(id, id) as { n: number }).n;
  }

  deleteService(id: string): void {
    this.db.transaction(() => {
      this.stmts.unserve.run(id);
      this.stmts.deleteService.run(id);
    })();
  }

  saveWindow(w: WindowRecord, serviceIds: readonly string[]): void {
    this.db.transaction(() => {
      this.stmts.upsertWindow.run(w);
      this.stmts.clearWindowServices.run(w.id);
      serviceIds.forEach((s, i) => this.stmts.addWindowService.run(w.id, s, i));
    })();
  }

  windowStaff(windowId: string): { staffId: string; post: 'A' | 'B' }[] {
    return this.stmts.windowStaff.all(windowId) as { staffId: string; post: 'A' | 'B' }[];
  }

  setWindowStaff(windowId: string, staff: readonly { staffId: string; post: 'A' | 'B' }[]): void {
    this.db.transaction(() => {
      this.stmts.clearWindowStaff.run(windowId);
      for (const s of staff) this.stmts.addWindowStaff.run(s.staffId, windowId, s.post);
    })();
  }

  deleteWindow(id: string): void {
    this.db.transaction(() => {
      this.stmts.clearWindowServices.run(id);
      this.stmts.clearWindowStaff.run(id);
      this.stmts.deleteWindow.run(id);
    })();
  }
}
