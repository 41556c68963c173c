import { describe, expect, it } from 'vitest';
import { CLAIM_LEASE_SECONDS, claimOf, leaseUntil, sendsLeft, SEND_TIMEOUT_SECONDS } from '../../../server/notify/outbox-dispatcher.js';
import { FakeClock } from '../../helpers/fake-clock.js';

describe('the claim lease of an outbox batch', () => {
  it('outlasts a whole batch of slow sends', () => {
    expect(CLAIM_LEASE_SECONDS).toBeGreaterThan(50 * SEND_TIMEOUT_SECONDS);
  });

  it('lets a send start only while it would end within the lease', () => {
    const clock = new FakeClock('2026-03-02T23:55:00.000Z'); // the lease runs past midnight
    const until = leaseUntil(clock.now());
    expect(until).toBe('2026-03-03T00:05:00.000Z');
    expect(sendsLeft(clock, until)).toBe(true);
    clock.set('2026-03-03T00:04:54.000Z');
    expect(sendsLeft(clock, until)).toBe(true);
    clock.set('2026-03-03T00:04:55.000Z');
    expect(sendsLeft(clock, until)).toBe(false);
  });
});

describe("a round's claim on a node's session (PostgreSQL)", () => {
  it('on SQLite (no claim key) carries no key and always holds', () => {
    const claim = claimOf(undefined);
    expect(claim?.key).toBeUndefined();
    expect(claim?.holds()).toBe(true);
  });

  it('claims nothing while the node holds no key, and stops holding once the key lapses or changes', () => {
    let key: number | undefined;
    expect(claimOf(() => key)).toBeUndefined();
    key = 41;
    const claim = claimOf(() => key)!;
    expect(claim.key).toBe(41);
    expect(claim.holds()).toBe(true);
    key = undefined; // the lease ran out (a stop, a stall)
    expect(claim.holds()).toBe(false);
    key = 42; // a new session: the old claims may be another node's by now
    expect(claim.holds()).toBe(false);
  });
});
