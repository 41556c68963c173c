import type { QueuedTicketRef, TicketRepository } from '../../app/ports.js';
import type { WaitSummary } from '../../domain/alerts.js';
import type { Ticket } from '../../domain/model.js';
import type { QueueClass } from '../../domain/next-ticket.js';
import { TICKET_COLUMNS, toTicket, type TicketRow } from '../../../db/repositories/rows.js';
import { requireHallTx, type Queryable } from './hall-transaction.js';
import { PgQueueAhead } from './queue-ahead.js';
import { writeLater } from './write-later.js';

const QUEUED = `status IN ('waiting', 'transferred')`;

const values = (t: Ticket) => [
  t.id,
  t.hallId,
  t.serviceId,
  t.businessDay,
  t.seqNo,
  t.number,
  t.priority,
  t.status,
  t.issuedAt,
  t.calledAt,
  t.startedAt,
  t.finishedAt,
  t.windowId,
  t.staffId,
  t.callCount,
  t.restored,
  t.transferredFromServiceId,
  t.transferredAt,
  t.appointmentId,
  t.slotStart,
  t.slotEnd,
  t.statusToken,
  t.kioskId,
];
const INSERT = `INSERT INTO tickets (${TICKET_COLUMNS}) VALUES (${values({} as Ticket)
  .map((_, i) => `$${i + 1}`)
  .join(', ')})`;

// The head of each part of each service's queue (status × priority, as tickets_queue_class orders
// them) and every appointment check-in of the day: what domain/next-ticket can pick from, in one round trip.
const CALL_CANDIDATES = `SELECT t.* FROM unnest($1::text[]) AS s(id)
  CROSS JOIN (VALUES ('waiting', 'priority'), ('transferred', 'priority'), ('transferred', 'normal'), ('waiting', 'normal')) AS p(status, priority)
  CROSS JOIN LATERAL (SELECT * FROM tickets WHERE service_id = s.id AND business_day = $2 AND status = p.status
    AND priority = p.priority AND slot_start IS NULL ORDER BY issued_at, seq_no LIMIT $3) t
  UNION ALL
  SELECT * FROM tickets WHERE service_id = ANY($1::text[]) AND business_day = $2 AND slot_start IS NOT NULL AND ${QUEUED}
  ORDER BY issued_at, seq_no`;

type Call = Parameters<TicketRepository['recordCall']>[0];

/**
 * TicketRepository on PostgreSQL. Every method takes the connection first: the pool for reads,
 * the hall's transaction (`writeHall`) for writes — PgStore binds them. The counts that boards and
 * "people ahead" read (queue_counts, window_day_counts) are kept by triggers in the writing
 * transaction, as on SQLite.
 */
export class PgTicketRepository {
  /** the order of each queue's parts, kept per node and checked against the queue's version */
  private readonly ahead = new PgQueueAhead();

  /** the next number of (hall, prefix, business day), allocated in the hall's issuing transaction */
  async nextSequence(db: Queryable, hallId: string, prefix: string, businessDay: string): Promise<number> {
    requireHallTx(db, hallId, 'a ticket number');
    const { rows } = await db.query<{ last_seq: number }>(
      `INSERT INTO ticket_counters AS c (hall_id, prefix, business_day, last_seq)
      VALUES ($1, $2, $3, 1) ON CONFLICT (hall_id, prefix, business_day) DO UPDATE SET last_seq = c.last_seq + 1 RETURNING last_seq`,
      [hallId, prefix, businessDay],
    );
    return rows[0]!.last_seq;
  }

  /** sent with the transaction's next statement, the ticket's event most often (write-later.ts) */
  async insert(db: Queryable, t: Ticket): Promise<void> {
    await writeLater(db, INSERT, values(t));
  }

  /** sent with the transaction's next statement (write-later.ts) */
  async update(db: Queryable, t: Ticket): Promise<void> {
    await writeLater(
      db,
      `UPDATE tickets SET service_id = $2, status = $3, called_at = $4, started_at = $5, finished_at = $6,
      window_id = $7, staff_id = $8, call_count = $9, restored = $10, transferred_from_service_id = $11, transferred_at = $12,
      priority = $13 WHERE id = $1`,
      [
        t.id,
        t.serviceId,
        t.status,
        t.calledAt,
        t.startedAt,
        t.finishedAt,
        t.windowId,
        t.staffId,
        t.callCount,
        t.restored,
        t.transferredFromServiceId,
        t.transferredAt,
        t.priority,
      ],
    );
  }

  async get(db: Queryable, id: string): Promise<Ticket | undefined> {
    const { rows } = await db.query<TicketRow>('SELECT * FROM tickets WHERE id = $1', [id]);
    return rows[0] && toTicket(rows[0]);
  }

  async queued(db: Queryable, serviceIds: readonly string[], businessDay?: string): Promise<Ticket[]> {
    if (serviceIds.length === 0) return [];
    const { rows } =
      businessDay === undefined
        ? await db.query<TicketRow>(`SELECT * FROM tickets WHERE service_id = ANY($1::text[]) AND ${QUEUED} ORDER BY issued_at, seq_no`, [serviceIds])
        : await db.query<TicketRow>(`SELECT * FROM tickets WHERE service_id = ANY($1::text[]) AND ${QUEUED} AND business_day = $2 ORDER BY issued_at, seq_no`, [
            serviceIds,
            businessDay,
          ]);
    return rows.map(toTicket);
  }

  /** TicketRepository.waitingPastMarks: counted per service on tickets_queued_service_issued */
  async waitingPastMarks(db: Queryable, serviceIds: readonly string[], issuedBy: readonly [string, string, string]): Promise<Map<string, WaitSummary>> {
    const { rows } = await db.query<{ serviceId: string; oldest: string; past1: number; past2: number; past3: number }>(
      `SELECT service_id AS "serviceId", MIN(issued_at) AS oldest, COUNT(*)::int AS past1, COUNT(*) FILTER (WHERE issued_at <= $2)::int AS past2,
        COUNT(*) FILTER (WHERE issued_at <= $3)::int AS past3 FROM tickets WHERE ${QUEUED} AND issued_at <= $1 AND service_id = ANY($4::text[])
        GROUP BY service_id`,
      [issuedBy[0], issuedBy[1], issuedBy[2], serviceIds],
    );
    return new Map(rows.map((r) => [r.serviceId, { oldestIssuedAt: r.oldest, pastMarks: [r.past1, r.past2, r.past3] as const }]));
  }

  /** waiting or transferred tickets of a service (of one day, or of all), from the trigger-kept counts */
  async queuedCount(db: Queryable, serviceId: string, businessDay?: string): Promise<number> {
    const { rows } =
      businessDay === undefined
        ? await db.query<{ n: number }>('SELECT COALESCE(SUM(queued), 0)::int AS n FROM queue_counts WHERE service_id = $1', [serviceId])
        : await db.query<{ n: number }>('SELECT queued AS n FROM queue_counts WHERE service_id = $1 AND business_day = $2', [serviceId, businessDay]);
    return rows[0]?.n ?? 0;
  }

  async countQueuedAhead(db: Queryable, own: QueuedTicketRef, now: string, atMost?: number): Promise<number> {
    return (await this.ahead.countEach(db, [own], now, atMost))[0]!;
  }

  countQueuedAheadOfEach(db: Queryable, owns: readonly QueuedTicketRef[], now: string, atMost?: number): Promise<number[]> {
    return this.ahead.countEach(db, owns, now, atMost);
  }

  /** TicketRepository.callCandidates: the first `perPart` of each part, and the day's check-ins, in issue order */
  async callCandidates(db: Queryable, serviceIds: readonly string[], businessDay: string, perPart: number): Promise<Ticket[]> {
    if (serviceIds.length === 0) return [];
    const { rows } = await db.query<TicketRow>(CALL_CANDIDATES, [[...new Set(serviceIds)], businessDay, perPart]);
    return rows.map(toTicket);
  }

  async queuedWithSlot(db: Queryable, serviceId: string): Promise<Ticket[]> {
    const { rows } = await db.query<TicketRow>(
      `SELECT * FROM tickets WHERE service_id = $1 AND slot_start IS NOT NULL AND ${QUEUED} ORDER BY issued_at, seq_no`,
      [serviceId],
    );
    return rows.map(toTicket);
  }

  async recentServiceSeconds(db: Queryable, serviceId: string, limit: number): Promise<number[]> {
    const { rows } = await db.query<{ s: number }>(
      `SELECT EXTRACT(EPOCH FROM finished_at::timestamptz - started_at::timestamptz)::float8 AS s FROM tickets
      WHERE service_id = $1 AND status = 'done' AND started_at IS NOT NULL ORDER BY finished_at DESC LIMIT $2`,
      [serviceId, limit],
    );
    return rows.map((r) => r.s);
  }

  async recentCallClasses(db: Queryable, windowId: string, limit: number): Promise<QueueClass[]> {
    const { rows } = await db.query<{ queue_class: QueueClass }>(
      'SELECT queue_class FROM calls WHERE window_id = $1 AND NOT recall ORDER BY id DESC LIMIT $2',
      [windowId, limit],
    );
    return rows.map((r) => r.queue_class);
  }

  /** sent with the transaction's next statement (write-later.ts) */
  async recordCall(db: Queryable, call: Call): Promise<void> {
    await writeLater(
      db,
      `INSERT INTO calls (ticket_id, window_id, staff_id, queue_class, reason, recall, called_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [call.ticketId, call.windowId, call.staffId, call.queueClass, call.reason, call.recall, call.calledAt],
    );
  }

  async recentCalls(db: Queryable, hallId: string, limit: number): Promise<{ number: string; windowId: string; windowNumber: number; at: string }[]> {
    const { rows } = await db.query<{ number: string; windowId: string; windowNumber: number; at: string }>(
      // the newest of each window of the hall (calls_window), then the newest of those: a city's calls table is
      // every hall's, and walking it backwards for a quiet hall would read other halls' calls
      `SELECT t.number, c.window_id AS "windowId", w.number AS "windowNumber", c.called_at AS at
      FROM windows w CROSS JOIN LATERAL (SELECT * FROM calls WHERE window_id = w.id ORDER BY id DESC LIMIT $2) c
      JOIN tickets t ON t.id = c.ticket_id
      WHERE w.hall_id = $1 ORDER BY c.id DESC LIMIT $2`,
      [hallId, limit],
    );
    return rows;
  }

  async byDay(db: Queryable, hallId: string, businessDay: string): Promise<Ticket[]> {
    const { rows } = await db.query<TicketRow>('SELECT * FROM tickets WHERE hall_id = $1 AND business_day = $2 ORDER BY issued_at, seq_no', [
      hallId,
      businessDay,
    ]);
    return rows.map(toTicket);
  }

  /** tickets of a business day that this window took, per status (kept counts) */
  async countsAtWindow(db: Queryable, windowId: string, businessDay: string): Promise<Partial<Record<Ticket['status'], number>>> {
    const { rows } = await db.query<{ status: Ticket['status']; n: number }>(
      'SELECT status, n FROM window_day_counts WHERE window_id = $1 AND business_day = $2 AND n > 0',
      [windowId, businessDay],
    );
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  }
}
