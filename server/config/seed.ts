import type { Db } from '../../db/database.js';
import { hashPassword, hashToken } from '../app/secrets.js';
import type { HallConfig } from './schema.js';

/**
 * Writes a validated config into a new database, in one transaction. Passwords and device
 * tokens are stored hashed only: those in `passwordHashes` (by staff id) as given, the others
 * hashed here.
 */
export function seedDatabase(db: Db, config: HallConfig, passwordHashes: ReadonlyMap<string, string> = new Map()): void {
  const insert = {
    hall: db.prepare('INSERT INTO halls (id, name, timezone, hours_json, policy_json, notice) VALUES (?, ?, ?, ?, ?, ?)'),
    zone: db.prepare('INSERT INTO zones (id, hall_id, name, announce_from) VALUES (?, ?, ?, ?)'),
    department: db.prepare('INSERT INTO departments (id, name) VALUES (?, ?)'),
    service: db.prepare(`INSERT INTO services (id, hall_id, department_id, name, prefix, avg_service_minutes, enabled, position, materials)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    window: db.prepare('INSERT INTO windows (id, hall_id, zone_id, number, name) VALUES (?, ?, ?, ?, ?)'),
    windowService: db.prepare('INSERT INTO window_services (window_id, service_id, position) VALUES (?, ?, ?)'),
    staff: db.prepare('INSERT INTO staff (id, hall_id, name, employee_no, role, username, password_hash) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    staffWindow: db.prepare('INSERT OR REPLACE INTO staff_windows (staff_id, window_id, post) VALUES (?, ?, ?)'),
    device: db.prepare('INSERT INTO devices (id, hall_id, kind, token_hash, window_id, zone_id) VALUES (?, ?, ?, ?, ?, ?)'),
    setting: db.prepare('INSERT OR REPLACE INTO settings (key, value_json) VALUES (?, ?)'),
  };
  const windowHall = new Map(config.windows.map((w) => [w.id, w.hallId]));
  db.transaction(() => {
    for (const h of config.halls) {
      const policy = { ...(config.policy ?? {}), ...(config.limits ?? {}), ...(h.policy ?? {}) };
      insert.hall.run(h.id, h.name, h.timezone, JSON.stringify(h.hours), JSON.stringify(policy), h.notice ?? '');
      for (const z of h.zones) insert.zone.run(z.id, h.id, z.name, JSON.stringify(z.announceFrom ?? []));
    }
    for (const d of config.departments) insert.department.run(d.id, d.name);
    // English names are optional: set after the rows, so the inserts above stay as they were
    const english = (table: string) => db.prepare(`UPDATE ${table} SET name_en = ? WHERE id = ?`);
    const englishOf = { halls: english('halls'), zones: english('zones'), departments: english('departments'), services: english('services') };
    const setEnglish = () => {
      for (const h of config.halls) {
        if (h.nameEn) englishOf.halls.run(h.nameEn, h.id);
        if (h.address) db.prepare('UPDATE halls SET address = ? WHERE id = ?').run(h.address, h.id);
        for (const z of h.zones) if (z.nameEn) englishOf.zones.run(z.nameEn, z.id);
      }
      for (const d of config.departments) if (d.nameEn) englishOf.departments.run(d.nameEn, d.id);
      for (const s of config.services) if (s.nameEn) englishOf.services.run(s.nameEn, s.id);
    };
    config.services.forEach((s, i) =>
      insert.service.run(s.id, s.hallId, s.departmentId, s.name, s.prefix, s.avgServiceMinutes, s.enabled === false ? 0 : 1, i, s.materials ?? ''),
    );
    setEnglish();
    for (const w of config.windows) {
      insert.window.run(w.id, w.hallId, w.zoneId, w.number, w.name);
      w.serviceIds.forEach((s, i) => insert.windowService.run(w.id, s, i));
    }
    for (const s of config.staff) {
      const firstWindow = s.windowIds?.[0] ?? s.substituteWindowIds?.[0];
      const hallId = s.hallId ?? (firstWindow ? windowHall.get(firstWindow) : undefined) ?? null;
      insert.staff.run(s.id, hallId, s.name, s.employeeNo ?? '', s.role, s.username, passwordHashes.get(s.id) ?? hashPassword(s.password));
      for (const w of s.substituteWindowIds ?? []) insert.staffWindow.run(s.id, w, 'B');
      for (const w of s.windowIds ?? []) insert.staffWindow.run(s.id, w, 'A');
    }
    for (const d of config.devices ?? []) {
      insert.device.run(d.id, d.hallId, d.kind, hashToken(d.token), d.windowId ?? null, d.zoneId ?? null);
    }
    insert.setting.run('buses', JSON.stringify(config.buses ?? []));
    insert.setting.run('hardware', JSON.stringify(config.hardware ?? []));
  })();
}
