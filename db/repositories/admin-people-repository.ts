import type { DeviceKind, Role } from '../../server/contract/dto.js';
import type { AdminPeoplePort } from '../../server/admin/ports.js';
import type { Db } from '../database.js';

export interface StaffRecord {
  id: string;
  hallId: string | null;
  name: string;
  employeeNo: string;
  role: Role;
  username: string;
  enabled: boolean;
}
export interface DeviceRecord {
  id: string;
  hallId: string;
  kind: DeviceKind;
  windowId: string | null;
  zoneId: string | null;
  enabled: boolean;
}
export interface AuditRow {
  id: number;
  at: string;
  hallId: string | null;
  actorType: string;
  actorId: string;
  action: string;
  entity: string;
  entityId: string;
  reason: string | null;
  before: unknown;
  after: unknown;
}

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
  before_json: string | null;
  after_json: string | null;
}

/** The administration's writes to staff, their windows, photos, devices, and the audit trail's reads. */
export class AdminPeopleRepository implements AdminPeoplePort {
  private readonly stmts;

  constructor(private readonly db: Db) {
    this.stmts = {
      upsertStaff: db.prepare(`INSERT INTO staff (id, hall_id, name, employee_no, role, username, password_hash, enabled)
        VALUES (@id, @hallId, @name, @employeeNo, @role, @username, @passwordHash, @enabled)
        ON CONFLICT (id) DO UPDATE SET hall_id = excluded.hall_id, name = excluded.name, employee_no = excluded.employee_no,
        role = excluded.role, username = excluded.username, enabled = excluded.enabled`),
      setPassword: db.prepare('UPDATE staff SET password_hash = ? WHERE id = ?'),
      clearStaffWindows: db.prepare('DELETE FROM staff_windows WHERE staff_id = ?'),
      addStaffWindow: db.prepare('INSERT OR REPLACE INTO staff_windows (staff_id, window_id, post) VALUES (?, ?, ?)'),
      endSessions: db.prepare('DELETE FROM sessions WHERE staff_id = ?'),
      deleteStaff: db.prepare('DELETE FROM staff WHERE id = ?'),
      photo: db.prepare('SELECT data_url FROM staff_photos WHERE staff_id = ?'),
      putPhoto: db.prepare(
        'INSERT INTO staff_photos (staff_id, data_url, updated_at) VALUES (?, ?, ?) ON CONFLICT (staff_id) DO UPDATE SET data_url = excluded.data_url, updated_at = excluded.updated_at',
      ),
      deletePhoto: db.prepare('DELETE FROM staff_photos WHERE staff_id = ?'),
      devices: db.prepare('SELECT * FROM devices ORDER BY hall_id, id'),
      upsertDevice: db.prepare(`INSERT INTO devices (id, hall_id, kind, token_hash, window_id, zone_id, enabled)
        VALUES (@id, @hallId, @kind, @tokenHash, @windowId, @zoneId, @enabled)
        ON CONFLICT (id) DO UPDATE SET hall_id = excluded.hall_id, kind = excluded.kind, window_id = excluded.window_id,
        zone_id = excluded.zone_id, enabled = excluded.enabled`),
      setDeviceToken: db.prepare('UPDATE devices SET token_hash = ?, enabled = 1 WHERE id = ?'),
      setDeviceEnabled: db.prepare('UPDATE devices SET enabled = ? WHERE id = ?'),
      deleteDevice: db.prepare('DELETE FROM devices WHERE id = ?'),
      deleteDeviceHealth: db.prepare('DELETE FROM device_health WHERE id = ?'),
      audit:
        db.prepare(`SELECT * FROM audit_log WHERE (@hallId IS NULL OR id IN (SELECT audit_id FROM audit_log_halls WHERE hall_id = @hallId)) AND (@entity IS NULL OR entity = @entity)
        ORDER BY id DESC LIMIT @limit`),
    };
  }

  saveStaff(s: StaffRecord, passwordHash: string | null): void {
    this.stmts.upsertStaff.run({ ...s, enabled: s.enabled ? 1 : 0, passwordHash: passwordHash ?? '!' });
    if (passwordHash) this.stmts.setPassword.run(passwordHash, s.id);
  }

  setStaffWindows(staffId: string, windows: readonly { windowId: string; post: 'A' | 'B' }[]): void {
    this.db.transaction(() => {
      this.stmts.clearStaffWindows.run(staffId);
      for (const w of windows) this.stmts.addStaffWindow.run(staffId, w.windowId, w.post);
    })();
  }

  setPassword(staffId: string, passwordHash: string): void {
    this.stmts.setPassword.run(passwordHash, staffId);
  }
  /** logs the person out everywhere (disabled, password reset, removed) */
  endSessions(staffId: string): void {
    this.stmts.endSessions.run(staffId);
  }

  deleteStaff(id: string): void {
    this.db.transaction(() => {
      this.stmts.endSessions.run(id);
      this.stmts.clearStaffWindows.run(id);
      this.stmts.deletePhoto.run(id);
      this.stmts.deleteStaff.run(id);
    })();
  }

  photo(staffId: string): string | undefined {
    return (this.stmts.photo.get(staffId) as { data_url: string } | undefined)?.data_url;
  }
  setPhoto(staffId: string, dataUrl: string | null, at: string): void {
    if (dataUrl) this.stmts.putPhoto.run(staffId, dataUrl, at);
    else this.stmts.deletePhoto.run(staffId);
  }

  devices(): (DeviceRecord & { lastSeenAt: string | null })[] {
    return (
      this.stmts.devices.all() as {
        id: string;
        hall_id: string;
        kind: DeviceKind;
        window_id: string | null;
        zone_id: string | null;
        enabled: number;
        last_seen_at: string | null;
      }[]
    ).map((r) => ({
      id: r.id,
      hallId: r.hall_id,
      kind: r.kind,
      windowId: r.window_id,
      zoneId: r.zone_id,
      enabled: r.enabled === 1,
      lastSeenAt: r.last_seen_at,
    }));
  }

  /** a new device needs a token hash; an existing one keeps its own when tokenHash is null */
  saveDevice(d: DeviceRecord, tokenHash: string | null): void {
    this.stmts.upsertDevice.run({ ...d, enabled: d.enabled ? 1 : 0, tokenHash: tokenHash ?? `unset-${d.id}` });
    if (tokenHash) this.stmts.setDeviceToken.run(tokenHash, d.id);
  }

  setDeviceToken(id: string, tokenHash: string): void {
    this.stmts.setDeviceToken.run(tokenHash, id);
  }
  setDeviceEnabled(id: string, enabled: boolean): void {
    this.stmts.setDeviceEnabled.run(enabled ? 1 : 0, id);
  }

  deleteDevice(id: string): void {
    this.db.transaction(() => {
      this.stmts.deleteDeviceHealth.run(id);
      this.stmts.deleteDevice.run(id);
    })();
  }

  audit(filter: { hallId?: string | undefined; entity?: string | undefined; limit: number }): AuditRow[] {
    const rows = this.stmts.audit.all({ hallId: filter.hallId ?? null, entity: filter.entity ?? null, limit: filter.limit }) as AuditDbRow[];
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
      before: r.before_json ? JSON.parse(r.before_json) : null,
      after: r.after_json ? JSON.parse(r.after_json) : null,
    }));
  }
}
