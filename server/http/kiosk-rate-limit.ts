import { DomainError } from '../domain/errors.js';

/**
 * Sliding one-minute window per kiosk: a stuck button or a prank cannot flood the queue.
 * Staff issuing on a visitor's behalf is not limited. In memory: a restart forgets, which is
 * the safe direction.
 */
export class KioskRateLimiter {
  private readonly issued = new Map<string, number[]>();

  check(kioskId: string, limitPerMinute: number, nowMs: number): void {
    const recent = (this.issued.get(kioskId) ?? []).filter((t) => nowMs - t < 60_000);
    if (recent.length >= limitPerMinute) {
      this.issued.set(kioskId, recent);
      throw new DomainError('RATE_LIMITED', `kiosk ${kioskId} issued ${limitPerMinute} tickets in the last minute; please wait`);
    }
    recent.push(nowMs);
    this.issued.set(kioskId, recent);
  }
}
