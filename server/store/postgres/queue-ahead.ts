/**
 * TicketRepository.countQueuedAhead on PostgreSQL, the same reckoning as SQLite's: the class counts
 * come from queue_counts (kept in the writing transaction), the few appointment check-ins are read
 * apart, and the ticket's place in its own part is an index range count over tickets_queue_class
 * (service, day, status, priority, issued_at, seq_no) — no order kept in memory, so nothing can go
 * stale when another node writes. Three round trips however many tickets are asked about.
 */
import type { QueuedTicketRef } from '../../app/ports.js';
import { CLASS_RANK } from '../../domain/wait-estimate.js';
import type { Queryable } from './hall-transaction.js';

interface ClassCounts {
  queued: number;
  priority: number;
  transfers: number;
}
interface SlottedRow {
  id: string;
  service_id: string;
  business_day: string;
  issued_at: string;
  seq_no: number;
  priority: string;
  status: string;
  in_slot: boolean;
}

/** the parts of a service's queue (status × priority) that make up each class rank below appointments */
const PARTS: Record<number, readonly (readonly [string, string])[]> = {
  [CLASS_RANK.priority]: [
    ['waiting', 'priority'],
    ['transferred', 'priority'],
  ],
  [CLASS_RANK.transfer]: [['transferred', 'normal']],
  [CLASS_RANK.normal]: [['waiting', 'normal']],
};

const partRank = (r: Pick<SlottedRow, 'priority' | 'status'>): number =>
  r.priority === 'priority' ? CLASS_RANK.priority : r.status === 'transferred' ? CLASS_RANK.transfer : CLASS_RANK.normal;

const queueKey = (serviceId: string, businessDay: string) => `${serviceId}\u0000${businessDay}`;

// A check-in is in its slot once the slot has begun; timestamptz reads slot times whatever their offset.
const SLOTTED = `SELECT t.id, t.service_id, t.business_day, t.issued_at, t.seq_no, t.priority, t.status,
    (t.slot_end IS NOT NULL AND t.slot_start::timestamptz <= $3::timestamptz) AS in_slot
  FROM unnest($1::text[], $2::text[]) AS q(service_id, business_day)
  JOIN tickets t ON t.service_id = q.service_id AND t.business_day = q.business_day
  WHERE t.slot_start IS NOT NULL AND t.status IN ('waiting', 'transferred')`;
const COUNTS = `SELECT c.service_id, c.business_day, c.queued, c.priority, c.transfers
  FROM unnest($1::text[], $2::text[]) AS q(service_id, business_day)
  JOIN queue_counts c ON c.service_id = q.service_id AND c.business_day = q.business_day`;
// how many of one part are ahead of a ticket; at most $8 of them when the caller only needs "more than atMost"
const IN_PART = `SELECT p.i, (SELECT count(*) FROM (SELECT 1 FROM tickets t WHERE t.service_id = p.service_id
    AND t.business_day = p.business_day AND t.status = p.status AND t.priority = p.priority
    AND (t.issued_at, t.seq_no) < (p.issued_at, p.seq_no) LIMIT $8) x)::int AS n
  FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[])
    AS p(i, service_id, business_day, status, priority, issued_at, seq_no)`;

export async function countQueuedAheadOfEach(db: Queryable, owns: readonly QueuedTicketRef[], now: string, atMost?: number): Promise<number[]> {
  if (owns.length === 0) return [];
  const queues = [...new Map(owns.map((o) => [queueKey(o.serviceId, o.businessDay), o])).values()];
  const pairs = [queues.map((o) => o.serviceId), queues.map((o) => o.businessDay)];
  const [slotted, counted] = await Promise.all([
    db.query<SlottedRow>(SLOTTED, [...pairs, now]),
    db.query<ClassCounts & { service_id: string; business_day: string }>(COUNTS, pairs),
  ]);
  const inSlotOf = new Map<string, SlottedRow[]>();
  for (const r of slotted.rows) {
    if (!r.in_slot) continue;
    const key = queueKey(r.service_id, r.business_day);
    inSlotOf.set(key, [...(inSlotOf.get(key) ?? []), r]);
  }
  const countsOf = new Map(counted.rows.map((c) => [queueKey(c.service_id, c.business_day), c as ClassCounts]));

  // what the kept counts and check-ins give; the own part's count is added below where it is needed
  const partial = owns.map((own) => {
    const key = queueKey(own.serviceId, own.businessDay);
    const inSlot = (inSlotOf.get(key) ?? []).filter((r) => r.id !== own.id);
    const counts = countsOf.get(key) ?? { queued: 0, priority: 0, transfers: 0 };
    const before = (r: SlottedRow) => r.issued_at < own.issuedAt || (r.issued_at === own.issuedAt && r.seq_no < own.seqNo);
    if (own.rank === CLASS_RANK.appointment) return { ahead: inSlot.filter(before).length, done: true };
    const ofPart = (part: number) => inSlot.filter((r) => partRank(r) === part).length;
    let ahead = inSlot.length;
    if (own.rank > CLASS_RANK.priority) ahead += counts.priority - ofPart(CLASS_RANK.priority);
    if (own.rank > CLASS_RANK.transfer) ahead += counts.transfers - ofPart(CLASS_RANK.transfer);
    if (atMost !== undefined && ahead > atMost) return { ahead, done: true };
    // counted in the part below, but already counted as appointments
    const jumped = inSlot.filter((r) => partRank(r) === own.rank && before(r)).length;
    return { ahead: ahead - jumped, done: false };
  });

  const asked: [number, string, string, string, string, string, number][] = [];
  owns.forEach((own, i) => {
    if (partial[i]!.done) return;
    for (const [status, priority] of PARTS[own.rank] ?? []) asked.push([i, own.serviceId, own.businessDay, status, priority, own.issuedAt, own.seqNo]);
  });
  if (asked.length > 0) {
    const columns = asked[0]!.map((_, c) => asked.map((row) => row[c]));
    const { rows } = await db.query<{ i: number; n: number }>(IN_PART, [...columns, atMost === undefined ? null : atMost + 1]);
    for (const r of rows) partial[r.i]!.ahead += r.n;
  }
  return partial.map((p) => p.ahead);
}
