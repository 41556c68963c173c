import type { AdminHallPort } from '../../server/admin/ports.js';
import type { Db } from '../database.js';

/** A hall as the configuration holds it: the policy as written (partial), not resolved. */
export interface HallRecord {
  id: string;
  name: string;
  /** English name ('' : none) */
  nameEn?: string;
  timezone: string;
  hours: unknown;
  policy: Record<string, unknown>;
  notice: string;
  /** street address for visitors; '' none */
  address: string;
}

interface HallRow {
  id: string;
  name: string;
  name_en: string;
  timezone: string;
  hours_json: string;
  policy_json: string;
  notice: string;
  address: string;
}

const toRecord = (r: HallRow): HallRecord => ({
  id: r.id,
  name: r.name,
  ...(r.name_en ? { nameEn: r.name_en } : {}),
  timezone: r.timezone,
  hours: JSON.parse(r.hours_json),
  policy: JSON.parse(r.policy_json),
  notice: r.notice,
  address: r.address,
});

/** The administration's writes to halls, zones and departments. */
export class AdminHallRepository implements AdminHallPort {
  private readonly stmts;

  constructor(db: Db) {
    this.stmts = {
      halls: db.prepare('SELECT * FROM halls ORDER BY id'),
      hall: db.prepare('SELECT * FROM halls WHERE id = ?'),
      upsertHall:
        db.prepare(`INSERT INTO halls (id, name, name_en, timezone, hours_json, policy_json, notice, address) VALUES (@id, @name, @nameEn, @timezone, @hours, @policy, @notice, @address)
        ON CONFLICT (id) DO UPDATE SET name = excluded.name, name_en = excluded.name_en, timezone = excluded.timezone, hours_json = excluded.hours_json,
        policy_json = excluded.policy_json, notice = excluded.notice, address = excluded.address`),
      deleteHall: db.prepare('DELETE FROM halls WHERE id = ?'),
      upsertZone: db.prepare(`INSERT INTO zones (id, hall_id, name, name_en, announce_from) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (id) DO UPDATE SET name = excluded.name, hall_id = excluded.hall_id, name_en = excluded.name_en, announce_from = excluded.announce_from`),
      deleteZone: db.prepare('DELETE FROM zones WHERE id = ?'),
      windowsInZone: db.prepare('SELECT COUNT(*) AS n FROM windows WHERE zone_id = ?'),
      upsertDepartment: db.prepare(
        'INSERT INTO departments (id, name, name_en) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name, name_en = excluded.name_en',
      ),
      deleteDepartment: db.prepare('DELETE FROM departments WHERE id = ?'),
      servicesOfDepartment: db.prepare('SELECT COUNT(*) AS n FROM services WHERE department_id = ?'),
      hallUse: db.prepare(`SELECT (SELECT COUNT(*) FROM services WHERE hall_id = @id) + (SELECT COUNT(*) FROM windows WHERE hall_id = @id)
        + (SELECT COUNT(*) FROM devices WHERE hall_id = @id) + (SELECT COUNT(*) FROM staff WHERE hall_id = @id)
        + (SELECT COUNT(*) FROM tickets WHERE hall_id = @id) AS n`),
    };
  }

  halls(): HallRecord[] {
    return (this.stmts.halls.all() as HallRow[]).map(toRecord);
  }
  hall(id: string): HallRecord | undefined {
    const r = this.stmts.hall.get(id) as HallRow | undefined;
    return r && toRecord(r);
  }

  saveHall(h: HallRecord): void {
    this.stmts.upsertHall.run({ ...h, nameEn: h.nameEn ?? '', hours: JSON.stringify(h.hours), policy: JSON.stringify(h.policy) });
  }

  /** true when nothing (services, windows, devices, staff, tickets) belongs to the hall */
  hallIsEmpty(id: string): boolean {
    return (this.stmts.hallUse.get({ id }) as { n: number }).n === 0;
  }
  deleteHall(id: string): void {
    this.stmts.deleteHall.run(id);
  }

  saveZone(z: { id: string; hallId: string; name: string; nameEn?: string; announceFrom?: readonly string[] }): void {
    this.stmts.upsertZone.run(z.id, z.hallId, z.name, z.nameEn ?? '', JSON.stringify(z.announceFrom ?? []));
  }
  windowsInZone(id: string): number {
    return (this.stmts.windowsInZone.get(id) as { n: number }).n;
  }
  deleteZone(id: string): void {
    this.stmts.deleteZone.run(id);
  }

  saveDepartment(d: { id: string; name: string; nameEn?: string }): void {
    this.stmts.upsertDepartment.run(d.id, d.name, d.nameEn ?? '');
  }
  servicesOfDepartment(id: string): number {
    return (this.stmts.servicesOfDepartment.get(id) as { n: number }).n;
  }
  deleteDepartment(id: string): void {
    this.stmts.deleteDepartment.run(id);
  }
}
