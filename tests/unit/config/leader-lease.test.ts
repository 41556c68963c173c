import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../server/config/load-config.js';
import { leaderLeaseMs } from '../../../server/store/postgres/pg-cluster-node.js';

describe('--leader-lease-ms / HALLQ_LEADER_LEASE_MS', () => {
  it('is the default (undefined) when not given, else the whole number of ms', () => {
    expect(leaderLeaseMs(undefined)).toBeUndefined();
    expect(leaderLeaseMs('')).toBeUndefined();
    expect(leaderLeaseMs('1200')).toBe(1200);
    expect(leaderLeaseMs('200')).toBe(200);
  });

  it('refuses a value that is not a whole number of ms, or too short, naming the option', () => {
    for (const bad of ['abc', '1.5', '-1000', '199', '5s']) {
      expect(() => leaderLeaseMs(bad)).toThrow(ConfigError);
      expect(() => leaderLeaseMs(bad)).toThrow(/--leader-lease-ms \(HALLQ_LEADER_LEASE_MS\).*at least 200/);
    }
  });
});
