import type { PhoneCodeRepository } from '../../server/appointments/ports.js';
import type { Db } from '../database.js';

export interface PhoneCode {
  id: number;
  codeHash: string;
  expiresAt: string;
  attempts: number;
}

/** SMS confirmation codes, by keyed hash of the phone (and of phone + code). */
export class SqlitePhoneCodeRepository implements PhoneCodeRepository {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      insert: db.prepare('INSERT INTO phone_codes (hall_id, phone_hash, code_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?)'),
      sentSince: db.prepare('SELECT COUNT(*) AS n FROM phone_codes WHERE hall_id = ? AND phone_hash = ? AND created_at > ?'),
      latest: db.prepare(`SELECT id, code_hash, expires_at, attempts FROM phone_codes
        WHERE hall_id = ? AND phone_hash = ? AND used_at IS NULL AND expires_at > ? ORDER BY id DESC LIMIT 1`),
      attempt: db.prepare('UPDATE phone_codes SET attempts = attempts + 1 WHERE id = ?'),
      use: db.prepare('UPDATE phone_codes SET used_at = ? WHERE id = ? AND used_at IS NULL'),
      purge: db.prepare('DELETE FROM phone_codes WHERE expires_at < ?'),
    };
  }

  insert(hallId: string, phoneHash: string, codeHash: string, createdAt: string, expiresAt: string): void {
    this.s.insert.run(hallId, phoneHash, codeHash, createdAt, expiresAt);
  }

  sentSince(hallId: string, phoneHash: string, since: string): number {
    return (this.s.sentSince.get(hallId, phoneHash, since) as { n: number }).n;
  }

  latestValid(hallId: string, phoneHash: string, now: string): PhoneCode | undefined {
    const r = this.s.latest.get(hallId, phoneHash, now) as { id: number; code_hash: string; expires_at: string; attempts: number } | undefined;
    return r ? { id: r.id, codeHash: r.code_hash, expiresAt: r.expires_at, attempts: r.attempts } : undefined;
  }

  countAttempt(id: number): void {
    this.s.attempt.run(id);
  }
  /** false when it was already used */
  markUsed(id: number, at: string): boolean {
    return this.s.use.run(at, id).changes === 1;
  }
  purgeExpired(before: string): number {
    return this.s.purge.run(before).changes;
  }
}
