import { describe, expect, it } from 'vitest';
import { rehearsalClock } from '../../../server/app/rehearsal-clock.js';

describe('rehearsalClock()', () => {
  it('starts at the given time and runs speed times as fast as real time', () => {
    let real = 5_000;
    const clock = rehearsalClock(new Date('2026-12-07T00:30:00Z'), 180, real, () => real);
    expect(clock.now().toISOString()).toBe('2026-12-07T00:30:00.000Z');
    real += 1_000; // one real second is three simulated minutes
    expect(clock.now().toISOString()).toBe('2026-12-07T00:33:00.000Z');
    real += 180_000; // three real minutes are nine hours
    expect(clock.now().toISOString()).toBe('2026-12-07T09:33:00.000Z');
  });

  it('refuses a speed that is not a positive number and an invalid start', () => {
    for (const speed of [0, -2, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => rehearsalClock(new Date('2026-12-07T00:30:00Z'), speed)).toThrow(/speed/);
    }
    expect(() => rehearsalClock(new Date('not a date'), 1)).toThrow(/start/);
    expect(() => rehearsalClock(new Date('2026-12-07T00:30:00Z'), 1, Number.NaN)).toThrow(/origin/);
  });

  it('reads the start at the given origin, earlier before it', () => {
    let real = 1_000;
    const clock = rehearsalClock(new Date('2026-12-07T00:30:00Z'), 60, 2_000, () => real);
    expect(clock.now().toISOString()).toBe('2026-12-07T00:29:00.000Z');
    real = 2_000;
    expect(clock.now().toISOString()).toBe('2026-12-07T00:30:00.000Z');
  });
});
