import type { PhoneCode } from '../../../db/repositories/phone-code-repository.js';
import type { Queryable } from './hall-transaction.js';

/** PhoneCodeRepository on PostgreSQL: SMS confirmation codes, by keyed hash of the phone. */
export class PgPhoneCodeRepository {
  async insert(db: Queryable, hallId: string, phoneHash: string, codeHash: string, createdAt: string, expiresAt: string): Promise<void> {
    await db.query('INSERT INTO phone_codes (hall_id, phone_hash, code_hash, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)', [
      hallId,
      phoneHash,
      codeHash,
      createdAt,
      expiresAt,
    ]);
  }

  async sentSince(db: Queryable, hallId: string, phoneHash: string, since: string): Promise<number> {
    const { rows } = await db.query<{ n: number }>('SELECT COUNT(*) AS n FROM phone_codes WHERE hall_id = $1 AND phone_hash = $2 AND created_at > $3', [
      hallId,
      phoneHash,
      since,
    ]);
    return rows[0]!.n;
  }

  async latestValid(db: Queryable, hallId: string, phoneHash: string, now: string): Promise<PhoneCode | undefined> {
    const { rows } = await db.query<PhoneCode>(
      `SELECT id, code_hash AS "codeHash", expires_at AS "expiresAt", attempts FROM phone_codes
      WHERE hall_id = $1 AND phone_hash = $2 AND used_at IS NULL AND expires_at > $3 ORDER BY id DESC LIMIT 1`,
      [hallId, phoneHash, now],
    );
    return rows[0];
  }

  /** counted in the database (attempts + 1): two nodes checking one code at once both count */
  async countAttempt(db: Queryable, id: number): Promise<void> {
    await db.query('UPDATE phone_codes SET attempts = attempts + 1 WHERE id = $1', [id]);
  }

  /** false when it was already used: of two nodes using one code at once, one gets true */
  async markUsed(db: Queryable, id: number, at: string): Promise<boolean> {
    return ((await db.query('UPDATE phone_codes SET used_at = $1 WHERE id = $2 AND used_at IS NULL', [at, id])).rowCount ?? 0) === 1;
  }

  async purgeExpired(db: Queryable, before: string): Promise<number> {
    return (await db.query('DELETE FROM phone_codes WHERE expires_at < $1', [before])).rowCount ?? 0;
  }
}

/** SettingsRepository on PostgreSQL: whole-installation JSON documents (`buses`, `hardware`, …). */
export class PgSettingsRepository {
  async get<T>(db: Queryable, key: string, fallback: T): Promise<T> {
    const { rows } = await db.query<{ value_json: T }>('SELECT value_json FROM settings WHERE key = $1', [key]);
    return rows.length > 0 ? rows[0]!.value_json : fallback;
  }

  async remove(db: Queryable, key: string): Promise<void> {
    await db.query('DELETE FROM settings WHERE key = $1', [key]);
  }

  async put(db: Queryable, key: string, value: unknown): Promise<void> {
    await db.query('INSERT INTO settings (key, value_json) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json', [
      key,
      JSON.stringify(value),
    ]);
  }
}
