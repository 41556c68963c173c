import type { CallingPolicy } from './policy.js';

/** The four classes of waiting ticket, in the order the rules favour them. */
export type QueueClass = 'appointment' | 'priority' | 'transfer' | 'normal';

export interface WaitingTicket {
  id: string;
  serviceId: string;
  /** first issue time; a transfer keeps it */
  issuedAt: Date;
  /** the day's sequence of its number: orders tickets issued in the same millisecond */
  seqNo?: number;
  priority: boolean;
  transferred: boolean;
  /** set for appointment check-ins: the booked slot */
  slot?: { start: Date; end: Date };
}

export interface NextTicketInput {
  /** the window's services in its order of preference */
  serviceIds: readonly string[];
  waiting: readonly WaitingTicket[];
  /** classes of this window's most recent calls, newest first */
  recentCallClasses: readonly QueueClass[];
  now: Date;
  policy: Pick<CallingPolicy, 'priorityBurst' | 'ageLimitMinutes' | 'appointmentEarlyMinutes'>;
}

export interface NextTicketChoice {
  ticket: WaitingTicket;
  queueClass: QueueClass;
  /** why this one: 'appointment' | 'age-limit' | 'priority' | 'transfer' | 'normal' | 'interleave' */
  reason: string;
}

/**
 * The class a ticket is queued in now. An appointment counts as one only once its slot has
 * begun (less the early margin); before that it waits as a plain ticket would.
 */
export function queueClassOf(t: WaitingTicket, now: Date, earlyMinutes: number): QueueClass {
  if (t.slot && now.getTime() >= t.slot.start.getTime() - earlyMinutes * 60_000) return 'appointment';
  if (t.priority) return 'priority';
  if (t.transferred) return 'transfer';
  return 'normal';
}

/**
 * Which ticket a window gets on "call next". Order:
 * 1. appointment check-ins inside their slot (a booked time is a promise);
 * 2. any ticket that has waited ageLimitMinutes or more, oldest first (no starvation);
 * 3. priority, then transfers — but after `priorityBurst` of those in a row a waiting plain
 *    ticket goes first;
 * 4. plain tickets in issue order.
 * Within a class: issue order, and the window's service order breaks ties.
 */
export function chooseNextTicket(input: NextTicketInput): NextTicketChoice | null {
  const { now, policy } = input;
  const rank = new Map(input.serviceIds.map((id, i) => [id, i]));
  const candidates = input.waiting
    .filter((t) => rank.has(t.serviceId))
    .map((t) => ({ ticket: t, queueClass: queueClassOf(t, now, policy.appointmentEarlyMinutes) }))
    .sort(
      (a, b) =>
        a.ticket.issuedAt.getTime() - b.ticket.issuedAt.getTime() ||
        (rank.get(a.ticket.serviceId) ?? 0) - (rank.get(b.ticket.serviceId) ?? 0) ||
        (a.ticket.seqNo ?? 0) - (b.ticket.seqNo ?? 0) ||
        a.ticket.id.localeCompare(b.ticket.id),
    );
  if (candidates.length === 0) return null;

  const first = (cls: QueueClass) => candidates.find((c) => c.queueClass === cls);

  const appointment = candidates
    .filter((c) => c.queueClass === 'appointment')
    .sort((a, b) => a.ticket.slot!.start.getTime() - b.ticket.slot!.start.getTime())[0];
  if (appointment) return { ...appointment, reason: 'appointment' };

  const ageLimitMs = policy.ageLimitMinutes * 60_000;
  const overAge = candidates.find((c) => now.getTime() - c.ticket.issuedAt.getTime() >= ageLimitMs);
  if (overAge) return { ...overAge, reason: 'age-limit' };

  const preferred = first('priority') ?? first('transfer');
  const plain = first('normal');
  if (preferred && plain && preferredStreak(input.recentCallClasses) >= policy.priorityBurst) {
    return { ...plain, reason: 'interleave' };
  }
  const pick = preferred ?? plain;
  return pick ? { ...pick, reason: pick.queueClass } : null;
}

function preferredStreak(recent: readonly QueueClass[]): number {
  let n = 0;
  for (const c of recent) {
    if (c === 'priority' || c === 'transfer') n++;
    else if (c === 'normal') break;
    // appointments neither extend nor break a streak: they are outside the interleave
  }
  return n;
}
