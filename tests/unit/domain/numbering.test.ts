import { describe, expect, it } from 'vitest';
import { businessDay, formatTicketNumber } from '../../../server/domain/numbering.js';

describe('formatTicketNumber', () => {
  it.each([
    ['A', 1, 'A001'],
    ['A', 12, 'A012'],
    ['B', 999, 'B999'],
    ['C', 1000, 'C1000'],
    ['AB', 7, 'AB007'],
  ])('%s + %i → %s', (prefix, seq, expected) => {
    expect(formatTicketNumber(prefix, seq)).toBe(expected);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses the sequence %s', (seq) => {
    expect(() => formatTicketNumber('A', seq)).toThrow(RangeError);
  });
});

describe('businessDay', () => {
  it('is the Beijing date, which turns at 16:00 UTC', () => {
    expect(businessDay(new Date('2026-11-23T15:59:59Z'), 'Asia/Shanghai')).toBe('2026-11-23');
    expect(businessDay(new Date('2026-11-23T16:00:00Z'), 'Asia/Shanghai')).toBe('2026-11-24');
  });

  it('does not turn at UTC midnight for a Beijing hall (08:00 local)', () => {
    expect(businessDay(new Date('2026-11-23T23:59:00Z'), 'Asia/Shanghai')).toBe('2026-11-24');
    expect(businessDay(new Date('2026-11-24T00:01:00Z'), 'Asia/Shanghai')).toBe('2026-11-24');
  });

  it('is the UTC date for a hall on UTC', () => {
    expect(businessDay(new Date('2026-11-23T23:59:59Z'), 'UTC')).toBe('2026-11-23');
    expect(businessDay(new Date('2026-11-24T00:00:00Z'), 'UTC')).toBe('2026-11-24');
  });

  it('follows other time zones, ahead of and behind UTC', () => {
    const instant = new Date('2026-11-23T20:30:00Z');
    expect(businessDay(instant, 'Asia/Urumqi')).toBe('2026-11-24'); // UTC+6
    expect(businessDay(instant, 'Asia/Shanghai')).toBe('2026-11-24');
    expect(businessDay(instant, 'Europe/London')).toBe('2026-11-23');
    expect(businessDay(instant, 'America/New_York')).toBe('2026-11-23');
    expect(businessDay(new Date('2026-11-24T04:59:00Z'), 'America/New_York')).toBe('2026-11-23');
    expect(businessDay(new Date('2026-11-24T05:00:00Z'), 'America/New_York')).toBe('2026-11-24');
  });

  it('turns at local midnight across a daylight-saving change', () => {
    // Europe/Berlin leaves summer time on 2026-10-25: midnight is 22:00 UTC before, 23:00 UTC after.
    expect(businessDay(new Date('2026-10-24T21:59:00Z'), 'Europe/Berlin')).toBe('2026-10-24');
    expect(businessDay(new Date('2026-10-24T22:00:00Z'), 'Europe/Berlin')).toBe('2026-10-25');
    expect(businessDay(new Date('2026-10-25T22:59:00Z'), 'Europe/Berlin')).toBe('2026-10-25');
    expect(businessDay(new Date('2026-10-25T23:00:00Z'), 'Europe/Berlin')).toBe('2026-10-26');
  });

  it("turns the year in the hall's zone", () => {
    expect(businessDay(new Date('2026-12-31T16:00:00Z'), 'Asia/Shanghai')).toBe('2027-01-01');
    expect(businessDay(new Date('2026-12-31T16:00:00Z'), 'UTC')).toBe('2026-12-31');
  });
});
