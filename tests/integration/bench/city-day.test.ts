import { describe, expect, it } from 'vitest';
import { sqliteGroups } from '../../../bench/city.js';

/**
 * The bench's city day at a small size: three server processes (server/main.ts), each serving its
 * group of halls from its own SQLite file, kiosks and windows over HTTP.
 */
describe("a small city's day on one SQLite node per hall group", () => {
  it('issues and calls every ticket of every hall, each stored by its hall group’s node', { timeout: 240_000 }, async () => {
    const day = await sqliteGroups({ halls: 4, windowsPerHall: 2, tickets: 90 }, 'source');
    expect(day.nodes).toBe(3);
    expect(day.failed).toBe(0);
    expect(day.tickets).toBe(90);
    expect(day.calls).toBe(90);
    expect(day.stored).toBe(90);
    expect(day.ticketsPerSecond).toBeGreaterThan(0);
    expect(day.issue.n).toBe(90);
    // an idle clerk waits for the hall's next ticket on its live feed (hall-bell.test.ts): at most one
    // empty look-up per ticket, and two per clerk at the end of the day
    expect(day.emptyCalls).toBeLessThanOrEqual(90 + 2 * 8);
  });
});
