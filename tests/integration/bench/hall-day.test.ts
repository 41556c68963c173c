import { describe, expect, it } from 'vitest';
import { runHallDay } from '../../../bench/hall-day/run-day.js';

/**
 * The bench's busy day at a small size, in every test run: the real server as a process
 * (server/main.ts), kiosks, windows and visitors over HTTP, boards on socket.io, phones on their
 * ticket streams, LED strips on a socat pty, an SMS webhook — and the day's invariants.
 */
describe('a small busy day, replayed at 240×', () => {
  it('keeps every invariant: calls reach every board, strip and phone, numbers are unique, reports agree, messages go once', async () => {
    const day = await runHallDay({
      windows: 4,
      services: 3,
      tickets: 200,
      boards: 12,
      phones: 8,
      speed: 240,
      ledBus: true,
      entry: 'source',
      // the setup before the opening (server start, logins hashed at low priority, boards, bookings) takes
      // seconds on a quiet machine and most of a minute on a loaded one; the day's clock is fixed before it
      quietSeconds: 45,
      shape: { openMinutes: 180 },
    });
    const failed = day.checks.filter((c) => !c.ok);
    expect(failed, JSON.stringify(failed, null, 2)).toEqual([]);
    expect(day.checks.map((c) => c.check)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/every call reached every subscribed board/),
        expect.stringMatching(/every call was on its window's LED strip while current/),
        'no ticket numbered twice',
        "the report's totals equal the live monitor's and the event log's",
        'no notification lost or sent twice',
      ]),
    );
    expect(day.counts.tickets).toBe(200);
    // every ticket the windows finished was rated by its visitor, and some no-shows came back
    expect(day.counts.rated).toBe(day.counts.served);
    expect(day.counts.served).toBeGreaterThan(50);
    expect(day.counts.restored).toBeGreaterThan(0);
    expect(day.counts.checkedIn).toBeGreaterThan(0);
    expect(day.hours.reduce((n, h) => n + h.issued, 0) + (day.counts.checkedIn ?? 0)).toBe(200);
  }, 240_000);
});
