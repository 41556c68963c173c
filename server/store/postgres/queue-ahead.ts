/**
 * TicketRepository.countQueuedAhead on PostgreSQL, the same reckoning as SQLite's: the class counts
 * come from queue_counts (kept in the writing transaction), the few appointment check-ins are read
 * apart, and the ticket's place in its own part comes from the part's order kept in memory, by
 * binary search. That order is used only while the queue's version in cache_versions (moved by a
 * trigger in every transaction that changes the queue, on any node) is the one it was read with;
 * otherwise it is read again — in one statement with its version, so it can never be newer than
 * the version it is kept under. Two round trips when the order is current, three when it is not.
 */
import type { QueuedTicketRef } from '../../app/ports.js';
import { CLASS_RANK } from '../../domain/wait-estimate.js';
import { lowerBound, orderKey } from '../../../db/repositories/queue-part-index.js';
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
interface Queue {
  version: string;
  /** `status|priority` → order keys, sorted */
  parts: Map<string, string[]>;
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

const queueKey = (serviceId: string, businessDay: string) => `${serviceId}|${businessDay}`;
// the name cache_version_queue() (migration 007) bumps; versions are random, so a rolled-back one never comes back
const VERSION_NAME = `'queue:' || q.service_id || '|' || q.business_day`;

// A check-in is in its slot once the slot has begun; timestamptz reads slot times whatever their offset.
const SLOTTED = `SELECT t.id, t.service_id, t.business_day, t.issued_at, t.seq_no, t.priority, t.status,
    (t.slot_end IS NOT NULL AND t.slot_start::timestamptz <= $3::timestamptz) AS in_slot
  FROM unnest($1::text[], $2::text[]) AS q(service_id, business_day)
  JOIN tickets t ON t.service_id = q.service_id AND t.business_day = q.business_day
  WHERE t.slot_start IS NOT NULL AND t.status IN ('waiting', 'transferred')`;
const COUNTS = `SELECT q.service_id, q.business_day, COALESCE(c.queued, 0) AS queued, COALESCE(c.priority, 0) AS priority,
    COALESCE(c.transfers, 0) AS transfers, COALESCE(v.v, 0)::text AS version
  FROM unnest($1::text[], $2::text[]) AS q(service_id, business_day)
  LEFT JOIN queue_counts c ON c.service_id = q.service_id AND c.business_day = q.business_day
  LEFT JOIN cache_versions v ON v.name = ${VERSION_NAME}`;
const ORDER = `SELECT q.service_id, q.business_day, COALESCE((SELECT v FROM cache_versions WHERE name = ${VERSION_NAME}), 0)::text AS version,
    COALESCE((SELECT json_agg(json_build_array(t.status, t.priority, t.issued_at, t.seq_no)) FROM tickets t
      WHERE t.service_id = q.service_id AND t.business_day = q.business_day AND t.status IN ('waiting', 'transferred')), '[]') AS tickets
  FROM unnest($1::text[], $2::text[]) AS q(service_id, business_day)`;

/** one node's copy of each queue's part order; `maxQueues` bounds its memory */
export class PgQueueAhead {
  private readonly queues = new Map<string, Queue>();

  constructor(private readonly maxQueues = 500) {}

  async countEach(db: Queryable, owns: readonly QueuedTicketRef[], now: string, atMost?: number): Promise<number[]> {
    if (owns.length === 0) return [];
    const asked = [...new Map(owns.map((o) => [queueKey(o.serviceId, o.businessDay), o])).values()];
    const pairs = [asked.map((o) => o.serviceId), asked.map((o) => o.businessDay)];
    const [slotted, counted] = await Promise.all([
      db.query<SlottedRow>(SLOTTED, [...pairs, now]),
      db.query<ClassCounts & { service_id: string; business_day: string; version: string }>(COUNTS, pairs),
    ]);
    const inSlotOf = new Map<string, SlottedRow[]>();
    for (const r of slotted.rows) {
      if (!r.in_slot) continue;
      const key = queueKey(r.service_id, r.business_day);
      inSlotOf.set(key, [...(inSlotOf.get(key) ?? []), r]);
    }
    const countsOf = new Map(counted.rows.map((c) => [queueKey(c.service_id, c.business_day), c]));
    const stale = counted.rows.filter((c) => this.queues.get(queueKey(c.service_id, c.business_day))?.version !== c.version);

    const orders = new Map<string, Queue>();
    for (const c of counted.rows) {
      const q = this.queues.get(queueKey(c.service_id, c.business_day));
      if (q && q.version === c.version) orders.set(queueKey(c.service_id, c.business_day), q);
    }
    if (stale.length > 0) for (const [key, q] of await this.read(db, stale)) orders.set(key, q);

    return owns.map((own) => {
      const key = queueKey(own.serviceId, own.businessDay);
      const inSlot = (inSlotOf.get(key) ?? []).filter((r) => r.id !== own.id);
      const counts = countsOf.get(key) ?? { queued: 0, priority: 0, transfers: 0 };
      const before = (r: SlottedRow) => r.issued_at < own.issuedAt || (r.issued_at === own.issuedAt && r.seq_no < own.seqNo);
      if (own.rank === CLASS_RANK.appointment) return inSlot.filter(before).length;
      const ofPart = (part: number) => inSlot.filter((r) => partRank(r) === part);
      let ahead = inSlot.length;
      if (own.rank > CLASS_RANK.priority) ahead += counts.priority - ofPart(CLASS_RANK.priority).length;
      if (own.rank > CLASS_RANK.transfer) ahead += counts.transfers - ofPart(CLASS_RANK.transfer).length;
      if (atMost !== undefined && ahead > atMost) return ahead;
      const jumped = ofPart(own.rank).filter(before).length; // counted in the part, but already counted as appointments
      const parts = orders.get(key)?.parts;
      const mark = orderKey(own.issuedAt, own.seqNo);
      const inPart = (PARTS[own.rank] ?? []).reduce((n, [status, priority]) => {
        const part = parts?.get(`${status}|${priority}`);
        return n + (part ? lowerBound(part, mark) : 0);
      }, 0);
      return ahead + inPart - jumped;
    });
  }

  /** reads the queued order of these queues with their versions, in one statement (one snapshot) */
  private async read(db: Queryable, stale: readonly { service_id: string; business_day: string }[]): Promise<Map<string, Queue>> {
    const { rows } = await db.query<{ service_id: string; business_day: string; version: string; tickets: [string, string, string, number][] }>(ORDER, [
      stale.map((c) => c.service_id),
      stale.map((c) => c.business_day),
    ]);
    const read = new Map<string, Queue>();
    for (const r of rows) {
      const parts = new Map<string, string[]>();
      for (const [status, priority, issuedAt, seqNo] of r.tickets) {
        const k = `${status}|${priority}`;
        let part = parts.get(k);
        if (!part) parts.set(k, (part = []));
        part.push(orderKey(issuedAt, seqNo));
      }
      for (const part of parts.values()) part.sort();
      const key = queueKey(r.service_id, r.business_day);
      if (this.queues.size >= this.maxQueues) this.queues.clear();
      this.queues.set(key, { version: r.version, parts });
      read.set(key, { version: r.version, parts });
    }
    return read;
  }
}
