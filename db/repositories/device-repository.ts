import type { DeviceRepository } from '../../server/app/ports.js';
import type { Sync } from '../sync-ports.js';
import type { Device, DeviceHealth } from '../../server/domain/model.js';
import type { Db } from '../database.js';
import { CacheVersions, VersionedCache } from './cache-versions.js';
import { toDevice, toHealth, type DeviceRow, type HealthRow } from './rows.js';

/** the SQLite row: counters are JSON text */
type SqliteHealthRow = Omit<HealthRow, 'counters_json'> & { counters_json: string };
const parseHealth = (r: SqliteHealthRow) => toHealth({ ...r, counters_json: JSON.parse(r.counters_json) });

export class SqliteDeviceRepository implements Sync<DeviceRepository> {
  private readonly stmts;
  /** the device of each token hash (or none), kept while the devices table's version holds (migration 121) */
  private readonly byToken: VersionedCache<Device | undefined>;
  /** the device of each id, kept the same way: a kiosk's ticket names it, and its printout reads its zone */
  private readonly byId: VersionedCache<Device | undefined>;
  /** touches since a device was cached: last_seen_at moves no version */
  private readonly seen = new Map<string, string>();

  constructor(db: Db) {
    this.byToken = new VersionedCache<Device | undefined>(new CacheVersions(db), () => 'devices');
    this.byId = new VersionedCache<Device | undefined>(new CacheVersions(db), () => 'devices');
    this.stmts = {
      byToken: db.prepare('SELECT * FROM devices WHERE token_hash = ?'),
      get: db.prepare('SELECT * FROM devices WHERE id = ?'),
      touch: db.prepare('UPDATE devices SET last_seen_at = ? WHERE id = ?'),
      health: db.prepare('SELECT * FROM device_health WHERE hall_id = ? ORDER BY id'),
      healthOf: db.prepare('SELECT * FROM device_health WHERE id = ?'),
      saveHealth: db.prepare(`INSERT INTO device_health (id, hall_id, kind, status, last_error, counters_json, updated_at)
        VALUES (@id, @hallId, @kind, @status, @lastError, @counters, @updatedAt)
        ON CONFLICT (id) DO UPDATE SET status = excluded.status, last_error = excluded.last_error,
        counters_json = excluded.counters_json, updated_at = excluded.updated_at, kind = excluded.kind, hall_id = excluded.hall_id`),
    };
  }

  byTokenHash(tokenHash: string) {
    const device = this.byToken.get(tokenHash, () => {
      const r = this.stmts.byToken.get(tokenHash) as DeviceRow | undefined;
      return r && toDevice(r);
    });
    return this.withLastSeen(device);
  }

  get(id: string) {
    const device = this.byId.get(id, () => {
      const r = this.stmts.get.get(id) as DeviceRow | undefined;
      return r && toDevice(r);
    });
    return this.withLastSeen(device);
  }

  /** a touch since the device was cached moved no version: its time is added here */
  private withLastSeen(device: Device | undefined): Device | undefined {
    const seen = device && this.seen.get(device.id);
    return seen && seen > (device.lastSeenAt ?? '') ? { ...device, lastSeenAt: seen } : device;
  }

  touch(id: string, at: string): void {
    this.stmts.touch.run(at, id);
    this.seen.set(id, at);
  }
  health(hallId: string) {
    return (this.stmts.health.all(hallId) as SqliteHealthRow[]).map(parseHealth);
  }
  healthOf(id: string) {
    const r = this.stmts.healthOf.get(id) as SqliteHealthRow | undefined;
    return r && parseHealth(r);
  }
  saveHealth(h: DeviceHealth): void {
    this.stmts.saveHealth.run({ ...h, counters: JSON.stringify(h.counters) });
  }
}
