import { DomainError } from '../domain/errors.js';

/**
 * Counts hits per key over a sliding window, on a monotonic clock (times passed in, in ms). In
 * memory: a restart forgets, which is the safe direction for a limit.
 */
export class SlidingWindowLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  private recent(key: string, nowMs: number): number[] {
    const kept = (this.hits.get(key) ?? []).filter((t) => nowMs - t < this.windowMs);
    if (kept.length === 0) this.hits.delete(key);
    else this.hits.set(key, kept);
    return kept;
  }

  /** seconds until the key may go on, 0 when it may now */
  retryAfterSeconds(key: string, nowMs: number): number {
    const recent = this.recent(key, nowMs);
    if (recent.length < this.limit) return 0;
    return Math.max(1, Math.ceil((recent[recent.length - this.limit]! + this.windowMs - nowMs) / 1000));
  }

  record(key: string, nowMs: number): void {
    const recent = this.recent(key, nowMs);
    recent.push(nowMs);
    this.hits.set(key, recent);
    if (this.hits.size > 50_000) this.sweep(nowMs);
  }

  /** refuses with 429 RATE_LIMITED when the key is at its limit, else counts this hit */
  take(key: string, nowMs: number, what: string): void {
    assertAllowed(this.retryAfterSeconds(key, nowMs), what);
    this.record(key, nowMs);
  }

  clear(key: string): void {
    this.hits.delete(key);
  }

  /** a flood of one-off keys (addresses) must not grow the map without bound */
  private sweep(nowMs: number): void {
    for (const key of [...this.hits.keys()]) this.recent(key, nowMs);
  }
}

export function assertAllowed(retryAfterSeconds: number, what: string): void {
  if (retryAfterSeconds > 0) {
    throw new DomainError('RATE_LIMITED', `${what}; try again in ${retryAfterSeconds} s`, { retryAfterSeconds });
  }
}
