import type { QueuedTicketRef, TicketRepository } from '../../server/app/ports.js';
import type { Sync } from '../sync-ports.js';
import { CLASS_RANK } from '../../server/domain/wait-estimate.js';
import type { Ticket } from '../../server/domain/model.js';
import type { WaitSummary } from '../../server/domain/alerts.js';
import type { QueueClass } from '../../server/domain/next-ticket.js';
import type { Db } from '../database.js';
import { CacheVersions, VersionedCache } from './cache-versions.js';
import { QueuePartIndex, type QueuePlace } from './queue-part-index.js';
import { TICKET_COLUMNS, toTicket, type TicketRow } from './rows.js';

interface ClassCounts {
  queued: number;
  priority: number;
  transfers: number;
}
type SlottedRow = Pick<TicketRow, 'id' | 'issued_at' | 'seq_no' | 'priority' | 'status'> & { in_slot: number };
/** a check-in as read once per turn: whether its slot has begun depends on the instant asked about */
type SlottedRead = Omit<SlottedRow, 'in_slot'> & { slot_start_jd: number | null };
/** julianday() of an ISO instant, computed as SQLite does (whole ms since the epoch of julian days, divided once) */
const julianDay = (iso: string) => (Date.parse(iso) + 210_866_760_000_000) / 86_400_000;

/** The parts of a service's queue (status × priority) that make up each class rank below appointments. */
const PARTS = {
  [CLASS_RANK.priority]: [
    ['waiting', 'priority'],
    ['transferred', 'priority'],
  ],
  [CLASS_RANK.transfer]: [['transferred', 'normal']],
  [CLASS_RANK.normal]: [['waiting', 'normal']],
} as const;

/** the class rank a queued ticket has when its slot (if any) has not begun */
const partRank = (r: Pick<TicketRow, 'priority' | 'status'>): number =>
  r.priority === 'priority' ? CLASS_RANK.priority : r.status === 'transferred' ? CLASS_RANK.transfer : CLASS_RANK.normal;

const byIssueOrder = (a: TicketRow, b: TicketRow) => (a.issued_at < b.issued_at ? -1 : a.issued_at > b.issued_at ? 1 : a.seq_no - b.seq_no);

const toRow = (t: Ticket) => ({ ...t, restored: t.restored ? 1 : 0 });
const placeOf = (t: Ticket): QueuePlace => ({
  service_id: t.serviceId,
  business_day: t.businessDay,
  status: t.status,
  priority: t.priority,
  issued_at: t.issuedAt,
  seq_no: t.seqNo,
});

const VALUES = `@id, @hallId, @serviceId, @businessDay, @seqNo, @number, @priority, @status, @issuedAt, @calledAt,
  @startedAt, @finishedAt, @windowId, @staffId, @callCount, @restored, @transferredFromServiceId, @transferredAt,
  @appointmentId, @slotStart, @slotEnd, @statusToken, @kioskId`;

export class SqliteTicketRepository implements Sync<TicketRepository> {
  private readonly stmts;
  /** every issued ticket's estimate reads them; they change only when a ticket of the service is finished */
  private readonly serviceSeconds;
  private readonly parts;
  private readonly queueReads;

  constructor(private readonly db: Db) {
    const versions = new CacheVersions(db);
    // after an event every phone following a ticket of the service asks for its place: the queue's
    // class counts and check-ins are read once per change of the queue, not once per phone
    this.queueReads = new VersionedCache<{ slotted: SlottedRead[]; counts: ClassCounts }>(versions, (key) => `queue:${key}`);
    this.serviceSeconds = new VersionedCache<number[]>(versions, (key) => `service-times:${key.split('|')[0]!}`);
    this.parts = new QueuePartIndex(db, versions);
    this.stmts = {
      bumpCounter: db.prepare(`INSERT INTO ticket_counters (hall_id, prefix, business_day, last_seq) VALUES (?, ?, ?, 1)
        ON CONFLICT (hall_id, prefix, business_day) DO UPDATE SET last_seq = last_seq + 1 RETURNING last_seq`),
      insert: db.prepare(`INSERT INTO tickets (${TICKET_COLUMNS}) VALUES (${VALUES})`),
      update: db.prepare(`UPDATE tickets SET service_id = @serviceId, status = @status, called_at = @calledAt,
        started_at = @startedAt, finished_at = @finishedAt, window_id = @windowId, staff_id = @staffId,
        call_count = @callCount, restored = @restored, transferred_from_service_id = @transferredFromServiceId,
        transferred_at = @transferredAt, priority = @priority WHERE id = @id`),
      get: db.prepare('SELECT * FROM tickets WHERE id = ?'),
      queuedCount: db.prepare('SELECT COALESCE(SUM(queued), 0) AS n FROM queue_counts WHERE service_id = ?'),
      queuedCountOfDay: db.prepare('SELECT queued AS n FROM queue_counts WHERE service_id = ? AND business_day = ?'),
      // the covering index only: no ticket row is read, however many wait past the marks
      waitingPastMarks: db.prepare(`SELECT service_id AS serviceId, MIN(issued_at) AS oldest, COUNT(*) AS past1,
        SUM(issued_at <= ?) AS past2, SUM(issued_at <= ?) AS past3 FROM tickets INDEXED BY tickets_queued_service_issued
        WHERE status IN ('waiting', 'transferred') AND issued_at <= ? AND service_id IN (SELECT value FROM json_each(?)) GROUP BY service_id`),
      classCounts: db.prepare('SELECT queued, priority, transfers FROM queue_counts WHERE service_id = ? AND business_day = ?'),
      // Appointment check-ins of a service and day, with when their slot begins: julianday() reads slot times whatever their offset.
      slotted:
        db.prepare(`SELECT id, issued_at, seq_no, priority, status, CASE WHEN slot_end IS NOT NULL THEN julianday(slot_start) END AS slot_start_jd FROM tickets INDEXED BY tickets_queue_slotted
        WHERE service_id = ? AND business_day = ? AND slot_start IS NOT NULL AND status IN ('waiting', 'transferred')`),
      slottedOfDay: db.prepare(`SELECT * FROM tickets INDEXED BY tickets_queue_slotted WHERE service_id = ? AND business_day = ? AND slot_start IS NOT NULL
        AND status IN ('waiting', 'transferred')`),
      slottedAnyDay: db.prepare(`SELECT * FROM tickets INDEXED BY tickets_queue_slotted WHERE service_id = ? AND slot_start IS NOT NULL
        AND status IN ('waiting', 'transferred') ORDER BY issued_at, seq_no`),
      partHead: db.prepare(`SELECT * FROM tickets WHERE service_id = ? AND business_day = ? AND status = ? AND priority = ?
        AND slot_start IS NULL ORDER BY issued_at, seq_no LIMIT ?`),
      recentService: db.prepare(`SELECT (julianday(finished_at) - julianday(started_at)) * 86400.0 AS s FROM tickets
        WHERE service_id = ? AND status = 'done' AND started_at IS NOT NULL ORDER BY finished_at DESC LIMIT ?`),
      recentClasses: db.prepare('SELECT queue_class FROM calls WHERE window_id = ? AND recall = 0 ORDER BY id DESC LIMIT ?'),
      recordCall: db.prepare(`INSERT INTO calls (ticket_id, window_id, staff_id, queue_class, reason, recall, called_at)
        VALUES (@ticketId, @windowId, @staffId, @queueClass, @reason, @recall, @calledAt)`),
      recentCalls: db.prepare(`SELECT t.number, c.window_id AS windowId, w.number AS windowNumber, c.called_at AS at
        FROM calls c JOIN tickets t ON t.id = c.ticket_id JOIN windows w ON w.id = c.window_id
        WHERE w.hall_id = ? ORDER BY c.id DESC LIMIT ?`),
      windowDay: db.prepare('SELECT status, n FROM window_day_counts WHERE window_id = ? AND business_day = ? AND n > 0'),
      byDay: db.prepare('SELECT * FROM tickets WHERE hall_id = ? AND business_day = ? ORDER BY issued_at'),
    };
  }

  nextSequence(hallId: string, prefix: string, businessDay: string): number {
    return (this.stmts.bumpCounter.get(hallId, prefix, businessDay) as { last_seq: number }).last_seq;
  }

  insert(ticket: Ticket): void {
    const place = placeOf(ticket);
    const pending = this.parts.beforeWrite(undefined, place);
    this.stmts.insert.run(toRow(ticket));
    this.parts.afterWrite(pending, place);
  }

  update(ticket: Ticket): void {
    const place = placeOf(ticket);
    const pending = this.parts.beforeWrite(ticket.id, place);
    this.stmts.update.run(toRow(ticket));
    this.parts.afterWrite(pending, place);
  }
  get(id: string): Ticket | undefined {
    const r = this.stmts.get.get(id) as TicketRow | undefined;
    return r && toTicket(r);
  }

  queued(serviceIds: readonly string[], businessDay?: string): Ticket[] {
    if (serviceIds.length === 0) return [];
    const marks = serviceIds.map(() => '?').join(',');
    const day = businessDay === undefined ? '' : 'AND business_day = ?';
    const rows = this.db
      .prepare(
        `SELECT * FROM tickets WHERE service_id IN (${marks})
      AND status IN ('waiting', 'transferred') ${day} ORDER BY issued_at, seq_no`,
      )
      .all(...serviceIds, ...(businessDay === undefined ? [] : [businessDay])) as TicketRow[];
    return rows.map(toTicket);
  }

  waitingPastMarks(serviceIds: readonly string[], issuedBy: readonly [string, string, string]): Map<string, WaitSummary> {
    const rows = this.stmts.waitingPastMarks.all(issuedBy[1], issuedBy[2], issuedBy[0], JSON.stringify(serviceIds)) as {
      serviceId: string;
      oldest: string;
      past1: number;
      past2: number;
      past3: number;
    }[];
    return new Map(rows.map((r) => [r.serviceId, { oldestIssuedAt: r.oldest, pastMarks: [r.past1, r.past2, r.past3] as const }]));
  }

  queuedCount(serviceId: string, businessDay?: string): number {
    const row = businessDay === undefined ? this.stmts.queuedCount.get(serviceId) : this.stmts.queuedCountOfDay.get(serviceId, businessDay);
    return (row as { n: number } | undefined)?.n ?? 0;
  }

  /**
   * People ahead without reading the queue: the class counts come from queue_counts, the few
   * appointment check-ins are read apart, and the ticket's place in its own part comes from the
   * part's order kept in memory (queue-part-index.ts), by binary search.
   */
  countQueuedAhead(own: QueuedTicketRef, now: string, atMost?: number): number {
    return this.countQueuedAheadOfEach([own], now, atMost)[0]!;
  }

  countQueuedAheadOfEach(owns: readonly QueuedTicketRef[], now: string, atMost?: number): number[] {
    const queues = new Map<string, { inSlot: SlottedRow[]; counts: ClassCounts }>(); // per service and day: read once
    const nowJd = julianDay(now);
    return owns.map((own) => {
      const key = `${own.serviceId}|${own.businessDay}`;
      let queue = queues.get(key);
      if (!queue) {
        const read = this.queueReads.get(key, () => ({
          slotted: this.stmts.slotted.all(own.serviceId, own.businessDay) as SlottedRead[],
          counts: (this.stmts.classCounts.get(own.serviceId, own.businessDay) as ClassCounts | undefined) ?? { queued: 0, priority: 0, transfers: 0 },
        }));
        const inSlot = read.slotted.filter((r) => r.slot_start_jd !== null && r.slot_start_jd <= nowJd).map((r) => ({ ...r, in_slot: 1 }));
        queues.set(key, (queue = { inSlot, counts: read.counts }));
      }
      return this.aheadOf(
        own,
        queue.inSlot.filter((r) => r.id !== own.id),
        queue.counts,
        atMost,
      );
    });
  }

  private aheadOf(own: QueuedTicketRef, inSlot: SlottedRow[], counts: ClassCounts, atMost: number | undefined): number {
    const { serviceId, businessDay, issuedAt, seqNo, rank } = own;
    const before = (r: SlottedRow) => r.issued_at < issuedAt || (r.issued_at === issuedAt && r.seq_no < seqNo);
    if (rank === CLASS_RANK.appointment) return inSlot.filter(before).length;
    const inSlotOf = (part: number) => inSlot.filter((r) => partRank(r) === part);
    let ahead = inSlot.length;
    if (rank > CLASS_RANK.priority) ahead += counts.priority - inSlotOf(CLASS_RANK.priority).length;
    if (rank > CLASS_RANK.transfer) ahead += counts.transfers - inSlotOf(CLASS_RANK.transfer).length;
    if (atMost !== undefined && ahead > atMost) return ahead;
    const jumped = inSlotOf(rank).filter(before).length; // counted by the index, but already counted as appointments
    const inPart = PARTS[rank as keyof typeof PARTS].reduce(
      (n, [status, priority]) => n + this.parts.countBefore(serviceId, businessDay, status, priority, issuedAt, seqNo),
      0,
    );
    return ahead + inPart - jumped;
  }

  callCandidates(serviceIds: readonly string[], businessDay: string, perPart: number): Ticket[] {
    const rows: TicketRow[] = [];
    for (const serviceId of new Set(serviceIds)) {
      rows.push(...(this.stmts.slottedOfDay.all(serviceId, businessDay) as TicketRow[]));
      for (const parts of Object.values(PARTS)) {
        for (const [status, priority] of parts) rows.push(...(this.stmts.partHead.all(serviceId, businessDay, status, priority, perPart) as TicketRow[]));
      }
    }
    return rows.sort(byIssueOrder).map(toTicket);
  }

  queuedWithSlot(serviceId: string): Ticket[] {
    return (this.stmts.slottedAnyDay.all(serviceId) as TicketRow[]).map(toTicket);
  }

  recentServiceSeconds(serviceId: string, limit: number): number[] {
    return this.serviceSeconds.get(`${serviceId}|${limit}`, () => (this.stmts.recentService.all(serviceId, limit) as { s: number }[]).map((r) => r.s));
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

  countsAtWindow(windowId: string, businessDay: string): Partial<Record<Ticket['status'], number>> {
    const rows = this.stmts.windowDay.all(windowId, businessDay) as { status: Ticket['status']; n: number }[];
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  }

  byDay(hallId: string, businessDay: string): Ticket[] {
    return (this.stmts.byDay.all(hallId, businessDay) as TicketRow[]).map(toTicket);
  }
}
