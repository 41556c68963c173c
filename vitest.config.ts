import { configDefaults, defineConfig } from 'vitest/config';
import { LongFirstSequencer } from './tests/helpers/long-first-sequencer.js';
import { DEADLINE_MS } from './tests/helpers/wait-for.js';

/**
 * The integration files that run a second time on PostgreSQL (the `postgres` project: `npx vitest
 * run --project postgres`), each test app on a fresh database of one cluster. Each suite's main
 * flows, chosen to fit CI's time. Any other file runs on PostgreSQL with
 * `HALLQ_TEST_STORE=postgres npx vitest run --project sqlite FILE` (a cluster per worker).
 */
/** files about PostgreSQL itself that need no cluster of their own: the `postgres` project runs them, the `sqlite` one skips them */
const ONLY_ON_POSTGRES = ['tests/integration/postgres/primary-vanishes.test.ts'];

const ON_POSTGRES_TOO = [
  // core: issue, call, transfer, no-show, restore, evaluation; who may act; restart and numbering; people ahead
  'tests/integration/http/ticket-flow.test.ts',
  'tests/integration/http/access.test.ts',
  'tests/integration/http/restart-and-numbering.test.ts',
  'tests/integration/http/wait-range.test.ts',
  // realtime: snapshot, then live events in seq order; replay after sinceSeq (hall, window, zone); reconnect after a restart
  'tests/integration/realtime/subscribe.test.ts',
  // appointments: book and check in, no-shows and bars, slot capacity, the calendar, notifications sent once
  'tests/integration/appointments/book-and-check-in.test.ts',
  'tests/integration/appointments/no-show-and-bars.test.ts',
  'tests/integration/appointments/slot-capacity.test.ts',
  'tests/integration/appointments/calendar-and-hours.test.ts',
  'tests/integration/appointments/webhook-notifications.test.ts',
  // administration: services, windows and staff, hall settings
  'tests/integration/admin/services.test.ts',
  'tests/integration/admin/windows-staff.test.ts',
  'tests/integration/admin/hall-settings.test.ts',
  // supervision: the day report, its filters, month rows against day rows (totals, late ratings), alerts, 差评 follow-ups, 好差评 push and its catch-up race
  'tests/integration/reports/scripted-day-report.test.ts',
  'tests/integration/reports/aggregate-catch-up.test.ts',
  'tests/integration/reports/report-filters-exports.test.ts',
  'tests/integration/reports/month-rows.test.ts',
  'tests/integration/reports/alerts.test.ts',
  'tests/integration/reports/alert-follow-ups.test.ts',
  'tests/integration/haocha/haocha-push.test.ts',
  'tests/integration/haocha/haocha-catch-up-race.test.ts',
  // security: sessions (expiry sweep, logout, password change), booking limits counted in the store
  'tests/integration/security/sessions.test.ts',
  'tests/integration/security/booking-abuse.test.ts',
  // a stopped node's scheduled work and claimed notifications move (server processes; skipped in the sqlite project)
  'tests/integration/cluster/stopped-node.test.ts',
  // PostgreSQL only: its primary vanishing under a node (it runs on the project's cluster, not twice)
  ...ONLY_ON_POSTGRES,
];

const shared = {
  // No retries: a test that passes only on a second try is a broken test. Tests wait for the
  // condition they assert (tests/helpers/wait-for.ts), each wait with its own deadline that names
  // what was awaited; these limits only stop a test that hangs. They are sized for a loaded
  // machine (the suite beside `npm run bench` on 2 cores), where a browser or child-process test
  // takes several times as long as on a quiet one, so no test carries a timeout of its own below them.
  testTimeout: 120_000,
  hookTimeout: 120_000,
  retry: 0,
  // expect.poll gives up after 1 s by default: far too short for a busy machine
  expect: { poll: { timeout: DEADLINE_MS } },
  // Test files run in parallel workers; each uses its own temp SQLite file (or database) and port 0.
  pool: 'forks' as const,
  // A worker runs file after file in one process: a fresh process per file loaded the server's
  // modules (and Chromium's driver) again each time, 1–3 s of CPU a file, a fifth of the suite's
  // time on a 2-core machine. Files share no state but the modules' own: no test mocks a module,
  // stubs a global or fakes the timers, and every file closes the servers, browsers and
  // processes it starts.
  isolate: false,
};

export default defineConfig({
  test: {
    maxWorkers: 2,
    sequence: { sequencer: LongFirstSequencer },
    projects: [
      {
        test: {
          ...shared,
          name: 'sqlite',
          include: ['tests/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...ONLY_ON_POSTGRES],
          globalSetup: ['tests/helpers/global-setup.ts'],
        },
      },
      {
        test: {
          ...shared,
          name: 'postgres',
          include: ON_POSTGRES_TOO,
          env: { HALLQ_TEST_STORE: 'postgres' },
          globalSetup: ['tests/helpers/global-setup-postgres.ts'],
        },
      },
    ],
  },
});
