import { describe, expect, it } from 'vitest';
import { idNumberRequired } from '../../../server/domain/booking-identity.js';

describe('idNumberRequired(): a new phone cannot escape a bar', () => {
  it('new-phones: a phone never checked in at the hall gives an ID number', () => {
    expect(idNumberRequired('new-phones', { attended: 0, recentNoShows: 0 })).toBe(true);
  });
  it('new-phones: a phone with a no-show in the counting period gives one again, whatever it attended', () => {
    expect(idNumberRequired('new-phones', { attended: 5, recentNoShows: 1 })).toBe(true);
  });
  it('new-phones: a phone that came before and missed nothing since needs none', () => {
    expect(idNumberRequired('new-phones', { attended: 1, recentNoShows: 0 })).toBe(false);
  });
  it('always and never ignore the history', () => {
    expect(idNumberRequired('always', { attended: 9, recentNoShows: 0 })).toBe(true);
    expect(idNumberRequired('never', { attended: 0, recentNoShows: 3 })).toBe(false);
  });
});
