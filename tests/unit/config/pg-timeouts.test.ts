import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../server/config/load-config.js';
import { DEFAULT_PG_TIMEOUTS, pgTimeoutsFromEnv } from '../../../server/store/postgres/pg-timeouts.js';

describe('pgTimeoutsFromEnv()', () => {
  it('gives the defaults when nothing is set, and each HALLQ_PG_*_MS changes its own bound', () => {
    expect(pgTimeoutsFromEnv({})).toEqual(DEFAULT_PG_TIMEOUTS);
    expect(pgTimeoutsFromEnv({ HALLQ_PG_QUERY_TIMEOUT_MS: '2500', HALLQ_PG_REPORT_TIMEOUT_MS: '0' })).toEqual({
      ...DEFAULT_PG_TIMEOUTS,
      queryMs: 2500,
      reportMs: 0,
    });
  });

  it('refuses a value that is not whole milliseconds, or no bound where one is needed, naming the variable', () => {
    expect(() => pgTimeoutsFromEnv({ HALLQ_PG_QUERY_TIMEOUT_MS: '0' })).toThrow(/HALLQ_PG_QUERY_TIMEOUT_MS .*at least 100/);
    expect(() => pgTimeoutsFromEnv({ HALLQ_PG_CONNECT_TIMEOUT_MS: '2s' })).toThrow(ConfigError);
    expect(() => pgTimeoutsFromEnv({ HALLQ_PG_IDLE_IN_TRANSACTION_MS: '50' })).toThrow(/HALLQ_PG_IDLE_IN_TRANSACTION_MS .*0 = no bound/);
  });
});
