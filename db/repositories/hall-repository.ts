import type { HallRepository } from '../../server/app/ports.js';
import type { Sync } from '../sync-ports.js';
import type { Department, Hall, Service, Window, Zone } from '../../server/domain/model.js';
import type { Db } from '../database.js';
import { CacheVersions, VersionedCache } from './cache-versions.js';
import { toDepartment, toHall, toService, toWindow, toZone, type HallRow, type ServiceRow, type WindowRow, type ZoneRow } from './rows.js';

/** the SQLite row: its JSON documents are text */
type SqliteHallRow = Omit<HallRow, 'hours_json' | 'policy_json'> & { hours_json: string; policy_json: string };
const parseHall = (r: SqliteHallRow): Hall => toHall({ ...r, hours_json: JSON.parse(r.hours_json), policy_json: JSON.parse(r.policy_json) });

/** the windows serving each service, per copy of a hall's windows */
const servingOf = new WeakMap<readonly Window[], Map<string, Window[]>>();

/**
 * Halls, zones, departments, services and windows, read on every event: kept in memory and
 * checked against the versions that triggers move in the writing transaction (migration 090),
 * so a change from the admin console, a config import or another process is seen at once.
 */
export class SqliteHallRepository implements Sync<HallRepository> {
  private readonly stmts;
  private readonly config;
  private readonly windowsOfHall;

  constructor(private readonly db: Db) {
    this.stmts = {
      halls: db.prepare('SELECT * FROM halls ORDER BY id'),
      zones: db.prepare('SELECT id, hall_id, name, name_en, announce_from FROM zones ORDER BY id'),
      departments: db.prepare('SELECT id, name, name_en FROM departments ORDER BY id'),
      services: db.prepare('SELECT * FROM services ORDER BY position, id'),
      windows: db.prepare('SELECT * FROM windows WHERE hall_id = ? ORDER BY number'),
      windowServices: db.prepare(`SELECT ws.window_id, ws.service_id FROM window_services ws JOIN windows w ON w.id = ws.window_id
        WHERE w.hall_id = ? ORDER BY ws.window_id, ws.position`),
      hallOfWindow: db.prepare('SELECT hall_id FROM windows WHERE id = ?').pluck(),
      saveWindow: db.prepare(
        'UPDATE windows SET status = @status, pause_reason = @pauseReason, current_ticket_id = @currentTicketId, staff_id = @staffId, status_changed_at = @statusChangedAt WHERE id = @id',
      ),
      count: db.prepare('SELECT COUNT(*) AS n FROM halls'),
    };
    const versions = new CacheVersions(db);
    this.config = {
      halls: new VersionedCache<Hall[]>(versions, () => 'halls'),
      zones: new VersionedCache<Zone[]>(versions, () => 'zones'),
      departments: new VersionedCache<Department[]>(versions, () => 'departments'),
      services: new VersionedCache<{ list: Service[]; byId: Map<string, Service> }>(versions, () => 'services'),
    };
    this.windowsOfHall = new VersionedCache<Window[]>(versions, (hallId) => `windows:${hallId}`);
  }

  private allHalls(): Hall[] {
    return this.config.halls.get('', () => (this.stmts.halls.all() as SqliteHallRow[]).map(parseHall));
  }
  private allZones(): Zone[] {
    return this.config.zones.get('', () =>
      (this.stmts.zones.all() as (Omit<ZoneRow, 'announce_from'> & { announce_from: string })[]).map((r) =>
        toZone({ ...r, announce_from: JSON.parse(r.announce_from) as string[] }),
      ),
    );
  }
  private allServices() {
    return this.config.services.get('', () => {
      const list = (this.stmts.services.all() as ServiceRow[]).map(toService);
      return { list, byId: new Map(list.map((s) => [s.id, s])) };
    });
  }

  private loadWindows(hallId: string): Window[] {
    const serviceIds = new Map<string, string[]>();
    for (const r of this.stmts.windowServices.all(hallId) as { window_id: string; service_id: string }[]) {
      const list = serviceIds.get(r.window_id);
      if (list) list.push(r.service_id);
      else serviceIds.set(r.window_id, [r.service_id]);
    }
    return (this.stmts.windows.all(hallId) as WindowRow[]).map((r) => toWindow(r, serviceIds.get(r.id) ?? []));
  }

  halls(): Hall[] {
    return this.allHalls();
  }
  hall(id: string): Hall | undefined {
    return this.allHalls().find((h) => h.id === id);
  }
  zones(hallId: string): Zone[] {
    return this.allZones().filter((z) => z.hallId === hallId);
  }
  zone(id: string): Zone | undefined {
    return this.allZones().find((z) => z.id === id);
  }
  departments(): Department[] {
    return this.config.departments.get('', () => (this.stmts.departments.all() as { id: string; name: string; name_en: string }[]).map(toDepartment));
  }
  services(hallId: string): Service[] {
    return this.allServices().list.filter((s) => s.hallId === hallId);
  }
  service(id: string): Service | undefined {
    return this.allServices().byId.get(id);
  }
  windows(hallId: string): Window[] {
    return this.windowsOfHall.get(hallId, () => this.loadWindows(hallId));
  }
  window(id: string): Window | undefined {
    const hallId = this.stmts.hallOfWindow.get(id) as string | undefined;
    return hallId === undefined ? undefined : this.windows(hallId).find((w) => w.id === id);
  }
  windowsServing(serviceId: string): Window[] {
    const hallId = this.service(serviceId)?.hallId;
    if (hallId === undefined) return [];
    // a ticket issued and printed asks this four times: kept per copy of the hall's windows (a new copy when they change)
    const windows = this.windows(hallId);
    let byService = servingOf.get(windows);
    if (!byService) servingOf.set(windows, (byService = new Map()));
    let serving = byService.get(serviceId);
    if (!serving) byService.set(serviceId, (serving = Object.freeze(windows.filter((w) => w.serviceIds.includes(serviceId))) as Window[]));
    return serving;
  }

  saveWindowState(w: Pick<Window, 'id' | 'status' | 'pauseReason' | 'currentTicketId' | 'staffId' | 'statusChangedAt'>): void {
    this.stmts.saveWindow.run(w);
  }

  isEmpty(): boolean {
    return (this.stmts.count.get() as { n: number }).n === 0;
  }
}
