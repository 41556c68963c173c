import type { StaffRepository } from '../../server/app/ports.js';
import type { Sync } from '../sync-ports.js';
import type { Staff } from '../../server/domain/model.js';
import type { Db } from '../database.js';
import { toStaff, type StaffRow } from './rows.js';

export class SqliteStaffRepository implements Sync<StaffRepository> {
  private readonly stmts;

  constructor(db: Db) {
    this.stmts = {
      byUsername: db.prepare('SELECT * FROM staff WHERE username = ?'),
      get: db.prepare('SELECT * FROM staff WHERE id = ?'),
      all: db.prepare('SELECT * FROM staff ORDER BY id'),
      windows: db.prepare('SELECT window_id AS windowId, post FROM staff_windows WHERE staff_id = ? ORDER BY post, window_id'),
      createSession: db.prepare('INSERT INTO sessions (token_hash, staff_id, created_at, expires_at) VALUES (?, ?, ?, ?)'),
      session: db.prepare('SELECT s.* FROM sessions x JOIN staff s ON s.id = x.staff_id WHERE x.token_hash = ? AND x.expires_at > ?'),
      deleteSession: db.prepare('DELETE FROM sessions WHERE token_hash = ?'),
      deleteExpired: db.prepare('DELETE FROM sessions WHERE expires_at <= ? RETURNING token_hash'),
      deleteOthers: db.prepare('DELETE FROM sessions WHERE staff_id = ? AND token_hash <> ? RETURNING token_hash'),
      setPassword: db.prepare('UPDATE staff SET password_hash = ? WHERE id = ?'),
    };
  }

  private toStaff(r: StaffRow | undefined): Staff | undefined {
    if (!r) return undefined;
    return toStaff(r, this.stmts.windows.all(r.id) as Staff['windows']);
  }

  byUsername(username: string) {
    return this.toStaff(this.stmts.byUsername.get(username) as StaffRow | undefined);
  }
  get(id: string) {
    return this.toStaff(this.stmts.get.get(id) as StaffRow | undefined);
  }
  all(): Staff[] {
    return (this.stmts.all.all() as StaffRow[]).map((r) => this.toStaff(r)!);
  }

  createSession(tokenHash: string, staffId: string, createdAt: string, expiresAt: string): void {
    this.stmts.createSession.run(tokenHash, staffId, createdAt, expiresAt);
  }

  sessionStaff(tokenHash: string, now: string) {
    return this.toStaff(this.stmts.session.get(tokenHash, now) as StaffRow | undefined);
  }

  deleteSession(tokenHash: string): void {
    this.stmts.deleteSession.run(tokenHash);
  }

  deleteExpiredSessions(now: string): string[] {
    return (this.stmts.deleteExpired.all(now) as { token_hash: string }[]).map((r) => r.token_hash);
  }

  deleteOtherSessions(staffId: string, keepTokenHash: string): string[] {
    return (this.stmts.deleteOthers.all(staffId, keepTokenHash) as { token_hash: string }[]).map((r) => r.token_hash);
  }

  setPassword(staffId: string, passwordHash: string): void {
    this.stmts.setPassword.run(passwordHash, staffId);
  }
}
