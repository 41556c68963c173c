import { DomainError } from '../domain/errors.js';

const WINDOW_MS = 60_000;

/** A kiosk's issue times in the last minute, oldest first; `head` skips those already expired. */
interface Recent {
  times: number[];
  head: number;
}

/**
 * Sliding one-minute window per kiosk: a stuck button or a prank cannot flood the queue.
 * Staff issuing on a visitor's behalf is not limited. In memory: a restart forgets, which is
 * the safe direction. Times arrive in order (a monotonic clock), so expiring is dropping from
 * the front: each check costs the same with 10 or 10,000 issues in the window.
 */
export class KioskRateLimiter {
  private readonly issued = new Map<string, Recent>();

  check(kioskId: string, limitPerMinute: number, nowMs: number): void {
    let recent = this.issued.get(kioskId);
    if (!recent) this.issued.set(kioskId, (recent = { times: [], head: 0 }));
    const { times } = recent;
    while (recent.head < times.length && nowMs - times[recent.head]! >= WINDOW_MS) recent.head++;
    if (recent.head === times.length) {
      times.length = 0;
      recent.head = 0;
    } else if (recent.head > 1024 && recent.head * 2 > times.length) {
      times.splice(0, recent.head);
      recent.head = 0;
    }
    if (times.length - recent.head >= limitPerMinute) {
      throw new DomainError('RATE_LIMITED', `kiosk ${kioskId} issued ${limitPerMinute} tickets in the last minute; please wait`);
    }
    times.push(nowMs);
  }
}
