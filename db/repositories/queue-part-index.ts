import type { Db } from '../database.js';
import type { CacheVersions } from './cache-versions.js';

/** What places a ticket in a queue part: service and day, status × priority, then issue order. */
export interface QueuePlace {
  service_id: string;
  business_day: string;
  status: string;
  priority: string;
  issued_at: string;
  seq_no: number;
}

/** A write about to happen: the ticket's place before it, and the versions of the queues it touches. */
export interface PendingWrite {
  before: QueuePlace | undefined;
  versions: Map<string, number>;
}

const QUEUED = new Set(['waiting', 'transferred']);
const queueKey = (p: Pick<QueuePlace, 'service_id' | 'business_day'>) => `${p.service_id}|${p.business_day}`;
const partKey = (status: string, priority: string) => `${status}|${priority}`;
/** sorts as SQL's (issued_at, seq_no) does: ISO instants of one format, then the number (shared with the PostgreSQL store) */
export const orderKey = (issuedAt: string, seqNo: number) => `${issuedAt}\u0000${String(seqNo).padStart(12, '0')}`;

export function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

interface Queue {
  version: number;
  parts: Map<string, string[]>;
}

/**
 * Every phone following its ticket asks "how many ahead of me?" after every event. Counting the
 * queue in SQL costs as many index steps as people ahead; here each part of a service's queue
 * is kept in issue order and answered by binary search. The ticket repository reports each of
 * its writes, and the order is used only while its version (migration 091: moved by triggers in
 * the writing transaction) is the one it was built or last updated at — after a rollback, or a
 * write by another process, it is read again from the table.
 */
export class QueuePartIndex {
  private readonly queues = new Map<string, Queue>();
  private readonly stmts;

  constructor(
    db: Db,
    private readonly versions: CacheVersions,
    private readonly maxQueues = 500,
  ) {
    this.stmts = {
      queued: db.prepare(`SELECT status, priority, issued_at, seq_no FROM tickets
        WHERE service_id = ? AND business_day = ? AND status IN ('waiting', 'transferred')`),
      place: db.prepare('SELECT service_id, business_day, status, priority, issued_at, seq_no FROM tickets WHERE id = ?'),
    };
  }

  /** Queued tickets of one part (status × priority) of a service's day issued before (issuedAt, seqNo). */
  countBefore(serviceId: string, businessDay: string, status: string, priority: string, issuedAt: string, seqNo: number): number {
    const part = this.load(serviceId, businessDay).parts.get(partKey(status, priority));
    return part ? lowerBound(part, orderKey(issuedAt, seqNo)) : 0;
  }

  /** Before a ticket row is written (`id` undefined for a new one): where it stands now. */
  beforeWrite(id: string | undefined, after: QueuePlace): PendingWrite {
    const before = id === undefined ? undefined : (this.stmts.place.get(id) as QueuePlace | undefined);
    const versions = new Map<string, number>();
    for (const p of [before, after]) {
      if (!p || !this.queues.has(queueKey(p))) continue;
      versions.set(queueKey(p), this.versions.of(versionName(p)));
    }
    return { before, versions };
  }

  /** After the write: the ticket moves between parts of the queues in memory, which take their new versions. */
  afterWrite(pending: PendingWrite, after: QueuePlace): void {
    const { before, versions } = pending;
    for (const [key, version] of versions) {
      const q = this.queues.get(key);
      if (q && q.version !== version) this.queues.delete(key); // was already stale: read it again when asked
    }
    if (before && QUEUED.has(before.status))
      this.place(before, (part, at, found) => {
        if (found) part.splice(at, 1);
      });
    if (QUEUED.has(after.status))
      this.place(after, (part, at) => {
        part.splice(at, 0, orderKey(after.issued_at, after.seq_no));
      });
    for (const p of [before, after]) {
      const q = p && this.queues.get(queueKey(p));
      if (q) q.version = this.versions.of(versionName(p));
    }
  }

  private place(p: QueuePlace, change: (part: string[], at: number, found: boolean) => void): void {
    const q = this.queues.get(queueKey(p));
    if (!q) return;
    const k = partKey(p.status, p.priority);
    let part = q.parts.get(k);
    if (!part) q.parts.set(k, (part = []));
    const key = orderKey(p.issued_at, p.seq_no);
    const at = lowerBound(part, key);
    change(part, at, part[at] === key);
  }

  private load(serviceId: string, businessDay: string): Queue {
    const key = queueKey({ service_id: serviceId, business_day: businessDay });
    const version = this.versions.of(versionName({ service_id: serviceId, business_day: businessDay }));
    const known = this.queues.get(key);
    if (known && known.version === version) return known;
    const parts = new Map<string, string[]>();
    for (const r of this.stmts.queued.all(serviceId, businessDay) as Pick<QueuePlace, 'status' | 'priority' | 'issued_at' | 'seq_no'>[]) {
      const k = partKey(r.status, r.priority);
      let part = parts.get(k);
      if (!part) parts.set(k, (part = []));
      part.push(orderKey(r.issued_at, r.seq_no));
    }
    for (const part of parts.values()) part.sort();
    if (this.queues.size >= this.maxQueues) this.queues.clear();
    const queue = { version, parts };
    this.queues.set(key, queue);
    return queue;
  }
}

const versionName = (p: Pick<QueuePlace, 'service_id' | 'business_day'>) => `queue:${queueKey(p)}`;
