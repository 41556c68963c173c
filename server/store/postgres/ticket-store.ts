import type { Ticket } from '../../domain/model.js';
import type { QueueClass } from '../../domain/next-ticket.js';
import type { HallTx, Queryable } from './hall-transaction.js';

interface TicketRow {
  id: string;
  hall_id: string;
  service_id: string;
  business_day: string;
  seq_no: number;
  number: string;
  priority: Ticket['priority'];
  status: Ticket['status'];
  issued_at: string;
  called_at: string | null;
  started_at: string | null;
  finished_at: string | null;
  window_id: string | null;
  staff_id: string | null;
  call_count: number;
  restored: boolean;
  transferred_from_service_id: string | null;
  transferred_at: string | null;
  appointment_id: string | null;
  slot_start: string | null;
  slot_end: string | null;
  status_token: string;
  kiosk_id: string | null;
}

const toTicket = (r: TicketRow): Ticket => ({
  id: r.id,
  hallId: r.hall_id,
  serviceId: r.service_id,
  businessDay: r.business_day,
  seqNo: r.seq_no,
  number: r.number,
  priority: r.priority,
  status: r.status,
  issuedAt: r.issued_at,
  calledAt: r.called_at,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  windowId: r.window_id,
  staffId: r.staff_id,
  callCount: r.call_count,
  restored: r.restored,
  transferredFromServiceId: r.transferred_from_service_id,
  transferredAt: r.transferred_at,
  appointmentId: r.appointment_id,
  slotStart: r.slot_start,
  slotEnd: r.slot_end,
  statusToken: r.status_token,
  kioskId: r.kiosk_id,
});

const COLUMNS = `id, hall_id, service_id, business_day, seq_no, number, priority, status, issued_at, called_at,
  started_at, finished_at, window_id, staff_id, call_count, restored, transferred_from_service_id, transferred_at,
  appointment_id, slot_start, slot_end, status_token, kiosk_id`;

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

// The head of each part of each service's queue (status × priority, as tickets_queue_class orders
// them) and every appointment check-in of the day: what domain/next-ticket can pick from, in one round trip.
const CALL_CANDIDATES = `SELECT t.* FROM unnest($1::text[]) AS s(id)
  CROSS JOIN (VALUES ('waiting', 'priority'), ('transferred', 'priority'), ('transferred', 'normal'), ('waiting', 'normal')) AS p(status, priority)
  CROSS JOIN LATERAL (SELECT * FROM tickets WHERE service_id = s.id AND business_day = $2 AND status = p.status
    AND priority = p.priority AND slot_start IS NULL ORDER BY issued_at, seq_no LIMIT $3) t
  UNION ALL
  SELECT * FROM tickets WHERE service_id = ANY($1::text[]) AND business_day = $2 AND slot_start IS NOT NULL
    AND status IN ('waiting', 'transferred')`;

/** The ticket side of the queue's core on PostgreSQL: writes take the hall's transaction. */
export class PgTicketStore {
  /** the next number of (hall, prefix, business day), allocated in the issuing transaction */
  async nextSequence(tx: HallTx, prefix: string, businessDay: string): Promise<number> {
    const { rows } = await tx.client.query<{ last_seq: number }>(
      `INSERT INTO ticket_counters AS c (hall_id, prefix, business_day, last_seq)
      VALUES ($1, $2, $3, 1) ON CONFLICT (hall_id, prefix, business_day) DO UPDATE SET last_seq = c.last_seq + 1 RETURNING last_seq`,
      [tx.hallId, prefix, businessDay],
    );
    return rows[0]!.last_seq;
  }

  async insert(tx: HallTx, t: Ticket): Promise<void> {
    await tx.client.query(
      `INSERT INTO tickets (${COLUMNS}) VALUES (${values(t)
        .map((_, i) => `$${i + 1}`)
        .join(', ')})`,
      values(t),
    );
  }

  async update(tx: HallTx, t: Ticket): Promise<void> {
    await tx.client.query(
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

  /** TicketRepository.callCandidates: the first `perPart` of each part, and the day's check-ins */
  async callCandidates(db: Queryable, serviceIds: readonly string[], businessDay: string, perPart: number): Promise<Ticket[]> {
    if (serviceIds.length === 0) return [];
    const { rows } = await db.query<TicketRow>(CALL_CANDIDATES, [serviceIds, businessDay, perPart]);
    return rows.map(toTicket);
  }

  /** waiting or transferred tickets of a service and day, from the trigger-kept counts */
  async queuedCount(db: Queryable, serviceId: string, businessDay: string): Promise<number> {
    const { rows } = await db.query<{ queued: number }>('SELECT queued FROM queue_counts WHERE service_id = $1 AND business_day = $2', [
      serviceId,
      businessDay,
    ]);
    return rows[0]?.queued ?? 0;
  }

  async recentCallClasses(db: Queryable, windowId: string, limit: number): Promise<QueueClass[]> {
    const { rows } = await db.query<{ queue_class: QueueClass }>(
      'SELECT queue_class FROM calls WHERE window_id = $1 AND NOT recall ORDER BY id DESC LIMIT $2',
      [windowId, limit],
    );
    return rows.map((r) => r.queue_class);
  }

  async recordCall(
    tx: HallTx,
    call: {
      ticketId: string;
      windowId: string;
      staffId: string | null;
      queueClass: QueueClass | 'recall' | 'manual';
      reason: string;
      recall: boolean;
      calledAt: string;
    },
  ): Promise<void> {
    await tx.client.query(
      `INSERT INTO calls (ticket_id, window_id, staff_id, queue_class, reason, recall, called_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [call.ticketId, call.windowId, call.staffId, call.queueClass, call.reason, call.recall, call.calledAt],
    );
  }
}
