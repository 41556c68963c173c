import type pg from 'pg';
import { LOCK_SPACE } from './hall-transaction.js';

export interface DueMessage {
  id: number;
  hallId: string;
  kind: string;
  dedupeKey: string;
  payload: unknown;
  attempts: number;
}

export type OutboxTable = 'notification_outbox' | 'haocha_outbox';

/**
 * The due rows of an outbox ($1 now, $2 limit), locked FOR UPDATE SKIP LOCKED: rows another
 * node's claim holds are passed over, not waited for, so concurrent claims take disjoint rows.
 */
export const claimDueSql = (table: OutboxTable, columns: string) =>
  `SELECT ${columns} FROM ${table} WHERE status = 'pending' AND next_attempt_at <= $1 ORDER BY next_attempt_at, id LIMIT $2 FOR UPDATE SKIP LOCKED`;

/** the claim keys of the live nodes' sessions (hall-leader.ts), as pg_locks shows them */
const LIVE_CLAIM_KEYS = `SELECT objid FROM pg_locks WHERE locktype = 'advisory' AND classid = ${LOCK_SPACE.outboxClaim} AND objsubid = 2 AND granted`;

/**
 * As claimDueSql, and also the rows claimed by a node whose session is gone (its claim key no
 * longer locked): those count as due now, whatever their time lease says.
 */
export const claimDueOrOrphanedSql = (table: OutboxTable, columns: string) =>
  `SELECT ${columns} FROM ${table} WHERE status = 'pending'
  AND (next_attempt_at <= $1 OR (claimed_by IS NOT NULL AND claimed_by::oid NOT IN (${LIVE_CLAIM_KEYS})))
  ORDER BY LEAST(next_attempt_at, $1), id LIMIT $2 FOR UPDATE SKIP LOCKED`;

export type SendOutcome = { sent: true } | { sent: false; error: string; nextAttemptAt: string | null };

/**
 * One round of an outbox dispatcher on one node: claims up to `limit` due rows with
 * FOR UPDATE SKIP LOCKED (rows another node holds are passed over, not waited for), sends each,
 * and records the outcome in the same transaction. Every node may run this at once: a row is
 * sent by one of them. A node that dies mid-round releases its rows with its connection, and
 * another node sends them — at least once towards the gateway, which gets the dedupe key.
 */
export async function dispatchOutboxRound(
  pool: pg.Pool,
  table: OutboxTable,
  now: string,
  limit: number,
  send: (message: DueMessage) => Promise<SendOutcome>,
): Promise<{ sent: number; failed: number }> {
  const client = await pool.connect();
  let broken: Error | undefined;
  // a session ended by the server while checked out emits 'error'; the pending query rejects with it anyway
  const ignore = () => {};
  client.on('error', ignore);
  try {
    await client.query('BEGIN');
    const { rows } = await client.query<{ id: number; hall_id: string; kind: string; dedupe_key: string; payload_json: unknown; attempts: number }>(
      claimDueSql(table, 'id, hall_id, kind, dedupe_key, payload_json, attempts'),
      [now, limit],
    );
    let sent = 0;
    let failed = 0;
    for (const r of rows) {
      const outcome = await send({ id: r.id, hallId: r.hall_id, kind: r.kind, dedupeKey: r.dedupe_key, payload: r.payload_json, attempts: r.attempts });
      if (outcome.sent) {
        sent++;
        await client.query(`UPDATE ${table} SET status = 'sent', sent_at = $2, attempts = attempts + 1 WHERE id = $1`, [r.id, now]);
      } else {
        failed++;
        await client.query(
          `UPDATE ${table} SET attempts = attempts + 1, last_error = $2,
          status = CASE WHEN $3::text IS NULL THEN 'failed' ELSE status END, next_attempt_at = COALESCE($3, next_attempt_at) WHERE id = $1`,
          [r.id, outcome.error, outcome.nextAttemptAt],
        );
      }
    }
    await client.query('COMMIT');
    return { sent, failed };
  } catch (error) {
    await client.query('ROLLBACK').catch((e: Error) => {
      broken = e;
    });
    throw error;
  } finally {
    client.off('error', ignore);
    client.release(broken);
  }
}
