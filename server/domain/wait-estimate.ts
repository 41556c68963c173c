/**
 * Minutes a visitor can expect to wait: people ahead × recent mean service time ÷ open
 * windows serving the service. With no open window the hall still serves later, so we
 * estimate as if one were open rather than promise nothing.
 */
export function meanServiceMinutes(recentServiceSeconds: readonly number[], normMinutes: number): number {
  if (recentServiceSeconds.length === 0) return normMinutes;
  const total = recentServiceSeconds.reduce((a, b) => a + b, 0);
  return total / recentServiceSeconds.length / 60;
}

export function estimateWaitMinutes(peopleAhead: number, meanMinutes: number, openWindows: number): number {
  if (peopleAhead <= 0) return 0;
  return Math.max(1, Math.round((peopleAhead * meanMinutes) / Math.max(1, openWindows)));
}

/** Queue classes best first; the repository counts people ahead with these same ranks. */
export const CLASS_RANK = { appointment: 0, priority: 1, transfer: 2, normal: 3 } as const;

export interface QueuedForEstimate {
  id: string;
  issuedAt: Date;
  /** the day's sequence of its number: orders tickets issued in the same millisecond */
  seqNo?: number;
  rank: keyof typeof CLASS_RANK;
}

function before(a: QueuedForEstimate, b: QueuedForEstimate): boolean {
  const dt = a.issuedAt.getTime() - b.issuedAt.getTime();
  return dt < 0 || (dt === 0 && (a.seqNo ?? 0) < (b.seqNo ?? 0));
}

/**
 * How many queued tickets of the same service stand before `own`: better classes first, then
 * earlier issue. An estimate for the visitor, not the exact call order (interleave and ageing
 * can move a ticket a place or two).
 */
export function peopleAhead(own: QueuedForEstimate, queue: readonly QueuedForEstimate[]): number {
  const r = CLASS_RANK[own.rank];
  return queue.filter((t) => t.id !== own.id && (CLASS_RANK[t.rank] < r || (CLASS_RANK[t.rank] === r && before(t, own)))).length;
}
