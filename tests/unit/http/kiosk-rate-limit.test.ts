import { describe, expect, it } from 'vitest';
import { KioskRateLimiter } from '../../../server/http/kiosk-rate-limit.js';

const T0 = Date.UTC(2026, 10, 23, 2, 0, 0);

describe('KioskRateLimiter (sliding minute)', () => {
  it('lets a kiosk issue up to the limit within a minute, then refuses with RATE_LIMITED', () => {
    const limiter = new KioskRateLimiter();
    for (let i = 0; i < 3; i++) limiter.check('kiosk-1', 3, T0 + i * 1000);
    expect(() => limiter.check('kiosk-1', 3, T0 + 5000)).toThrow(expect.objectContaining({ code: 'RATE_LIMITED' }));
  });

  it('counts each kiosk on its own', () => {
    const limiter = new KioskRateLimiter();
    for (let i = 0; i < 3; i++) limiter.check('kiosk-1', 3, T0);
    expect(() => limiter.check('kiosk-2', 3, T0)).not.toThrow();
  });

  it('frees a place once the oldest issue is a minute old, not before', () => {
    const limiter = new KioskRateLimiter();
    limiter.check('kiosk-1', 2, T0);
    limiter.check('kiosk-1', 2, T0 + 30_000);
    expect(() => limiter.check('kiosk-1', 2, T0 + 59_999)).toThrow();
    expect(() => limiter.check('kiosk-1', 2, T0 + 60_000)).not.toThrow();
    expect(() => limiter.check('kiosk-1', 2, T0 + 60_001)).toThrow();
  });

  it('does not count refused attempts against the kiosk', () => {
    const limiter = new KioskRateLimiter();
    limiter.check('kiosk-1', 1, T0);
    for (let i = 1; i < 50; i++) expect(() => limiter.check('kiosk-1', 1, T0 + i * 1000)).toThrow();
    expect(() => limiter.check('kiosk-1', 1, T0 + 60_000)).not.toThrow();
  });

  it('answers as a plain count of the last minute over a busy hour (thousands of issues in the window)', () => {
    const limiter = new KioskRateLimiter();
    const accepted: number[] = [];
    /** issues accepted in the minute before `now`, counted from the sorted list */
    const lastMinute = (now: number) => {
      let lo = 0;
      let hi = accepted.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (now - accepted[mid]! >= 60_000) lo = mid + 1;
        else hi = mid;
      }
      return accepted.length - lo;
    };
    const limit = 2500;
    let refused = 0;
    for (let now = T0, i = 0; now < T0 + 3_600_000; now += 10 + (i++ % 25)) {
      const expected = lastMinute(now) < limit;
      let ok = true;
      try {
        limiter.check('kiosk-1', limit, now);
      } catch {
        ok = false;
      }
      if (ok !== expected) expect.fail(`at +${now - T0} ms: ${ok ? 'accepted' : 'refused'}, ${lastMinute(now)} in the last minute`);
      if (ok) accepted.push(now);
      else refused++;
    }
    expect(accepted.length).toBeGreaterThan(100_000);
    expect(refused).toBeGreaterThan(1000);
  });
});
