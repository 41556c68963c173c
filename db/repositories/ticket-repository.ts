import type { QueuedTicketRef, TicketRepository } from '../../server/app/ports.js';
import { CLASS_RANK } from '../../server/domain/wait-estimate.js';
import type { Ticket } from '../../server/domain/model.js';
import type { QueueClass } from '../../server/domain/next-ticket.js';
import type { Db } from '../database.js';

interface TicketRow {
  id: string; hall_id: string; service_id: string; business_day: string; seq_no: number; number: string;
  priority: Ticket['priority']; status: Ticket['status']; issued_at: string; called_at: string | null;
  started_at: string | null; finished_at: string | null; window_id: string | null; staff_id: string | null;
  call_count: number; restored: number; transferred_from_service_id: string | null; transferred_at: string | null;
  appointment_id: string | null; slot_start: string | null; slot_end: string | null; status_token: string; kiosk_id: string | null;
}

const toTicket = (r: TicketRow): Ticket => ({
  id: r.id, hallId: r.hall_id, serviceId: r.service_id, businessDay: r.business_day, seqNo: r.seq_no,
  number: r.number, priority: r.priority, status: r.status, issuedAt: r.issued_at, calledAt: r.called_at,
  startedAt: r.started_at, finishedAt: r.finished_at, windowId: r.window_id, staffId: r.staff_id,
  callCount: r.call_count, restored: r.restored === 1, transferredFromServiceId: r.transferred_from_service_id,
  transferredAt: r.transferred_at, appointmentId: r.appointment_id, slotStart: r.slot_start, slotEnd: r.slot_end,
  statusToken: r.status_token, kioskId: r.kiosk_id,
});

const toRow = (t: Ticket) => ({ ...t, restored: t.restored ? 1 : 0 });

const COLUMNS = `id, hall_id, service_id, business_day, seq_no, number, priority, status, issued_at, called_at,
  started_at, finished_at, window_id, staff_id, call_count, restored, transferred_from_service_id, transferred_at,
  appointment_id, slot_start, slot_end, status_token, kiosk_id`;
const VALUES = `@id, @hallId, @serviceId, @businessDay, @seqNo, @number, @priority, @status, @issuedAt, @calledAt,
  @startedAt, @finishedAt, @windowId, @staffId, @callCount, @restored, @transferredFromServiceId, @transferredAt,
  @appointmentId, @slotStart, @slotEnd, @statusToken, @kioskId`;

export class SqliteTicketRepository implements TicketRepository {
  private readonly stmts;

  constructor(private readonly db: Db) {
    this.stmts = {
      bumpCounter: db.prepare(`INSERT INTO ticket_counters (hall_id, prefix, business_day, last_seq) VALUES (?, ?, ?, 1)
        ON CONFLICT (hall_id, prefix, business_day) DO UPDATE SET last_seq = last_seq + 1 RETURNING last_seq`),
      insert: db.prepare(`INSERT INTO tickets (${COLUMNS}) VALUES (${VALUES})`),
      update: db.prepare(`UPDATE tickets SET service_id = @serviceId, status = @status, called_at = @calledAt,
        started_at = @startedAt, finished_at = @finishedAt, window_id = @windowId, staff_id = @staffId,
        call_count = @callCount, restored = @restored, transferred_from_service_id = @transferredFromServiceId,
        transferred_at = @transferredAt, priority = @priority WHERE id = @id`),
      get: db.prepare('SELECT * FROM tickets WHERE id = ?'),
      queuedCount: db.prepare("SELECT COUNT(*) AS n FROM tickets WHERE service_id = ? AND status IN ('waiting', 'transferred')"),
      // The class ranks of domain/next-ticket + wait-estimate, as SQL: julianday() reads slot times whatever their offset.
      countAhead: db.prepare(`SELECT COUNT(*) AS n FROM (
          SELECT id, issued_at, seq_no, CASE
            WHEN slot_start IS NOT NULL AND slot_end IS NOT NULL AND julianday(slot_start) <= julianday(@now) THEN @appointment
            WHEN priority = 'priority' THEN @priority WHEN status = 'transferred' THEN @transfer ELSE @normal END AS rank
          FROM tickets WHERE service_id = @serviceId AND business_day = @businessDay AND status IN ('waiting', 'transferred'))
        WHERE id <> @id AND (rank < @rank OR (rank = @rank AND (issued_at < @issuedAt OR (issued_at = @issuedAt AND seq_no < @seqNo))))`),
      queuedCountOfDay: db.prepare("SELECT COUNT(*) AS n FROM tickets WHERE service_id = ? AND status IN ('waiting', 'transferred') AND business_day = ?"),
      recentService: db.prepare(`SELECT (julianday(finished_at) - julianday(started_at)) * 86400.0 AS s FROM tickets
        WHERE service_id = ? AND status = 'done' AND started_at IS NOT NULL ORDER BY finished_at DESC LIMIT ?`),
      recentClasses: db.prepare('SELECT queue_class FROM calls WHERE window_id = ? AND recall = 0 ORDER BY id DESC LIMIT ?'),
      recordCall: db.prepare(`INSERT INTO calls (ticket_id, window_id, staff_id, queue_class, reason, recall, called_at)
        VALUES (@ticketId, @windowId, @staffId, @queueClass, @reason, @recall, @calledAt)`),
      recentCalls: db.prepare(`SELECT t.number, c.window_id AS windowId, w.number AS windowNumber, c.called_at AS at
        FROM calls c JOIN tickets t ON t.id = c.ticket_id JOIN windows w ON w.id = c.window_id
        WHERE w.hall_id = ? ORDER BY c.id DESC LIMIT ?`),
      byDay: db.prepare('SELECT * FROM tickets WHERE hall_id = ? AND business_day = ? ORDER BY issued_at'),
    };
  }

  nextSequence(hallId: string, prefix: string, businessDay: string): number {
    return (this.stmts.bumpCounter.get(hallId, prefix, businessDay) as { last_seq: number }).last_seq;
  }

  insert(ticket: Ticket): void { this.stmts.insert.run(toRow(ticket)); }
  update(ticket: Ticket): void { this.stmts.update.run(toRow(ticket)); }
  get(id: string): Ticket | undefined { const r = this.stmts.get.get(id) as TicketRow | undefined; return r && toTicket(r); }

  queued(serviceIds: readonly string[], businessDay?: string): Ticket[] {
    if (serviceIds.length === 0) return [];
    const marks = serviceIds.map(() => '?').join(',');
    const day = businessDay === undefined ? '' : 'AND business_day = ?';
    const rows = this.db.prepare(`SELECT * FROM tickets WHERE service_id IN (${marks})
      AND status IN ('waiting', 'transferred') ${day} ORDER BY issued_at, seq_no`)
      .all(...serviceIds, ...(businessDay === undefined ? [] : [businessDay])) as TicketRow[];
    return rows.map(toTicket);
  }

  queuedCount(serviceId: string, businessDay?: string): number {
    const row = businessDay === undefined ? this.stmts.queuedCount.get(serviceId) : this.stmts.queuedCountOfDay.get(serviceId, businessDay);
    return (row as { n: number }).n;
  }

  countQueuedAhead(own: QueuedTicketRef, now: string): number {
    const { id, serviceId, businessDay, issuedAt, seqNo, rank } = own;
    return (this.stmts.countAhead.get({ ...CLASS_RANK, id, serviceId, businessDay, issuedAt, seqNo, rank, now }) as { n: number }).n;
  }

  recentServiceSeconds(serviceId: string, limit: number): number[] {
    return (this.stmts.recentService.all(serviceId, limit) as { s: number }[]).map((r) => r.s);
  }

  recentCallClasses(windowId: string, limit: number): QueueClass[] {
    return (this.stmts.recentClasses.all(windowId, limit) as { queue_class: QueueClass }[]).map((r) => r.queue_class);
  }

  recordCall(call: Parameters<TicketRepository['recordCall']>[0]): void {
    this.stmts.recordCall.run({ ...call, recall: call.recall ? 1 : 0 });
  }

  recentCalls(hallId: string, limit: number) {
    return this.stmts.recentCalls.all(hallId, limit) as { number: string; windowId: string; windowNumber: number; at: string }[];
  }

  byDay(hallId: string, businessDay: string): Ticket[] {
    return (this.stmts.byDay.all(hallId, businessDay) as TicketRow[]).map(toTicket);
  }
}
