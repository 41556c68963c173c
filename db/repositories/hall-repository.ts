import type { HallRepository } from '../../server/app/ports.js';
import type { Department, Hall, Service, Window, Zone } from '../../server/domain/model.js';
import { resolvePolicy } from '../../server/domain/policy.js';
import type { Db } from '../database.js';

type ZoneRow = Omit<Zone, 'announceFrom' | 'nameEn'> & { announceFrom: string };
const toZone = ({ nameEn, ...r }: ZoneRow & { nameEn: string }): Zone => ({ ...r, ...(nameEn ? { nameEn } : {}), announceFrom: JSON.parse(r.announceFrom) as string[] });

interface HallRow { id: string; name: string; name_en: string; timezone: string; hours_json: string; policy_json: string; notice: string }
interface ServiceRow { id: string; hall_id: string; department_id: string; name: string; name_en: string; prefix: string; avg_service_minutes: number; enabled: number; position: number; materials: string }
interface WindowRow { id: string; hall_id: string; zone_id: string; number: number; name: string; status: Window['status']; pause_reason: string | null; current_ticket_id: string | null; staff_id: string | null; status_changed_at: string | null }

const toHall = (r: HallRow): Hall => ({
  id: r.id, name: r.name, ...(r.name_en ? { nameEn: r.name_en } : {}), timezone: r.timezone, hours: JSON.parse(r.hours_json),
  policy: resolvePolicy(JSON.parse(r.policy_json)), notice: r.notice,
});

const toService = (r: ServiceRow): Service => ({
  id: r.id, hallId: r.hall_id, departmentId: r.department_id, name: r.name, ...(r.name_en ? { nameEn: r.name_en } : {}), prefix: r.prefix,
  avgServiceMinutes: r.avg_service_minutes, enabled: r.enabled === 1, position: r.position, materials: r.materials,
});

export class SqliteHallRepository implements HallRepository {
  private readonly stmts;

  constructor(private readonly db: Db) {
    this.stmts = {
      halls: db.prepare('SELECT * FROM halls ORDER BY id'),
      hall: db.prepare('SELECT * FROM halls WHERE id = ?'),
      zones: db.prepare('SELECT id, hall_id AS hallId, name, name_en AS nameEn, announce_from AS announceFrom FROM zones WHERE hall_id = ? ORDER BY id'),
      zone: db.prepare('SELECT id, hall_id AS hallId, name, name_en AS nameEn, announce_from AS announceFrom FROM zones WHERE id = ?'),
      departments: db.prepare('SELECT id, name, name_en AS nameEn FROM departments ORDER BY id'),
      services: db.prepare('SELECT * FROM services WHERE hall_id = ? ORDER BY position, id'),
      service: db.prepare('SELECT * FROM services WHERE id = ?'),
      windows: db.prepare('SELECT * FROM windows WHERE hall_id = ? ORDER BY number'),
      window: db.prepare('SELECT * FROM windows WHERE id = ?'),
      windowServices: db.prepare('SELECT service_id FROM window_services WHERE window_id = ? ORDER BY position'),
      serving: db.prepare('SELECT w.* FROM windows w JOIN window_services ws ON ws.window_id = w.id WHERE ws.service_id = ? ORDER BY w.number'),
      saveWindow: db.prepare('UPDATE windows SET status = @status, pause_reason = @pauseReason, current_ticket_id = @currentTicketId, staff_id = @staffId, status_changed_at = @statusChangedAt WHERE id = @id'),
      count: db.prepare('SELECT COUNT(*) AS n FROM halls'),
    };
  }

  private toWindow(r: WindowRow): Window {
    const serviceIds = (this.stmts.windowServices.all(r.id) as { service_id: string }[]).map((s) => s.service_id);
    return {
      id: r.id, hallId: r.hall_id, zoneId: r.zone_id, number: r.number, name: r.name, status: r.status,
      pauseReason: r.pause_reason, currentTicketId: r.current_ticket_id, staffId: r.staff_id,
      statusChangedAt: r.status_changed_at, serviceIds,
    };
  }

  halls(): Hall[] { return (this.stmts.halls.all() as HallRow[]).map(toHall); }
  hall(id: string): Hall | undefined { const r = this.stmts.hall.get(id) as HallRow | undefined; return r && toHall(r); }
  zones(hallId: string): Zone[] { return (this.stmts.zones.all(hallId) as (ZoneRow & { nameEn: string })[]).map(toZone); }
  zone(id: string): Zone | undefined { const r = this.stmts.zone.get(id) as (ZoneRow & { nameEn: string }) | undefined; return r && toZone(r); }
  departments(): Department[] {
    return (this.stmts.departments.all() as { id: string; name: string; nameEn: string }[]).map(({ nameEn, ...d }) => ({ ...d, ...(nameEn ? { nameEn } : {}) }));
  }
  services(hallId: string): Service[] { return (this.stmts.services.all(hallId) as ServiceRow[]).map(toService); }
  service(id: string): Service | undefined { const r = this.stmts.service.get(id) as ServiceRow | undefined; return r && toService(r); }
  windows(hallId: string): Window[] { return (this.stmts.windows.all(hallId) as WindowRow[]).map((r) => this.toWindow(r)); }
  window(id: string): Window | undefined { const r = this.stmts.window.get(id) as WindowRow | undefined; return r && this.toWindow(r); }
  windowsServing(serviceId: string): Window[] { return (this.stmts.serving.all(serviceId) as WindowRow[]).map((r) => this.toWindow(r)); }

  saveWindowState(w: Pick<Window, 'id' | 'status' | 'pauseReason' | 'currentTicketId' | 'staffId' | 'statusChangedAt'>): void {
    this.stmts.saveWindow.run(w);
  }

  isEmpty(): boolean { return (this.stmts.count.get() as { n: number }).n === 0; }
}
