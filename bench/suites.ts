import { adminConfigSuite } from './admin-config.js';
import { appointmentsSuite } from './appointments.js';
import { callFanoutSuite } from './call-fanout.js';
import { citySuite } from './city.js';
import { cityFailoverSuite } from './city-failover.js';
import { issueThroughputSuite } from './issue-throughput.js';
import { deviceBusSuite } from './device-bus.js';
import { hallDaySuite } from './hall-day.js';
import { queueLengthSuite } from './queue-length.js';
import { reportYearSuite } from './report-year.js';

/** A benchmark suite: runs, prints its table, returns its figures for bench/results/latest.json. */
export interface BenchSuite {
  name: string;
  /** runs only when named (`--only NAME`), not in the full run */
  optional?: boolean;
  run(): Promise<Record<string, unknown>>;
}

/** The suites `npm run bench` runs, in order (the optional ones only with `--only`). Add yours here. */
export const SUITES: BenchSuite[] = [
  issueThroughputSuite,
  queueLengthSuite,
  callFanoutSuite,
  adminConfigSuite,
  appointmentsSuite,
  deviceBusSuite,
  reportYearSuite,
  hallDaySuite,
  citySuite,
  cityFailoverSuite,
];
